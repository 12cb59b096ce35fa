"""Files into the registry: extract (in worker processes, or on a Dask cluster), write in one writer.

Each document is committed in its own transaction, so a batch killed at any
point (even ``kill -9``) loses at most the document being written, and a
rerun skips every letter already in the registry (same source bytes, same
extractor version) and does the rest: nothing lost, nothing twice. A file that
gives no record is written to ``ingest_errors`` with the reason, and the batch
goes on.

Where extraction runs is pluggable: an ``Extraction`` maps ``extract_file`` over
the files to do and yields each result as it completes. ``in_processes`` is the
local one; ``registry.cluster.on_dask`` runs it on a Dask distributed cluster.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import os
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from tqdm import tqdm

from pipeline.ingest import IngestError as UnreadableFile
from pipeline.run import extract_path
from registry.db import DEFAULT_URL, make_engine, sessions, upgrade
from registry.ingest import IngestReport, extractor_version, ingest_record
from registry.models import Document, IngestError, utcnow
from schemas import Record

log = logging.getLogger("congvan.registry")
LOOKUP_CHUNK = 500
PARENT_POLL_SECONDS = 0.5

Extracted = tuple[str, Record | None, str | None]
"""What extraction made of one file: (path, record, None) or (path, None, reason)."""
Extraction = Callable[[list[Path], dt.date | None], Iterator[Extracted]]
"""Maps ``extract_file`` over the files to do, yielding each result as it completes (in any order)."""


@dataclass
class BatchReport:
    """What a batch did: documents by outcome, obligations by change, and every error."""

    files: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0             # already in the registry: not even extracted
    failed: int = 0
    obligations_added: int = 0
    obligations_updated: int = 0
    obligations_removed: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, report: IngestReport) -> None:
        setattr(self, report.outcome, getattr(self, report.outcome) + 1)
        self.obligations_added += len(report.added)
        self.obligations_updated += len(report.updated)
        self.obligations_removed += len(report.removed)

    def summary(self) -> str:
        return (f"{self.files} files: {self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.skipped} already in the registry, {self.failed} errors; obligations "
                f"+{self.obligations_added} ~{self.obligations_updated} -{self.obligations_removed}; "
                f"{self.seconds:.1f} s")


def expand(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given, folders as their files (recursively, hidden ones skipped), in order."""
    out: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file() and not any(
                part.startswith(".") for part in p.relative_to(path).parts))
        else:
            out.append(path)
    return out


def ingest_paths(paths: Iterable[Path | str], db_url: str = DEFAULT_URL, received: dt.date | None = None,
                 workers: int = 1, progress: bool = True, *, refresh: bool = False,
                 who: str = "ingest", extraction: Extraction | None = None) -> BatchReport:
    """Extract each file (folders are walked) and write its record to the registry at ``db_url``.

    ``workers`` > 1 extracts in that many processes; ``extraction`` runs it
    elsewhere instead (``workers`` is then unused); ``refresh`` extracts again
    letters already there (after an extractor change without a version bump)."""
    extraction = extraction or in_processes(workers)
    started = time.monotonic()
    files = expand(paths)
    report = BatchReport(files=len(files))
    engine = make_engine(db_url)
    try:
        upgrade(engine)
        make = sessions(engine)
        todo = files if refresh else _not_yet_in(make, files)
        report.skipped = len(files) - len(todo)
        _resolve_errors(make, sorted(set(map(str, files)) - set(map(str, todo))))
        engine.dispose()   # no open connection is inherited by the worker processes
        with tqdm(total=len(files), initial=report.skipped, unit="letter", desc="ingest", disable=not progress,
                  file=sys.stderr) as bar:
            for path, record, reason in extraction(todo, received):
                _write(make, path, record, reason, received, who, report)
                bar.set_postfix(errors=report.failed, refresh=False)
                bar.update(1)
    finally:
        engine.dispose()
    report.seconds = time.monotonic() - started
    return report


