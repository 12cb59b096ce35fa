"""The registry's tables as typed SQLAlchemy 2 ORM classes.

Machine fields (what the extractor found) and an analyst's work live apart:
``Obligation`` and ``Deadline`` hold the machine values and are rewritten on
re-ingest; ``Correction`` rows are the analyst's layer and are never touched
by ingest; ``status`` is the analyst's lifecycle field. ``AuditEntry`` records
every change of either. The first Alembic migration creates exactly these
tables (a test compares the two).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (JSON, CheckConstraint, DateTime, ForeignKey, Index, MetaData, String, Text, TypeDecorator,
                        UniqueConstraint)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names, so later migrations can refer to them on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
STATUSES = ("open", "in_progress", "done", "cancelled")
ROLES = ("lead", "support")
JSONValue = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator):
    """An aware UTC datetime on every backend (SQLite keeps no zone: stored as naive UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: give the registry aware datetimes (UTC)")
        value = value.astimezone(dt.UTC)
        return value if dialect.name == "postgresql" else value.replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dt.datetime: UTCDateTime(), dict[str, Any]: JSONValue, list[Any]: JSONValue,
                           str: Text()}


class Agency(Base):
    """An agency under its canonical name; ``key`` is the folded, abbreviation-expanded name."""

    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    key: Mapped[str] = mapped_column(unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    aliases: Mapped[list[AgencyAlias]] = relationship(back_populates="agency", cascade="all, delete-orphan",
                                                      order_by="AgencyAlias.id")


class AgencyAlias(Base):
    """A name of an agency as a letter gave it ("UBND tỉnh", "ỦY BAN NHÂN DÂN TỈNH NINH THUẬN")."""

    __tablename__ = "agency_aliases"
    __table_args__ = (UniqueConstraint("agency_id", "alias"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str]
    key: Mapped[str] = mapped_column(index=True)
    agency: Mapped[Agency] = relationship(back_populates="aliases")


class Document(Base):
    """One letter: ``id`` is the record id (sha256 of the source bytes); ``content_hash`` is the
    sha256 of what the extractor made of it, so a better extractor shows as a new hash."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    record: Mapped[dict[str, Any]]
    source_path: Mapped[str]
    received: Mapped[dt.date | None]
    issued: Mapped[dt.date | None] = mapped_column(index=True)
    number_symbol: Mapped[str | None]
    doc_type: Mapped[str | None] = mapped_column(String(32))
    subject: Mapped[str | None]
    issuer_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    extractor_version: Mapped[str] = mapped_column(String(64))
    ingested_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    issuer: Mapped[Agency | None] = relationship()
    obligations: Mapped[list[Obligation]] = relationship(back_populates="document", cascade="all, delete-orphan",
                                                         order_by="Obligation.position")


class Obligation(Base):
    """A task of a letter; ``id`` is the task id analysts use, ``obligation_key`` the record's
    ``Obligation.id``. ``removed_at`` is set when a re-extraction no longer finds it: the row,
    its status and its corrections are kept."""

    __tablename__ = "obligations"
    __table_args__ = (UniqueConstraint("document_id", "obligation_key"),
                      CheckConstraint(f"status IN {STATUSES!r}", name="status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    obligation_key: Mapped[str] = mapped_column(String(64), index=True)
    position: Mapped[int]
    section: Mapped[str]
    action: Mapped[str]
    modality: Mapped[str] = mapped_column(String(16))
    deliver_to: Mapped[list[Any]]
    confidence: Mapped[float | None]
    span_start: Mapped[int | None]
    span_end: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    removed_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    document: Mapped[Document] = relationship(back_populates="obligations")
    assignees: Mapped[list[Assignee]] = relationship(back_populates="obligation", cascade="all, delete-orphan",
                                                     order_by="Assignee.position")
    deadline: Mapped[Deadline | None] = relationship(back_populates="obligation", cascade="all, delete-orphan")
    corrections: Mapped[list[Correction]] = relationship(back_populates="obligation", cascade="all, delete-orphan",
                                                         order_by="Correction.id")


class Assignee(Base):
    """An agency an obligation is given to, as lead or support (SPEC §3)."""

    __tablename__ = "assignees"
    __table_args__ = (UniqueConstraint("obligation_id", "agency_id", "role"),
                      CheckConstraint(f"role IN {ROLES!r}", name="role"))

    id: Mapped[int] = mapped_column(primary_key=True)
    obligation_id: Mapped[int] = mapped_column(ForeignKey("obligations.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    role: Mapped[str] = mapped_column(String(8))
    position: Mapped[int]
    name: Mapped[str]
    obligation: Mapped[Obligation] = relationship(back_populates="assignees")
    agency: Mapped[Agency] = relationship()


class Deadline(Base):
    """The machine deadline of an obligation (SPEC §4). ``due_resolved`` tells that ``due`` was
    counted from a relative term's anchor (the received or issue date), by the pipeline or here."""

    __tablename__ = "deadlines"

    id: Mapped[int] = mapped_column(primary_key=True)
    obligation_id: Mapped[int] = mapped_column(ForeignKey("obligations.id", ondelete="CASCADE"), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    raw: Mapped[str]
    qualifier: Mapped[str | None] = mapped_column(String(16))
    due: Mapped[dt.date | None] = mapped_column(index=True)
    time: Mapped[str | None] = mapped_column(String(5))
    period_start: Mapped[dt.date | None]
    period_end: Mapped[dt.date | None]
    relative_amount: Mapped[int | None]
    relative_unit: Mapped[str | None] = mapped_column(String(16))
    relative_anchor: Mapped[str | None] = mapped_column(String(16))
    rrule: Mapped[str | None]
    reference: Mapped[str | None]
    due_resolved: Mapped[bool] = mapped_column(default=False)
    obligation: Mapped[Obligation] = relationship(back_populates="deadline")


class Correction(Base):
    """An analyst's value for one field of an obligation; the latest one per field wins."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    obligation_id: Mapped[int] = mapped_column(ForeignKey("obligations.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(32))
    value: Mapped[Any] = mapped_column(JSONValue, nullable=True)
    who: Mapped[str]
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    obligation: Mapped[Obligation] = relationship(back_populates="corrections")


class AuditEntry(Base):
    """One change: who, when, which row of which table, which field, old and new value (JSON text)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_table_row", "table_name", "row_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    who: Mapped[str]
    table_name: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[str] = mapped_column(String(64))
    field: Mapped[str | None] = mapped_column(String(32))
    old: Mapped[str | None]
    new: Mapped[str | None]


class IngestError(Base):
    """A file that gave no record, and why; ``resolved_at`` is set once it ingests."""

    __tablename__ = "ingest_errors"

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(unique=True)
    reason: Mapped[str]
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(default=1)
    resolved_at: Mapped[dt.datetime | None]
