"""Test helpers that turn a letter into scans: image-only PDFs, PNG, JPEG, TIFF.

A letter is rendered like a printed one (tests/render.py), rasterized by
pdfium at 200 dpi, and given a scanner's faults: a slight rotation (1-2°
either way), a little blur and JPEG artefacts. Letters that render.py cannot
lay out are drawn as plain lines (``render_plain_pdf``). Everything is made at
test time in a temporary folder; the random faults are seeded, so a file is
the same on every run.
"""
from __future__ import annotations

import io
import random
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFilter

SCAN_DPI = 200
COLUMN_GAP = 4.0    # em between the parts of a line that text sets apart with spaces
MIN_CELL_SCALE = 0.8  # such a line is drawn smaller to fit, down to this scale; else wrapped
RULE_RUN = re.compile(r"[-_=]{3,}")
RULE_SPLIT = re.compile(r"([-_=]{3,})")


@dataclass(frozen=True)
class Noise:
    """A scanner's faults: rotation range (degrees, either sign), blur radius range, JPEG quality range."""

    rotation: tuple[float, float] = (1.0, 2.0)
    blur: tuple[float, float] = (0.5, 0.9)
    quality: tuple[int, int] = (45, 70)


CLEAN = Noise(rotation=(0.0, 0.0), blur=(0.0, 0.0), quality=(95, 95))


def rasterize(pdf: Path, dpi: int = SCAN_DPI) -> list[Image.Image]:
    """Each page of a PDF as a grey image (pdfium)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return [document[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
                for i in range(len(document))]
    finally:
        document.close()


def scanner(image: Image.Image, rng: random.Random, noise: Noise = Noise()) -> Image.Image:
    """The image as a scanner would give it: rotated, blurred, JPEG-compressed."""
    angle = rng.choice((-1, 1)) * rng.uniform(*noise.rotation)
    if angle:
        image = image.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    radius = rng.uniform(*noise.blur)
    if radius:
        image = image.filter(ImageFilter.GaussianBlur(radius))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=rng.randint(*noise.quality))
    return Image.open(io.BytesIO(buffer.getvalue())).convert("L")


def scans(pdf: Path, seed: int = 0, noise: Noise = Noise(), dpi: int = SCAN_DPI) -> list[Image.Image]:
    """The pages of ``pdf`` printed and scanned back."""
    rng = random.Random(seed)
    return [scanner(page, rng, noise) for page in rasterize(pdf, dpi)]


def save_pdf(images: list[Image.Image], path: Path, dpi: int = SCAN_DPI) -> Path:
    """An image-only PDF, one page per image (Pillow: JPEG-compressed pages, no text layer)."""
    images = _fresh(images)
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return path


def save_tiff(images: list[Image.Image], path: Path, dpi: int = SCAN_DPI) -> Path:
    """A multi-page TIFF (LZW), as document scanners write them."""
    images = _fresh(images)
    images[0].save(path, "TIFF", save_all=True, append_images=images[1:], dpi=(dpi, dpi),
                   compression="tiff_lzw")
    return path


def save_image(image: Image.Image, path: Path, dpi: int = SCAN_DPI) -> Path:
    """One page as PNG or JPEG, by the file's suffix."""
    kind = "JPEG" if path.suffix.lower() in (".jpg", ".jpeg") else "PNG"
    extra = {"quality": 85} if kind == "JPEG" else {}
    _fresh([image])[0].save(path, kind, dpi=(dpi, dpi), **extra)
    return path


def _fresh(images: list[Image.Image]) -> list[Image.Image]:
    """Copies: Pillow keeps a saved image's encoder options and applies them to
    the image's next save (a JPEG quality breaks a later TIFF save)."""
    return [image.copy() for image in images]


def mixed_pdf(text_pdf: Path, scanned: Image.Image, path: Path, at: int = 1,
              dpi: int = SCAN_DPI) -> Path:
    """``text_pdf`` with a scanned page (no text layer) put in at 0-based position ``at``."""
    from pypdf import PdfReader, PdfWriter

    image_pdf = save_pdf([scanned], path.with_suffix(".page.pdf"), dpi)
    writer = PdfWriter()
    pages = list(PdfReader(text_pdf).pages)
    pages.insert(at, PdfReader(image_pdf).pages[0])
    for page in pages:
        writer.add_page(page)
    with open(path, "wb") as out:
        writer.write(out)
    return path


