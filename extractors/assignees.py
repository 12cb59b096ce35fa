"""Agencies named in a task: the phrase after "giao / yêu cầu / đề nghị", or before
"có trách nhiệm / chủ trì", split into one assignee each in canonical form.

"UBND thành phố Phan Rang-Tháp Chàm và các huyện Ninh Sơn, Thuận Nam" gives
three assignees; "Các Sở, ban, ngành thuộc tỉnh" stays one (SPEC §3 rule 8).
"""
from __future__ import annotations

import re
from functools import cache

from extractors import lexicon
from extractors.names import canonical_agency
from extractors.text import capitalize_first, collapse, expand_abbreviations, fold

MAX_WORDS = 40


def _data() -> dict:
    return lexicon.load("directives")


@cache
def _action_words() -> tuple[str, ...]:
    """Lower-case with diacritics: "có" (a verb) and "cơ quan" (an agency) must stay apart."""
    return tuple(sorted((w.lower() for w in _data()["action_words"]), key=len, reverse=True))


@cache
def openers() -> tuple[str, ...]:
    """The folded words an agency's name starts with, longest first."""
    return tuple(sorted((fold(w) for w in _data()["agency_openers"]), key=len, reverse=True))


def opens_agency(text: str) -> bool:
    """The text starts like an agency's name ("Sở ...", "UBND ...", "Báo Quảng Bình", not "Báo cáo ...")."""
    stripped = text.strip()
    key = fold(stripped)
    if not any(key == o or key.startswith(o + " ") for o in openers()):
        return False
    words = stripped.split()
    # A one-word opener that is also a common word (báo, trạm, viện) needs a capital name after it.
    return not (fold(words[0]) in _SHORT_OPENERS and (len(words) < 2 or not words[1][:1].isupper()))


_SHORT_OPENERS = frozenset({"bao", "tram", "vien", "dai"})


def phrase_end(text: str, start: int, end: int) -> int:
    """Where the agency phrase starting at ``start`` ends: at an action word, ":" or a clause break."""
    words = list(re.finditer(r"\S+", text[start:end]))
    for n, w in enumerate(words):
        at = start + w.start()
        rest = text[at:end].lower()
        after_plural = n > 0 and words[n - 1].group(0).lower() in ("các", "những", "mọi")
        if rest.startswith(("có liên quan", "liên quan", "có thẩm quyền", "có chức năng")):
            continue  # "các đơn vị có liên quan" names the agencies; "có" is no verb here
        capitalized = w.group(0)[:1].isupper()  # "Sở Xây dựng", "Ban Tổ chức": a verb in a name is capitalized
        if n > 0 and not after_plural and not capitalized and any(
                rest.startswith((a + " ", a + ",", a + ".")) or rest == a for a in _action_words()):
            return _strip_end(text, start, at)
        token = w.group(0)
        if token.endswith((":", ".", "(")) and not re.fullmatch(r"(?:TP|Tp|P|Q|Đ/c|đ/c)\.", token):
            return _strip_end(text, start, start + w.end())
        if n >= MAX_WORDS:
            return _strip_end(text, start, at)
    return _strip_end(text, start, end)


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " ,;:.(\t":
        end -= 1
    return end


def split(phrase: str) -> list[str]:
    """One canonical name per agency of a listed phrase."""
    phrase = collapse(phrase).strip(" ,;:.")
    parts = [p.strip() for p in re.split(r"\s*;\s*", phrase) if p.strip()]
    out: list[str] = []
    for part in parts:
        out += _split_part(part)
    return [canonical(p) for p in out if p]


def _split_part(part: str) -> list[str]:
    listed = _place_list(expand_abbreviations(part))
    if listed:
        return listed
    pieces, current = [], ""
    tokens = re.split(r"(,\s*|\s+và\s+|\s+cùng\s+)", part)
    for i in range(0, len(tokens), 2):
        chunk = tokens[i]
        joint = tokens[i - 1] if i else ""
        if current and _starts_new(chunk, joint):
            pieces.append(current)
            current = chunk
        else:
            current = f"{current}{joint}{chunk}" if current else chunk
    if current:
        pieces.append(current)
    return _distribute(pieces)


def _starts_new(chunk: str, joint: str) -> bool:
    """After a joint, a chunk that opens an agency with a capital (or "các <unit>") is a new assignee."""
    chunk = chunk.strip()
    if not chunk:
        return False
    if fold(chunk).startswith("cac ") and "va" in fold(joint):
        return True
    return chunk[0].isupper() and opens_agency(chunk)


_TERRITORY = r"(?:huyện|quận|thị xã|thành phố|xã|phường|thị trấn|tỉnh)"


def _place_list(part: str) -> list[str] | None:
    """"UBND các huyện Ninh Sơn, Thuận Nam và thành phố Phan Rang - Tháp Chàm" → one name per place."""
    m = re.match(r"^(?P<head>.+?)\s+(?:các\s+)?(?P<kind>" + _TERRITORY + r")\s+(?P<rest>[A-ZĐ].*)$", part)
    if not m or not opens_agency(m.group("head")) or fold(m.group("head")).startswith("cac "):
        return None
    names, kind = [], m.group("kind")
    for chunk in re.split(r",\s*|\s+và\s+", m.group("rest")):
        chunk = chunk.strip()
        k = re.match(r"^(?:các\s+)?(" + _TERRITORY + r")\s+(.+)$", chunk)
        if k:
            kind, chunk = k.group(1), k.group(2)
        if not chunk[:1].isupper() or len(chunk.split()) > 5:
            return None
        names.append(f"{m.group('head')} {kind} {chunk}")
    return names if len(names) > 1 else None


def _distribute(pieces: list[str]) -> list[str]:
    """"UBND thành phố X" + "các huyện Y, Z" → the head of the first piece for each place listed."""
    out = []
    for piece in pieces:
        m = re.match(r"^các\s+(huyện|quận|thị xã|thành phố|xã|phường|thị trấn)\s+(.+)$", piece.strip())
        head = _territorial_head(out[-1]) if out else None
        if m and head and m.group(2)[:1].isupper():
            names = [n.strip() for n in re.split(r",\s*|\s+và\s+", m.group(2)) if n.strip()]
            out += [f"{head} {m.group(1)} {name}" for name in names]
        else:
            out.append(piece)
    return out


def _territorial_head(name: str) -> str | None:
    m = re.match(r"^(.*?)\s+(?:tỉnh|huyện|quận|thị xã|thành phố|xã|phường|thị trấn)\s", expand_abbreviations(name))
    return m.group(1) if m else None


def canonical(name: str) -> str:
    """Abbreviations expanded, first letter capital ("các Cục Thuế" → "Các Cục Thuế")."""
    name = collapse(name).strip(" ,;:.-")
    name = re.sub(r"^(?:đồng chí|Đồng chí|đ/c|Đ/c)\s+", "", name)
    return capitalize_first(canonical_agency(name)) if name.isupper() else capitalize_first(expand_abbreviations(name))
