"""Urgency (HỎA TỐC, THƯỢNG KHẨN, KHẨN) and secrecy (TUYỆT MẬT, TỐI MẬT, MẬT) marks."""
from __future__ import annotations

from extractors import lexicon
from extractors.base import Candidate
from extractors.text import fold


def find(text: str, spans: list[tuple[int, int]]) -> dict[str, Candidate]:
    """{"urgency": ..., "confidentiality": ...} for the mark lines found in the header."""
    out: dict[str, Candidate] = {}
    for start, end in spans:
        key = fold(text[start:end]).strip(" .:-*")
        for kind in ("urgency", "confidentiality"):
            for phrase, code in lexicon.marks(kind):
                if key == phrase and kind not in out:
                    out[kind] = Candidate(value=code, span=(start, end), rule="mark line")
    return out
