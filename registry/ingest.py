"""One record into the registry, idempotently.

The same letter with the same extraction (same ``content_hash``) adds and
changes nothing. A letter extracted again by a better extractor gets its
machine fields updated and audited, obligation by obligation; an analyst's
corrections and statuses are never touched. Obligations are matched by the
record's obligation id, then (when an extractor change altered the action
text, hence the id) by section and assignees; one the extractor no longer
finds is marked removed, not deleted, so the analyst's work on it stays.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from importlib import metadata

from sqlalchemy.orm import Session

from registry import agencies
from registry.lifecycle import audit, latest_corrections
from registry.models import Agency, Assignee, Deadline, Document, Obligation, utcnow
from registry.schedule import resolve_relative
from schemas import Record
from schemas.record import Deadline as RecordDeadline
from schemas.record import Obligation as RecordObligation

DOCUMENT_FIELDS = ("content_hash", "extractor_version", "received", "issued", "number_symbol", "doc_type",
                   "subject", "issuer_id")
# Machine field of an obligation → the correctable field that overrides it.
OVERRIDDEN_BY = {"section": "section", "action": "action", "modality": "modality", "deliver_to": "deliver_to",
                 "assignees": "assignees", "deadline": "due", "deadline.kind": "kind", "deadline.due": "due",
                 "deadline.time": "time", "deadline.rrule": "rrule"}
LOCATORS = ("span_start", "span_end", "position")     # updated silently: they move whenever text above does


@dataclass
class IngestReport:
    """What one ingest did to a document and its obligations (record obligation ids)."""

    document_id: str
    outcome: str = "unchanged"                  # added | updated | unchanged
    added: list[str] = field(default_factory=list)
    updated: dict[str, list[str]] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    corrections_kept: list[tuple[int, str]] = field(default_factory=list)   # (task id, field)


def extractor_version() -> str:
    """The version of the congvan extractor that made the records."""
    try:
        return metadata.version("congvan")
    except metadata.PackageNotFoundError:
        return "unknown"


def content_hash(record: Record, received: dt.date | None) -> str:
    """sha256 of what the extractor made of the letter (where the file lay is left out)."""
    data = record.model_dump(mode="json")
    data["source"].pop("path", None)
    data["received"] = received.isoformat() if received else None
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def ingest_record(session: Session, record: Record, source_path: str | None = None,
                  received: dt.date | None = None, *, who: str = "ingest", version: str | None = None,
                  at: dt.datetime | None = None) -> IngestReport:
    """Add or update one letter in the session's transaction (the caller commits).

    ``received`` resolves deadlines counted from receipt; when None, a received
    date stored by an earlier ingest is kept."""
    doc = session.get(Document, record.id)
    if received is None and doc is not None:
        received = doc.received
    digest = content_hash(record, received)
    if doc is not None and doc.content_hash == digest:
        live = [task.obligation_key for task in doc.obligations if task.removed_at is None]
        return IngestReport(record.id, unchanged=live)
    at, version = at or utcnow(), version or extractor_version()
    who = f"{who} (extractor {version})"
    names = [a.name for item in record.obligations for a in item.assignees]
    if record.issuer is not None:
        names.append(record.issuer.name)
    found = agencies.resolve(session, names, agencies.issuer_places(record))
    issuer = _issuer(record, found)
    values = _document_values(record, received, digest, version, issuer)
    if doc is None:
        doc = Document(id=record.id, source_path=source_path or record.source.path, ingested_at=at,
                       updated_at=at, issuer=issuer, obligations=[], **values)
        session.add(doc)
        report = IngestReport(record.id, "added")
        audit(session, who, "documents", record.id, None, None, record.number_symbol or record.source.path, at)
    else:
        report = IngestReport(record.id, "updated")
        _update_document(session, doc, values, issuer, who, at)
    _sync_obligations(session, doc, record, found, received, report, who, at)
    session.flush()
    return report


def _issuer(record: Record, found: dict[str, Agency]) -> Agency | None:
    agency = found.get(record.issuer.name) if record.issuer else None
    if agency is not None:
        agencies.add_alias(agency, record.issuer.raw)
    return agency


def _issued(record: Record) -> dt.date | None:
    return dt.date.fromisoformat(record.issued.iso) if record.issued and record.issued.iso else None


def _document_values(record: Record, received, digest: str, version: str, issuer: Agency | None) -> dict:
    return {"content_hash": digest, "record": record.model_dump(mode="json"), "received": received,
            "issued": _issued(record), "number_symbol": record.number_symbol, "doc_type": record.doc_type,
            "subject": record.subject, "extractor_version": version}


def _update_document(session: Session, doc: Document, values: dict, issuer: Agency | None, who: str,
                     at: dt.datetime) -> None:
    if issuer is not None and issuer.id is None:
        session.flush()
    values = {**values, "issuer_id": issuer.id if issuer else None}
    for name in DOCUMENT_FIELDS:
        old = getattr(doc, name)
        if old != values[name]:
            audit(session, who, "documents", doc.id, name, old, values[name], at)
    for name, value in values.items():
        setattr(doc, name, value)
    doc.issuer, doc.updated_at = issuer, at


def _unique(record: Record) -> list[RecordObligation]:
    """The record's obligations, each id once (the first one kept)."""
    seen: dict[str, RecordObligation] = {}
    for item in record.obligations:
        seen.setdefault(item.id, item)
    return list(seen.values())


