"""registry.db: Alembic creates exactly the models' schema, on SQLite and on PostgreSQL."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from registry.db import alembic_config, current_revision, downgrade, make_engine, normalize_url, upgrade
from registry.models import Base

TABLES = {"agencies", "agency_aliases", "documents", "obligations", "assignees", "deadlines", "corrections",
          "audit_log", "ingest_errors"}


def test_first_migration_creates_every_table(engine):
    assert set(inspect(engine).get_table_names()) == TABLES | {"alembic_version"}
    assert set(Base.metadata.tables) == TABLES
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert current_revision(engine) == head == "0001"


def test_migrated_schema_matches_the_models(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_upgrade_again_changes_nothing_and_downgrade_drops_all(db_url, engine):
    upgrade(db_url)
    assert current_revision(engine) == "0001"
    downgrade(db_url, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert current_revision(engine) is None
    upgrade(db_url)
    assert set(inspect(engine).get_table_names()) == TABLES | {"alembic_version"}


def test_foreign_keys_are_enforced(engine):
    with pytest.raises(IntegrityError):
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO assignees (obligation_id, agency_id, role, position, name) "
                                    "VALUES (999, 999, 'lead', 0, 'x')"))


def test_status_and_role_are_checked(engine):
    with pytest.raises(IntegrityError):
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO agencies (name, key, created_at) VALUES ('A', 'a', '2024-01-01')"))
            connection.execute(text("INSERT INTO documents (id, content_hash, record, source_path, "
                                    "extractor_version, ingested_at, updated_at) VALUES ('d', 'h', '{}', 'p', 'v', "
                                    "'2024-01-01', '2024-01-01')"))
            connection.execute(text("INSERT INTO obligations (document_id, obligation_key, position, section, action,"
                                    " modality, deliver_to, status, created_at, updated_at) VALUES ('d', 'k', 0, '',"
                                    " 'a', 'assign', '[]', 'finished', '2024-01-01', '2024-01-01')"))


def test_sqlite_connections_use_wal_and_foreign_keys(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'r.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1    # NORMAL
    engine.dispose()


@pytest.mark.parametrize("url, expected", [
    ("postgresql://u@127.0.0.1/db", "postgresql+psycopg://u@127.0.0.1/db"),
    ("postgresql+psycopg://u:p@h:5433/db", "postgresql+psycopg://u:p@h:5433/db"),
    ("sqlite:///congvan.db", "sqlite:///congvan.db"),
])
def test_postgresql_urls_get_psycopg_3(url, expected):
    assert normalize_url(url) == expected
