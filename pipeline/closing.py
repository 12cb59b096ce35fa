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
    return re.compile(r"^\W{0,3}(?:(?:" + "|".join(forms) + r")\s*[.,:/]|[TK][/.][MTL]\s)\s*\S")


def is_signature_row(line: str) -> bool:
    """A line that opens a signature block with a signing mark ("KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN")."""
    stripped = line.strip(" *")
    return bool(_mark_pattern().match(stripped)) and is_upper(stripped, 0.6)


def split_closing(text: str, folded: str, rows: list[Line]) -> tuple[list[Segment], int]:
    """Segments of the closing, and how many rows it spans (the rest is an appendix or noise).

    The signature block ends with the signer's name; failing that, a few lines
    after the Lưu line, or at the first line that reads as a sentence.
    """
    segs: list[Segment] = []
    in_list, after_archive = False, 0
    for n, row in enumerate(rows):
        f = folded[row.start:row.end]
        if not row.stripped:
            continue
        if _ends_closing(text, segs, row, after_archive):
            return segs, n
        head = lexicon.anchor("distribution").match(f)
        if head:
            in_list = True
            left_start = row.start + head.end()
        elif lexicon.anchor("archive").match(_DASH.sub("", f)) and in_list:
            segs += _archive(text, row)
            in_list, after_archive = False, 1
            continue
        elif in_list and (_DASH.match(row.text) or _continues_entry(row.text)):
            left_start = row.start
        else:
            segs += _signature_part(text, row.start, row.end)
            after_archive += 1 if after_archive else 0
            continue
        segs += _split_row(text, row, left_start, continuation=not head and not _DASH.match(row.text))
    return segs, len(rows)


def _ends_closing(text: str, segs: list[Segment], row: Line, after_archive: int) -> bool:
    """The closing is over: a name closed the signature, a sentence starts, or Lưu is far behind."""
    from extractors.signer import ends_with_name

    signed = [s for s in segs if s.part == Part.signature]
    last = signed[-1].slice(text) if signed else ""
    if len(signed) >= 2 and ends_with_name(last) and not is_upper(last.split()[-1]):
        return True  # a name in capitals may still be a wrapped title: read on
    if len(row.stripped.split()) >= 14 and not _DASH.match(row.text) and not is_signature_row(row.text):
        return True
    return after_archive > 4


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


def _signature_cut(text: str, start: int, end: int, archive: bool = False) -> int:
    """Where the signature column starts on a distribution line (end if it does not).

    On the Lưu line a mark must be followed by a title or a collective body:
    "Lưu: VT, KT. HTP" names the unit KT and the drafter HTP."""
    line = text[start:end]
    for mark in re.finditer(r"(?:^|(?<=\s))(?:(?:KT|TM|TL|TUQ|K/T|T/M|T/L)\s*[.,:]|[TK][/.][MTL])\s*(\S+)", line):
        after = fold(line[mark.end(1) - len(mark.group(1)):])
        if _caps_word(mark.group(1)) and (not archive or _SIGNED_FOR.search(after)):
            return start + mark.start()
    gap = line.find("  ")
    if gap > 0 and (_looks_signature(line[gap:]) or _is_name(line[gap:].strip())):
        return start + gap
    for m in re.finditer(r"[;:]", line):
        rest = line[m.end():]
        if _looks_signature(rest) or (m.group(0) == ";" and _caps_run(rest, 3)):
            return start + m.end()
    tail = _caps_tail(line)
    if tail is not None and _looks_signature(line[tail:]):
        return start + tail
    return end


def _caps_tail(line: str) -> int | None:
    """Offset of the trailing run of all-caps words (two at least), if the line ends with one."""
    tokens = list(re.finditer(r"\S+", line))
    first, caps = None, 0
    for token in reversed(tokens):
        letters = [c for c in token.group(0) if c.isalpha()]
        if letters and not all(c.isupper() for c in letters):
            break
        first = token.start()
        caps += bool(letters)
    return first if caps >= 2 else None


def _looks_signature(rest: str) -> bool:
    """An all-caps run that holds a title or a signing mark ("PHÓ CHỦ TỊCH", "KT. BỘ TRƯỞNG")."""
    words = [w for w in re.findall(r"[^\W\d_]{2,}", rest)]
    upper = [w for w in words if w.isupper()]
    if not upper or len(upper) < len(words) * 0.5 or (len(upper) == 1 and len(words) > 1):
        return False
    return _TITLE_WORD.search(fold(rest)) is not None


# What a signing mark is followed by: a head's title or a collective body ("Lưu: VT, KT. HTP" is no mark).
_SIGNED_FOR = re.compile(r"\b(?:truong|chu tich|giam doc|bi thu|thu ky|chanh|uy ban|ban thuong vu|ban chap hanh|"
                         r"thuong truc|dang uy|hoi dong|thu tuong|tong giam doc|huyen uy|tinh uy|thanh uy)\b")
_TITLE_WORD = re.compile(r"\b(?:truong|chu tich|giam doc|bi thu|thu ky|chanh|uy vien|pho)\b")


def _is_name(text: str) -> bool:
    from extractors.signer import is_person_name

    return is_person_name(text)


def _caps_word(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _caps_run(rest: str, words: int) -> bool:
    """At least ``words`` all-caps words of three letters or more, nothing lower-case."""
    tokens = re.findall(r"[^\W\d_]{3,}", rest)
    return len(tokens) >= words and all(t.isupper() for t in tokens)


def _signature_part(text: str, start: int, end: int) -> list[Segment]:
    s, e = trim(text, start, end, " \t|;:,*_~=-")
    if e <= s:
        return []
    return [Segment(part=Part.signature, start=s, end=e, rule="signature")]


def _archive(text: str, row: Line) -> list[Segment]:
    label = re.match(r"\W{0,4}\S{2,4}\s*[:;.,]?", row.text)
    cut = _signature_cut(text, row.start + (label.end() if label else 0), row.end, archive=True)
    start = row.start + (_DASH.match(row.text).end() if _DASH.match(row.text) else 0)
    s, e = trim(text, start, cut, " \t;")
    segs = [Segment(part=Part.distribution, start=s, end=e, rule="archive")] if e > s else []
    if cut < row.end:
        segs += _signature_part(text, cut, row.end)
    return segs
