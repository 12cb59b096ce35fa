"""``Registry``: the registry at one database URL, one method per front-end command.

Each method opens a session, makes one library call and commits; the CLI
wraps these (as sqlite-utils' commands wrap ``Database`` methods).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterable

from sqlalchemy.orm import Session

from registry import batch, cluster, exports, lifecycle, queries
from registry.db import DEFAULT_URL, make_engine, sessions, upgrade


class Registry:
    """The task registry at ``url`` (created or upgraded on open)."""

    def __init__(self, url: str = DEFAULT_URL, migrate: bool = True):
        self.url = url
        self.engine = make_engine(url)
        if migrate:
            upgrade(self.engine)
        self.sessions = sessions(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Registry":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def session(self) -> Session:
        return self.sessions()

    def ingest(self, paths: Iterable[Path | str], received: dt.date | None = None, workers: int = 1,
               progress: bool = True, refresh: bool = False, who: str = "ingest",
               dask: Any = None) -> batch.BatchReport:
        """``congvan ingest``: see ``registry.batch.ingest_paths``; with ``dask`` (a scheduler
        address such as ``tcp://host:8786``, or a client) the extraction runs on that Dask
        cluster instead (``registry.cluster.ingest_paths``) and ``workers`` is unused."""
        if dask is not None:
            return cluster.ingest_paths(paths, self.url, received, dask=dask, progress=progress, refresh=refresh,
                                        who=who)
        return batch.ingest_paths(paths, self.url, received, workers, progress, refresh=refresh, who=who)

    def tasks(self, **filters: Any) -> list[queries.TaskRow]:
        """``congvan tasks``: see ``registry.queries.tasks`` for the filters."""
        with self.session() as session:
            return queries.tasks(session, **filters)

    def set_status(self, task_id: int | str, status: str, who: str) -> str:
        """``congvan task ID --status S``: the status the task had before."""
        with self.sessions.begin() as session:
            before = lifecycle.get_task(session, task_id).status
            lifecycle.set_status(session, task_id, status, who)
            return before

    def correct(self, task_id: int | str, field: str, value: Any, who: str) -> None:
        """An analyst's value for one field of a task (see ``lifecycle.CORRECTABLE``)."""
        with self.sessions.begin() as session:
            lifecycle.correct(session, task_id, field, value, who)

    def occurrences(self, task_id: int | str, start: dt.date, end: dt.date) -> list[dt.date]:
        with self.session() as session:
            return queries.task_occurrences(session, task_id, start, end)

    def history(self, task_id: int | str) -> list:
        with self.session() as session:
            return queries.history(session, task_id)

    def errors(self, include_resolved: bool = False) -> list:
        with self.session() as session:
            return batch.errors(session, include_resolved)

    def export(self, path: Path | str, fmt: str | None = None, **filters: Any) -> int:
        """``congvan export PATH``: the tasks matching ``filters`` as CSV, XLSX or ICS; rows (events) written."""
        return exports.export(self.tasks(**filters), path, fmt)
