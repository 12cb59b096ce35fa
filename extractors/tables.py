"""Task tables of a kế hoạch: "STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành".

The normalizer writes a table row as one line with cells joined by " | "
(markdown tables, DOCX tables). The header row names the columns; each
later row with as many cells is one task (SPEC §3 rule 7).
"""
from __future__ import annotations

import re
from functools import cache

from extractors import lexicon
from extractors.text import fold, lines


@cache
def _columns() -> dict[str, tuple[str, ...]]:
    table = lexicon.load("directives")["table_columns"]
    return {k: tuple(sorted((fold(w) for w in v), key=len, reverse=True)) for k, v in table.items()}


def _header(cells: list[str]) -> dict[str, int] | None:
    """Column index of content, lead, support and deadline, when the cells are a task-table header."""
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        key = fold(cell).strip(" *:")
        for name, words in _columns().items():
            if name not in found and any(key == w or key.startswith(w + " ") for w in words):
                found[name] = i
                break
    return found if "content" in found and "lead" in found else None


def task_rows(text: str, start: int, end: int) -> list[dict]:
    """{label, content, lead, support, deadline, span} for each row under a task-table header."""
    out, header, width = [], None, 0
    for row in lines(text, start, end):
        if " | " not in row.text:
            header = None if not row.stripped else header
            continue
        cells = [c.strip() for c in re.split(r"\s\|(?:\s|$)", row.text)]
        found = _header(cells)
        if found:
            header, width = found, len(cells)
            continue
        cells += [""] * (width - len(cells)) if header is not None and width - len(cells) in (1, 2) else []
        if header is None or len(cells) != width or not cells[header["content"]]:
            continue
        get = lambda name: cells[header[name]] if name in header else None  # noqa: E731
        label = cells[0] if re.fullmatch(r"[\dIVX.]{1,6}", cells[0]) else str(len(out) + 1)
        if re.fullmatch(r"[IVX]+\.?", cells[0]) and not (cells[header["lead"]] if "lead" in header else ""):
            continue  # a group row ("I | Cải cách thể chế") heads the rows below it
        out.append({"label": f"row {label.strip('.')}", "content": get("content"), "lead": get("lead"),
                    "support": get("support"), "deadline": get("deadline"), "span": (row.start, row.end)})
    return out
