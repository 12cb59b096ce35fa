"""Normalize once: every later stage and every span works on this text.

NFC, one tone-mark placement, markdown and converter artefacts removed,
layout spaces folded, words and sentences that a PDF or OCR broke across
lines joined again, list markers kept at the start of their lines.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache

from extractors import lexicon
from schemas import Document

_FRONT_MATTER = re.compile(r"\A\s*---\n(?:[^\n]*\n){0,40}?---\s*\n")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)|(?<=\S)(\*\*|__)|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE)
_GAP = re.compile(r"[ \t]{2,}|\t")
_LIST_MARKER = re.compile(r"^\s*(?:[-+•–]|\d{1,2}(?:\.\d{1,2})*[.)/]|[a-zđ][)]|[IVX]{1,5}[./]|\(\d{1,2}\)|\([a-zđ]\))\s*$")
_ITEM_START = re.compile(r"^\s*(?:[-+•–]|\d{1,2}(?:\.\d{1,2})*[.)/]\s|[a-zđ][)]\s|[IVX]{1,5}[./]\s|\(\d{1,2}\)|\([a-zđ]\))")
_SENTENCE_END = re.compile(r"[.;:!?]\s*$|[.;:!?][\"”)]\s*$")


def normalize(doc: Document) -> Document:
    """The document with ``text`` set from ``raw_text``."""
    return doc.model_copy(update={"text": normalize_text(doc.raw_text)})


def normalize_text(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw)
    text = text.translate(_character_table())
    text = _FRONT_MATTER.sub("", text, count=1)
    text = "\n".join(row for row in text.split("\n") if not _dropped(row))
    text = _markdown(text)
    text = _tone_marks(text)
    text = _unflatten(text)
    text = "\n".join(_tables("\n".join(_tab_rows(text.split("\n"))).split("\n")))
    rows = [_GAP.sub("  ", row).strip() for row in text.split("\n")]
    rows = [row for row in rows if not _dropped(row)]
    rows = _join_broken(rows)
    rows = [piece for row in rows for piece in _split_inline_items(row)]
    text = "\n".join(rows)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return unicodedata.normalize("NFC", text)


@cache
def _character_table() -> dict[int, str]:
    return {ord(k): v for k, v in lexicon.load("layout")["characters"].items()}


@cache
def _drop_patterns() -> list[re.Pattern]:
    return [re.compile(p) for p in lexicon.load("layout")["drop_lines"]]


@cache
def _unflatten_patterns() -> list[re.Pattern]:
    return [re.compile(p) for p in lexicon.load("layout")["unflatten"]]


def _unflatten(text: str) -> str:
    """Line breaks back before Nơi nhận, its entries, Kính gửi and a signing mark on a flattened line."""
    for pattern in _unflatten_patterns():
        text = pattern.sub("\n", text)
    return text


def _tab_rows(rows: list[str]) -> list[str]:
    """A row of a Word table saved as text, cells parted by tabs, becomes "cell | cell | cell"."""
    out = []
    for row in rows:
        cells = row.strip().split("\t")
        filled = [c for c in cells if c.strip()]
        out.append(" | ".join(c.strip() for c in cells) if len(cells) >= 3 and len(filled) >= 3 else row)
    return out


@cache
def _column_names() -> tuple[str, ...]:
    from extractors.text import fold

    columns = lexicon.load("directives")["table_columns"]
    return tuple(fold(w) for words in columns.values() for w in words) + ("stt", "tt", "so tt")


def _tables(rows: list[str]) -> list[str]:
    """A table saved one cell per line ("STT" / "Nội dung" / "Cơ quan chủ trì" / ... / "1" / ...)
    becomes one line per row, cells joined by " | ", so the task-table reader finds it."""
    from extractors.text import fold

    out, i = [], 0
    while i < len(rows):
        width = _header_width(rows, i, fold)
        if not width:
            out.append(rows[i])
            i += 1
            continue
        out.append(" | ".join(r.strip() for r in rows[i:i + width]))
        i += width
        while i + width <= len(rows) and re.fullmatch(r"[\dIVX]{1,4}\.?", rows[i].strip()):
            out.append(" | ".join(r.strip() for r in rows[i:i + width]))
            i += width
    return out


def _header_width(rows: list[str], i: int, fold) -> int:
    """How many consecutive one-cell lines from ``i`` name task-table columns (0 if they do not)."""
    if fold(rows[i].strip()) not in ("stt", "tt", "so tt"):
        return 0
    width = 1
    while i + width < len(rows) and fold(rows[i + width].strip()) in _column_names():
        width += 1
    return width if width >= 3 else 0


def _dropped(row: str) -> bool:
    return any(p.search(row) for p in _drop_patterns())


def _markdown(text: str) -> str:
    text = _MD_HEADING.sub("", text)
    text = _MD_ESCAPE.sub(r"\1", text)
    text = _MD_EMPHASIS.sub("", text)
    rows = []
    for row in text.split("\n"):
        stripped = row.strip()
        if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 2:
            rows += _table_row([cell.strip() for cell in stripped[1:-1].split("|")])
        else:
            rows.append(_BR.sub("\n", row))
    return "\n".join(rows)


_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _table_row(cells: list[str]) -> list[str]:
    """A layout table of two columns (the header, the signature) reads column by column;
    a data table (a kế hoạch's tasks) keeps one line per row, cells joined by " | "."""
    if len(cells) == 2 and any(_BR.search(c) for c in cells):
        return [line for cell in cells for line in _BR.split(cell)]
    return [" | ".join(_BR.sub(" ", c) for c in cells)]


def _tone_marks(text: str) -> str:
    table = _tone_table()
    return _tone_pattern().sub(lambda m: table[m.group(0)], text)


@cache
def _tone_table() -> dict[str, str]:
    table = {}
    for old, new in lexicon.tone_marks().items():
        table[old] = new
        table[old.capitalize()] = new.capitalize()
        table[old.upper()] = new.upper()
    return table


@cache
def _tone_pattern() -> re.Pattern:
    keys = sorted(_tone_table(), key=len, reverse=True)
    # Not after "q" ("quý" keeps its mark on y: there "u" belongs to the
    # consonant) and not before another letter ("khuỷu", "hoàng").
    return re.compile(r"(?<![qQ])(?:" + "|".join(map(re.escape, keys)) + r")(?!\w)")


def _join_broken(rows: list[str]) -> list[str]:
    """Join words and sentences broken across lines; bare list markers join their item."""
    out: list[str] = []
    for row in rows:
        if len(out) >= 2 and out[-1] == "" and _continues(out[-2], row) and row[:1].islower() and " " in row:
            out.pop()  # a wrapped line that a converter double-spaced
        if out and _continues(out[-1], row):
            prev = out.pop()
            glue = "" if prev.endswith("-") and prev[-2:-1].isalpha() and row[:1].isupper() else " "
            row = prev + glue + row if glue == "" else f"{prev} {row}"
        out.append(row)
    return out


_INLINE_ITEM = re.compile(r"(?<=[:;.])\s+(?=\((\d{1,2})\)\s)")


FLAT_LINE = 300   # a body line this long is a web copy's flattened paragraphs
ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
LETTERS = list("abcdđeghiklmn")
# Markers of a flattened list, outermost first: "II. NHIỆM VỤ", "1. ...", "a) ...", "- ...".
_FLAT = [
    (re.compile(r"(?:^|(?<=[:;.\s]))\s*(?=(I|II|III|IV|V|VI|VII|VIII|IX|X)\.\s+[A-ZĐÀ-Ỹ])"), ROMANS),
    (re.compile(r"(?:(?<=[:;.])|(?<=[A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]{2}))"
                r"\s+(?=(\d{1,2})\.\s+[A-ZĐÀ-Ỹ])"), None),
    (re.compile(r"(?<=[:;.])\s+(?=([a-zđ])\)\s)"), LETTERS),
    (re.compile(r"(?<=[:;.])\s+(?=([-–])\s+[A-ZĐÀ-Ỹ])"), "dash"),
]


def _flat_cuts(row: str) -> list[int]:
    """Where a flattened line's list items start: the first kind of marker that counts in order."""
    for pattern, order in _FLAT:
        found = [(m.start(), m.group(1)) for m in pattern.finditer(row)]
        if order == "dash":
            cuts = [pos for pos, _ in found] if len(found) >= 2 else []
        else:
            cuts = [pos for pos, _ in _in_order(found, order)]
        cuts = [c for c in cuts if c > 0]
        if cuts:
            return cuts
    return []


def _in_order(found: list[tuple[int, str]], order: list[str] | None) -> list[tuple[int, str]]:
    """The markers that count 1, 2, 3 ... (or I, II ... / a, b ...) in order; a "2." inside a date is skipped."""
    out, expected = [], 0
    for pos, label in found:
        want = order[expected] if order and expected < len(order) else str(expected + 1)
        if label == want:
            out.append((pos, label))
            expected += 1
    return out if len(out) >= 2 else []


def _split_inline_items(row: str) -> list[str]:
    """"...: (1) Tăng cường ...; (2) Tiếp tục ..." → one line per numbered item, when they run (1), (2), ...;
    in a flattened web copy, "III. TỔ CHỨC THỰC HIỆN 1. ...: a) ... b) ..." too."""
    if len(row) > FLAT_LINE:
        cuts = _flat_cuts(row)
        if cuts:
            bounds = [0] + cuts + [len(row)]
            return [piece for a, b in zip(bounds, bounds[1:]) for piece in _split_inline_items(row[a:b].strip())
                    if piece]
    marks = [(m.start(), int(m.group(1))) for m in _INLINE_ITEM.finditer(row)]
    if len(marks) < 2 or [n for _, n in marks] != list(range(marks[0][1], marks[0][1] + len(marks))):
        return [row]
    cuts = [0] + [pos for pos, _ in marks] + [len(row)]
    return [row[a:b].strip() for a, b in zip(cuts, cuts[1:]) if row[a:b].strip()]


def _continues(prev: str, row: str) -> bool:
    if not prev or not row:
        return False
    if _LIST_MARKER.match(prev):
        return True
    if _ITEM_START.match(row) or _SENTENCE_END.search(prev):
        return False
    first = row[0]
    if first.islower():
        return not row.startswith(("http", "www"))
    # A word split at a hyphen ("Phan Rang-" / "Tháp Chàm").
    return prev.endswith("-") and prev[-2:-1].isalpha()
