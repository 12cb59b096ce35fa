"""Dates as letters print them: "ngày 05 tháng 01 năm 2020", "17/12/2020", partial drafts."""
from __future__ import annotations

import calendar
import re

from extractors.base import Candidate
from extractors.text import fold
from schemas import PartialDate

# Folded "ngày .. tháng .. năm ....", OCR-tolerant in the words, strict in the digits:
# a part that is not clean digits in range is left blank (null), never guessed.
_WORDED = re.compile(
    r"ng[a-z]{1,2}[yu]\W{0,2}\s*(?P<d>[^\s]{0,4}?)\s*[,.]?\s*[a-z]?h[a-z]{0,2}ng\s*(?P<m>[^\s]{0,4}?)\s*[,.]?\s*"
    r"n[a-z]m\s*(?P<y>[^\s.,;]{0,6})")
_NUMERIC = re.compile(r"(?<![\d/])(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})(?![\d/])")


def _part(token: str, low: int, high: int) -> int | None:
    token = token.strip()
    if not re.fullmatch(r"\d{1,4}", token):
        return None
    value = int(token)
    return value if low <= value <= high else None


def partial_date(day: str, month: str, year: str) -> PartialDate:
    """A date from its printed parts; unreadable or impossible parts stay null."""
    y = _part(year, 1900, 2100)
    m = _part(month, 1, 12)
    d = _part(day, 1, 31)
    if d is not None and m is not None and y is not None and d > calendar.monthrange(y, m)[1]:
        d = None
    return PartialDate(year=y, month=m, day=d)


def find_worded(text: str, start: int = 0, end: int | None = None) -> Candidate | None:
    """The first "ngày .. tháng .. năm .." in ``text[start:end]``."""
    end = len(text) if end is None else end
    m = _WORDED.search(fold(text[start:end]))
    if not m:
        return None
    value = partial_date(m.group("d"), m.group("m"), m.group("y"))
    warnings = _missing(value)
    return Candidate(value=value, span=(start + m.start(), start + m.end()), rule="ngày tháng năm",
                     confidence=1.0 if not warnings else 0.6, warnings=warnings)


def find_numeric(text: str, start: int = 0, end: int | None = None) -> Candidate | None:
    """The first "dd/mm/yyyy" in ``text[start:end]``."""
    end = len(text) if end is None else end
    m = _NUMERIC.search(text, start, end)
    if not m:
        return None
    value = partial_date(m.group("d"), m.group("m"), m.group("y"))
    return Candidate(value=value, span=(m.start(), m.end()), rule="dd/mm/yyyy")


def _missing(value: PartialDate) -> tuple[str, ...]:
    missing = [name for name in ("day", "month", "year") if getattr(value, name) is None]
    if not missing:
        return ()
    return (f"issued date incomplete: {', '.join(missing)} missing or unreadable",)
