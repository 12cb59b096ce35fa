"""Task rows out: CSV (UTF-8 with a byte-order mark, so Excel shows Vietnamese right),
XLSX (openpyxl) and iCalendar (RFC 5545, with the ``icalendar`` package).

The calendar has one VEVENT per task that has a due date: an all-day event,
or a timed one when the deadline gives the hour (Vietnam time, UTC+7); a
recurring task is one VEVENT with its RRULE, starting at its first
occurrence on or after the document's issue date.
"""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from pathlib import Path
from typing import Iterable
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vRecur
from openpyxl import Workbook
from openpyxl.styles import Font

from registry.queries import TaskRow
from registry.schedule import next_occurrence

COLUMNS = [f.name for f in dataclasses.fields(TaskRow)]
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
PRODID = "-//congvan//task registry//VI"
SUMMARY_CHARS = 120


def _cell(value):
    if isinstance(value, tuple):
        return ",".join(value)
    if isinstance(value, bool):
        return "yes" if value else ""
    return value


def write_csv(rows: Iterable[TaskRow], path: Path | str) -> int:
    """One line per row under a header of ``COLUMNS``; returns the number of rows."""
    count = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([_cell(getattr(row, name)) for name in COLUMNS])
            count += 1
    return count


def write_xlsx(rows: Iterable[TaskRow], path: Path | str) -> int:
    """A workbook with one sheet "tasks": header in bold, frozen, filterable; dates as dates."""
    book = Workbook()
    sheet = book.active
    sheet.title = "tasks"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    count = 0
    for row in rows:
        sheet.append([_cell(getattr(row, name)) for name in COLUMNS])
        count += 1
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for letter, width in (("A", 8), ("C", 40), ("E", 80), ("I", 12), ("Q", 18)):
        sheet.column_dimensions[letter].width = width
    book.save(path)
    return count


def calendar(rows: Iterable[TaskRow], stamp: dt.datetime | None = None) -> Calendar:
    """The iCalendar of the tasks among ``rows`` that have a due date or a recurrence."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    stamp = stamp or dt.datetime.now(dt.UTC)
    for task_rows in _by_task(rows).values():
        event = _event(task_rows, stamp)
        if event is not None:
            cal.add_component(event)
    return cal


def write_ics(rows: Iterable[TaskRow], path: Path | str) -> int:
    """Write the calendar; returns the number of events."""
    cal = calendar(rows)
    Path(path).write_bytes(cal.to_ical())
    return len(cal.subcomponents)


def _by_task(rows: Iterable[TaskRow]) -> dict[int, list[TaskRow]]:
    groups: dict[int, list[TaskRow]] = {}
    for row in rows:
        groups.setdefault(row.task_id, []).append(row)
    return groups


def _event(rows: list[TaskRow], stamp: dt.datetime) -> Event | None:
    first = rows[0]
    day = first.due
    if first.rrule and first.series_start:
        day = next_occurrence(first.rrule, first.series_start, first.series_start)
    if day is None:
        return None
    event = Event()
    event.add("uid", f"task-{first.task_id}-{first.obligation_key}@congvan")
    event.add("dtstamp", stamp)
    event.add("summary", _summary(first))
    event.add("description", _description(rows))
    start, end = _span(day, first.time)
    event.add("dtstart", start)
    event.add("dtend", end)
    if first.rrule:
        event.add("rrule", vRecur.from_ical(first.rrule))
    event.add("status", "CANCELLED" if first.status == "cancelled" else "CONFIRMED")
    event.add("categories", [first.status])
    return event


def _span(day: dt.date, time: str | None) -> tuple[dt.date | dt.datetime, dt.date | dt.datetime]:
    """All day, or the hour given in Vietnam time (written in UTC) for half an hour."""
    if not time:
        return day, day + dt.timedelta(days=1)
    hour, minute = map(int, time.split(":"))
    start = dt.datetime.combine(day, dt.time(hour, minute), VIETNAM).astimezone(dt.UTC)
    return start, start + dt.timedelta(minutes=30)


def _summary(row: TaskRow) -> str:
    action = row.action if len(row.action) <= SUMMARY_CHARS else row.action[:SUMMARY_CHARS - 1].rstrip() + "…"
    return f"[{row.document_number or 'congvan'}] {action}"


def _description(rows: list[TaskRow]) -> str:
    first = rows[0]
    people = "; ".join(f"{r.agency} ({r.role})" for r in rows if r.agency)
    lines = [first.action, "", f"Assignees: {people}", f"Deadline: {first.deadline_raw or first.due}",
             f"Document: {first.document_number or ''} {first.document_date or ''} {first.subject or ''}".rstrip(),
             f"Status: {first.status}  Task: {first.task_id}"]
    return "\n".join(lines)


def export(rows: Iterable[TaskRow], path: Path | str, fmt: str | None = None) -> int:
    """Write rows as ``fmt`` (csv, xlsx or ics; by default from the file's suffix)."""
    fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
    writers = {"csv": write_csv, "xlsx": write_xlsx, "ics": write_ics}
    if fmt not in writers:
        raise ValueError(f"cannot export to {fmt or 'a file without suffix'!r}: use .csv, .xlsx or .ics")
    return writers[fmt](rows, path)
