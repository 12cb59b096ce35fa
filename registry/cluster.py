"""Extraction on a Dask distributed cluster; the records are written to the registry here.

The workers are sent file paths and send back each record as JSON data; this
process (the client) alone writes the database, one transaction per document,
exactly as a local batch does (``registry.batch``), so resuming, skipping and
error entries are the same. Two things are assumed of the cluster, and checked
on the workers connected when the batch starts: every worker has the same
congvan installed, and sees the input files at the same absolute path as this
process (a shared mount such as NFS).

``distributed`` is imported only when a batch goes to a cluster, so a local
ingest does not pay for it.
"""
from __future__ import annotations

import datetime as dt
import functools
import logging
import os
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from pydantic import ValidationError

from registry import batch
from registry.db import DEFAULT_URL
from registry.ingest import extractor_version
from schemas import Record

if TYPE_CHECKING:
    from distributed import Client, Future

log = logging.getLogger("congvan.registry")
CONNECT_SECONDS = 30          # how long to try reaching the scheduler before giving up
RERUN_HINT = "run the same command again to finish: the letters already written are skipped"


class ClusterError(RuntimeError):
    """The cluster cannot extract the batch (unreachable, misconfigured or lost); nothing to do with a letter."""


def ingest_paths(paths: Iterable[Path | str], db_url: str = DEFAULT_URL, received: dt.date | None = None, *,
                 dask: Any, progress: bool = True, refresh: bool = False, who: str = "ingest") -> batch.BatchReport:
    """``registry.batch.ingest_paths`` with the extraction done on the Dask cluster ``dask``.

    ``dask``: a scheduler address (``tcp://host:8786``), a ``distributed.Client``
    (used as is, left open) or a cluster object such as ``LocalCluster``. Raises
    ClusterError when the cluster cannot be used; documents written before
    that stay, and a rerun does the rest."""
    with connected(dask) as client:
        return batch.ingest_paths(paths, db_url, received, progress=progress, refresh=refresh, who=who,
                                  extraction=on_dask(client))


@contextmanager
def connected(dask: Any) -> Iterator[Client]:
    """A client of the cluster ``dask``; one made here is closed on leaving."""
    from distributed import Client

    if isinstance(dask, Client):
        yield dask
        return
    try:
        client = Client(dask, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:    # ValueError: not an address
        raise ClusterError(f"cannot reach the Dask scheduler at {dask} ({error}); start one with "
                           "`dask scheduler` and pass the address it prints (tcp://HOST:8786)") from None
    try:
        yield client
    finally:
        client.close()


def on_dask(client: Client) -> batch.Extraction:
    """Extraction on the workers of ``client``'s cluster (see ``registry.batch.Extraction``)."""
    return functools.partial(_on_dask, client)


def extract_as_data(path: str, received: dt.date | None) -> tuple[str, dict | None, str | None]:
    """Runs on a worker: one file to (path, record as JSON data, None) or (path, None, reason); never raises."""
    path, record, reason = batch.extract_file(path, received)
    return path, record.model_dump(mode="json") if record is not None else None, reason


def worker_view(sample: str) -> tuple[str, bool]:
    """Runs on each worker before a batch: its extractor version, and whether it sees ``sample``."""
    return extractor_version(), os.path.isfile(sample)


def _on_dask(client: Client, todo: list[Path], received: dt.date | None) -> Iterator[batch.Extracted]:
    from distributed import as_completed

    if not todo:
        return
    # Workers run elsewhere, in another folder: they get absolute paths, the registry keeps paths as given.
    absolute = [os.path.abspath(path) for path in todo]
    _check_workers(client, absolute[0])
    futures = client.map(extract_as_data, absolute, received=received, pure=False)
    given = {future.key: str(path) for future, path in zip(futures, todo)}
    pending = as_completed(futures, loop=client.loop)
    del futures          # as_completed lets go of each future it yields, so results do not pile up on workers
    try:
        for future in pending:
            yield _result(future, given.pop(future.key))
    finally:
        client.cancel(list(pending.futures))   # the batch stopped early: leave the cluster nothing to do


def _check_workers(client: Client, sample: str) -> None:
    """Refuse a cluster whose workers run another congvan, lack it, or do not see the input files."""
    views = client.run(worker_view, sample, on_error="return")
    if not views:
        log.warning("no Dask worker is connected yet: the letters wait for one")
    version = extractor_version()
    for worker, view in sorted(views.items()):
        if isinstance(view, BaseException):
            raise ClusterError(f"Dask worker {worker} cannot run the extractor ({type(view).__name__}: {view}); "
                               "every worker needs congvan installed (pip install -c constraints.txt)")
        theirs, sees = view
        if theirs != version:
            raise ClusterError(f"Dask worker {worker} runs congvan {theirs}, this machine {version}; "
                               "install the same version on every worker")
        if not sees:
            raise ClusterError(f"Dask worker {worker} does not see {sample}; workers need the input files at "
                               "the same path as this machine (a shared mount)")


def _result(future: Future, path: str) -> batch.Extracted:
    """The worker's answer for the file ``path`` (as given) as a local extraction gives it; raises
    ClusterError when the cluster, not the letter, is at fault."""
    from distributed import KilledWorker

    try:
        _, data, reason = future.result()
    except KilledWorker as error:   # the file took down a worker each time it was tried: its own error entry
        return path, None, f"extraction killed the Dask workers that tried it ({error})"
    except Exception as error:
        raise ClusterError(f"the Dask cluster stopped extracting at {path} ({type(error).__name__}: {error}); "
                           f"{RERUN_HINT}") from error
    if data is None:
        return path, None, reason
    data["source"]["path"] = path      # as a local extraction of the path given would have it
    try:
        return path, Record.model_validate(data), None
    except ValidationError as error:
        return path, None, (f"the record made on a Dask worker is not valid here ({error.error_count()} errors, "
                            f"first: {error.errors()[0]['msg']}); workers need the same congvan version")
