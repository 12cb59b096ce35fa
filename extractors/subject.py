"""Trích yếu and the type name of the header."""
from __future__ import annotations

import re

from extractors import lexicon
from extractors.base import Candidate
from extractors.text import collapse, fold

_LEADING = re.compile(r"^\W{0,3}(?:v\s*[/\\1l]\s*v|vv|viv|v\.v|ve\s+viec|ve)\b\s*[:.]?\s*")


def find(text: str, spans: list[tuple[int, int]]) -> Candidate | None:
    """The subject as one line, without a leading "V/v", "Về việc" or "Về"."""
    if not spans:
        return None
    joined = collapse(" ".join(text[s:e] for s, e in spans))
    m = _LEADING.match(fold(joined))
    if m:
        joined = joined[m.end():]
    joined = joined.strip(" \"'“”*.:;-")
    if not joined:
        return None
    return Candidate(value=joined, span=(spans[0][0], spans[-1][1]), rule="subject block")


def doc_type_from_name(text: str, span: tuple[int, int]) -> str | None:
    """The code of a printed type name ("QUYẾT ĐỊNH" → quyet_dinh)."""
    key = fold(text[span[0]:span[1]]).strip()
    for name, code in lexicon.doc_type_names():
        if key == name:
            return code
    return None