def _sync_obligations(session: Session, doc: Document, record: Record, found: dict[str, Agency],
                      received: dt.date | None, report: IngestReport, who: str, at: dt.datetime) -> None:
    incoming = _unique(record)
    pairs = _match(doc.obligations, incoming, found)
    created: list[Obligation] = []
    issued = _issued(record)
    for position, item in enumerate(incoming):
        machine = _machine_values(item, position)
        deadline = _deadline_values(item.deadline, issued, received)
        people = _assignee_rows(item, found)
        task = pairs.get(item.id)
        if task is None:
            task = Obligation(obligation_key=item.id, status="open", created_at=at, updated_at=at,
                              deadline=Deadline(**deadline) if deadline else None, **machine,
                              assignees=[Assignee(agency=a, role=r, name=n, position=i)
                                         for i, (a, r, n) in enumerate(people)])
            doc.obligations.append(task)
            created.append(task)
            report.added.append(item.id)
            continue
        changed = _apply(session, task, item.id, machine, deadline, people, who, at)
        if changed:
            task.updated_at = at
            report.updated[item.id] = changed
            fixed = latest_corrections(task)
            report.corrections_kept += [(task.id, OVERRIDDEN_BY[c]) for c in changed
                                        if OVERRIDDEN_BY.get(c) in fixed]
        else:
            report.unchanged.append(item.id)
    _mark_removed(session, doc, set(pairs.values()), created, report, who, at)
    session.flush()
    for task in created:
        audit(session, who, "obligations", task.id, None, None, task.obligation_key, at)


def _mark_removed(session: Session, doc: Document, kept: set, created: list, report: IngestReport, who: str,
                  at: dt.datetime) -> None:
    for task in doc.obligations:
        if task in kept or task in created or task.removed_at is not None:
            continue
        task.removed_at = task.updated_at = at
        report.removed.append(task.obligation_key)
        audit(session, who, "obligations", task.id, "removed_at", None, at.isoformat(), at)


def _match(existing: list[Obligation], incoming: list[RecordObligation],
           found: dict[str, Agency]) -> dict[str, Obligation]:
    """Record obligation id → the stored obligation it continues: same id, else the only
    one left with the same section and assignees."""
    by_key = {task.obligation_key: task for task in existing}
    pairs = {item.id: by_key[item.id] for item in incoming if item.id in by_key}
    used = set(map(id, pairs.values()))
    old = [task for task in existing if id(task) not in used]
    new = [item for item in incoming if item.id not in pairs]
    old_sig = _by_signature(old, lambda t: (t.section, frozenset((a.agency.key, a.role) for a in t.assignees)))
    new_sig = _by_signature(new, lambda i: (i.section, frozenset(
        (found[a.name].key, a.role) for a in i.assignees if a.name in found)))
    for signature, items in new_sig.items():
        if len(items) == 1 and len(old_sig.get(signature, ())) == 1:
            pairs[items[0].id] = old_sig[signature][0]
    return pairs


