"""Test helpers that turn a letter's plain text into PDF and DOCX files.

The files are laid out like real letters (Decree 30/2020/NĐ-CP, Appendix I):
a two-column header (issuer block, number and "V/v" subject on the left;
national motto and place/date on the right), a full-width justified body and
a two-column footer (Nơi nhận on the left, the signer on the right). The
ingest tests render a letter, ingest the file and check that the text comes
back in the right order and grouping. Helpers for broken inputs live here too.
"""
from __future__ import annotations

import importlib.util
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_MISSING = ("no TTF font with Vietnamese glyphs: install fonts-dejavu-core "
                "(DejaVuSans.ttf) or matplotlib, which bundles a copy")

# Decree 30/2020 header: quốc hiệu / tiêu ngữ (party letters: "ĐẢNG CỘNG SẢN
# VIỆT NAM") and "Place, ngày .. tháng .. năm ...." sit in the right column;
# the issuer, "Số:" and the "V/v" subject in the left one.
MOTTO = re.compile(r"^(CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập|ĐẢNG CỘNG SẢN)")
PLACE_DATE = re.compile(r",\s*ngày\b.*\btháng\b.*\bnăm\b")
NUMBER = re.compile(r"^Số\b")
SUBJECT = re.compile(r"^(V/v|Về việc)\b")
DISTRIBUTION = re.compile(r"^Nơi nhận\b")
RULE = re.compile(r"^[-_=]{3,}$")        # the short rules under the header lines
HEADER_LINES = 20


def find_font() -> Path | None:
    """DejaVuSans from fonts-dejavu-core, else matplotlib's bundled copy, else None."""
    if DEJAVU.is_file():
        return DEJAVU
    spec = importlib.util.find_spec("matplotlib")
    if spec and spec.origin:
        bundled = Path(spec.origin).parent / "mpl-data/fonts/ttf/DejaVuSans.ttf"
        if bundled.is_file():
            return bundled
    return None


@dataclass
class Letter:
    """A letter's text cut into the parts that a real layout places apart."""

    issuer: list[str] = field(default_factory=list)       # left header, above "Số"
    number: list[str] = field(default_factory=list)       # the "Số:" line
    subject: list[str] = field(default_factory=list)      # left header, below "Số" (V/v)
    motto: list[str] = field(default_factory=list)        # right header
    place_date: list[str] = field(default_factory=list)   # right header, last line
    body: list[str] = field(default_factory=list)         # paragraphs, one string each
    distribution: list[str] = field(default_factory=list)  # left footer
    signature: list[str] = field(default_factory=list)    # right footer, the name last

    @property
    def left(self) -> list[str]:
        return self.issuer + self.number + self.subject

    @property
    def right(self) -> list[str]:
        return self.motto + self.place_date


def split_letter(text: str) -> Letter:
    """Cut a plain-text letter (header lines, body lines, "Nơi nhận" footer) into
    the parts a printed layout places apart. Each body line is a paragraph."""
    lines = ["" if RULE.match(line.strip()) else line.strip() for line in text.splitlines()]
    end = _header_end(lines)
    footer = max((i for i, line in enumerate(lines) if DISTRIBUTION.match(line) and i >= end),
                 default=len(lines))
    letter = Letter()
    for line in filter(None, lines[:end]):
        if MOTTO.match(line):
            letter.motto.append(line)
        elif PLACE_DATE.search(line):
            letter.place_date.append(line)
        elif NUMBER.match(line):
            letter.number.append(line)
        else:
            (letter.subject if letter.number else letter.issuer).append(line)
    letter.body = [line for line in lines[end:footer] if line]
    for line in filter(None, lines[footer:]):
        in_list = not letter.distribution or line.startswith(("-", "+"))
        (letter.distribution if in_list and not letter.signature else letter.signature).append(line)
    return letter


