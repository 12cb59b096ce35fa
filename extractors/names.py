"""Canonical names of agencies (SPEC §1) and the level of an issuing body.

"ỦY BAN NHÂN DÂN TỈNH NINH THUẬN" → "Ủy ban nhân dân tỉnh Ninh Thuận",
"UBND huyện Ninh Sơn" → "Ủy ban nhân dân huyện Ninh Sơn",
"TONG CYC THUE" (OCR) → "Tổng cục Thuế" (a repair, reported to the caller).
"""
from __future__ import annotations

import re
from functools import cache

from extractors import lexicon
from extractors.text import capitalize_first, collapse, expand_abbreviations, fold, is_upper


@cache
def _heads() -> list[tuple[str, str, str]]:
    """(folded head, canonical head, level), longest first."""
    rows = [(fold(h["head"]), h["head"], h["level"]) for h in lexicon.agencies()["unit_heads"]]
    return sorted(rows, key=lambda row: -len(row[0]))


@cache
def _territories() -> list[tuple[str, str, str]]:
    rows = [(fold(t["word"]), t["word"], t["level"]) for t in lexicon.agencies()["territories"]]
    return sorted(rows, key=lambda row: -len(row[0]))


@cache
def _known() -> list[tuple[str, str]]:
    rows = [(fold(name), name) for name in lexicon.agencies()["known"]]
    return sorted(rows, key=lambda row: -len(row[0]))


def head_of(name: str) -> tuple[str, str, str] | None:
    """The unit head a name starts with: (folded, canonical, level)."""
    key = fold(name).strip()
    for folded, canonical, level in _heads():
        if key == folded or key.startswith(folded + " "):
            return folded, canonical, level
    return None


def is_continuation(line: str) -> bool:
    """A header line that continues the name above it ("TỈNH NINH THUẬN", "VÀ XÃ HỘI")."""
    key = fold(line).strip()
    if head_of(line) is not None and not _territory_at(line.strip().lower(), 0):
        return False
    words = [fold(w) for w in lexicon.agencies()["continuations"]]
    return any(key == w or key.startswith(w + " ") for w in words)


@cache
def _not_territories() -> tuple[str, ...]:
    return tuple(fold(w) for w in lexicon.agencies()["not_territories"])


_AMBIGUOUS = frozenset({"quan"})   # quận / quân / quản / quan fold alike: match "quận" only with its marks


def _territory_at(key: str, pos: int) -> tuple[str, str, str] | None:
    """The territorial word at ``pos`` of a lower-case name (with or without diacritics)."""
    folded_key = fold(key)
    if any(folded_key.startswith(w, pos) for w in _not_territories()):
        return None
    for folded, canonical, level in _territories():
        end = pos + len(folded)
        if not folded_key.startswith(folded, pos) or (end < len(key) and key[end].isalnum()):
            continue
        printed = key[pos:end]
        if printed == canonical.lower() or (printed.isascii() and folded not in _AMBIGUOUS):
            return folded, canonical, level
    return None


def _place_case(words: str) -> str:
    try:
        from extractors import places
    except ImportError:  # the gazetteer is optional for casing
        places = None
    if places is not None and hasattr(places, "proper_case"):
        return places.proper_case(words)
    return " ".join(w[:1].upper() + w[1:].lower() for w in words.split(" "))


def _case_rest(rest: str, capitalize_first_word: bool) -> str:
    """Lower-case an all-caps remainder, proper-casing the places after territorial words."""
    words = rest.split(" ")
    out, i, place_mode, first = [], 0, False, capitalize_first_word
    while i < len(words):
        key = " ".join(words[i:]).lower()
        territory = _territory_at(key, 0)
        if territory:
            n = len(territory[1].split(" "))
            out.append(territory[1])
            i += n
            place_mode, first = True, False
            continue
        if place_mode:
            j = i
            while j < len(words) and not _territory_at(" ".join(words[j:]).lower(), 0) and words[j] not in ("và", "VÀ"):
                j += 1
            out.append(_place_case(" ".join(words[i:j])))
            i, place_mode = j, False
            continue
        word = words[i].lower()
        out.append(capitalize_first(word) if first else word)
        first = words[i] == "-"
        i += 1
    return " ".join(out)


def _case_tail(rest: str) -> str:
    """Case what follows a known agency name: a territory phrase, or a bare place name."""
    if _territory_at(rest.lower(), 0) or len(rest.split(" ")) > 3:
        return _case_rest(rest, False)
    return _place_case(rest)


def _repair_known(name: str) -> tuple[str, str] | None:
    """(canonical known name, remainder) when the name starts with a known agency, OCR-tolerant.

    Words are compared folded; a word may differ by one letter or carry OCR
    debris after it ("THUÊSZ"), and up to two debris words may sit between.
    """
    key = fold(name)
    for folded, canonical in _known():
        if key == folded or key.startswith(folded + " "):
            return canonical, name[len(folded):].strip()
    words = list(re.finditer(r"\S+", name))
    own_head = head_of(name)
    for folded, canonical in _known():
        known_words = folded.split(" ")
        known_head = head_of(canonical)
        if len(known_words) < 2 or (own_head and known_head and own_head[0] != known_head[0]):
            continue
        end = _match_words(known_words, [fold(w.group(0)) for w in words])
        if end is not None:
            rest = name[words[end - 1].end():].strip() if end < len(words) else ""
            return canonical, rest
    return None


