"""The issuing body from the header's left column: name, parent, level."""
from __future__ import annotations

import re

from extractors import lexicon
from extractors.base import Candidate
from extractors.names import canonical_agency, head_of, is_continuation, level_of, territorial_level, was_repaired
from extractors.text import collapse, fold


def find(text: str, spans: list[tuple[int, int]]) -> Candidate | None:
    """Group the issuer lines into units; the last unit is the issuer, the one above its parent."""
    units = _units(text, spans)
    if not units:
        return None
    raw = _joined(text, units[-1])
    start, end = units[-1][0][0], units[-1][-1][1]
    name = canonical_agency(raw)
    parent = canonical_agency(_joined(text, units[-2])) if len(units) > 1 else None
    warnings = []
    if was_repaired(raw, name):
        warnings.append(f"issuer name read as {name!r} from {collapse(raw)!r}")
    confidence = 0.9 if head_of(name) else 0.6
    level = level_of(name)
    if parent and not territorial_level(name) and territorial_level(parent):
        level = territorial_level(parent)  # "VĂN PHÒNG" under "UBND TỈNH KON TUM" is provincial
    value = {"name": name, "parent": parent, "level": level, "raw": raw, "span": [start, end]}
    return Candidate(value=value, span=(start, end), confidence=confidence, rule="header units",
                     warnings=tuple(warnings))


def _units(text: str, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Header lines grouped into organisational units; a line that opens a unit starts a new one."""
    units: list[list[tuple[int, int]]] = []
    for start, end in [piece for span in spans for piece in _split_at_heads(text, span)]:
        line = text[start:end]
        if units and (is_continuation(line) or head_of(line) is None and not _standalone(line)
                      or _wraps(_joined(text, units[-1]), line)):
            units[-1].append((start, end))
        else:
            units.append([(start, end)])
    return units


def _wraps(previous: str, line: str) -> bool:
    """A name that a narrow column wrapped: "SỞ TÀI NGUYÊN VÀ MÔI" / "TRƯỜNG" joins into a known name."""
    joined = fold(f"{previous} {line}")
    first = fold(line).split()[0] if line.split() else ""
    for phrase in lexicon.agencies()["sectors"] + lexicon.agencies()["known"]:
        key = fold(phrase)
        at = joined.find(key)
        if at >= 0 and at < len(fold(previous)) < at + len(key) and first in key.split():
            return True
    return False


def _split_at_heads(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """"UBND TỈNH HƯNG YÊN SỞ NỘI VỤ" on one line: a unit head after a place starts the next unit."""
    start, end = span
    line = text[start:end]
    for m in re.finditer(r"(?<=\s)(SỞ|CỤC|CHI CỤC|VỤ|PHÒNG|VĂN PHÒNG|BAN|TỔNG CỤC|TRƯỜNG|TRUNG TÂM|BỆNH VIỆN)\s", line):
        before = line[:m.start()].strip()
        if re.search(r"\b(?:tinh|huyen|thanh pho|xa|phuong|quan|thi xa)\b", fold(before)) and len(before.split()) >= 3:
            return [(start, start + len(line[:m.start()].rstrip())), (start + m.start(), end)]
    return [span]


def _joined(text: str, unit: list[tuple[int, int]]) -> str:
    return collapse(" ".join(text[s:e] for s, e in unit))


def _standalone(line: str) -> bool:
    """A line with no known head still opens a unit when it is long enough to be a name."""
    return len(line.split()) >= 3
