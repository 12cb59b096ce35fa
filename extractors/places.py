"""Vietnamese provinces and districts, before and after the 1 July 2025 reform.

The names live in ``data/provinces.csv`` and ``data/districts.csv`` (see
``data/README.md``); this module loads them once and looks names up whatever
their case, diacritics, tone-mark placement, spacing or punctuation.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

__all__ = [
    "District", "Province", "district", "known_place_names", "proper_case",
    "province", "provinces", "successor",
]


@dataclass(frozen=True)
class Province:
    """A province-level unit: ``kind`` is "tinh" (tỉnh) or "thanh_pho" (thành phố trực thuộc trung ương)."""

    name: str
    kind: str
    valid_from: date | None
    valid_to: date | None
    merged_into: str | None
    aliases: tuple[str, ...]

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class District:
    """A district-level unit before 1 July 2025: ``kind`` is huyen, quan, thi_xa or thanh_pho.

    ``successors`` is empty for the units of the mid-2025 list; for an older
    unit it names what it became (merged into, renamed, or the same name of
    another kind).
    """

    name: str
    kind: str
    province: str
    aliases: tuple[str, ...]
    successors: tuple[str, ...]

    @property
    def current(self) -> bool:
        return not self.successors


# --- folding ---------------------------------------------------------------

_TONES = "\u0300\u0301\u0303\u0309\u0323"
# Decree 30/2020 style: the tone of "oa", "oe", "uy" closing a syllable sits on
# the first vowel ("hòa", "khỏe", "thủy"); "qu" is a consonant, so "quý" is left.
_OLD_PLACEMENT = re.compile(
    rf"(?<![qQ])(?:([oO])([aAeE])|([uU])([yY]))([{_TONES}])(?![^\W\d_]|[\u0300-\u036f])"
)


def _modern(text: str) -> str:
    """NFC with the project's tone placement: 'Khánh Hoà' → 'Khánh Hòa'."""
    decomposed = unicodedata.normalize("NFD", text)
    fixed = _OLD_PLACEMENT.sub(
        lambda m: (m[1] or m[3]) + m[5] + (m[2] or m[4]), decomposed
    )
    return unicodedata.normalize("NFC", fixed)


def _key(text: str) -> str:
    """Diacritics kept, case, spacing and punctuation dropped: 'TP. Hồ Chí Minh' → 'tphồchíminh'."""
    return "".join(c for c in _modern(text).casefold() if c.isalnum())


def _loose(text: str) -> str:
    """Diacritics dropped too: 'Đắk Nông' → 'daknong'."""
    decomposed = unicodedata.normalize("NFD", _key(text).replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# --- loading ---------------------------------------------------------------

def _rows(filename: str) -> list[dict[str, str]]:
    text = resources.files(__package__).joinpath("data", filename).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def _day(cell: str) -> date | None:
    return date.fromisoformat(cell) if cell else None


@cache
def provinces(on: date | None = None) -> tuple[Province, ...]:
    """All province-level units of the data, or those that existed on a given day."""
    if on is not None:
        return tuple(p for p in provinces() if p.valid_on(on))
    return tuple(
        Province(
            name=row["name"], kind=row["kind"], valid_from=_day(row["valid_from"]),
            valid_to=_day(row["valid_to"]), merged_into=row["merged_into"] or None,
            aliases=_split(row["aliases"]),
        )
        for row in _rows("provinces.csv")
    )


@cache
def _districts() -> tuple[District, ...]:
    return tuple(
        District(
            name=row["name"], kind=row["kind"], province=row["province"],
            aliases=_split(row["aliases"]), successors=_split(row["successor"]),
        )
        for row in _rows("districts.csv")
    )


def _index(items, fold) -> dict[str, tuple]:
    index: dict[str, list] = {}
    for item in items:
        for spelling in {fold(s) for s in (item.name, *item.aliases)}:
            index.setdefault(spelling, []).append(item)
    return {k: tuple(v) for k, v in index.items()}


@cache
def _province_index(fold) -> dict[str, tuple[Province, ...]]:
    return _index(provinces(), fold)


@cache
def _district_index(fold) -> dict[str, tuple[District, ...]]:
    return _index(_districts(), fold)


# --- lookups ---------------------------------------------------------------

def province(name: str) -> Province | None:
    """The province a name or alias denotes, whatever its case, diacritics or tone placement."""
    return _province_named(name)


def _province_named(name: str) -> Province | None:
    for fold in (_key, _loose):
        found = _province_index(fold).get(fold(name), ())
        if len(found) == 1:
            return found[0]
    return None


def successor(province_name: str) -> str | None:
    """The province a unit belongs to after the 2025 merger ('Ninh Thuận' → 'Khánh Hòa')."""
    unit = province(province_name)
    seen = set()
    while unit is not None and unit.merged_into and unit.name not in seen:
        seen.add(unit.name)
        unit = province(unit.merged_into)
    return unit.name if unit else None


def district(name: str, province: str | None = None, kind: str | None = None) -> District | None:
    """The district-level unit a name denotes, or None when unknown or ambiguous.

    ``province`` narrows the search (old or new name: districts of Thừa Thiên
    Huế are found under "Huế" too); ``kind`` (huyen, quan, thi_xa, thanh_pho)
    chooses between units of one name, as "huyện Kỳ Anh" and "thị xã Kỳ Anh".
    Units of the 2025 list win over older ones of the same name.
    """
    for fold in (_key, _loose):
        found = _district_index(fold).get(fold(name), ())
        if kind is not None:
            found = tuple(d for d in found if d.kind == kind)
        if province is not None:
            found = _in_province(found, province)
        current = tuple(d for d in found if d.current) or found
        if len(current) == 1:
            return current[0]
        if current:
            return None
    return None


def _in_province(found: tuple[District, ...], name: str) -> tuple[District, ...]:
    unit = _province_named(name)
    if unit is None:
        return ()
    exact = tuple(d for d in found if d.province == unit.name)
    if exact:
        return exact
    # A province renamed (Thừa Thiên Huế → Huế) keeps its districts; one merged does not.
    related = {p.name for p in provinces() if _renamed(p, unit) or _renamed(unit, p)}
    return tuple(d for d in found if d.province in related)


def _renamed(old: Province, new: Province) -> bool:
    """``new`` took over ``old`` whole: it began the day after ``old`` ended."""
    return (
        old.merged_into == new.name and old.valid_to is not None and new.valid_from is not None
        and (new.valid_from - old.valid_to).days == 1
    )


# --- names -----------------------------------------------------------------

@cache
def _proper_forms() -> dict[str, str]:
    """Folded spelling → how the data writes it; canonical names win over aliases."""
    forms: dict[str, str] = {}
    units = (*provinces(), *_districts())
    for unit in units:
        for alias in unit.aliases:
            # A spelling of the name itself folds to the name; an abbreviation keeps its own form.
            same = _loose(alias) == _loose(unit.name)
            forms.setdefault(_key(alias), unit.name if same else _modern(alias))
    for unit in units:
        forms[_key(unit.name)] = unit.name
    return forms


def proper_case(text: str) -> str:
    """A place name in its canonical form ('ĐẮK SONG' → 'Đắk Song'), else each syllable capitalized."""
    text = " ".join(_modern(text).split())
    known = _proper_forms().get(_key(text))
    if known is not None:
        return known
    return re.sub(r"[^\W\d_]+", lambda m: m[0][:1].upper() + m[0][1:].lower(), text)


@cache
def known_place_names() -> frozenset[str]:
    """Every canonical province and district name of the data."""
    return frozenset(p.name for p in provinces()) | frozenset(d.name for d in _districts())
