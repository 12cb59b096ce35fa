"""Kính gửi: one recipient per line or per dash item, in canonical form."""
from __future__ import annotations

import re

from extractors.base import Candidate
from extractors.names import canonical_agency
from extractors.text import trim


def find(text: str, spans: list[tuple[int, int]]) -> list[Candidate]:
    out = []
    for start, end in _items(text, spans):
        raw = text[start:end]
        out.append(Candidate(value={"name": canonical_agency(raw), "raw": raw, "span": [start, end]},
                             span=(start, end), rule="Kính gửi item"))
    return out


def _items(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Recipient items: a span per line (a dash item keeps a ";" inside it: "Các Bộ, cơ quan ngang Bộ;
    cơ quan thuộc Chính phủ"); a single inline line is split at ";"."""
    if len(spans) > 1:
        return [t for t in (trim(text, s, e, " \t;.-") for s, e in spans) if t[1] > t[0]]
    items = []
    for start, end in spans:
        pos = start
        for m in re.finditer(r";\s*(?:-\s*)?", text[start:end]):
            items.append(trim(text, pos, start + m.start(), " \t;.-"))
            pos = start + m.end()
        items.append(trim(text, pos, end, " \t;.-"))
    return [(s, e) for s, e in items if e > s]