def _header_end(lines: list[str]) -> int:
    """Index after the header: after the number, the place/date line and the
    "V/v" subject with its continuation lines, whichever comes last."""
    end = 0
    for i, line in enumerate(lines[:HEADER_LINES]):
        if NUMBER.match(line) or PLACE_DATE.search(line) or MOTTO.match(line):
            end = max(end, i + 1)
        elif SUBJECT.match(line):
            end = i + 1
            while end < len(lines) and lines[end] and not (
                    NUMBER.match(lines[end]) or PLACE_DATE.search(lines[end]) or MOTTO.match(lines[end])):
                end += 1
    return end


def is_plain_letter(text: str) -> bool:
    """A letter written as plain lines (no markdown tables, no text laid out in
    columns with spaces) with every part ``split_letter`` looks for."""
    if re.search(r"\||\*\*|<br>|\\-|^#|\S {10,}\S", text, re.MULTILINE):
        return False
    letter = split_letter(text)
    return all([letter.issuer, letter.number, letter.motto, letter.place_date, letter.body,
                letter.distribution, letter.signature])


def collapse(text: str) -> str:
    """Whitespace runs (form feeds included) to one space, NFC: how tests compare text."""
    return unicodedata.normalize("NFC", " ".join(text.split()))


def sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences (split after . ; : ! ? and a space)."""
    return [s for s in re.split(r"(?<=[.;:!?])\s+", collapse(paragraph)) if s]


# --------------------------------------------------------------------- PDF


@dataclass
class Page:
    """Geometry of an A4 page with Decree 30 margins (left 30 mm, right 20 mm)."""

    width: float = 595.28
    height: float = 841.89
    left: float = 85.0
    right: float = 57.0
    top: float = 57.0
    bottom: float = 57.0

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right


class PdfWriter:
    """A reportlab canvas with a cursor, wrapping and page breaks."""

    def __init__(self, path: Path, font: Path, *, nfd: bool = False):
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        from reportlab.pdfgen import canvas

        bold = font.with_name("DejaVuSans-Bold.ttf")
        pdfmetrics.registerFont(TTFont("Body", str(font)))
        pdfmetrics.registerFont(TTFont("Bold", str(bold if bold.is_file() else font)))
        self.metrics = pdfmetrics
        self.page = Page()
        self.canvas = canvas.Canvas(str(path), pagesize=(self.page.width, self.page.height))
        self.y = self.page.height - self.page.top
        self.nfd = nfd

    def width(self, text: str, font: str, size: float) -> float:
        return self.metrics.stringWidth(text, font, size)

    def wrap(self, text: str, font: str, size: float, width: float, indent: float = 0) -> list[str]:
        """Greedy word wrap to ``width`` points (the first line ``indent`` narrower)."""
        lines, current = [], ""
        for word in text.split():
            candidate = f"{current} {word}".strip()
            room = width - (indent if not lines else 0)
            if current and self.width(candidate, font, size) > room:
                lines.append(current)
                current = word
            else:
                current = candidate
        return lines + [current] if current else lines

    def draw(self, x: float, y: float, text: str, font: str, size: float) -> None:
        if self.nfd:
            text = unicodedata.normalize("NFD", text)
        self.canvas.setFont(font, size)
        self.canvas.drawString(x, y, text)

    def draw_justified(self, x: float, y: float, line: str, size: float, width: float) -> None:
        """Draw the words of ``line`` spread over ``width``, as Word does for justified text."""
        words = line.split()
        natural = sum(self.width(w, "Body", size) for w in words)
        gap = (width - natural) / (len(words) - 1) if len(words) > 1 else 0
        for word in words:
            self.draw(x, y, word, "Body", size)
            x += self.width(word, "Body", size) + gap

    def need(self, height: float) -> None:
        """Start a new page unless ``height`` points still fit above the bottom margin."""
        if self.y - height < self.page.bottom:
            self.canvas.showPage()
            self.y = self.page.height - self.page.top

    def column(self, lines: list[tuple[str, str, float]], x: float, width: float,
               y: float, leading: float) -> float:
        """Center (text, font, size) lines in a column; return the y below the last one."""
        for text, font, size in lines:
            for part in self.wrap(text, font, size, width - 10):
                offset = (width - self.width(part, font, size)) / 2
                self.draw(x + offset, y, part, font, size)
                y -= leading
        return y

    def save(self) -> None:
        self.canvas.save()


def _header(pdf: PdfWriter, letter: Letter, stagger: float) -> None:
    """Issuer block left, motto right; "Số" on the row of the place/date line."""
    page, leading = pdf.page, 15.0
    left_w = page.text_width * 0.40
    top = pdf.y
    issuer = [(t, "Bold", 12) for t in letter.issuer]
    y_left = pdf.column(issuer, page.left, left_w, top, leading)
    motto = [(t, "Bold", 11) for t in letter.motto]
    x_right = page.left + left_w
    y_right = pdf.column(motto, x_right, page.text_width - left_w, top - stagger, leading)
    row = min(y_left, y_right + stagger) - leading
    lower_left = [(t, "Body", 12) for t in letter.number] + [(t, "Body", 11.5) for t in letter.subject]
    y_left = pdf.column(lower_left, page.left, left_w, row, leading)
    place = [(t, "Body", 12) for t in letter.place_date]
    y_right = pdf.column(place, x_right, page.text_width - left_w, row - stagger, leading)
    pdf.y = min(y_left, y_right) - leading


def _body(pdf: PdfWriter, letter: Letter) -> None:
    """Full-width justified paragraphs, first line indented 1 cm."""
    page, size, leading, indent = pdf.page, 13.0, 18.0, 28.0
    for paragraph in letter.body:
        lines = pdf.wrap(paragraph, "Body", size, page.text_width, indent)
        for i, line in enumerate(lines):
            pdf.need(leading)
            x = page.left + (indent if i == 0 else 0)
            width = page.text_width - (indent if i == 0 else 0)
            if i < len(lines) - 1:
                pdf.draw_justified(x, pdf.y, line, size, width)
            else:
                pdf.draw(x, pdf.y, line, "Body", size)
            pdf.y -= leading
        pdf.y -= 4


def _footer(pdf: PdfWriter, letter: Letter) -> None:
    """Nơi nhận left (11 pt, wrapped inside its column as in a Word table cell),
    the signer right, with room for the signature above the name."""
    page, leading = pdf.page, 14.0
    left_w = page.text_width * 0.45
    distribution = []
    for i, text in enumerate(letter.distribution):
        font, size = ("Bold", 12) if i == 0 else ("Body", 11)
        distribution += [(part, font, size) for part in pdf.wrap(text, font, size, left_w - 10)]
    signature = [(t, "Bold", 12) for t in letter.signature]
    rows = max(len(distribution), len(signature) + 4)
    pdf.need(rows * leading + leading)
    pdf.y -= leading
    top = pdf.y
    for i, (text, font, size) in enumerate(distribution):
        pdf.draw(page.left, top - i * leading, text, font, size)
    right_w, x_right = page.text_width - left_w, page.left + left_w
    y = pdf.column(signature[:-1], x_right, right_w, top, leading)
    pdf.column(signature[-1:], x_right, right_w, y - 4 * leading, leading)
    pdf.y = top - rows * leading


def render_pdf(letter: str | Letter, path: Path, font: Path, *, stagger: float = 0.0,
               nfd: bool = False) -> Path:
    """Render a letter like a printed one; ``stagger`` lowers the right header column
    by that many points (Word table cells whose lines do not share baselines);
    ``nfd`` writes decomposed diacritics (base letter + combining mark glyphs)."""
    if isinstance(letter, str):
        letter = split_letter(letter)
    pdf = PdfWriter(path, font, nfd=nfd)
    _header(pdf, letter, stagger)
    _body(pdf, letter)
    _footer(pdf, letter)
    pdf.save()
    return path


def render_pages(path: Path, font: Path, pages: int, *, blank: set[int] = frozenset()) -> Path:
    """A PDF of ``pages`` pages with a few numbered body lines each; the pages in
    ``blank`` (1-based) get only a filled rectangle, like a scan without a text layer."""
    pdf = PdfWriter(path, font)
    for number in range(1, pages + 1):
        if number in blank:
            pdf.canvas.rect(100, 300, 300, 300, fill=1)
        else:
            for row in range(30):
                text = f"Trang {number} dòng {row + 1}: nội dung văn bản thử nghiệm."
                pdf.draw(pdf.page.left, 780 - row * 22, text, "Body", 12)
        pdf.canvas.showPage()
    pdf.save()
    return path


def encrypt_pdf(source: Path, path: Path, password: str = "mat-khau") -> Path:
    """A copy of ``source`` that needs ``password`` to open (pypdf, AES-128)."""
    from pypdf import PdfReader, PdfWriter as Writer

    writer = Writer(clone_from=PdfReader(source))
    writer.encrypt(user_password=password, owner_password=password + "-owner",
                   algorithm="AES-128")
    with open(path, "wb") as out:
        writer.write(out)
    return path


def truncate(source: Path, path: Path) -> Path:
    """The first half of ``source``'s bytes, like an interrupted download."""
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


