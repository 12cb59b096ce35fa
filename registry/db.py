"""Engines, sessions and migrations.

SQLite is the default (``sqlite:///congvan.db``): every connection gets WAL
mode (readers never block the writer), ``foreign_keys=ON`` (SQLite leaves it
off per connection) and ``synchronous=NORMAL`` (safe against a killed process,
which is what resumable ingest needs). PostgreSQL by URL
(``postgresql+psycopg://user@host/db``, psycopg 3). The schema is created and
upgraded by Alembic, run from code: ``upgrade(url)``.
"""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_URL = "sqlite:///congvan.db"
MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_MS = 30_000


def normalize_url(url: str) -> str:
    """A bare ``postgresql://`` URL gets the psycopg 3 driver, the only one congvan ships."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str = DEFAULT_URL, **options) -> Engine:
    """An engine for ``url``; SQLite connections are set up by ``_sqlite_pragmas``."""
    engine = create_engine(normalize_url(url), **options)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    # sqlite3 ignores PRAGMA foreign_keys inside a transaction; only a connection in
    # PEP 249 mode (Python 3.12+ autocommit=False) would have one open here.
    pep249 = getattr(dbapi_connection, "autocommit", None) is False
    if pep249:
        dbapi_connection.autocommit = True
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
    if pep249:
        dbapi_connection.autocommit = False


def sessions(engine: Engine) -> sessionmaker[Session]:
    """The session factory of an engine (objects stay readable after commit)."""
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config() -> Config:
    """Alembic's configuration without an alembic.ini: the scripts live in ``registry/migrations``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(target: str | Engine = DEFAULT_URL, revision: str = "head") -> None:
    """Create or upgrade the registry's schema at ``target`` (a URL or an engine)."""
    _migrate(target, command.upgrade, revision)


def downgrade(target: str | Engine, revision: str = "base") -> None:
    """Undo migrations down to ``revision`` (``base`` drops every table)."""
    _migrate(target, command.downgrade, revision)


def _migrate(target: str | Engine, step, revision: str) -> None:
    engine = target if isinstance(target, Engine) else make_engine(target)
    try:
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            step(config, revision)
    finally:
        if engine is not target:
            engine.dispose()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, None before the first migration."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
