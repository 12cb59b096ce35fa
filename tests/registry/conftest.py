"""Fixtures of the registry tests: a fresh, migrated database per test.

The database comes from ``CONGVAN_TEST_DB_URL`` (CI sets a PostgreSQL URL and
runs the suite again); by default a SQLite file in the test's tmp folder. A
PostgreSQL database is emptied before each test.
"""
from __future__ import annotations

import os

import pytest
from sqlalchemy import MetaData, select, func, text

from pipeline.run import extract_path
from registry.db import make_engine, sessions, upgrade
from tests.registry.letters import corpus_paths

URL_VARIABLE = "CONGVAN_TEST_DB_URL"


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: registry tests over hundreds of letters (still in the default run)")


def _empty(url: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            existing = MetaData()
            existing.reflect(connection)
            existing.drop_all(connection)
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    finally:
        engine.dispose()


@pytest.fixture
def db_url(tmp_path) -> str:
    url = os.environ.get(URL_VARIABLE)
    if not url:
        return f"sqlite:///{tmp_path / 'registry.db'}"
    _empty(url)
    return url


@pytest.fixture
def engine(db_url):
    engine = make_engine(db_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def make_session(engine):
    return sessions(engine)


@pytest.fixture
def session(make_session):
    with make_session() as session:
        yield session


@pytest.fixture(scope="session")
def corpus_records():
    """Every corpus letter extracted once for the whole run: (path, record)."""
    return [(path, extract_path(path)) for path in corpus_paths()]


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))
