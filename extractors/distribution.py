"""Nơi nhận: one entry per line without its dash, closing ";" and note; and the Lưu line."""
from __future__ import annotations

import re

from extractors.base import Candidate
from extractors.text import collapse

_NOTE = re.compile(r"\s*\((?P<note>[^()]{1,40})\)\s*$")
_COPIES = re.compile(r"\(?\s*(\d{1,2})\s*b?\s*\)?\s*$")


def find(text: str, spans: list[tuple[int, int, str]]) -> list[Candidate]:
    """Entries from the distribution segments; ``rule`` "continuation" joins the previous entry."""
    entries: list[list] = []
    for start, end, rule in spans:
        if rule == "archive":
            continue
        raw = collapse(text[start:end])
        if rule == "continuation" and entries:
            entries[-1][0] = f"{entries[-1][0]} {raw}"
            entries[-1][2] = end
        else:
            entries.append([raw, start, end])
    return [_entry(raw, start, end) for raw, start, end in entries]


def _entry(raw: str, start: int, end: int) -> Candidate:
    name, note = re.sub(r";\s*\S{1,3}$", "", raw).strip(" ;,."), None  # OCR specks after the closing ";"
    m = _NOTE.search(name)
    if m and re.match(r"(?i)\s*(để|đề|de|đê|dé|b/c|t/h|p/h|báo|thực|phối|biết|đăng|ph)", m.group("note")):
        note = m.group("note").strip()
        name = name[:m.start()].strip(" ;,.")
    return Candidate(value={"name": name, "note": note, "raw": raw}, span=(start, end), rule="Nơi nhận entry")


def find_archive(text: str, span: tuple[int, int]) -> Candidate:
    """"Lưu: VT, VXNV. ĐNĐ" → units [VT, VXNV], drafter ĐNĐ; "TH(02b)" gives the copies."""
    line = collapse(text[span[0]:span[1]])
    line = re.sub(r"^\W{0,3}\S{2,4}\s*[:;.,]?\s*", "", line, count=1)
    units_part, drafter = line, None
    m = re.search(r"[.]\s+(?P<drafter>[^\s,;]{1,20}(?:\s[^\s.,;]{1,20})?)\.?\s*$", line) or \
        re.search(r"\s\((?P<drafter>[A-ZĐ][A-Za-zĐđ.]{1,12})\)\.?\s*$", line)
    if m:
        units_part, drafter = line[:m.start()], m.group("drafter").rstrip(".")
    units, copies = [], None
    for unit in re.split(r"[,;]\s*", units_part.strip(" .")):
        unit = unit.strip(" .")
        c = re.search(r"\((\d{1,2})\s*b\)", unit)
        if c:
            copies = int(c.group(1))
            unit = unit[:c.start()].strip()
        if unit:
            units.append(unit)
    value = {"units": units, "drafter": drafter, "copies": copies}
    return Candidate(value=value, span=span, rule="Lưu line")
