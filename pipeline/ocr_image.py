"""Page images for OCR: a PDF page rendered by pdfium or a frame of an image
file, in grey levels, with the scan's skew removed.

A scanned page is rendered at the resolution of the scan it holds (an image
of 200 dpi is rendered at 200 dpi): resampling a 200-dpi scan to 300 dpi
made Tesseract slower and its word error rate higher on the test pages
(bench/ocr_eval.py). A page drawn as vectors, with no image to measure,
is rendered at 300 dpi.
"""
from __future__ import annotations

import io
import math
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from PIL import Image, ImageOps, UnidentifiedImageError

DEFAULT_DPI = 300          # pages drawn as vectors, and images that do not say
MIN_DPI, MAX_DPI = 200, 400  # a scan is rendered at its own resolution within these
A4_WIDTH_INCHES = 8.27      # Decree 30/2020: letters are printed on A4
MAX_SKEW = 3.0              # degrees searched for the skew of a scanned page
SKEW_STEP, SKEW_FINE = 0.25, 0.05
MAX_PIXELS = 40_000_000     # an oversized page (a poster, an A0 plan) is rendered at a lower dpi
SKEW_SAMPLE = 800           # pixels on the long side of the image the skew is measured on
MIN_SKEW = 0.1              # below this a page is not rotated

IMAGE_MEDIA_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "TIFF": "image/tiff"}


class ImageUnreadable(Exception):
    """An image file that Pillow cannot decode."""


@dataclass(frozen=True)
class PageImage:
    image: Image.Image      # mode "L"
    dpi: int


@dataclass(frozen=True)
class PdfSource:
    """The pages of a PDF, rendered on demand (each worker process opens the file once)."""

    data: bytes

    def page(self, index: int) -> PageImage:
        pdf = pdfium.PdfDocument(self.data)
        try:
            page = pdf[index]
            width, height = page.get_size()
            dpi = min(scan_dpi(page), int(72 * math.sqrt(MAX_PIXELS / max(width * height, 1.0))))
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            image = bitmap.to_pil().convert("L")
            page.close()
            return PageImage(image, dpi)
        finally:
            pdf.close()


@dataclass(frozen=True)
class ImageSource:
    """The frames of an image file (a multi-page TIFF has several)."""

    data: bytes

    def page(self, index: int) -> PageImage:
        with Image.open(io.BytesIO(self.data)) as image:
            image.seek(index)
            dpi = image_dpi(image)
            frame = ImageOps.exif_transpose(image) if index == 0 else image
            return PageImage(grey(frame), dpi)


def scan_dpi(page: pdfium.PdfPage) -> int:
    """The resolution of the largest image on the page, within MIN_DPI..MAX_DPI;
    DEFAULT_DPI when the page holds no image."""
    best, area = None, 0.0
    for obj in page.get_objects():
        if obj.type != pdfium_raw.FPDF_PAGEOBJ_IMAGE:
            continue
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) > area:
            area = (right - left) * (top - bottom)
            best = obj.get_metadata().horizontal_dpi
    if not best:
        return DEFAULT_DPI
    return int(round(min(max(best, MIN_DPI), MAX_DPI)))


def image_dpi(image: Image.Image) -> int:
    """The resolution an image file states, else the one that makes it A4 wide."""
    stated = image.info.get("dpi")
    if stated and 50 <= float(stated[0]) <= 1200:
        return int(round(float(stated[0])))
    return int(round(min(max(image.width / A4_WIDTH_INCHES, 100), 600)))


def grey(image: Image.Image) -> Image.Image:
    """Grey levels ("L"): transparency on white, 16-bit scaled, bilevel expanded."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("L")
    if image.mode.startswith("I;16") or image.mode in ("I", "F"):
        values = np.asarray(image, dtype=np.float64)
        top = values.max() or 1.0
        return Image.fromarray(np.clip(values * (255.0 / top), 0, 255).astype(np.uint8), "L")
    return image.convert("L")


MAGICS = ((b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"))


def open_image(data: bytes) -> tuple[str, int]:
    """(media type, number of frames) of a PNG, JPEG or TIFF file. The file's
    structure is checked here (PNG chunk checksums too); the pixels are decoded
    only for OCR, where a frame that fails becomes that page's warning."""
    kind = next((name for magic, name in MAGICS if data.startswith(magic)), "image")
    try:
        with Image.open(io.BytesIO(data)) as image:
            found = image.format
            frames = getattr(image, "n_frames", 1)
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except Image.DecompressionBombError:
        raise ImageUnreadable(f"{kind} image too large to read safely (over "
                              f"{2 * Image.MAX_IMAGE_PIXELS:,} pixels); scan at 300 dpi") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ImageUnreadable(f"corrupt or unreadable {kind} image (cut short or damaged); "
                              "scan it or save it again") from None
    if found not in IMAGE_MEDIA_TYPES:
        raise ImageUnreadable(f"{found} image; send PNG, JPEG, TIFF or PDF")
    return IMAGE_MEDIA_TYPES[found], frames


# ------------------------------------------------------------------ deskew


def skew_angle(image: Image.Image) -> float:
    """The angle in degrees (counter-clockwise positive) that makes the text lines
    level: the shear at which the rows of dark pixels are the most concentrated
    (projection profile), first in SKEW_STEP steps, then in SKEW_FINE steps."""
    small = image.copy()
    small.thumbnail((SKEW_SAMPLE, SKEW_SAMPLE))
    pixels = np.asarray(small, dtype=np.uint8)
    ys, xs = np.nonzero(pixels < 128)
    if len(ys) < 200:
        return 0.0
    xs = xs - pixels.shape[1] / 2

    def concentration(degrees: float) -> float:
        rows = np.round(ys - xs * np.tan(np.radians(degrees))).astype(np.int64)
        counts = np.bincount(rows - rows.min()).astype(np.float64)
        return float((counts ** 2).sum())

    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, SKEW_STEP)
    best = max(coarse, key=concentration)
    fine = np.arange(best - SKEW_STEP, best + SKEW_STEP + 1e-9, SKEW_FINE)
    return round(float(max(fine, key=concentration)), 2)


def deskew(image: Image.Image) -> tuple[Image.Image, float]:
    """The image rotated so that its text lines are level, and the angle used."""
    angle = skew_angle(image)
    if abs(angle) < MIN_SKEW:
        return image, 0.0
    return image.rotate(angle, resample=Image.BILINEAR, fillcolor=255), angle