# -------------------------------------------------------------------- DOCX


def _borderless_cells(table) -> None:
    """Python-docx tables use the document's default style; make it explicit
    that the layout table has no borders, as Word letter templates do."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    borders = "".join(f'<w:{side} w:val="nil"/>' for side in
                      ("top", "left", "bottom", "right", "insideH", "insideV"))
    table._tbl.tblPr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>{borders}</w:tblBorders>"))


def _fill(cell, lines: list[str]) -> None:
    cell.paragraphs[0].text = lines[0] if lines else ""
    for line in lines[1:]:
        cell.add_paragraph(line)


def _layout_table(doc, rows: list[tuple[list[str], list[str]]]) -> None:
    table = doc.add_table(rows=len(rows), cols=2)
    _borderless_cells(table)
    for row, (left, right) in zip(table.rows, rows):
        _fill(row.cells[0], left)
        _fill(row.cells[1], right)


def render_docx(letter: str | Letter, path: Path, *, header_rows: str = "single",
                tasks: list[list[str]] | None = None) -> Path:
    """Render a letter as Word does: a borderless 2-column header table (one row,
    or ``header_rows="multi"``: issuer|motto, Số|place-date, V/v|empty), body
    paragraphs, an optional bordered task table after the body, a 2-column
    signature table."""
    import docx

    if isinstance(letter, str):
        letter = split_letter(letter)
    doc = docx.Document()
    if header_rows == "multi":
        _layout_table(doc, [(letter.issuer, letter.motto),
                            (letter.number, letter.place_date), (letter.subject, [])])
    else:
        _layout_table(doc, [(letter.left, letter.right)])
    for paragraph in letter.body:
        doc.add_paragraph(paragraph)
    if tasks:
        table = doc.add_table(rows=len(tasks), cols=len(tasks[0]), style="Table Grid")
        for row, values in zip(table.rows, tasks):
            for cell, value in zip(row.cells, values):
                cell.text = value
    _layout_table(doc, [(letter.distribution, letter.signature)])
    doc.save(str(path))
    return path


def docx_bytes_with_tracked_insert(text: str, inserted: str) -> bytes:
    """A DOCX whose only paragraph holds ``text`` and a tracked insertion
    (w:ins) of ``inserted`` inside a hyperlink-free run."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    doc = docx.Document()
    paragraph = doc.add_paragraph(text)
    paragraph._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z">'
        f'<w:r><w:t xml:space="preserve">{inserted}</w:t></w:r></w:ins>'))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def render_lines_pdf(text: str, path: Path, font: Path) -> Path:
    """The letter printed as its lines run, left-aligned, a line too long for the page wrapped:
    for letters whose layout split_letter cannot take apart (OCR copies, web copies, tables)."""
    pdf = PdfWriter(path, font)
    size, leading = 11.0, 15.0
    for line in text.splitlines():
        parts = pdf.wrap(line, "Body", size, pdf.page.text_width) or [""]
        for part in parts:
            pdf.need(leading)
            if part:
                pdf.draw(pdf.page.left, pdf.y, part, "Body", size)
            pdf.y -= leading
    pdf.save()
    return path


def render_lines_docx(text: str, path: Path) -> Path:
    """The letter as one Word paragraph per line."""
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return path
