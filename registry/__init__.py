"""The task registry: letters' obligations tracked in SQLite or PostgreSQL.

Library first: every front end (``congvan ingest``, ``tasks``, ``task``,
``export``) is a thin wrapper over these calls. Layers: ``schemas`` ←
``extractors`` ← ``pipeline`` ← ``registry``; nothing here imports the CLI.
"""
from registry.api import Registry
from registry.batch import BatchReport, errors, expand, ingest_paths, record_error
from registry.cluster import ClusterError
from registry.db import DEFAULT_URL, downgrade, make_engine, sessions, upgrade
from registry.exports import calendar, export, write_csv, write_ics, write_xlsx
from registry.ingest import IngestReport, content_hash, extractor_version, ingest_record
from registry.lifecycle import CORRECTABLE, TRANSITIONS, TransitionError, correct, effective, get_task, set_status
from registry.queries import TaskRow, history, task_occurrences, tasks
from registry.schedule import is_overdue, next_occurrence, occurrences, resolve_relative

__all__ = [
    "BatchReport", "CORRECTABLE", "ClusterError", "DEFAULT_URL", "IngestReport", "Registry", "TRANSITIONS",
    "TaskRow", "TransitionError", "calendar", "content_hash", "correct", "downgrade", "effective", "errors", "expand",
    "export", "extractor_version", "get_task", "history", "ingest_paths", "ingest_record", "is_overdue",
    "make_engine", "next_occurrence", "occurrences", "record_error", "resolve_relative", "sessions",
    "set_status", "task_occurrences", "tasks", "upgrade", "write_csv", "write_ics", "write_xlsx",
]
