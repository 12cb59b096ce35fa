"""The registry's first schema: documents, obligations, assignees, agencies and their aliases,
deadlines, corrections, the audit log and ingest errors.

Revision ID: 0001
Revises:
Create Date: 2026-11-23

Types are written out here, not imported from ``registry.models``, so this
migration keeps creating the same schema whatever the models become.
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _at(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), primary_key=True)


def _fk(column: str, table: str, cascade: bool = True, **options) -> sa.Column:
    target = sa.ForeignKey(f"{table}.id", ondelete="CASCADE" if cascade else None,
                           name=op.f(f"fk_{options.pop('owner')}_{column}_{table}"))
    return sa.Column(column, sa.Integer(), target, **options)


def upgrade() -> None:
    op.create_table(
        "agencies", _id(),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        _at("created_at"),
        sa.UniqueConstraint("key", name=op.f("uq_agencies_key")),
    )
    op.create_table(
        "agency_aliases", _id(),
        _fk("agency_id", "agencies", owner="agency_aliases", nullable=False, index=True),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False, index=True),
        sa.UniqueConstraint("agency_id", "alias", name=op.f("uq_agency_aliases_agency_id_alias")),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("record", JSON, nullable=False),
        sa.Column("source_path", sa.Text(), nullable=False),
        sa.Column("received", sa.Date()),
        sa.Column("issued", sa.Date(), index=True),
        sa.Column("number_symbol", sa.Text()),
        sa.Column("doc_type", sa.String(32)),
        sa.Column("subject", sa.Text()),
        _fk("issuer_id", "agencies", cascade=False, owner="documents", index=True),
        sa.Column("extractor_version", sa.String(64), nullable=False),
        _at("ingested_at"),
        _at("updated_at"),
    )
    _obligations()
    _details()
    _journal()


def _obligations() -> None:
    op.create_table(
        "obligations", _id(),
        sa.Column("document_id", sa.String(64),
                  sa.ForeignKey("documents.id", ondelete="CASCADE", name=op.f("fk_obligations_document_id_documents")),
                  nullable=False, index=True),
        sa.Column("obligation_key", sa.String(64), nullable=False, index=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("section", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("modality", sa.String(16), nullable=False),
        sa.Column("deliver_to", JSON, nullable=False),
        sa.Column("confidence", sa.Double()),
        sa.Column("span_start", sa.Integer()),
        sa.Column("span_end", sa.Integer()),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        _at("removed_at", nullable=True),
        _at("created_at"),
        _at("updated_at"),
        sa.UniqueConstraint("document_id", "obligation_key", name=op.f("uq_obligations_document_id_obligation_key")),
        sa.CheckConstraint("status IN ('open', 'in_progress', 'done', 'cancelled')",
                           name=op.f("ck_obligations_status")),
    )
    op.create_table(
        "assignees", _id(),
        _fk("obligation_id", "obligations", owner="assignees", nullable=False, index=True),
        _fk("agency_id", "agencies", cascade=False, owner="assignees", nullable=False, index=True),
        sa.Column("role", sa.String(8), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.UniqueConstraint("obligation_id", "agency_id", "role",
                            name=op.f("uq_assignees_obligation_id_agency_id_role")),
        sa.CheckConstraint("role IN ('lead', 'support')", name=op.f("ck_assignees_role")),
    )


def _details() -> None:
    op.create_table(
        "deadlines", _id(),
        _fk("obligation_id", "obligations", owner="deadlines", nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("qualifier", sa.String(16)),
        sa.Column("due", sa.Date(), index=True),
        sa.Column("time", sa.String(5)),
        sa.Column("period_start", sa.Date()),
        sa.Column("period_end", sa.Date()),
        sa.Column("relative_amount", sa.Integer()),
        sa.Column("relative_unit", sa.String(16)),
        sa.Column("relative_anchor", sa.String(16)),
        sa.Column("rrule", sa.Text()),
        sa.Column("reference", sa.Text()),
        sa.Column("due_resolved", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("obligation_id", name=op.f("uq_deadlines_obligation_id")),
    )
    op.create_table(
        "corrections", _id(),
        _fk("obligation_id", "obligations", owner="corrections", nullable=False, index=True),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("value", JSON),
        sa.Column("who", sa.Text(), nullable=False),
        _at("at"),
    )


def _journal() -> None:
    op.create_table(
        "audit_log", _id(),
        _at("at"),
        sa.Column("who", sa.Text(), nullable=False),
        sa.Column("table_name", sa.String(32), nullable=False),
        sa.Column("row_id", sa.String(64), nullable=False),
        sa.Column("field", sa.String(32)),
        sa.Column("old", sa.Text()),
        sa.Column("new", sa.Text()),
    )
    op.create_index("ix_audit_log_table_row", "audit_log", ["table_name", "row_id"])
    op.create_table(
        "ingest_errors", _id(),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        _at("at"),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _at("resolved_at", nullable=True),
        sa.UniqueConstraint("path", name=op.f("uq_ingest_errors_path")),
    )


def downgrade() -> None:
    for table in ("ingest_errors", "audit_log", "corrections", "deadlines", "assignees", "obligations",
                  "documents", "agency_aliases", "agencies"):
        op.drop_table(table)
