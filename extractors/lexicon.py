"""Loads the language data in ``extractors/data`` once.

Every Vietnamese word list the extractors use comes from these files, so a
reviewer can correct the language without touching code.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"


@cache
def load(name: str):
    """The parsed YAML data file ``extractors/data/<name>.yaml``."""
    path = DATA / f"{name}.yaml"
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@cache
def anchor(name: str) -> re.Pattern:
    """A compiled layout anchor from ``anchors.yaml`` (matched on folded text)."""
    return re.compile(load("anchors")[name], re.MULTILINE)


@cache
def doc_type_by_abbreviation() -> dict[str, str]:
    return {abbr: entry["code"] for entry in load("doc_types") for abbr in entry["abbreviations"]}


@cache
def doc_type_names() -> list[tuple[str, str]]:
    """(folded type name, code), longest name first so "thông tư liên tịch" wins over "thông tư"."""
    from extractors.text import fold

    pairs = [(fold(name), entry["code"]) for entry in load("doc_types") for name in entry["names"]]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


@cache
def abbreviations() -> dict[str, str]:
    return dict(load("abbreviations"))


@cache
def tone_marks() -> dict[str, str]:
    return dict(load("tone_marks"))


@cache
def marks(kind: str) -> list[tuple[str, str]]:
    """(folded phrase, code) for urgency / confidentiality, longest phrase first."""
    from extractors.text import fold

    pairs = [(fold(p), code) for code, phrases in load("marks")[kind].items() for p in phrases]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


@cache
def signing_marks() -> list[tuple[str, str]]:
    pairs = [(p, code) for code, forms in load("marks")["signing"].items() for p in forms]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


@cache
def deputy_titles() -> dict[str, str]:
    """Folded head title → the deputy's title ("tong cuc truong" → "phó tổng cục trưởng")."""
    from extractors.text import fold

    return {fold(head): deputy for head, deputy in load("marks")["deputy_titles"].items()}


@cache
def agencies() -> dict:
    return load("agencies")
