"""Agencies and their aliases: "UBND tỉnh" and "Ủy ban nhân dân tỉnh Ninh Thuận" meet.

An agency is found by its key: the name with abbreviations expanded
(``extractors.text.expand_abbreviations``), folded (``extractors.text.fold``:
no case, no diacritics, so "Uỷ" and "Ủy" agree) and with punctuation runs made
single spaces. Before that, a name ending with a bare level word ("UBND tỉnh")
is completed with the issuer's own place of that level (``data/localities.yaml``).
Every name a letter gave is kept as an alias of its agency.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Iterable

import yaml
from sqlalchemy import literal, select, union
from sqlalchemy.orm import Session, selectinload

from extractors import places
from extractors.names import canonical_agency
from extractors.text import collapse, expand_abbreviations, fold
from registry.models import Agency, AgencyAlias
from schemas import Record

DATA = Path(__file__).parent / "data"
ISSUER_LEVELS = ("province", "district", "commune")   # bodies whose place line is their own place


@cache
def _localities() -> dict:
    with (DATA / "localities.yaml").open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return {"levels": {fold(word): kinds for word, kinds in data["levels"].items()},
            "plural": tuple(fold(word) for word in data["plural"])}


def agency_key(name: str) -> str:
    """The matching key of a name: "UBND  tỉnh Ninh Thuận." → "uy ban nhan dan tinh ninh thuan"."""
    expanded = expand_abbreviations(collapse(unicodedata.normalize("NFC", name)))
    return " ".join(re.sub(r"[^\w]+", " ", fold(expanded)).split())


def issuer_places(record: Record) -> dict[str, str]:
    """The issuer's own places by folded level word: {"tinh": "Ninh Thuận", "huyen": "Ninh Sơn"}."""
    found: dict[str, str] = {}
    issuer = record.issuer
    for name in (issuer.name, issuer.parent) if issuer else ():
        for word, place in _places_in(name or ""):
            found.setdefault(word, place)
    level = issuer.level if issuer else None
    province = places.province(record.place) if record.place and level in ISSUER_LEVELS else None
    if province is not None:
        word = next((w for w, kinds in _localities()["levels"].items() if province.kind in kinds), None)
        if word:
            found.setdefault(word, province.name)
    return found


def _places_in(name: str) -> Iterable[tuple[str, str]]:
    """(level word, place) for each "<level word> <known place>" that ends a name."""
    expanded = expand_abbreviations(collapse(name))
    folded = fold(expanded)
    for word, kinds in _localities()["levels"].items():
        for m in re.finditer(r"(?:^|\s)" + re.escape(word) + r"\s+(\S.*)$", folded):
            place = _known_place(expanded[m.start(1):].strip(" .,;"), kinds)
            if place:
                yield word, place
                break


def _known_place(text: str, kinds: list[str]) -> str | None:
    province = places.province(text)
    if province is not None and province.kind in kinds:
        return province.name
    for kind in kinds:
        district = places.district(text, kind=kind)
        if district is not None:
            return district.name
    return None


def qualified(name: str, own_places: dict[str, str]) -> str:
    """The name with the issuer's place after a bare final level word ("UBND tỉnh" → "UBND tỉnh Ninh Thuận")."""
    key = agency_key(name)
    words = key.split()
    for word, place in own_places.items():
        size = len(word.split())
        if len(words) > size and " ".join(words[-size:]) == word and words[-size - 1] not in _localities()["plural"]:
            return f"{collapse(name).rstrip(' .,;')} {place}"
    return name


def resolve(session: Session, names: Iterable[str], own_places: dict[str, str]) -> dict[str, Agency]:
    """The agency of each name (created when new), every name kept as an alias; names with no
    letters or digits are left out."""
    wanted: dict[str, tuple[str, str]] = {}
    for name in dict.fromkeys(names):
        full = qualified(name, own_places)
        key = agency_key(full)
        if key:
            wanted[name] = (key, full)
    keys = {key for key, _ in wanted.values()}
    query = select(Agency).where(Agency.key.in_(keys)).options(selectinload(Agency.aliases))
    found = {agency.key: agency for agency in session.scalars(query)} if keys else {}
    out: dict[str, Agency] = {}
    for name, (key, full) in wanted.items():
        agency = found.get(key)
        if agency is None:
            agency = found[key] = Agency(name=canonical_agency(full), key=key, aliases=[])
            session.add(agency)
        add_alias(agency, name)
        out[name] = agency
    return out


def add_alias(agency: Agency, alias: str | None) -> None:
    """Keep ``alias`` (whitespace collapsed) among the agency's names, once."""
    alias = collapse(alias or "")
    if alias and all(known.alias != alias for known in agency.aliases):
        agency.aliases.append(AgencyAlias(alias=alias, key=agency_key(alias)))


def matching(query: str):
    """A select of the ids of agencies whose name or an alias holds ``query`` as whole words
    ("UBND tỉnh" finds "Ủy ban nhân dân tỉnh Ninh Thuận"; "ninh thuan" finds it too)."""
    pattern = f" {agency_key(query)} "
    by_name = select(Agency.id).where((literal(" ") + Agency.key + " ").contains(pattern, autoescape=True))
    by_alias = select(AgencyAlias.agency_id).where(
        (literal(" ") + AgencyAlias.key + " ").contains(pattern, autoescape=True))
    return union(by_name, by_alias)
