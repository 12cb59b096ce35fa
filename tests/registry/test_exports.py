"""registry.exports: CSV that parses back, XLSX that openpyxl opens, ICS a calendar app reads."""
from __future__ import annotations

import csv
import datetime as dt

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from registry import correct, export, get_task, ingest_record, set_status, tasks
from registry.exports import COLUMNS
from tests.registry.letters import date_deadline, day, obligation, record

TODAY = dt.date(2024, 3, 1)


@pytest.fixture
def rows(session):
    letter = record("export", [
        obligation("1", "Gửi báo cáo; số liệu, biểu mẫu", [("UBND tỉnh", "lead"), ("Sở Tài chính", "support")],
                   date_deadline("2024-03-25", time="16:00")),
        obligation("2", "Báo cáo tiến độ", [("Sở Y tế", "lead")],
                   {"kind": "recurring", "raw": "trước ngày 15 hằng tháng", "rrule": "FREQ=MONTHLY;BYMONTHDAY=15"}),
        obligation("3", "Theo dõi, đôn đốc", [("Sở Nội vụ", "lead")]),
        obligation("4", "Tổng kết", [("Sở Nội vụ", "lead")], date_deadline("2024-12-20")),
    ], issued="2024-03-20", number_symbol="845/UBND-VX")
    ingest_record(session, letter, "export.txt")
    set_status(session, get_task(session, letter.obligations[3].id).id, "cancelled", who="hoa")
    correct(session, get_task(session, letter.obligations[3].id).id, "due", "2024-12-30", who="hoa")
    session.commit()
    return tasks(session, today=TODAY)


def test_csv_parses_back_to_the_rows(rows, tmp_path):
    path = tmp_path / "tasks.csv"
    assert export(rows, path) == len(rows) == 5
    with path.open(encoding="utf-8-sig", newline="") as handle:
        parsed = list(csv.DictReader(handle))
    assert list(parsed[0]) == COLUMNS
    first = parsed[0]
    assert (first["agency"], first["role"], first["due"], first["time"], first["document_number"]) == (
        "Ủy ban nhân dân tỉnh Ninh Thuận", "lead", "2024-03-25", "16:00", "845/UBND-VX")
    assert first["action"] == "Gửi báo cáo; số liệu, biểu mẫu"
    assert [p["task_id"] for p in parsed] == [str(r.task_id) for r in rows]
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")        # Excel reads it as UTF-8


def test_xlsx_opens_with_dates_as_dates(rows, tmp_path):
    path = tmp_path / "tasks.xlsx"
    assert export(rows, path) == 5
    sheet = load_workbook(path)["tasks"]
    values = list(sheet.values)
    assert list(values[0]) == COLUMNS and len(values) == 6
    due = values[1][COLUMNS.index("due")]
    assert isinstance(due, dt.datetime) and due.date() == day("2024-03-25")
    assert values[1][COLUMNS.index("agency")] == "Ủy ban nhân dân tỉnh Ninh Thuận"
    assert sheet.freeze_panes == "A2"


def test_ics_has_one_event_per_due_date_and_rrules(rows, tmp_path):
    path = tmp_path / "tasks.ics"
    assert export(rows, path) == 3                   # the task without a deadline has no event
    raw = path.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.rstrip().endswith(b"END:VCALENDAR")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    events = {str(e["uid"]).split("-")[1]: e for e in Calendar.from_ical(raw).walk("VEVENT")}
    first, second, third, fourth = sorted({r.task_id for r in rows})       # the letter's order
    assert str(third) not in events
    dated, repeating, cancelled = events[str(first)], events[str(second)], events[str(fourth)]
    # 16:00 in Vietnam is 09:00 UTC.
    assert dated.decoded("dtstart") == dt.datetime(2024, 3, 25, 9, 0, tzinfo=dt.UTC)
    assert "Ủy ban nhân dân tỉnh Ninh Thuận (lead)" in str(dated["description"])
    assert repeating.decoded("dtstart") == day("2024-04-15")         # first 15th after 20 March
    assert repeating["rrule"].to_ical() == b"FREQ=MONTHLY;BYMONTHDAY=15"
    assert b"RRULE:FREQ=MONTHLY;BYMONTHDAY=15\r\n" in raw
    assert cancelled.decoded("dtstart") == day("2024-12-30") and str(cancelled["status"]) == "CANCELLED"


def test_unknown_export_format_is_refused(rows, tmp_path):
    with pytest.raises(ValueError, match="use .csv, .xlsx or .ics"):
        export(rows, tmp_path / "tasks.pdf")
