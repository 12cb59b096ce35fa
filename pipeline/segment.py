"""Segment a normalized letter into the parts of Decree 30/2020/NĐ-CP Art. 8.

The header is found by its anchors (the national motto, "Số:", "<place>,
ngày ... tháng ... năm ...", "V/v", "Kính gửi") rather than by line
positions, because real letters arrive as clean text, markdown, PDF text
layers whose two header columns share a line, and web copies that flatten
the whole header onto one line. A line that carries two columns is cut where
the right column's anchor starts, so a segment can be part of a line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from extractors import lexicon
from extractors.text import Line, fold, is_upper, lines, trim
from schemas import Document, Part, Segment

HEADER_LINES = 60          # the header never runs further than this
SUBJECT_LINES = 5          # a trích yếu is at most this many lines


@dataclass
class _Head:
    """Anchors found in the header, as line indexes and character offsets."""

    motto_rows: list[int] = field(default_factory=list)
    cuts: dict[int, int] = field(default_factory=dict)   # line index -> start of right column
    number: tuple[int, int, int] | None = None            # (row, start, end)
    date: tuple[int, int, int] | None = None              # (row, start of place, end)
    end_row: int = 0                                      # first row after the header


def segment(doc: Document) -> Document:
    """The document with ``segments`` set."""
    text = doc.text
    rows = lines(text)
    folded = fold(text)
    segs: list[Segment] = []
    head = _find_head(text, folded, rows)
    segs += _issuer_segments(text, folded, rows, head)
    segs += _header_segments(text, folded, rows, head)
    body_start = _recipients(text, folded, rows, head, segs)
    closing_start, tail = _closing(text, folded, rows, body_start)
    segs += tail
    if body_start < closing_start:
        start = rows[body_start].start if body_start < len(rows) else len(text)
        end = rows[closing_start - 1].end if closing_start > 0 else start
        if end > start:
            segs.append(Segment(part=Part.body, start=start, end=end, rule="between header and closing"))
    segs.sort(key=lambda s: (s.start, s.end))
    return doc.model_copy(update={"segments": segs})


# --------------------------------------------------------------------------- header


def _find_head(text: str, folded: str, rows: list[Line]) -> _Head:
    head = _Head()
    window = rows[:HEADER_LINES]
    state, motto, party = (lexicon.anchor(n) for n in ("motto_state", "motto_motto", "motto_party"))
    for i, row in enumerate(window):
        f = folded[row.start:row.end]
        found = [m.start() for p in (state, motto, party) for m in [p.search(f)] if m]
        if found and (head.motto_rows or motto.search(f) or _plausible_motto(f)):
            head.motto_rows.append(i)
            head.cuts[i] = row.start + min(found)
        if head.motto_rows and i > head.motto_rows[-1] + 2:
            break
    first = head.motto_rows[0] if head.motto_rows else 0
    head.number = _find_number(text, folded, window, max(0, first - 4)) or _find_number(text, folded, window[:first], 0)
    head.date = _find_date(text, folded, window, max(0, first - 1))
    if head.date:
        row = head.date[0]
        if head.number and head.number[0] == row:
            head.number = (row, head.number[1], min(head.number[2], head.date[1]))
        head.cuts.setdefault(row, head.date[1])
    if head.number:
        row, start, end = head.number
        vv = re.search(r"\s(?:v\s*/\s*v|ve viec)\b", folded[start:end])
        if vv:
            head.number = (row, start, start + vv.start())
    anchors = [r for r in (head.number and head.number[0], head.date and head.date[0]) if r is not None]
    head.end_row = max(anchors + head.motto_rows + [-1]) + 1
    return head


def _plausible_motto(f: str) -> bool:
    """The first motto line must say most of "cộng hòa xã hội chủ nghĩa việt nam"."""
    words = ("cong", "hoa", "xa", "hoi", "chu", "nghia", "viet", "nam", "dang", "san", "doc", "lap", "hanh", "phuc")
    return sum(w in f for w in words) >= 3


_NUMBER = re.compile(r"(?:^|(?<=[\s'\"|.(]))s[o0e]\s*[:;]|^s[o0](?=[^a-z\s])|^\W{0,3}so\s+(?=\d{1,5}\s*[-/])|^\S{1,3}\s*:(?=[\d\s']{1,8}/\s*[a-z])", re.MULTILINE)
_SYMBOL_ONLY = re.compile(r"^\W{0,3}[\dOo]*\s*[/]\s*[a-z]{2,}[a-z0-9]*[-.][a-z]", re.MULTILINE)


def _find_number(text: str, folded: str, window: list[Line], first: int) -> tuple[int, int, int] | None:
    """Row and span of the "Số: 123/UBND-VP" part."""
    for i, row in enumerate(window[first:], first):
        f = folded[row.start:row.end]
        m = _NUMBER.search(f) or (_SYMBOL_ONLY.search(f) if _has_symbol(text[row.start:row.end]) else None)
        if m and not f[m.end():].lstrip().startswith(("dien thoai", "dt", "fax")):
            return i, row.start + m.start(), row.end
    return None


def _has_symbol(line: str) -> bool:
    return re.search(r"/\s*[A-ZĐ]{2,}[A-Za-zĐđ0-9]*[-.][A-ZĐ]", line) is not None


def _find_date(text: str, folded: str, window: list[Line], first: int) -> tuple[int, int, int] | None:
    """Row of "<place>, ngày ... tháng ... năm ..." and the offset where the place starts."""
    pattern = lexicon.anchor("date_only")
    for i, row in enumerate(window[first:], first):
        m = pattern.search(folded, row.start, row.end)
        if not m:
            continue
        before = text[row.start:m.start()]
        if re.search(r"\b(?:số|ban hành|của|tại|kèm theo)\s*$", before, re.IGNORECASE):
            continue
        return i, _place_start(text, row.start, m.start()), m.end()
    return None


def _place_start(text: str, line_start: int, date_start: int) -> int:
    """Walk back from ", ngày" over the words of the place name (capitalized, no digits)."""
    pos = date_start
    words = list(re.finditer(r"\S+", text[line_start:date_start]))
    territory = {fold(t["word"]) for t in lexicon.agencies()["territories"]}
    for w in reversed(words):
        word = w.group(0).strip(",")
        if not word:
            continue
        if "  " in text[line_start + w.end():pos]:
            break  # a layout gap: the left column's text lies before it
        if re.search(r"[\d/:]", word) or re.match(r"^[A-ZĐ]{2,}[-.]", word):
            break
        if not (word[0].isupper() or fold(word) in territory or fold(word) in ("pho", "thi")):
            break
        if _caps_word(word) and _mark_pattern().fullmatch(fold(word)):
            break  # "KHẨN Quỳnh Lưu, ngày ...": an urgency mark, not the place
        pos = line_start + w.start()
    return pos


def _issuer_segments(text: str, folded: str, rows: list[Line], head: _Head) -> list[Segment]:
    """The issuer block: left parts of the motto rows, the rows above them, the rows before Số."""
    if not head.motto_rows and not head.number:
        return []
    first = head.motto_rows[0] if head.motto_rows else head.number[0]
    stop = head.number[0] if head.number else head.end_row
    picked: list[tuple[int, int]] = []
    if head.number and head.number[0] < first:
        above = _issuer_lines_above(text, folded, rows, head.number[0])
        return [Segment(part=Part.issuer, start=s, end=e, rule="above number") for s, e in reversed(above)]
    left_of_motto = head.motto_rows and re.search(r"\w", text[rows[first].start:head.cuts[first]])
    if not left_of_motto:
        picked += reversed(_issuer_lines_above(text, folded, rows, first))
    for i in range(first, max(stop, first + 1)):
        span = _issuer_part(text, folded, rows[i], head.cuts.get(i, rows[i].end))
        if span:
            picked.append(span)
    if head.number and stop == head.number[0] and stop > first:
        row = rows[stop]
        cut = min(head.cuts.get(stop, row.end), head.number[1])
        span = _issuer_part(text, folded, row, cut) if cut > row.start + 1 else None
        if span:
            picked.append(span)
    return [Segment(part=Part.issuer, start=s, end=e, rule="left of motto") for s, e in picked]


def _issuer_lines_above(text: str, folded: str, rows: list[Line], first: int) -> list[tuple[int, int]]:
    out = []
    for i in range(first - 1, max(-1, first - 7), -1):
        span = _issuer_part(text, folded, rows[i], rows[i].end)
        if not span:
            if len(rows[i].stripped.split()) > 2 or (out and rows[i].stripped):
                break
            continue
        out.append(span)
    return out


def _issuer_part(text: str, folded: str, row: Line, cut: int) -> tuple[int, int] | None:
    """The trailing all-caps run of a header line part, if it can name an agency."""
    start, end = trim(text, row.start, cut, " \t|-–—_=*.,:;`'\"“”")
    if end <= start:
        return None
    f = folded[start:end]
    if any(re.search(p, f) for p in lexicon.agencies()["not_issuer"]):
        return None
    run = _longest_caps_run(text, start, end)
    if run is None:
        return None
    run_start, run_end = trim(text, run[0], run[1], " \t|-–—_=*.,:;`'\"“”")
    if sum(c.isalpha() for c in text[run_start:run_end]) < 3 or _mark_pattern().fullmatch(folded[run_start:run_end]):
        return None
    return run_start, run_end


def _longest_caps_run(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The longest run of all-caps words (the agency name amid web titles or stamp noise)."""
    best, current = None, None
    for w in re.finditer(r"\S+", text[start:end]):
        token = w.group(0)
        letters = [c for c in token if c.isalpha()]
        caps = (letters and all(c.isupper() for c in letters) and "/" not in token) or (
            not letters and token in ("-", "&", "–"))
        if caps:
            current = (current[0] if current else start + w.start(), start + w.end())
            if best is None or _letters(text, current) > _letters(text, best):
                best = current
        else:
            current = None
    return best


