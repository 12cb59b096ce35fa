"""Text of a PDF: pypdfium2's fast text path, pdfplumber where the layout matters.

A Vietnamese letter prints its header and its footer in two columns (Decree
30/2020/NĐ-CP, Appendix I): issuer block, number and "V/v" subject on the
left, national motto and place/date on the right; Nơi nhận on the left, the
signer on the right. Read line by line, the two columns interleave. On the
first page and on the signature page this module reads character positions
(pdfplumber) and emits a two-column block as its left column, then its right
column; every other page goes through pdfium's fast text path (about 70 times
faster), so a 300-page file still takes seconds.
"""
from __future__ import annotations

import io
import math
import re
import statistics
import unicodedata
from dataclasses import dataclass, field

import pdfplumber
import pypdfium2 as pdfium

from schemas.record import PageInfo

MEDIA_TYPE = "application/pdf"
MAX_PAGES = 1000
MAX_LAYOUT_PAGES = 4            # first, last and at most two more signature pages
EOF_WINDOW = 1024               # readers expect %%EOF within the file's last 1 KB

# Decree 30/2020: "Nơi nhận" opens the footer, so its page holds the signer block.
SIGNATURE_MARK = re.compile(r"nơi\s+nhận", re.IGNORECASE)
# C0 controls other than tab and newline, and the non-characters pdfium emits
# for soft hyphens and unmapped glyphs: never part of a letter's text.
JUNK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")

# Column detection, in multiples of the page's median font size.
SEED_GUTTER = 1.2     # a gap this wide in the page's middle starts a two-column block
MIN_GUTTER = 0.3      # the block goes on while its gutter stays at least this wide
GAP_RATIO = 2.5       # a gutter gap is this many times the line's ordinary word gap
BAND = (0.25, 0.75)   # the gutter lies in this horizontal band of the page
BLANK_LINE = 1.0      # vertical space between lines that counts as a blank line


class PdfUnreadable(Exception):
    """The PDF cannot be read at all (encrypted, corrupt, too long)."""


@dataclass
class PdfText:
    pages: list[str]
    page_info: list[PageInfo]
    warnings: list[str] = field(default_factory=list)


def read_pdf(data: bytes) -> PdfText:
    """Text of every page, with the per-page text-layer facts and warnings; a page
    without a text layer is left empty here for ``pipeline.ocr`` to read."""
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise PdfUnreadable("corrupt PDF: truncated (no %%EOF marker at the end of the file)")
    fast = _fast_pages(data)
    info = [PageInfo(number=i + 1, text_layer=bool(t.strip())) for i, t in enumerate(fast)]
    pages = list(fast)
    layout, problems = _layout_pages(data, _layout_candidates(fast))
    for index, text in layout.items():
        if _letters(text) >= 0.9 * _letters(fast[index]):
            pages[index] = text
        else:
            problems.append(f"page {index + 1}: layout reading lost text; kept stream order")
    return PdfText(pages=pages, page_info=info, warnings=problems)


def _fast_pages(data: bytes) -> list[str]:
    """pdfium's text of each page, in content-stream order."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise PdfUnreadable("encrypted PDF (password required)") from None
        raise PdfUnreadable(f"corrupt PDF: {error}") from None
    try:
        if len(pdf) > MAX_PAGES:
            raise PdfUnreadable(f"PDF has {len(pdf)} pages, over the limit of {MAX_PAGES}; "
                                "split it into smaller files")
        return [_clean(_page_text(pdf, i)) for i in range(len(pdf))]
    except pdfium.PdfiumError as error:
        raise PdfUnreadable(f"corrupt PDF: {error}") from None
    finally:
        pdf.close()


def _page_text(pdf: pdfium.PdfDocument, index: int) -> str:
    page = pdf[index]
    textpage = page.get_textpage()
    try:
        return textpage.get_text_range()
    finally:
        textpage.close()
        page.close()


def _clean(text: str) -> str:
    """pdfium's CRLF line ends to LF, junk characters out, diacritics composed (NFC)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", JUNK.sub("", text))


