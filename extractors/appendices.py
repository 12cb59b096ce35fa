"""Phụ lục after the signature: the title under "PHỤ LỤC", before "(Kèm theo ...)"."""
from __future__ import annotations

import re

from extractors import lexicon
from extractors.base import Candidate
from extractors.text import collapse, fold, lines


def find(text: str, span: tuple[int, int]) -> list[Candidate]:
    rows = [r for r in lines(text, *span) if r.stripped]
    if not rows:
        return []
    heading = lexicon.anchor("appendix")
    title_rows = []
    for i, row in enumerate(rows[:8]):
        f = fold(row.text).strip()
        if lexicon.anchor("attached").search(f) or f.startswith("("):
            break
        if i == 0 and re.match(r"\W{0,4}phu\s*luc\b", f):
            rest = re.sub(r"^\W*\S+\s+\S+\s*[IVX\d]*\s*[:.-]?\s*", "", row.stripped)
            if rest:
                title_rows.append(rest)
            continue
        title_rows.append(row.stripped)
    title = collapse(" ".join(title_rows)) or None
    if title and len(title) > 400:
        title = title[:400]
    return [Candidate(value={"title": title, "span": [span[0], span[1]]}, span=span, rule="phụ lục")]
