"""registry.lifecycle and schedule: status transitions with their audit, corrections, overdue,
recurring occurrences."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from registry import (TransitionError, correct, get_task, history, ingest_record, occurrences, set_status,
                      task_occurrences, tasks)
from registry.lifecycle import TRANSITIONS
from registry.models import STATUSES, AuditEntry
from tests.registry.letters import date_deadline, day, obligation, record

TODAY = dt.date(2024, 3, 1)


def recurring(rule: str, raw: str = "trước ngày 15 hằng tháng") -> dict:
    return {"kind": "recurring", "raw": raw, "rrule": rule}


def letter():
    return record("tasks", [
        obligation("1", "Gửi báo cáo quý", [("Sở Tài chính", "lead")], date_deadline("2024-02-15")),
        obligation("2", "Cập nhật số liệu", [("Sở Nội vụ", "lead")], date_deadline("2024-03-05")),
        obligation("3", "Báo cáo tiến độ", [("Sở Y tế", "lead")], recurring("FREQ=MONTHLY;BYMONTHDAY=15")),
        obligation("4", "Theo dõi, đôn đốc", [("Văn phòng Ủy ban nhân dân tỉnh", "lead")]),
    ], issued="2024-01-20")


@pytest.fixture
def ids(session):
    ingest_record(session, letter(), "tasks.txt")
    session.commit()
    return [get_task(session, item.id).id for item in letter().obligations]


ALLOWED = [(a, b) for a, targets in TRANSITIONS.items() for b in targets]
FORBIDDEN = [(a, b) for a in STATUSES for b in STATUSES if a != b and (a, b) not in ALLOWED]


def walk_to(session, task_id: int, status: str) -> None:
    path = {"open": [], "in_progress": ["in_progress"], "done": ["in_progress", "done"], "cancelled": ["cancelled"]}
    for step in path[status]:
        set_status(session, task_id, step, who="setup")


@pytest.mark.parametrize("start, target", ALLOWED)
def test_allowed_transitions_are_made_and_audited(session, ids, start, target):
    walk_to(session, ids[0], start)
    set_status(session, ids[0], target, who="hoa")
    session.commit()
    assert get_task(session, ids[0]).status == target
    last = history(session, ids[0])[-1]
    assert (last.who, last.field, last.old, last.new) == ("hoa", "status", f'"{start}"', f'"{target}"')


@pytest.mark.parametrize("start, target", FORBIDDEN)
def test_forbidden_transitions_are_refused(session, ids, start, target):
    walk_to(session, ids[0], start)
    audited = len(history(session, ids[0]))
    with pytest.raises(TransitionError, match=f"is {start}: it can go to"):
        set_status(session, ids[0], target, who="hoa")
    assert get_task(session, ids[0]).status == start and len(history(session, ids[0])) == audited


def test_the_lifecycle_chain_and_unknown_statuses(session, ids):
    assert set(FORBIDDEN) >= {("open", "done"), ("done", "cancelled"), ("cancelled", "done")}
    with pytest.raises(ValueError, match="unknown status 'closed'"):
        set_status(session, ids[0], "closed", who="hoa")
    with pytest.raises(LookupError, match="no task"):
        set_status(session, 999_999, "done", who="hoa")


def test_overdue_from_the_effective_deadline(session, ids):
    assert {r.task_id for r in tasks(session, overdue=True, today=TODAY)} == {ids[0]}
    assert {r.task_id for r in tasks(session, overdue=True, today=day("2024-03-06"))} == {ids[0], ids[1]}
    correct(session, ids[0], "due", "2024-03-10", who="hoa")
    assert {r.task_id for r in tasks(session, overdue=True, today=TODAY)} == set()
    set_status(session, ids[1], "in_progress", who="hoa")
    assert {r.task_id for r in tasks(session, overdue=True, today=day("2024-03-06"))} == {ids[1]}
    set_status(session, ids[1], "done", who="hoa")
    assert {r.task_id for r in tasks(session, overdue=True, today=day("2024-03-06"))} == set()
    assert ids[2] not in {r.task_id for r in tasks(session, overdue=True, today=day("2030-01-01"))}


def test_due_within_and_status_filters(session, ids):
    soon = {r.task_id for r in tasks(session, due_within=dt.timedelta(days=7), today=TODAY)}
    assert soon == {ids[1]}                                              # 5 March; the 15th is 14 days off
    assert {r.task_id for r in tasks(session, due_within=dt.timedelta(days=14), today=TODAY)} == {ids[1], ids[2]}
    set_status(session, ids[3], "cancelled", who="hoa")
    assert [r.task_id for r in tasks(session, status="cancelled", today=TODAY)] == [ids[3]]
    assert len(tasks(session, status=["open", "cancelled"], today=TODAY)) == 4
    with pytest.raises(ValueError, match="unknown status"):
        tasks(session, status="late")


def test_recurring_task_occurrences_start_at_the_issue_date(session, ids):
    # Issued 20 January 2024: the first "15th of the month" is 15 February.
    assert task_occurrences(session, ids[2], day("2024-01-01"), day("2024-05-31")) == [
        day("2024-02-15"), day("2024-03-15"), day("2024-04-15"), day("2024-05-15")]
    (row,) = [r for r in tasks(session, today=day("2024-03-16")) if r.task_id == ids[2]]
    assert (row.due, row.rrule, row.series_start, row.overdue) == (
        day("2024-04-15"), "FREQ=MONTHLY;BYMONTHDAY=15", day("2024-01-20"), False)
    assert task_occurrences(session, ids[0], day("2024-01-01"), day("2024-12-31")) == [day("2024-02-15")]


@pytest.mark.parametrize("rule, expected", [
    ("FREQ=MONTHLY;INTERVAL=3", ["2024-01-20", "2024-04-20", "2024-07-20", "2024-10-20"]),
    ("FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=15", ["2024-06-15", "2024-12-15"]),
    ("FREQ=WEEKLY;BYDAY=FR", ["2024-01-26", "2024-02-02"]),
    ("FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=5", ["2024-04-05", "2024-07-05", "2024-10-05"]),
])
def test_rrules_of_the_extractor_expand(rule, expected):
    end = day("2024-02-04") if "WEEKLY" in rule else day("2024-12-31")
    assert occurrences(rule, day("2024-01-20"), day("2024-01-01"), end) == [day(d) for d in expected]


def test_corrections_are_checked_and_audited(session, ids):
    for field, value, message in [("due", "15/3/2024", "YYYY-MM-DD"), ("time", "25:00", "HH:MM"),
                                  ("rrule", "EVERY MONTH", "RRULE"), ("modality", "ask", "assign, request"),
                                  ("priority", 1, "cannot be corrected"), ("action", " ", "non-empty")]:
        with pytest.raises(ValueError, match=message):
            correct(session, ids[0], field, value, who="hoa")
    correct(session, ids[0], "time", "16:00", who="hoa")
    entries = session.scalars(select(AuditEntry).where(AuditEntry.field == "time")).all()
    assert [(e.table_name, e.row_id, e.who, e.old, e.new) for e in entries] == [
        ("obligations", str(ids[0]), "hoa", None, '"16:00"')]


def test_corrected_assignees_are_found_by_their_aliases(session, ids):
    correct(session, ids[3], "assignees", [{"name": "UBND tỉnh", "role": "lead"},
                                           {"name": "Sở Nội vụ", "role": "support"}], who="hoa")
    session.commit()
    rows = tasks(session, assignee="Ủy ban nhân dân tỉnh Ninh Thuận", today=TODAY)
    assert [(r.task_id, r.agency, r.role, r.corrected) for r in rows] == [
        (ids[3], "Ủy ban nhân dân tỉnh Ninh Thuận", "lead", ("assignees",))]
    assert {r.task_id for r in tasks(session, assignee="Văn phòng", today=TODAY)} == set()


def test_a_task_is_found_by_its_record_obligation_id(session, ids):
    key = letter().obligations[1].id
    assert get_task(session, key).id == ids[1]
    assert get_task(session, str(ids[1])).obligation_key == key