def _not_yet_in(make: sessionmaker[Session], files: list[Path]) -> list[Path]:
    """The files whose letter is not in the registry from this extractor version yet."""
    digests = {path: _digest(path) for path in files}
    known: set[str] = set()
    wanted = sorted({d for d in digests.values() if d})
    version = extractor_version()
    with make() as session:
        for start in range(0, len(wanted), LOOKUP_CHUNK):
            chunk = wanted[start:start + LOOKUP_CHUNK]
            query = select(Document.id).where(Document.id.in_(chunk), Document.extractor_version == version)
            known.update(session.scalars(query))
    return [path for path in files if digests[path] not in known]


def _resolve_errors(make: sessionmaker[Session], paths: list[str]) -> None:
    """Files whose letter is in the registry (a copy of it ingested) are no longer in error."""
    with make.begin() as session:
        for start in range(0, len(paths), LOOKUP_CHUNK):
            session.execute(update(IngestError).where(IngestError.path.in_(paths[start:start + LOOKUP_CHUNK]),
                                                      IngestError.resolved_at.is_(None)).values(resolved_at=utcnow()))


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None       # extraction will say what is wrong with it


def extract_file(path: str, received: dt.date | None) -> Extracted:
    """One file to (path, record, None) or (path, None, reason); never raises."""
    try:
        return path, extract_path(path, received), None
    except UnreadableFile as error:
        return path, None, error.reason
    except Exception as error:  # an extractor bug must not stop the batch
        log.exception("extraction failed for %s", path)
        return path, None, f"internal error: {type(error).__name__}: {error}"


def in_processes(workers: int) -> Extraction:
    """Extraction in this process (``workers`` <= 1) or in a pool of that many processes."""
    return functools.partial(_in_processes, workers=workers)


def _in_processes(todo: list[Path], received: dt.date | None, workers: int) -> Iterator[Extracted]:
    if workers <= 1:
        for path in todo:
            yield extract_file(str(path), received)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_follow_parent, initargs=(os.getpid(),)) as pool:
        futures = {pool.submit(extract_file, str(path), received): str(path) for path in todo}
        for future in as_completed(futures):
            path = futures.pop(future)       # a record written is not kept in memory till the end
            try:
                yield future.result()
            except Exception as error:   # a worker that died (BrokenProcessPool) takes its file with it
                yield path, None, f"extractor process failed: {type(error).__name__}: {error}"


def _follow_parent(parent: int) -> None:
    """Worker initializer: exit once the batch process is gone (after a kill -9 nothing else stops
    the workers, which would wait on their queue forever)."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)
    threading.Thread(target=watch, name="follow-parent", daemon=True).start()


def _write(make: sessionmaker[Session], path: str, record: Record | None, reason: str | None,
           received: dt.date | None, who: str, report: BatchReport) -> None:
    """Commit one document (or its error) in its own transaction."""
    if record is not None:
        try:
            with make.begin() as session:
                result = ingest_record(session, record, path, received, who=who)
                _clear_error(session, path)
            report.count(result)
            return
        except Exception as error:   # one letter the registry cannot take must not stop the batch
            log.exception("registry write failed for %s", path)
            detail = getattr(error, "orig", None) if isinstance(error, SQLAlchemyError) else None
            reason = f"registry error: {type(error).__name__}: {detail or error}"
    report.failed += 1
    report.errors.append((path, reason or "no record"))
    with make.begin() as session:
        record_error(session, path, reason or "no record")


def _clear_error(session: Session, path: str) -> None:
    session.execute(update(IngestError).where(IngestError.path == path, IngestError.resolved_at.is_(None))
                    .values(resolved_at=utcnow()))


def record_error(session: Session, path: str, reason: str) -> IngestError:
    """Note that ``path`` gave no record; one row per path, its attempts counted."""
    known = session.scalar(select(IngestError).where(IngestError.path == path))
    if known is None:
        known = IngestError(path=path, reason=reason, at=utcnow(), attempts=1)
        session.add(known)
    else:
        known.reason, known.at, known.attempts, known.resolved_at = reason, utcnow(), known.attempts + 1, None
    return known


def errors(session: Session, include_resolved: bool = False) -> list[IngestError]:
    """The files that gave no record (still failing, unless ``include_resolved``)."""
    query = select(IngestError).order_by(IngestError.at, IngestError.id)
    if not include_resolved:
        query = query.where(IngestError.resolved_at.is_(None))
    return list(session.scalars(query))
