"""What analysts do to a task: move its status, correct its fields; and its effective values.

Status: open → in_progress → done, or cancelled; a done task can be reopened
(→ in_progress) and a cancelled one reinstated (→ open). Corrections are
their own layer: the effective value of a field is the latest correction of
it, else the machine value, and re-ingest never touches a correction. Every
change is written to the audit log.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any, Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry import agencies
from registry.models import STATUSES, AuditEntry, Correction, Obligation, utcnow
from registry.schedule import check_rrule
from schemas import Record
from schemas.codes import DeadlineKind, Modality, Role

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "open": ("in_progress", "cancelled"),
    "in_progress": ("done", "cancelled", "open"),
    "done": ("in_progress",),
    "cancelled": ("open",),
}


class TransitionError(ValueError):
    """A status change the lifecycle does not allow."""


@dataclass(frozen=True)
class Effective:
    """A task's values as the analyst sees them: corrections over machine values."""

    action: str
    section: str
    modality: str
    deliver_to: list[str]
    assignees: list[tuple[str, str, int | None]]     # (agency name, role, agency id)
    kind: str | None
    due: dt.date | None
    time: str | None
    rrule: str | None
    raw: str | None
    corrected: tuple[str, ...]


def audit(session: Session, who: str, table: str, row_id: Any, field: str | None, old: Any, new: Any,
          at: dt.datetime | None = None) -> None:
    """Write one change to the audit log (values as JSON text)."""
    session.add(AuditEntry(at=at or utcnow(), who=who, table_name=table, row_id=str(row_id), field=field,
                           old=_json(old), new=_json(new)))


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


def get_task(session: Session, ref: int | str) -> Obligation:
    """A task by its id ("42") or by its record obligation id (16 hex digits)."""
    text = str(ref).strip()
    if text.isdigit() and len(text) < 16:
        found = session.get(Obligation, int(text))
        if found is not None:
            return found
    elif re.fullmatch(r"[0-9a-f]{16,64}", text):
        matches = session.scalars(select(Obligation).where(Obligation.obligation_key == text)).all()
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise LookupError(f"obligation id {text} is in {len(matches)} documents: use the task number")
    raise LookupError(f"no task {text!r}: give a task number from `tasks` or a record obligation id")


def set_status(session: Session, ref: int | str, status: str, who: str, at: dt.datetime | None = None) -> Obligation:
    """Move a task to ``status`` if the lifecycle allows it, and audit the change."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
    task = get_task(session, ref)
    if task.status == status:
        return task
    if status not in TRANSITIONS[task.status]:
        allowed = ", ".join(TRANSITIONS[task.status])
        raise TransitionError(f"task {task.id} is {task.status}: it can go to {allowed}, not {status}")
    at = at or utcnow()
    audit(session, who, "obligations", task.id, "status", task.status, status, at)
    task.status, task.updated_at = status, at
    session.flush()
    return task


def correct(session: Session, ref: int | str, field: str, value: Any, who: str,
            at: dt.datetime | None = None) -> Correction:
    """Record an analyst's value for one field of a task (see ``CORRECTABLE``)."""
    if field not in CORRECTABLE:
        raise ValueError(f"field {field!r} cannot be corrected: use one of {', '.join(CORRECTABLE)}")
    task = get_task(session, ref)
    checked = CORRECTABLE[field](value)
    if field == "assignees":
        checked = _with_agencies(session, task, checked)
    at = at or utcnow()
    old = _field_value(effective(task), field)
    correction = Correction(field=field, value=checked, who=who, at=at)
    task.corrections.append(correction)
    audit(session, who, "obligations", task.id, field, old, checked, at)
    session.flush()
    return correction


def _field_value(view: Effective, field: str) -> Any:
    if field == "assignees":
        return [{"name": name, "role": role} for name, role, _ in view.assignees]
    value = getattr(view, field)
    return value.isoformat() if isinstance(value, dt.date) else value


def _with_agencies(session: Session, task: Obligation, names: list[dict]) -> list[dict]:
    """Corrected assignees tied to their agencies, found as ingest finds them (aliases kept)."""
    record = Record.model_validate(task.document.record)
    found = agencies.resolve(session, [n["name"] for n in names], agencies.issuer_places(record))
    session.flush()
    return [{"name": found[n["name"]].name, "role": n["role"], "agency_id": found[n["name"]].id}
            for n in names if n["name"] in found]


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected a non-empty text, got {value!r}")
    return " ".join(value.split())


def _section(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a section path such as '1.d', got {value!r}")
    return value.strip()


def _choice(codes) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        allowed = [c.value for c in codes]
        if value is not None and value not in allowed:
            raise ValueError(f"expected one of {', '.join(allowed)}, got {value!r}")
        return value
    return check


def _names(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"expected a list of names, got {value!r}")
    return [" ".join(v.split()) for v in value]


def _assignees(value: Any) -> list[dict]:
    items = value if isinstance(value, list) else None
    if not items or not all(isinstance(v, dict) and isinstance(v.get("name"), str) and v["name"].strip()
                            for v in items):
        raise ValueError(f"expected a list of {{'name': ..., 'role': 'lead'|'support'}}, got {value!r}")
    role = _choice(Role)
    return [{"name": " ".join(v["name"].split()), "role": role(v.get("role", "lead")) or "lead"} for v in items]


def _date(value: Any) -> str | None:
    if value is None:
        return None
    try:
        return (value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))).isoformat()
    except ValueError:
        raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def _time(value: Any) -> str | None:
    if value is not None and not (isinstance(value, str) and re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value)):
        raise ValueError(f"expected a time as HH:MM, got {value!r}")
    return value


def _rrule(value: Any) -> str | None:
    return None if value is None else check_rrule(str(value))


CORRECTABLE: dict[str, Callable[[Any], Any]] = {
    "action": _text, "section": _section, "modality": _choice(Modality), "deliver_to": _names,
    "assignees": _assignees, "kind": _choice(DeadlineKind), "due": _date, "time": _time, "rrule": _rrule,
}


def latest_corrections(task: Obligation) -> dict[str, Any]:
    """The latest corrected value of each corrected field (corrections are kept in the order made)."""
    return {correction.field: correction.value for correction in task.corrections}


def effective(task: Obligation) -> Effective:
    """The task's effective values: the latest correction of a field, else the machine value."""
    fixed = latest_corrections(task)
    machine = task.deadline
    assignees = [(a.agency.name, a.role, a.agency_id) for a in task.assignees]
    if "assignees" in fixed:
        assignees = [(a["name"], a["role"], a.get("agency_id")) for a in fixed["assignees"]]
    due = dt.date.fromisoformat(fixed["due"]) if fixed.get("due") else None
    kind = machine.kind if machine else None
    if "kind" in fixed:
        kind = fixed["kind"]
    elif "due" in fixed and due is not None and kind is None:
        kind = "date"
    return Effective(
        action=fixed.get("action", task.action), section=fixed.get("section", task.section),
        modality=fixed.get("modality", task.modality), deliver_to=fixed.get("deliver_to", task.deliver_to),
        assignees=assignees, kind=kind, due=due if "due" in fixed else (machine.due if machine else None),
        time=fixed["time"] if "time" in fixed else (machine.time if machine else None),
        rrule=fixed["rrule"] if "rrule" in fixed else (machine.rrule if machine else None),
        raw=machine.raw if machine else None, corrected=tuple(sorted(fixed)))