def _by_signature(items, signature) -> dict:
    groups: dict = {}
    for item in items:
        groups.setdefault(signature(item), []).append(item)
    return groups


def _machine_values(item: RecordObligation, position: int) -> dict:
    start, end = item.span if item.span else (None, None)
    return {"section": item.section, "action": item.action, "modality": item.modality,
            "deliver_to": list(item.deliver_to), "confidence": item.confidence, "span_start": start,
            "span_end": end, "position": position}


def _deadline_values(deadline: RecordDeadline | None, issued: dt.date | None, received: dt.date | None) -> dict | None:
    """The deadline's columns; a relative term is resolved here when its anchor day is known."""
    if deadline is None:
        return None
    relative, period = deadline.relative, deadline.period
    due = deadline.due
    if due is None and relative is not None:
        due = resolve_relative(relative.amount, relative.unit, relative.anchor, issued, received)
    return {"kind": deadline.kind, "raw": deadline.raw, "qualifier": deadline.qualifier, "due": due,
            "time": deadline.time, "period_start": period.start if period else None,
            "period_end": period.end if period else None,
            "relative_amount": relative.amount if relative else None,
            "relative_unit": relative.unit if relative else None,
            "relative_anchor": relative.anchor if relative else None,
            "rrule": deadline.rrule, "reference": deadline.reference,
            "due_resolved": relative is not None and due is not None}


def _assignee_rows(item: RecordObligation, found: dict[str, Agency]) -> list[tuple[Agency, str, str]]:
    """(agency, role, name as given), each agency and role once."""
    rows, seen = [], set()
    for person in item.assignees:
        agency = found.get(person.name)
        if agency is not None and (agency.key, person.role) not in seen:
            seen.add((agency.key, person.role))
            rows.append((agency, person.role, person.name))
    return rows


def _apply(session: Session, task: Obligation, key: str, machine: dict, deadline: dict | None,
           people: list, who: str, at: dt.datetime) -> list[str]:
    """Write the new machine values over a stored obligation; the names of the fields that changed."""
    changed = []
    if task.removed_at is not None:
        audit(session, who, "obligations", task.id, "removed_at", task.removed_at.isoformat(), None, at)
        task.removed_at = None
        changed.append("restored")
    for name, value in {**machine, "obligation_key": key}.items():
        old = getattr(task, name)
        if old != value and name not in LOCATORS:
            audit(session, who, "obligations", task.id, name, old, value, at)
            changed.append(name)
        setattr(task, name, value)
    changed += _apply_deadline(session, task, deadline, who, at)
    changed += _apply_assignees(session, task, people, who, at)
    return changed


def _apply_deadline(session: Session, task: Obligation, values: dict | None, who: str, at: dt.datetime) -> list[str]:
    current = task.deadline
    if values is None or current is None:
        if values is None and current is None:
            return []
        audit(session, who, "obligations", task.id, "deadline", current.raw if current else None,
              values["raw"] if values else None, at)
        task.deadline = Deadline(**values) if values else None
        return ["deadline"]
    changed = []
    for name, value in values.items():
        if getattr(current, name) != value:
            audit(session, who, "obligations", task.id, f"deadline.{name}", getattr(current, name), value, at)
            setattr(current, name, value)
            changed.append(f"deadline.{name}")
    return changed


def _apply_assignees(session: Session, task: Obligation, people: list, who: str, at: dt.datetime) -> list[str]:
    """Keep the rows of agencies still named, drop the others, add the new ones."""
    old = [(a.agency.key, a.role) for a in task.assignees]
    old_names = _names(task.assignees)
    by_pair = {(a.agency.key, a.role): a for a in task.assignees}
    task.assignees = [by_pair.get((agency.key, role)) or Assignee(agency=agency, role=role, name=name)
                      for agency, role, name in people]
    for position, (row, (_, _, name)) in enumerate(zip(task.assignees, people)):
        row.position, row.name = position, name
    if old == [(agency.key, role) for agency, role, _ in people]:
        return []
    audit(session, who, "obligations", task.id, "assignees", old_names, _names(task.assignees), at)
    return ["assignees"]


def _names(rows: list[Assignee]) -> list[str]:
    return [f"{row.agency.name} ({row.role})" for row in rows]
