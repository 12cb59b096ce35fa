"""Split the closing of a letter into Nơi nhận entries, the Lưu line and the signature.

In a PDF text layer or an OCR'd page, the two closing columns share lines:
"Nơi nhận: KT. TỔNG CỤC TRƯỞNG" / "- Như trên; PHÓ TỔNG CỤC TRƯỞNG". Each line
is cut into its distribution part (left) and its signature part (right, the
all-caps run after the entry's closing ";" or the layout gap).
"""
from __future__ import annotations

import re
from functools import cache

from extractors import lexicon
from extractors.text import Line, fold, is_upper, trim
from schemas import Part, Segment

_DASH = re.compile(r"^\s*(?:[-+•–~=_*]|-\s*-)\s*")

@cache
def _mark_pattern() -> re.Pattern:
    forms = sorted({re.escape(form) for form, _ in lexicon.signing_marks()}, key=len, reverse=True)
    return re.compile(r"^\W{0,3}(?:" + "|".join(forms) + r")\s*[.,:/]\s*\S")


def is_signature_row(line: str) -> bool:
    """A line that opens a signature block with a signing mark ("KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN")."""
    stripped = line.strip(" *")
    return bool(_mark_pattern().match(stripped)) and is_upper(stripped, 0.6)


def split_closing(text: str, folded: str, rows: list[Line]) -> list[Segment]:
    segs: list[Segment] = []
    in_list = False
    for row in rows:
        f = folded[row.start:row.end]
        if not row.stripped:
            continue
        head = lexicon.anchor("distribution").match(f)
        if head:
            in_list = True
            left_start = row.start + head.end()
        elif lexicon.anchor("archive").match(_DASH.sub("", f)) and in_list:
            segs += _archive(text, row)
            in_list = False
            continue
        elif in_list and (_DASH.match(row.text) or _continues_entry(row.text)):
            left_start = row.start
        else:
            segs += _signature_part(text, row.start, row.end)
            continue
        segs += _split_row(text, row, left_start, continuation=not head and not _DASH.match(row.text))
    return segs


def _continues_entry(line: str) -> bool:
    """A wrapped distribution entry: starts lower case or with "(" ("cáo);", "(để b/c);")."""
    s = line.strip()
    return bool(s) and (s[0].islower() or s[0] == "(") and not is_upper(s)


def _split_row(text: str, row: Line, left_start: int, continuation: bool) -> list[Segment]:
    cut = _signature_cut(text, left_start, row.end)
    segs = []
    dash = _DASH.match(text[left_start:cut])
    start = left_start + (dash.end() if dash else 0)
    s, e = trim(text, start, cut, " \t;:.,")
    if e > s:
        rule = "continuation" if continuation else "entry"
        segs.append(Segment(part=Part.distribution, start=s, end=e, rule=rule))
    if cut < row.end:
        segs += _signature_part(text, cut, row.end)
    return segs


def _signature_cut(text: str, start: int, end: int) -> int:
    """Where the signature column starts on a distribution line (end if it does not)."""
    line = text[start:end]
    gap = line.find("  ")
    if gap > 0 and _looks_signature(line[gap:]):
        return start + gap
    for m in re.finditer(r";", line):
        rest = line[m.end():]
        if _looks_signature(rest):
            return start + m.end()
    mark = re.search(r"(?<=\s)(?:KT|TM|TL|TUQ|K/T|T/M|T/L)\s*[.,:]\s*[A-ZĐ]", line)
    if mark:
        return start + mark.start()
    return end


def _looks_signature(rest: str) -> bool:
    """An all-caps run that holds a title or a signing mark ("PHÓ CHỦ TỊCH", "KT. BỘ TRƯỞNG")."""
    words = [w for w in re.findall(r"[^\W\d_]{2,}", rest)]
    upper = [w for w in words if w.isupper()]
    if len(upper) < 2 or len(upper) < len(words) * 0.5:
        return False
    return _TITLE_WORD.search(fold(rest)) is not None


_TITLE_WORD = re.compile(r"\b(?:truong|chu tich|giam doc|bi thu|thu ky|chanh|uy vien|pho|tm|kt|tl|tuq)\b")


def _signature_part(text: str, start: int, end: int) -> list[Segment]:
    s, e = trim(text, start, end, " \t|;:,*_~=-")
    if e <= s:
        return []
    return [Segment(part=Part.signature, start=s, end=e, rule="signature")]


def _archive(text: str, row: Line) -> list[Segment]:
    cut = _signature_cut(text, row.start, row.end)
    start = row.start + (_DASH.match(row.text).end() if _DASH.match(row.text) else 0)
    s, e = trim(text, start, cut, " \t;")
    segs = [Segment(part=Part.distribution, start=s, end=e, rule="archive")] if e > s else []
    if cut < row.end:
        segs += _signature_part(text, cut, row.end)
    return segs
