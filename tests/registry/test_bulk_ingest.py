"""A thousand letters in, exact counts, and a second pass that adds nothing; a batch killed
with SIGKILL half-way and run again holds every letter exactly once."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from registry import ingest_paths, ingest_record
from registry.db import make_engine, sessions
from registry.models import Assignee, AuditEntry, Deadline, Document, IngestError, Obligation
from schemas import Record
from tests.registry.conftest import count
from tests.registry.letters import ROOT, corpus_paths, vary, varied_record, write_variants

LETTERS = 1000
KILL_LETTERS = 200
TABLES = (Document, Obligation, Assignee, Deadline, AuditEntry)


def thousand(corpus_records) -> list[Record]:
    records = []
    for i in range(LETTERS):
        path, base = corpus_records[i % len(corpus_records)]
        records.append(varied_record(base, vary(path.read_text(encoding="utf-8"), i), i))
    assert len({r.id for r in records}) == LETTERS
    return records


def ingest_each(make_session, records: list[Record]) -> list[str]:
    outcomes = []
    for item in records:
        with make_session.begin() as session:
            outcomes.append(ingest_record(session, item, item.source.path).outcome)
    return outcomes


@pytest.mark.slow
def test_a_thousand_letters_twice(make_session, corpus_records):
    records = thousand(corpus_records)
    started = time.monotonic()
    assert set(ingest_each(make_session, records)) == {"added"}
    first_pass = time.monotonic() - started
    obligations = sum(len({o.id for o in r.obligations}) for r in records)
    deadlines = sum(len({o.id for o in r.obligations if o.deadline}) for r in records)
    with make_session() as session:
        counts = {model.__tablename__: count(session, model) for model in TABLES}
    assert counts["documents"] == LETTERS
    assert counts["obligations"] == obligations and counts["deadlines"] == deadlines
    assert counts["audit_log"] == LETTERS + obligations          # one "created" entry per row made
    assert set(ingest_each(make_session, records)) == {"unchanged"}
    with make_session() as session:
        assert {model.__tablename__: count(session, model) for model in TABLES} == counts
    print(f"\n{LETTERS} records in {first_pass:.1f} s ({LETTERS / first_pass:.0f} letters/s)")


INGEST = """
import sys
from registry import ingest_paths
ingest_paths([sys.argv[1]], sys.argv[2], workers=int(sys.argv[3]), progress=False)
"""


def documents(url: str) -> int:
    engine = make_engine(url)
    try:
        with sessions(engine)() as session:
            return session.scalar(select(func.count()).select_from(Document))
    finally:
        engine.dispose()


def start_ingest(folder, url: str, workers: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, "-c", INGEST, str(folder), url, str(workers)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc: field 4 of /proc/N/stat is the parent)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text() if entry.name.isdigit() else ""
        except OSError:
            continue
        if stat and int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as status:
            return "State:\tZ" not in status.read()
    except FileNotFoundError:
        return False


def kill_half_way(process: subprocess.Popen, url: str, target: int, limit: float = 120.0) -> tuple[int, list]:
    """SIGKILL the ingest once ``target`` documents are committed: the count seen then, and the
    worker processes it had."""
    deadline = time.monotonic() + limit
    seen = 0
    while time.monotonic() < deadline and process.poll() is None:
        try:
            seen = documents(url)
        except Exception:      # the schema may not be there yet
            seen = 0
        if seen >= target:
            workers = children(process.pid)
            process.send_signal(signal.SIGKILL)
            process.wait()
            return seen, workers
        time.sleep(0.02)
    process.kill()
    pytest.fail(f"ingest ended before {target} documents were committed (rc={process.poll()}): "
                f"{process.stderr.read().decode()[-2000:]}")


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_kill_nine_half_way_then_rerun_keeps_every_letter_once(tmp_path, db_url, workers):
    small = sorted(corpus_paths(), key=lambda p: p.stat().st_size)[:40]
    folder = tmp_path / "inbox"
    write_variants(folder, KILL_LETTERS, small)
    at_kill, orphans = kill_half_way(start_ingest(folder, db_url, workers), db_url, KILL_LETTERS // 2)
    assert KILL_LETTERS // 2 <= at_kill < KILL_LETTERS
    assert len(orphans) == (workers if workers > 1 else 0)
    committed = documents(db_url)

    report = ingest_paths([folder], db_url, progress=False)

    assert (report.skipped, report.added, report.failed) == (committed, KILL_LETTERS - committed, 0)
    engine = make_engine(db_url)
    with sessions(engine)() as session:
        assert count(session, Document) == KILL_LETTERS and count(session, IngestError) == 0
        for doc in session.scalars(select(Document)):
            wanted = {o["id"] for o in doc.record["obligations"]}
            assert sorted(o.obligation_key for o in doc.obligations) == sorted(wanted), doc.source_path
        created = select(AuditEntry.row_id, func.count()).where(AuditEntry.table_name == "documents",
                                                                AuditEntry.field.is_(None))
        per_document = dict(session.execute(created.group_by(AuditEntry.row_id)).all())
        assert len(per_document) == KILL_LETTERS and set(per_document.values()) == {1}
    engine.dispose()
    again = ingest_paths([folder], db_url, progress=False)
    assert (again.skipped, again.added) == (KILL_LETTERS, 0)
    gone_by = time.monotonic() + 10
    while any(map(running, orphans)) and time.monotonic() < gone_by:
        time.sleep(0.1)
    left = [pid for pid in orphans if running(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, "worker processes outlived the killed batch"