def render_plain_pdf(text: str, path: Path, font: Path, size: float = 13.0) -> Path:
    """A letter drawn as plain left-aligned lines (long lines wrapped), blank
    lines kept, for letters that render.py cannot lay out; 13 pt, the body size
    of Decree 30/2020 (13-14 pt). Unlike render.render_lines_pdf (11 pt, every
    line as it runs), parts of a line that the text sets apart with runs of
    spaces (columns) are drawn apart, and runs of dashes as the rules they are
    in print, so that a scan of it looks like a printed page."""
    from tests.render import PdfWriter

    pdf = PdfWriter(path, font)
    page, leading = pdf.page, size * 1.4
    for line in text.splitlines():
        line = _draw_rules(pdf, line, size)
        cells = [c for c in re.split(r"\s{2,}|\t", line.strip()) if c]
        if len(cells) > 1 and _cells_fit(pdf, cells, size):
            pdf.need(leading)
            _draw_cells(pdf, cells, size)
            pdf.y -= leading
            continue
        if len(cells) == 2:
            _draw_columns(pdf, cells, size, leading)
            continue
        line = " ".join(cells)
        for part in pdf.wrap(line, "Body", size, page.text_width) or [""]:
            pdf.need(leading)
            if part:
                pdf.draw(page.left, pdf.y, part, "Body", size)
            pdf.y -= leading
    pdf.save()
    return path


def _draw_rules(pdf, line: str, size: float) -> str:
    """Runs of dashes (a web copy's text for the short rules under the issuer and
    the motto) drawn as the rules they are in print, under the line; the line
    without them is returned for drawing. Long lines are drawn wrapped, so a
    rule is only drawn for lines that fit."""
    runs = list(RULE_RUN.finditer(line))
    if not runs or pdf.width(line, "Body", size) > pdf.page.text_width:
        return RULE_RUN.sub(" ", line) if runs else line
    pdf.need(size * 1.4)
    for run in runs:
        x0 = pdf.page.left + pdf.width(line[:run.start()], "Body", size)
        x1 = pdf.page.left + pdf.width(line[:run.end()], "Body", size)
        pdf.canvas.setLineWidth(0.6)
        pdf.canvas.line(x0, pdf.y - size * 0.35, x1, pdf.y - size * 0.35)
    return "".join(" " * len(m) if RULE_RUN.fullmatch(m) else m for m in RULE_SPLIT.split(line))


def _cells_fit(pdf, cells: list[str], size: float) -> bool:
    """The parts fit on one line with their gaps at no less than MIN_CELL_SCALE of the size."""
    room = pdf.page.text_width - COLUMN_GAP * size * (len(cells) - 1)
    return sum(pdf.width(c, "Body", size) for c in cells) <= room / MIN_CELL_SCALE


def _draw_columns(pdf, cells: list[str], size: float, leading: float) -> None:
    """Two parts too long for one line, drawn as a printed letter's two columns:
    each wrapped in its own column (widths after their lengths), side by side."""
    gap = COLUMN_GAP * size
    natural = [pdf.width(c, "Body", size) for c in cells]
    share = min(max(natural[0] / sum(natural), 0.3), 0.7)
    widths = [(pdf.page.text_width - gap) * share, (pdf.page.text_width - gap) * (1 - share)]
    columns = [pdf.wrap(cell, "Body", size, width) for cell, width in zip(cells, widths)]
    rows = max(len(c) for c in columns)
    pdf.need(rows * leading)
    for column, x in zip(columns, (pdf.page.left, pdf.page.left + widths[0] + gap)):
        for row, part in enumerate(column):
            pdf.draw(x, pdf.y - row * leading, part, "Body", size)
    pdf.y -= rows * leading


def _draw_cells(pdf, cells: list[str], size: float) -> None:
    """A line whose parts the text sets apart with runs of spaces (columns): the
    parts drawn with a gap of COLUMN_GAP em, the font made smaller if they do not fit."""
    widths = [pdf.width(c, "Body", size) for c in cells]
    room = pdf.page.text_width - COLUMN_GAP * size * (len(cells) - 1)
    if sum(widths) > room:
        size *= max(room, 1) / sum(widths)
    x = pdf.page.left
    for cell in cells:
        pdf.draw(x, pdf.y, cell, "Body", size)
        x += pdf.width(cell, "Body", size) + COLUMN_GAP * size
