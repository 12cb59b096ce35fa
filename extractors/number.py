"""Số và ký hiệu: "Số: 4554/UBND-VXNV", "Số:   /UBND-NC", "Số: 61/2018/NĐ-CP", "Số 12-CTr/TU"."""
from __future__ import annotations

import re

from extractors import lexicon
from extractors.base import Candidate

# Decree 30/2020 Appendix I §II.3: number / [year /] symbol, no spaces. Party
# documents join number and type with a hyphen: "12-CTr/TU". OCR and web copies
# add spaces, stray quotes and stars, which are tolerated around the parts.
_LABEL = re.compile(r"^\W{0,3}(?:[Ss][ốoôóỐO0ée]\s*[:;]?|\S{1,3}\s*:(?=[\d\s']{1,8}/))\s*", re.UNICODE)
_SYMBOL = r"[A-ZĐ][A-Za-zĐđ0-9&]*(?:\.\s?[A-Za-zĐđ0-9&]+)*(?:\s?-\s?[A-Za-zĐđ0-9&.()]+)*"
_STATE = re.compile(
    r"^(?P<num>.{0,10}?)\s*(?:/\s*(?P<year>(?:19|20)\d\d)\s*)?/\s*(?P<sym>" + _SYMBOL + r")")
_PARTY = re.compile(r"^(?P<num>\d{1,5})\s*-\s*(?P<type>[A-ZĐ][A-Za-zĐđ]{0,4})\s*/\s*(?P<sym>" + _SYMBOL + r")")
_BARE = re.compile(r"^(?P<num>\d{1,5})\s*(?P<sym>[A-ZĐ]{2,}[A-Za-zĐđ]*-[A-Za-zĐđ0-9&.-]+)")


def find(text: str, span: tuple[int, int]) -> Candidate | None:
    """Number, symbol, number_symbol and the doc type the symbol names, from the number segment."""
    start, end = span
    label = _LABEL.match(text[start:end])
    has_label = label is not None
    pos = start + (label.end() if label else 0)
    body = text[pos:end]
    for pattern, rule in ((_PARTY, "party number"), (_STATE, "state number"), (_BARE, "number without slash")):
        m = pattern.match(body)
        if m:
            return _candidate(m, pos, rule, has_label)
    return None


def _candidate(m: re.Match, pos: int, rule: str, has_label: bool) -> Candidate:
    symbol = re.sub(r"\s+", "", m.group("sym")).rstrip(".-")
    raw_num = m.group("num")
    digits = re.sub(r"['’`*\s]", "", raw_num)
    warnings = []
    number = int(digits) if re.fullmatch(r"\d{1,6}", digits) and has_label else None
    if digits and number is None:
        warnings.append(f"document number unreadable: {raw_num.strip()!r}")
    year = m.groupdict().get("year")
    type_abbr = m.groupdict().get("type")
    if type_abbr:
        printed = f"{digits}-{type_abbr}/{symbol}"
    else:
        printed = f"{digits if number is not None else ''}{'/' + year if year else ''}/{symbol}"
        if rule == "number without slash":
            printed = f"{digits}{symbol}"
    value = {
        "number": number,
        "year": int(year) if year else None,
        "symbol": symbol,
        "number_symbol": printed,
        "doc_type": doc_type_of(symbol, type_abbr, bool(year)),
    }
    return Candidate(value=value, span=(pos + m.start(), pos + m.end()), rule=rule,
                     confidence=0.95 if number is not None or not digits else 0.6, warnings=tuple(warnings))


def doc_type_of(symbol: str, party_type: str | None = None, normative: bool = False) -> str | None:
    """The type a symbol names: its first part ("QĐ-UBND"), or the party type ("12-CTr/TU")."""
    table = lexicon.doc_type_by_abbreviation()
    if party_type:
        return table.get(party_type)
    first = re.split(r"[-.]", symbol, maxsplit=1)[0]
    if first in table and (first != "QH" or normative) and ("-" in symbol or "." in symbol):
        return table[first]
    if normative and symbol.startswith("QH"):
        return "luat"
    return None
