"""Dates of a task: relative terms resolved, recurrences expanded, overdue judged.

A relative term ("trong 05 ngày làm việc kể từ ngày nhận được") is resolved
from its anchor, the received or the issue date, with congvan's working-day
calendar (weekends and Vietnam's public holidays, Tết included). A recurring
task's RRULE starts on the document's issue date (DTSTART), so "trước ngày
15 hằng tháng" in a letter of 20 March first falls on 15 April.
"""
from __future__ import annotations

import datetime as dt

from dateutil.rrule import rrulestr

from extractors.deadlines import resolve_term

ACTIVE = ("open", "in_progress")


def anchor_date(anchor: str | None, issued: dt.date | None, received: dt.date | None) -> dt.date | None:
    """The day a relative term counts from, when the registry knows it."""
    return {"receipt": received, "issue": issued}.get(anchor or "")


def resolve_relative(amount: int, unit: str, anchor: str | None, issued: dt.date | None,
                     received: dt.date | None) -> dt.date | None:
    """The due date of a relative term, None while its anchor day is unknown."""
    start = anchor_date(anchor, issued, received)
    return resolve_term(amount, unit, start) if start is not None else None


def _rule(rrule: str, dtstart: dt.date):
    text = rrule.removeprefix("RRULE:")
    return rrulestr(text, dtstart=dt.datetime.combine(dtstart, dt.time()))


def check_rrule(rrule: str) -> str:
    """The RRULE if dateutil can read it; ValueError saying what is wrong otherwise."""
    try:
        _rule(rrule, dt.date(2000, 1, 1))
    except (ValueError, TypeError) as error:
        raise ValueError(f"not an RFC 5545 RRULE: {rrule!r} ({error})") from None
    return rrule.removeprefix("RRULE:")


def occurrences(rrule: str, dtstart: dt.date, start: dt.date, end: dt.date) -> list[dt.date]:
    """The days of the recurrence from ``start`` to ``end`` (both included)."""
    rule = _rule(rrule, dtstart)
    between = rule.between(dt.datetime.combine(start, dt.time()), dt.datetime.combine(end, dt.time()), inc=True)
    return [day.date() for day in between]


def next_occurrence(rrule: str, dtstart: dt.date, on_or_after: dt.date) -> dt.date | None:
    """The first day of the recurrence on or after a day; None when it has ended or cannot be read."""
    try:
        found = _rule(rrule, dtstart).after(dt.datetime.combine(on_or_after, dt.time()), inc=True)
    except (ValueError, TypeError):
        return None
    return found.date() if found else None


def is_overdue(due: dt.date | None, kind: str | None, status: str, today: dt.date) -> bool:
    """Past its due date and still open or in progress; a recurring task is never overdue as a
    whole (its next occurrence is what is due)."""
    return status in ACTIVE and kind != "recurring" and due is not None and due < today