def _match_words(known: list[str], found: list[str]) -> int | None:
    """How many found words the known words cover, or None when they do not match."""
    i, skipped = 0, 0
    for k, word in enumerate(known):
        if not any(c.isalnum() for c in word):
            if i < len(found) and found[i] == word:
                i += 1
            continue
        while i < len(found) and not _same_word(word, found[i]):
            if k == 0 or skipped == 2 or not (_debris(found[i]) or found[i] in known[:k]):
                return None  # only OCR debris or a doubled word may sit inside a known name
            skipped += 1
            i += 1
        if i == len(found):
            return None
        i += 1
    return i


def _debris(word: str) -> bool:
    """An OCR fragment rather than a word: very short, or holding non-letters."""
    return len(word) <= 2 or any(not c.isalpha() for c in word)


def _same_word(known: str, found: str) -> bool:
    found = found.strip(".,;:'\"`|")
    if found == known:
        return True
    if len(known) >= 3 and found.startswith(known) and len(found) <= len(known) + 3:
        return True
    return len(known) >= 2 and len(found) == len(known) and sum(a != b for a, b in zip(known, found)) == 1


@cache
def _sectors() -> list[tuple[str, str]]:
    return sorted(((fold(n), n) for n in lexicon.agencies()["sectors"]), key=lambda p: -len(p[0]))


@cache
def _proper_nouns() -> list[tuple[str, str]]:
    return sorted(((fold(n), n) for n in lexicon.agencies()["proper_nouns"]), key=lambda p: -len(p[0]))


def _with_proper_nouns(name: str) -> str:
    """Put back the capitals of proper nouns ("việt nam" → "Việt Nam") after case folding."""
    key = fold(name)
    for folded, proper in _proper_nouns():
        for m in re.finditer(r"(?<![\w])" + re.escape(folded) + r"(?![\w])", key):
            if name[m.start():m.end()].lower() == proper.lower():
                name = name[:m.start()] + proper + name[m.end():]
    return name


def _sector_case(rest: str) -> str | None:
    """"GIÁO DỤC VÀ ĐÀO TẠO TỈNH X" → "Giáo dục và Đào tạo tỉnh X" when a known sector opens the rest."""
    key = fold(rest)
    for folded, sector in _sectors():
        if key == folded or key.startswith(folded + " "):
            tail = rest[len(folded):].strip()
            return sector + (" " + _case_tail(tail) if tail else "")
    return None


@cache
def _title_as_written(folded: str) -> str:
    return next(t for t in lexicon.load("header")["titles"] if fold(t) == folded)


@cache
def _leading_titles() -> list[str]:
    return sorted((fold(t) for t in lexicon.load("header")["titles"]), key=len, reverse=True)


def canonical_agency(raw: str) -> str:
    """The canonical form of an agency name as printed (abbreviations expanded, case folded).

    A title before the agency stays ("BỘ TRƯỞNG BỘ TÀI CHÍNH" → "Bộ trưởng Bộ Tài chính")."""
    name = collapse(raw).strip(" .,;:-–|")
    if not name:
        return name
    key = fold(name)
    for title in _leading_titles():
        if key.startswith(title + " ") and head_of(name[len(title):].strip()):
            printed = _title_as_written(title)
            return f"{printed[:1].upper()}{printed[1:]} {canonical_agency(name[len(title):])}"
    upper = is_upper(name, 0.6)
    name = expand_abbreviations(name)
    known = _repair_known(name)
    if known:
        head, rest = known
        if not rest:
            return head
        return _with_proper_nouns(f"{head} {_case_tail(rest) if upper else rest}".strip())
    if not upper:
        return capitalize_first(name)
    head = head_of(name)
    if head is None:
        return _with_proper_nouns(capitalize_first(_case_rest(name, False)))
    rest = name[len(head[0]):].strip()
    if not rest:
        return head[1]
    if head[1] in _place_heads():
        return f"{head[1]} {_case_tail(rest)}"
    return _with_proper_nouns(f"{head[1]} {_sector_case(rest) or _case_rest(rest, True)}")


@cache
def _place_heads() -> frozenset[str]:
    """Heads followed by a place name ("Tỉnh ủy Ninh Thuận")."""
    return frozenset(h["head"] for h in lexicon.agencies()["unit_heads"] if h.get("place_after"))


def territorial_level(name: str) -> str | None:
    """The level a territorial word in the name gives ("... huyện Ninh Sơn" → district), if any."""
    key, folded = name.lower(), fold(name)
    for pos in [0] + [m.end() for m in re.finditer(r" ", key)]:
        territory = _territory_at(key, pos)
        if territory:
            rest = folded[pos + len(territory[0]):]
            if territory[2] == "province" and territory[0] in ("thanh pho", "tp.") and rest.strip() and \
                    not _names_province(rest):
                return "district"
            return territory[2]
    return "province" if _names_province(folded) else None


def level_of(name: str) -> str | None:
    """The level of an issuing body: from a territorial word or province in its name, else its head."""
    found = territorial_level(name)
    if found:
        return found
    head = head_of(name)
    return head[2] if head else None


def _names_province(key: str) -> bool:
    try:
        from extractors import places
    except ImportError:
        return False
    words = key.strip().split(" ")
    for n in range(len(words), 0, -1):
        for start in range(0, len(words) - n + 1):
            if places.province(" ".join(words[start:start + n])) is not None:
                return True
    return False


def was_repaired(raw: str, canonical: str) -> bool:
    """True when the canonical name differs from the printed one by more than case and abbreviations."""
    return fold(expand_abbreviations(collapse(raw))).strip(" .,;:-–|") != fold(canonical)
