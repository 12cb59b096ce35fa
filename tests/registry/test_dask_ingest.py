"""Extraction on a Dask distributed cluster (a LocalCluster of two worker processes on loopback):
the registry it gives is the one a local ingest gives, a bad file is an error entry, a rerun
adds nothing, and a cluster that cannot do the batch is refused before anything is written."""
from __future__ import annotations

import datetime as dt
import shutil
import socket

import pytest
from distributed import Client, LocalCluster
from sqlalchemy import select

import registry.cluster as cluster
from registry import ClusterError, Registry, ingest_paths
from registry.db import make_engine, sessions
from registry.models import AuditEntry, Deadline, Document, IngestError, Obligation
from tests.registry.conftest import count
from tests.registry.letters import CORPUS, corpus_paths

RECEIVED = dt.date(2024, 3, 1)
# Ten letters, two of them with terms counted from receipt ("kể từ ngày nhận được").
LETTERS = [*corpus_paths()[:8], CORPUS / "cv-012.txt", CORPUS / "cv-013.txt"]
BAD = {"empty.txt": (b"", "empty file"),
       "image.txt": (b"\x89PNG\r\n\x1a\n" + bytes(64),
                     "corrupt or unreadable PNG image (cut short or damaged); scan it or save it again")}


@pytest.fixture(scope="module")
def scheduler():
    """The address of a two-worker cluster; worker processes, so records really travel as data."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as local:
        yield local.scheduler_address


@pytest.fixture
def inbox(tmp_path, monkeypatch):
    """``inbox`` (a relative path, as typed at a prompt) holding the letters and two bad files."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for path in LETTERS:
        shutil.copy(path, folder / path.name)
    for name, (data, _) in BAD.items():
        (folder / name).write_bytes(data)
    monkeypatch.chdir(tmp_path)     # the workers keep the folder they were started in
    return "inbox"


def contents(url: str) -> dict:
    """What the registry holds, without its row ids and times."""
    engine = make_engine(url)
    try:
        with sessions(engine)() as session:
            tasks = select(Obligation.document_id, Obligation.obligation_key, Obligation.action, Deadline.due)
            return {
                "documents": sorted(session.execute(
                    select(Document.id, Document.source_path, Document.content_hash, Document.received)).all()),
                "tasks": sorted(session.execute(tasks.outerjoin(Deadline)).all(), key=repr),
                "errors": sorted(session.execute(
                    select(IngestError.path, IngestError.reason, IngestError.attempts)).all()),
            }
    finally:
        engine.dispose()


def outcome(report) -> tuple:
    return report.files, report.added, report.skipped, report.failed, report.obligations_added


def test_dask_gives_the_registry_a_local_ingest_gives(tmp_path, inbox, db_url, scheduler):
    local_url = f"sqlite:///{tmp_path / 'local.db'}"
    local = ingest_paths([inbox], local_url, RECEIVED, progress=False)
    with Registry(db_url) as registry:
        on_dask = registry.ingest([inbox], RECEIVED, progress=False, dask=scheduler)

    assert outcome(on_dask) == outcome(local)
    assert (on_dask.files, on_dask.added, on_dask.failed) == (len(LETTERS) + 2, len(LETTERS), 2)
    assert on_dask.obligations_added > len(LETTERS)
    assert sorted(on_dask.errors) == [(f"inbox/{name}", reason) for name, (_, reason) in sorted(BAD.items())]
    held = contents(db_url)
    assert held == contents(local_url)
    assert {path for _, path, _, _ in held["documents"]} == {f"inbox/{path.name}" for path in LETTERS}
    assert any(due is not None for *_, due in held["tasks"])


def test_a_rerun_on_dask_adds_nothing(inbox, db_url, make_session, scheduler):
    first = ingest_paths_on_dask(inbox, db_url, scheduler)
    with make_session() as session:
        before = [count(session, model) for model in (Document, Obligation, Deadline, AuditEntry)]

    again = ingest_paths_on_dask(inbox, db_url, scheduler)

    assert (first.added, first.failed) == (len(LETTERS), 2)
    assert (again.skipped, again.added, again.updated, again.failed) == (len(LETTERS), 0, 0, 2)
    with make_session() as session:
        assert [count(session, model) for model in (Document, Obligation, Deadline, AuditEntry)] == before
        assert {row.path: row.attempts for row in session.scalars(select(IngestError))} == {
            f"inbox/{name}": 2 for name in BAD}


def ingest_paths_on_dask(inbox, db_url, scheduler):
    return cluster.ingest_paths([inbox], db_url, RECEIVED, dask=scheduler, progress=False)


def test_workers_running_another_congvan_are_refused(inbox, db_url, make_session, scheduler, monkeypatch):
    monkeypatch.setattr(cluster, "extractor_version", lambda: "0.0.0-elsewhere")   # here only, not on workers
    with pytest.raises(ClusterError, match=r"runs congvan .*, this machine 0\.0\.0-elsewhere"):
        ingest_paths_on_dask(inbox, db_url, scheduler)
    with make_session() as session:
        assert count(session, Document) == 0 and count(session, IngestError) == 0


def test_workers_that_do_not_see_the_files_are_refused(tmp_path, scheduler):
    with Client(scheduler, set_as_default=False) as client:
        with pytest.raises(ClusterError, match="does not see .*missing.txt.*shared mount"):
            cluster._check_workers(client, str(tmp_path / "missing.txt"))
        cluster._check_workers(client, str(LETTERS[0]))


def test_an_unreachable_scheduler_says_how_to_start_one(inbox, db_url, monkeypatch):
    with socket.socket() as probe:         # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 0.5)
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler at .*`dask scheduler`"):
        ingest_paths_on_dask(inbox, db_url, address)
