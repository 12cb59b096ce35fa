"""Task rows of the registry as a terminal table, JSON or CSV (the CLI's output formats)."""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
import shutil
import textwrap
from typing import Iterable

from registry import TaskRow

COLUMNS = (("task_id", "#", 5), ("agency", "agency", 28), ("role", "role", 7), ("action", "task", 0),
           ("deadline", "deadline", 22), ("status", "status", 11), ("document_number", "letter", 18))
_WITHIN = re.compile(r"^\s*(\d+)\s*([dwm]?)\s*$")
_UNIT_DAYS = {"": 1, "d": 1, "w": 7, "m": 30}


def parse_within(text: str) -> dt.timedelta:
    """"7d", "2w", "1m" (30 days) or a bare number of days."""
    match = _WITHIN.match(text.lower())
    if not match:
        raise ValueError(f"{text!r} is not a span like 7d, 2w or 1m")
    return dt.timedelta(days=int(match.group(1)) * _UNIT_DAYS[match.group(2)])


def deadline_text(row: TaskRow) -> str:
    """What a clerk reads in the deadline column."""
    if row.due is None:
        return row.deadline_raw or "—"
    text = row.due.strftime("%d/%m/%Y") + (f" {row.time}" if row.time else "")
    if row.rrule:
        text += " (recurring)"
    return text + (" OVERDUE" if row.overdue else "")


def as_table(rows: list[TaskRow], width: int | None = None, brief: bool = False) -> str:
    """A fixed-width table; the task column takes the room the terminal has left.
    ``brief``: one line per row, long cells cut with "…"."""
    width = width or shutil.get_terminal_size((160, 24)).columns
    fixed = sum(w for _, _, w in COLUMNS) + 2 * (len(COLUMNS) - 1)
    task_width = max(30, width - fixed)
    widths = [w or task_width for _, _, w in COLUMNS]
    lines = ["  ".join(title.ljust(w) for (_, title, _), w in zip(COLUMNS, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for row in rows:
        cells = [_cell(row, key) for key, _, _ in COLUMNS]
        wrapped = [[_cut(cell, w)] if brief else textwrap.wrap(cell, w) or [""] for cell, w in zip(cells, widths)]
        for i in range(max(map(len, wrapped))):
            lines.append("  ".join((part[i] if i < len(part) else "").ljust(w)
                                   for part, w in zip(wrapped, widths)).rstrip())
    lines.append(f"{len({r.task_id for r in rows})} tasks, {len(rows)} rows "
                 f"({sum(1 for r in rows if r.overdue)} overdue)")
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _cell(row: TaskRow, key: str) -> str:
    if key == "deadline":
        return deadline_text(row)
    value = getattr(row, key)
    return "" if value is None else str(value)


def as_json(rows: Iterable[TaskRow]) -> str:
    return json.dumps([_plain(row) for row in rows], ensure_ascii=False, indent=2)


def as_csv(rows: Iterable[TaskRow]) -> str:
    out = io.StringIO()
    names = [f.name for f in dataclasses.fields(TaskRow)]
    writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in _plain(row).items()})
    return out.getvalue()


def _plain(row: TaskRow) -> dict:
    data = dataclasses.asdict(row)
    return {k: v.isoformat() if isinstance(v, dt.date) else list(v) if isinstance(v, tuple) else v
            for k, v in data.items()}


FORMATS = {"table": as_table, "json": as_json, "csv": as_csv}
