"""Tasks as rows for people: one row per task and assignee, with effective values.

A row's ``due`` is the effective due date (the analyst's correction, else the
machine date, a resolved relative term, a period's end); for a recurring task
it is the next occurrence on or after ``today``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from registry import agencies
from registry.lifecycle import Effective, effective, get_task
from registry.models import STATUSES, Assignee, AuditEntry, Document, Obligation
from registry.schedule import is_overdue, next_occurrence, occurrences


@dataclass(frozen=True)
class TaskRow:
    task_id: int
    obligation_key: str
    agency: str
    role: str
    action: str
    section: str
    modality: str
    deadline_kind: str | None
    due: dt.date | None
    time: str | None
    rrule: str | None
    deadline_raw: str | None
    series_start: dt.date | None        # DTSTART of a recurring task: the document's issue date
    status: str
    overdue: bool
    document_id: str
    document_number: str | None
    document_date: dt.date | None
    subject: str | None
    corrected: tuple[str, ...]


def tasks(session: Session, assignee: str | None = None, due_within: dt.timedelta | None = None,
          overdue: bool | None = None, status: str | Iterable[str] | None = None, today: dt.date | None = None,
          document: str | None = None, include_removed: bool = False) -> list[TaskRow]:
    """Task rows, soonest due first (no due date last).

    ``assignee``: words of an agency's name or of any alias it was printed as
    ("UBND tỉnh", "Ninh Thuận"); ``due_within``: due from ``today`` to
    ``today + due_within``; ``overdue``: past due and still open or in
    progress (False: not overdue); ``status``: one or several statuses;
    ``document``: a record id or a number symbol ("4554/UBND-VXNV")."""
    today = today or dt.date.today()
    query = _query(status, document, include_removed)
    wanted = set(session.scalars(agencies.matching(assignee))) if assignee else None
    if wanted is not None and not wanted:
        return []
    rows = []
    for task in session.scalars(query):
        view = effective(task)
        due = _due(task, view, today)
        late = is_overdue(due, view.kind, task.status, today)
        if overdue is not None and late != overdue:
            continue
        if due_within is not None and (due is None or not today <= due <= today + due_within):
            continue
        people = [p for p in view.assignees if wanted is None or p[2] in wanted]
        if wanted is not None and not people:
            continue
        rows += [_row(task, view, name, role, due, late) for name, role, _ in people or [("", "", None)]]
    return sorted(rows, key=lambda r: (r.due is None, r.due or dt.date.min, r.task_id, r.role != "lead"))


def _query(status, document: str | None, include_removed: bool):
    query = (select(Obligation).join(Obligation.document)
             .options(joinedload(Obligation.document), selectinload(Obligation.deadline),
                      selectinload(Obligation.corrections),
                      selectinload(Obligation.assignees).joinedload(Assignee.agency)))
    if status is not None:
        statuses = [status] if isinstance(status, str) else list(status)
        unknown = [s for s in statuses if s not in STATUSES]
        if unknown:
            raise ValueError(f"unknown status {', '.join(unknown)}: use {', '.join(STATUSES)}")
        query = query.where(Obligation.status.in_(statuses))
    if document:
        query = query.where((Document.id == document) | (Document.number_symbol == document))
    if not include_removed:
        query = query.where(Obligation.removed_at.is_(None))
    return query.order_by(Document.issued, Obligation.document_id, Obligation.position)


def series_start(task: Obligation) -> dt.date:
    """DTSTART of a recurring task: the issue date, else the received date, else the ingest day."""
    doc = task.document
    return doc.issued or doc.received or doc.ingested_at.date()


def _due(task: Obligation, view: Effective, today: dt.date) -> dt.date | None:
    if view.kind == "recurring" and view.rrule and "due" not in view.corrected:
        return next_occurrence(view.rrule, series_start(task), today)
    return view.due


def _row(task: Obligation, view: Effective, agency: str, role: str, due, late: bool) -> TaskRow:
    doc = task.document
    return TaskRow(task_id=task.id, obligation_key=task.obligation_key, agency=agency, role=role,
                   action=view.action, section=view.section, modality=view.modality, deadline_kind=view.kind,
                   due=due, time=view.time, rrule=view.rrule if view.kind == "recurring" else None,
                   deadline_raw=view.raw, series_start=series_start(task) if view.kind == "recurring" else None,
                   status=task.status, overdue=late, document_id=doc.id, document_number=doc.number_symbol,
                   document_date=doc.issued, subject=doc.subject, corrected=view.corrected)


def task_occurrences(session: Session, ref: int | str, start: dt.date, end: dt.date) -> list[dt.date]:
    """The due days of a recurring task from ``start`` to ``end``; the one due day of any other."""
    task = get_task(session, ref)
    view = effective(task)
    if view.kind == "recurring" and view.rrule:
        return occurrences(view.rrule, series_start(task), start, end)
    return [view.due] if view.due and start <= view.due <= end else []


def history(session: Session, ref: int | str) -> list[AuditEntry]:
    """Every audited change of a task, oldest first."""
    task = get_task(session, ref)
    query = (select(AuditEntry).where(AuditEntry.table_name == "obligations", AuditEntry.row_id == str(task.id))
             .order_by(AuditEntry.at, AuditEntry.id))
    return list(session.scalars(query))
