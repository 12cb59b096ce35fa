"""registry.Registry: the calls behind `congvan ingest`, `tasks`, `task ID --status` and `export`."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from registry import Registry, TransitionError
from tests.registry.letters import corpus_paths


def test_the_cli_calls_end_to_end(tmp_path, db_url):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for path in corpus_paths()[:3]:
        shutil.copy(path, inbox / path.name)
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    with Registry(db_url) as registry:
        report = registry.ingest([inbox], received=dt.date(2024, 2, 6), progress=False)
        assert (report.added, report.failed) == (3, 1) and "3 added" in report.summary()
        assert [e.path for e in registry.errors()] == [str(inbox / "broken.pdf")]
        rows = registry.tasks(today=dt.date(2024, 3, 1))
        assert rows and all(r.status == "open" for r in rows)
        task = rows[0].task_id
        assert registry.set_status(task, "in_progress", who="hoa") == "open"
        assert registry.set_status(task, "cancelled", who="hoa") == "in_progress"
        with pytest.raises(TransitionError, match="cancelled: it can go to open, not done"):
            registry.set_status(task, "done", who="hoa")
        registry.correct(task, "due", "2030-01-31", who="hoa")
        assert [e.field for e in registry.history(task)] == [None, "status", "status", "due"]
        written = registry.export(tmp_path / "tasks.ics", status=["open", "in_progress"], today=dt.date(2024, 3, 1))
        assert written == len({r.task_id for r in registry.tasks(status=["open", "in_progress"])
                               if r.due or r.rrule})