def _letters(text: str, span: tuple[int, int]) -> int:
    return sum(c.isalpha() for c in text[span[0]:span[1]])


def _header_segments(text: str, folded: str, rows: list[Line], head: _Head) -> list[Segment]:
    segs = []
    for i in head.motto_rows:
        start, end = trim(text, head.cuts[i], rows[i].end)
        if head.date and head.date[0] == i:
            end = min(end, head.date[1])
        if head.number and head.number[0] == i and head.number[1] > start:
            end = min(end, head.number[1])
        if end > start:
            segs.append(Segment(part=Part.motto, start=start, end=end, rule="motto anchor"))
    if head.number:
        row, start, end = head.number
        start, end = trim(text, start, end)
        segs.append(Segment(part=Part.number, start=start, end=end, rule="Số anchor"))
    if head.date:
        row, start, end = head.date
        segs.append(Segment(part=Part.place_date, start=start, end=end, rule="place, ngày"))
    segs += _subject_segments(text, folded, rows, head)
    segs += _marks_segments(text, folded, rows, head)
    return segs


def _marks_segments(text: str, folded: str, rows: list[Line], head: _Head) -> list[Segment]:
    """Urgency and secrecy marks: all-caps phrases standing alone in the header zone."""
    segs = []
    for row in rows[: max(head.end_row + SUBJECT_LINES, 12)]:
        for start, end in _mark_spans(text, folded, row):
            segs.append(Segment(part=Part.marks, start=start, end=end, rule="mark"))
    return segs