def _letters(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


def _layout_candidates(fast: list[str]) -> list[int]:
    """First page, last page and the pages that open a footer (Nơi nhận), with text."""
    last = len(fast) - 1
    marked = [i for i, t in enumerate(fast) if 0 < i < last and SIGNATURE_MARK.search(t)]
    chosen = sorted({0, last, *marked[-(MAX_LAYOUT_PAGES - 2):]})
    return [i for i in chosen if fast[i].strip()]


def _layout_pages(data: bytes, indexes: list[int]) -> tuple[dict[int, str], list[str]]:
    """Layout-aware text of the given pages; a page that pdfplumber cannot read
    keeps its fast text, with a warning."""
    if not indexes:
        return {}, []
    texts, problems = {}, []
    try:
        with pdfplumber.open(io.BytesIO(data), pages=[i + 1 for i in indexes]) as pdf:
            for index, page in zip(indexes, pdf.pages):
                if page.rotation % 360:
                    continue
                try:
                    texts[index] = layout_text(page)
                except Exception as error:  # pdfminer raises many types on odd pages
                    problems.append(f"page {index + 1}: layout reading failed ({error}); "
                                    "kept stream order")
    except Exception as error:  # a file pdfium reads but pdfminer does not
        problems.append(f"layout reading failed ({error}); kept stream order")
    return texts, problems


# ------------------------------------------------------------------ layout


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


Line = list[Word]


def layout_text(page) -> str:
    """A pdfplumber page's text with two-column blocks read column by column."""
    raw = page.dedupe_chars().extract_words(keep_blank_chars=False, use_text_flow=False)
    words = [Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"]) for w in raw]
    return layout_words(words, page.width)


def layout_words(words: list[Word], width: float) -> str:
    """Positioned words (a PDF's or OCR's) as text lines, two-column blocks read
    column by column; ``width`` is the page's width in the words' unit."""
    if not words:
        return ""
    lines = _lines(words)
    size = statistics.median(w.bottom - w.top for w in words) or 1.0
    band = (width * BAND[0], width * BAND[1])
    out, i = [], 0
    while i < len(lines):
        end, gutter = _block(lines, i, band, size)
        if gutter is None:
            out.append(_join(lines[i]))
            i += 1
            continue
        out += _column_lines(lines[i:end], gutter)
        i = end
    return unicodedata.normalize("NFC", "\n".join(out))


def _column_lines(block: list[Line], gutter: tuple[float, float]) -> list[str]:
    """A two-column block's left column lines, then its right column lines."""
    middle = (gutter[0] + gutter[1]) / 2
    left = [[w for w in line if w.x1 <= middle] for line in block]
    right = [[w for w in line if w.x1 > middle] for line in block]
    return [_join(words) for words in left + right if words]


def _lines(words: list[Word]) -> list[Line]:
    """Group words into lines: a word joins the line it overlaps by half its height."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        line = lines[-1] if lines else None
        if line is not None:
            top, bottom = min(w.top for w in line), max(w.bottom for w in line)
            overlap = min(bottom, word.bottom) - max(top, word.top)
            if overlap >= 0.5 * min(word.bottom - word.top, bottom - top):
                line.append(word)
                continue
        lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _join(words: Line) -> str:
    return JUNK.sub("", " ".join(w.text for w in words))


def _block(lines: list[Line], start: int, band: tuple[float, float],
           size: float) -> tuple[int, tuple[float, float] | None]:
    """The end of the two-column block that starts at ``start`` and its gutter,
    or (start, None) when no block starts there. A block starts with a wide gap
    in the page's middle, on one line or across two (columns whose lines do
    not share baselines), and goes on while the next lines leave a gutter."""
    for seed in (1, 2):
        window = lines[start:start + seed]
        if len(window) < seed or not all(_fits(line, band, size) for line in window):
            continue
        gutter = _widest_gap([w for line in window for w in line], band, both_sides=True)
        if gutter is None or gutter[1] - gutter[0] < SEED_GUTTER * size:
            continue
        end = start + seed
        while end < len(lines):
            run_end, narrowed = _run(lines, end, gutter, size)
            if run_end == end:
                break
            # After a blank line's worth of space the block goes on only if both
            # columns do ("Số" | place/date); a lone "Kính gửi:" or title starts the body.
            if _space_above(lines, end) > BLANK_LINE * size and \
                    not _two_sided(lines[end:run_end], narrowed):
                break
            end, gutter = run_end, narrowed
        return end, gutter
    return start, None


def _run(lines: list[Line], start: int, gutter: tuple[float, float],
         size: float) -> tuple[int, tuple[float, float]]:
    """The lines from ``start`` that keep a gutter, up to the next blank space."""
    end = start
    while end < len(lines) and (end == start or _space_above(lines, end) <= BLANK_LINE * size):
        narrowed = _fits(lines[end], gutter, size)
        if narrowed is None:
            break
        gutter, end = narrowed, end + 1
    return end, gutter


def _space_above(lines: list[Line], index: int) -> float:
    return min(w.top for w in lines[index]) - max(w.bottom for w in lines[index - 1])


def _two_sided(block: list[Line], gutter: tuple[float, float]) -> bool:
    middle = (gutter[0] + gutter[1]) / 2
    words = [w for line in block for w in line]
    return any(w.x1 <= middle for w in words) and any(w.x1 > middle for w in words)


def _fits(line: Line, gutter: tuple[float, float], size: float) -> tuple[float, float] | None:
    """The part of ``gutter`` that ``line`` leaves free, or None if the line
    crosses it: no room left, or a gap no wider than the line's word spacing."""
    free = _widest_gap(line, gutter, both_sides=False)
    if free is None or free[1] - free[0] < MIN_GUTTER * size:
        return None
    left = [w for w in line if w.x1 <= free[0]]
    right = [w for w in line if w.x0 >= free[1]]
    if left and right:
        gap = min(w.x0 for w in right) - max(w.x1 for w in left)
        others = [b.x0 - a.x1 for a, b in zip(line, line[1:]) if b is not right[0]]
        ordinary = statistics.median(others) if others else MIN_GUTTER * size
        if gap < GAP_RATIO * max(ordinary, MIN_GUTTER * size):
            return None
    return free


def _widest_gap(words: Line, span: tuple[float, float], *,
                both_sides: bool) -> tuple[float, float] | None:
    """The widest x interval inside ``span`` that no word covers; with
    ``both_sides``, only the gaps that have words on their left and right."""
    gaps, reach = [], None
    for x0, x1 in sorted((w.x0, w.x1) for w in words):
        if reach is not None and x0 > reach:
            gaps.append((reach, x0))
        reach = x1 if reach is None else max(reach, x1)
    if not both_sides and words:
        gaps += [(-math.inf, min(w.x0 for w in words)), (reach, math.inf)]
    clipped = [(max(a, span[0]), min(b, span[1])) for a, b in gaps]
    return max((g for g in clipped if g[1] > g[0]), key=lambda g: g[1] - g[0], default=None)
