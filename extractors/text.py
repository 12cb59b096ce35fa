"""Text helpers shared by every extractor: folding, lines, name casing.

``fold`` keeps the length of the text, so a match found on the folded text
has the same offsets in the original: extractors match tolerant patterns on
the folded text and cut values from the original.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from extractors import lexicon


@cache
def _fold_table() -> dict[int, str]:
    table = {}
    for code in range(0x00C0, 0x1F00):
        char = chr(code)
        if char in "đĐ":
            table[code] = "d"
            continue
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii():
            table[code] = base.lower()
        elif char.lower() != char and len(char.lower()) == 1:
            table[code] = char.lower()
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    return table


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case without diacritics (đ → d), one character for one: offsets are kept.
    Cached: the same words and lines are folded over and over while a letter is read."""
    return text.translate(_fold_table())


def collapse(text: str) -> str:
    """Whitespace collapsed to single spaces, ends stripped."""
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


def lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The lines of ``text[start:end]`` with their absolute offsets (newline excluded)."""
    end = len(text) if end is None else end
    out, pos = [], start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        out.append(Line(pos, stop, text[pos:stop]))
        pos = stop + 1
    return out


def trim(text: str, start: int, end: int, chars: str = " \t\n.,;:-–—|*_'\"“”") -> tuple[int, int]:
    """The span shrunk past the given characters at both ends."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def is_upper(text: str, share: float = 0.8) -> bool:
    """Most letters are capitals (an all-caps header line, OCR noise allowed)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    return sum(c.isupper() for c in letters) / len(letters) >= share


def expand_abbreviations(text: str) -> str:
    """UBND → Ủy ban nhân dân and the other standard abbreviations (whole words)."""
    table = lexicon.abbreviations()
    pattern = _abbreviation_pattern()
    return pattern.sub(lambda m: table[m.group(0)], text)


@cache
def _abbreviation_pattern() -> re.Pattern:
    keys = sorted(lexicon.abbreviations(), key=len, reverse=True)
    return re.compile(r"(?<![\w&])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w&])")


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