@cache
def _mark_pattern() -> re.Pattern:
    phrases = sorted({p for kind in ("urgency", "confidentiality") for p, _ in lexicon.marks(kind)}, key=len, reverse=True)
    return re.compile(r"(?<![\w/-])(?:" + "|".join(re.escape(p) for p in phrases) + r")(?![\w/-])")


def _mark_spans(text: str, folded: str, row: Line) -> list[tuple[int, int]]:
    """A mark printed in capitals, not inside a longer all-caps phrase (unless a layout gap parts them)."""
    out = []
    for m in _mark_pattern().finditer(folded, row.start, row.end):
        s, e = m.span()
        if not text[s:e].isupper():
            continue
        before, after = text[row.start:s], text[e:row.end]
        prev = re.search(r"(\S+)(\s*)$", before)
        nxt = re.match(r"(\s*)(\S+)", after)
        if prev and _caps_word(prev.group(1)) and len(prev.group(2)) < 2:
            continue
        if nxt and _caps_word(nxt.group(2)) and len(nxt.group(1)) < 2:
            continue
        out.append((s, e))
    return out


def _caps_word(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and not re.search(r"[\d/]", token)


def _subject_segments(text: str, folded: str, rows: list[Line], head: _Head) -> list[Segment]:
    """The trích yếu: "V/v ..." under the number, or the title under the type name."""
    start_row = min([r for r in (head.number and head.number[0], head.date and head.date[0]) if r is not None] or [head.end_row])
    limit = min(len(rows), head.end_row + SUBJECT_LINES + 3)
    for i in range(start_row, limit):
        row = rows[i]
        if i > start_row and re.match(r"\W{0,4}(?:kinh\s*gui|can\s*cu|thuc\s*hien)\b", folded[row.start:row.end]):
            break
        begin = _after_anchor(head, i, row)
        found = _type_or_subject(text, folded, begin, row.end)
        if not found and head.date and head.date[0] == i and head.date[1] > row.start:
            left = head.number[2] if head.number and head.number[0] == i else row.start
            found = _type_or_subject(text, folded, left, head.date[1])
        if found:
            return _collect_subject(text, folded, rows, i, found, head)
    return []


def _after_anchor(head: _Head, i: int, row: Line) -> int:
    """Where text may start on a row that also holds the number or the date."""
    begin = row.start
    if head.date and head.date[0] == i:
        begin = head.date[2]
    elif head.number and head.number[0] == i:
        begin = head.number[2] if head.number[2] < row.end else row.start
    return begin


_TYPE_LINE_END = re.compile(r"\s*$|\s+(?=\S)")


def _type_or_subject(text: str, folded: str, begin: int, end: int) -> tuple[str, int, int] | None:
    """("type", start, end) of a type name opening the line, else ("subject", start, text start) of V/v."""
    segment = folded[begin:end]
    lead = len(segment) - len(segment.lstrip(" \"'“*"))
    for name, _ in lexicon.doc_type_names():
        if segment.startswith(name, lead) and is_upper(text[begin + lead:begin + lead + len(name)]):
            after = begin + lead + len(name)
            if after == end or not folded[after].isalnum():
                return "type", begin + lead, after
    for m in re.finditer(r"(?:^|(?<=[\s\"'“(]))(?:v\s*[/\\1l]\s*v|vv|viv|v\.v|ve\s+viec|vw|va)\b\s*[:.]?\s*", segment):
        if m.group(0).strip().startswith(("vw", "va")) and (m.start() > lead or not text[begin + m.start()].isupper()
                                                             or not text[begin + m.start() + 1].isupper()):
            continue  # "VW"/"VA": OCR of "V/v", only as the first word, in capitals
        return "subject", begin + m.start(), begin + m.end()
    return None


def _collect_subject(text, folded, rows, i, found, head) -> list[Segment]:
    kind, start, after = found
    segs = []
    if kind == "type":
        segs.append(Segment(part=Part.doc_type, start=start, end=after, rule="type name"))
        rest = _type_or_subject(text, folded, after, rows[i].end)
        if rest and rest[0] == "subject":
            after = rest[1]
        elif trim(text, after, rows[i].end)[0] >= rows[i].end:
            i, after = i + 1, rows[i + 1].start if i + 1 < len(rows) else len(text)
    spans = _subject_lines(text, folded, rows, i, after, head, kind)
    segs += [Segment(part=Part.subject, start=s, end=e, rule=f"{kind} block") for s, e in spans]
    return segs


def _subject_lines(text, folded, rows, i, begin, head, kind) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    j = i
    while j < min(len(rows), i + SUBJECT_LINES + 2):
        row = rows[j]
        if j > i and not row.stripped:
            if not _wrapped_after_blank(text, folded, rows, j, spans, kind):
                break
            j += 1
            continue
        start = begin if j == i else row.start
        end = _subject_cut(text, folded, start, head.cuts.get(j, row.end) if j != i else row.end)
        if j > i and _ends_subject(text, folded, row, kind):
            break
        s, e = trim(text, start, end, " \t|*\"'“”")
        if e > s:
            spans.append((s, e))
        if head.date and head.date[0] == j and end <= head.date[1] < row.end:
            tail = _left_column_tail(text, head.date[2], row.end)
            if tail:
                spans.append(tail)  # the wrapped V/v line that the normalizer joined after the date
        if end < row.end and j > i:
            break
        j += 1
    return _caps_title(text, spans)


def _left_column_tail(text: str, start: int, end: int) -> tuple[int, int] | None:
    s, e = trim(text, start, end, " \t|*\"'“”")
    if e > s and text[s].islower():
        return s, e
    return None


def _caps_title(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """An all-caps title ends where the capitals end ("... TRÊN ĐỊA BÀN HUYỆN Từ đầu tháng 7 ...")."""
    if not spans:
        return spans
    first = text[spans[0][0]:spans[0][1]]
    words = first.split()[:5]
    if len(words) < 3 or not all(_caps_word(w) or not any(c.isalpha() for c in w) for w in words):
        return spans
    out = []
    for s, e in spans:
        end = s
        for w in re.finditer(r"\S+", text[s:e]):
            token = w.group(0)
            if any(c.isalpha() for c in token) and not any(c.isupper() for c in token if c.isalpha()):
                break
            if token[:1].isupper() and any(c.islower() for c in token[1:]) and not token.startswith(("V/v", "Về")):
                break
            end = s + w.end()
        if end > s:
            out.append((s, end))
        if end < e:
            break
    return out


def _wrapped_after_blank(text, folded, rows, j, spans, kind) -> bool:
    """A converter's blank line inside a wrapped trích yếu: the next line is a short word run."""
    if kind != "subject" or not spans or text[spans[-1][1] - 1] in ".;:" or j + 1 >= len(rows):
        return False
    nxt = rows[j + 1]
    words = re.findall(r"[^\W\d_]{3,}", nxt.text)
    return 0 < len(nxt.stripped) < 50 and bool(words) and not _ends_subject(text, folded, nxt, "type")


def _subject_cut(text: str, folded: str, start: int, end: int) -> int:
    """End of the subject on a line that goes on with the enacting body or "Kính gửi"."""
    f = folded[start:end]
    date = lexicon.anchor("date_only").search(f)
    cuts = [_place_start(text, start, start + date.start()) - start] if date and _is_place_date(text, start + date.start()) else []
    m = re.search(r"(?:^|\s)(?:kinh\s*gui|noi\s*nhan)\b", f)
    if m:
        cuts.append(m.start())
    cuts += [s - start for s, _ in _mark_spans(text, folded, Line(start, end, text[start:end])) if s > start]
    for word in _enacting():
        for m in re.finditer(r"(?<=\s)" + re.escape(word) + r"\b", f):
            if is_upper(text[start + m.start():start + m.end()]) and m.start() > 0:
                if not is_upper(text[start:start + m.start()]) or _enacting_tail(text, start + m.start(), end):
                    cuts.append(m.start())
    return start + min(cuts) if cuts else end


def _is_place_date(text: str, date_start: int) -> bool:
    """A date that follows a place name and a comma ("Kon Tum, ngày ..."), not one inside a title."""
    return re.search(r"[A-ZĐ][^\W\d_]+\s*,\s*$", text[max(0, date_start - 40):date_start]) is not None


def _enacting_tail(text: str, start: int, end: int) -> bool:
    """An all-caps subject followed by the enacting body: the tail is short and ends the line."""
    return end - start < 60


def _ends_subject(text: str, folded: str, row: Line, kind: str) -> bool:
    f = folded[row.start:row.end].lstrip(" -*|")
    if re.match(r"(kinh\s*gui|gui\s*:|noi\s*nhan|can\s*cu|thuc\s*hien)", f) or lexicon.anchor("date_only").search(f):
        return True
    if re.match(r"\W*[-+•]\s", row.text) or re.match(r"\W*\d+[.)]\s", row.text):
        return True
    if any(f.startswith(w) for w in _enacting()) and is_upper(row.text):
        return True
    if kind == "subject" and is_upper(row.text) and len(row.stripped.split()) >= 2:
        return True
    if kind == "type" and not is_upper(row.text) and row.text[:1].isupper():
        # A title is one phrase: a long sentence that ends with "." or ":" is the body's first paragraph.
        return _body_opener(f) or row.text.rstrip().endswith(":") or (
            len(row.stripped.split()) > 12 and re.search(r"[.:]\s*$", row.text) is not None)
    return False


@cache
def _enacting() -> tuple[str, ...]:
    return tuple(fold(w) for w in lexicon.load("header")["enacting"])


@cache
def _openers() -> tuple[str, ...]:
    return tuple(fold(w) for w in lexicon.load("header")["body_openers"])


def _body_opener(f: str) -> bool:
    return any(f.startswith((w + " ", w + ",")) or f == w for w in _openers())


# --------------------------------------------------------------------------- recipients


def _recipients(text, folded, rows, head, segs) -> int:
    """Add the Kính gửi segment; return the row where the body starts."""
    last = max([s.end for s in segs if s.part in (Part.subject, Part.place_date, Part.number, Part.motto, Part.doc_type)] or [0])
    first_row = next((i for i, r in enumerate(rows) if r.end >= last), 0)
    pattern = lexicon.anchor("recipients")
    for i in range(first_row, min(len(rows), first_row + 12)):
        row = rows[i]
        begin = max(row.start, last) if i == first_row else row.start
        m = re.search(r"(?:^|(?<=\s))(?:\w{0,4}\s*)?(?:kinh\s*g[u]i|g[u]i)\s*[:;.]", folded[begin:row.end])
        if not m or (m.start() > 0 and i != first_row and not pattern.match(folded[row.start:row.end])):
            continue
        start = begin + m.end()
        end_row, spans = _recipient_lines(text, folded, rows, i, start)
        segs += [Segment(part=Part.recipients, start=s, end=e, rule="Kính gửi") for s, e in spans]
        return end_row
    return _body_start_without_recipients(rows, head, last)


def _body_start_without_recipients(rows: list[Line], head: _Head, last: int) -> int:
    for i, row in enumerate(rows):
        if row.end > last and i >= head.end_row:
            return i + (1 if row.start < last else 0)
    return min(head.end_row, len(rows))


def _recipient_lines(text, folded, rows, i, start) -> tuple[int, list[tuple[int, int]]]:
    spans = []
    inline_end = _opener_cut(text, folded, start, rows[i].end)
    s, e = trim(text, start, inline_end, " \t:;")
    if e > s:
        spans.append((s, e))
        if inline_end < rows[i].end:
            return i, spans
    j = i + 1
    listed = False
    while j < len(rows):
        row = rows[j]
        f = folded[row.start:row.end]
        if not row.stripped:
            j += 1
            if spans and not listed:
                break
            continue
        dash = re.match(r"\s*[-+•–~]\s*", row.text)
        if dash:
            listed = True
        elif listed or _body_opener(f) or not _continues_recipients(text, spans):
            break
        end = _opener_cut(text, folded, row.start, row.end)
        s, e = trim(text, row.start + (dash.end() if dash else 0), end, " \t;.")
        if e > s:
            spans.append((s, e))
        j += 1
        if end < row.end:
            return j - 1, spans
    return j, spans


def _continues_recipients(text: str, spans: list[tuple[int, int]]) -> bool:
    """A line without a dash continues the recipients while the previous one did not end a sentence."""
    if not spans:
        return True
    after = text[spans[-1][1]:spans[-1][1] + 1]
    return after not in (".",) and spans[-1][1] - spans[-1][0] < 120


def _opener_cut(text: str, folded: str, start: int, end: int) -> int:
    """Cut an inline recipient at a body opener ("... Trung ương Thực hiện Luật ...")."""
    f = folded[start:end]
    for word in _openers():
        for m in re.finditer(r"(?<=\s)" + re.escape(word) + r"\s", f):
            if text[start + m.start()].isupper():
                return start + m.start()
    return end


# --------------------------------------------------------------------------- closing


def _closing(text, folded, rows, body_start) -> tuple[int, list[Segment]]:
    """Find Nơi nhận, the signature block and the appendices; return the first closing row."""
    from pipeline.closing import split_closing

    appendix_row = _appendix_row(folded, rows, body_start)
    end_row = appendix_row if appendix_row is not None else len(rows)
    start_row = _closing_start(text, folded, rows, body_start, end_row)
    segs: list[Segment] = []
    if start_row < end_row:
        found, used = split_closing(text, folded, rows[start_row:end_row])
        segs += found
        rest = [r for r in rows[start_row + used:end_row] if r.stripped]
        if appendix_row is None and len(rest) >= 3 and sum(len(r.text) for r in rest) >= 200:
            appendix_row = start_row + used
    if appendix_row is not None:
        segs.append(Segment(part=Part.appendix, start=rows[appendix_row].start, end=len(text), rule="phụ lục"))
    return start_row, segs


def _appendix_row(folded: str, rows: list[Line], body_start: int) -> int | None:
    """The first row of an appendix after Nơi nhận: "PHỤ LỤC ...", or a title over "(Kèm theo ...)"."""
    pattern, attached = lexicon.anchor("appendix"), lexicon.anchor("attached")
    seen_closing = False
    for i in range(body_start, len(rows)):
        f = folded[rows[i].start:rows[i].end]
        if lexicon.anchor("distribution").match(f):
            seen_closing = True
        if not seen_closing or not is_upper(rows[i].text[:20], 0.7):
            continue
        if pattern.match(f):
            return i
        below = [folded[r.start:r.end] for r in rows[i + 1:i + 5]]
        if len(rows[i].stripped) > 12 and any(attached.match(b.lstrip(" (")) or b.lstrip().startswith("(") and attached.search(b) for b in below):
            return i
    return None


def _closing_start(text, folded, rows, body_start, end_row) -> int:
    """The Nơi nhận row, or the signing-mark row in the last two thirds if it comes first."""
    from pipeline.closing import is_signature_row

    dist = lexicon.anchor("distribution")
    floor = body_start + (end_row - body_start) // 3
    found = end_row
    for i in range(body_start, end_row):
        f = folded[rows[i].start:rows[i].end]
        if dist.match(f) or (i >= floor and is_signature_row(text[rows[i].start:rows[i].end])):
            found = i
            break
    return found
