"""OCR: scanned letters (image-only PDF, PNG, JPEG, multi-page TIFF) give the
header that their text gives.

The scans are made at test time (tests/ocr_data.py): project letters rendered
like printed ones (tests/render.py), rasterized at 200 dpi with a scanner's
faults (1-2° rotation, blur, JPEG). Short letters keep the module fast: about
ten pages are recognized in all. Tests that need Tesseract skip with the
reason when it is not installed; the others fake it.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PIL import Image

from pipeline import ocr, ocr_image
from pipeline.evaluate import FIELD_KEYS
from pipeline.ingest import IngestError, ingest
from pipeline.ocr import OcrOptions
from pipeline.run import extract_path
from tests.ocr_data import mixed_pdf, save_image, save_pdf, save_tiff, scans
from tests.render import FONT_MISSING, find_font, render_pages, render_pdf, split_letter

ROOT = Path(__file__).resolve().parents[2]
LETTERS = ROOT / "corpus" / "letters"
FONT = find_font()
MISSING = ocr.missing()
needs_font = pytest.mark.skipif(FONT is None, reason=FONT_MISSING)
needs_tesseract = pytest.mark.skipif(
    MISSING is not None, reason=f"{MISSING}: install the Debian packages tesseract-ocr and tesseract-ocr-vie")

FIELDS = ("issuer", "number", "symbol", "doc_type", "place", "issued", "subject",
          "signer_name", "signer_title", "signer_authority")
ONE_PAGE, TWO_PAGES = "cv-029", "cv-017"     # short plain letters: 1 and 2 printed pages


def keys(record) -> dict:
    data = json.loads(record.model_dump_json())
    return {name: FIELD_KEYS[name](data) for name in FIELDS}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    if FONT is None:
        pytest.skip(FONT_MISSING)
    return tmp_path_factory.mktemp("scans")


@pytest.fixture(scope="module")
def printed(folder) -> dict[str, Path]:
    """The two letters rendered as printed PDFs (with a text layer)."""
    return {name: render_pdf(split_letter((LETTERS / f"{name}.txt").read_text(encoding="utf-8")),
                             folder / f"{name}.pdf", FONT) for name in (ONE_PAGE, TWO_PAGES)}


@pytest.fixture(scope="module")
def scanned(printed) -> dict[str, list[Image.Image]]:
    return {name: scans(pdf, seed=index) for index, (name, pdf) in enumerate(printed.items())}


@pytest.fixture(scope="module")
def scanned_records(scanned, folder) -> dict:
    if MISSING:
        pytest.skip(MISSING)
    return {name: extract_path(save_pdf(images, folder / f"{name}-scan.pdf")) for name, images in scanned.items()}


# ------------------------------------------------------------------ with tesseract


@needs_tesseract
@pytest.mark.parametrize("name", [ONE_PAGE, TWO_PAGES])
def test_image_only_pdf_gives_the_header_of_the_text(name, scanned_records):
    expected = keys(extract_path(LETTERS / f"{name}.txt"))
    assert keys(scanned_records[name]) == expected


@needs_tesseract
@pytest.mark.parametrize("name", [ONE_PAGE, TWO_PAGES])
def test_page_info_says_ocr_with_a_confidence(name, scanned_records):
    source = scanned_records[name].source
    assert source.ocr and source.media_type == "application/pdf"
    assert source.pages == len(source.page_info) == (1 if name == ONE_PAGE else 2)
    for page in source.page_info:
        assert (page.text_layer, page.ocr) == (False, True)
        assert 0.80 <= page.ocr_confidence <= 1.0
    assert not any("text layer" in w for w in scanned_records[name].warnings)


@needs_tesseract
def test_image_only_pdf_obligations_match_the_text(scanned_records):
    expected = extract_path(LETTERS / f"{TWO_PAGES}.txt").obligations
    got = scanned_records[TWO_PAGES].obligations
    assert [o.section for o in got] == [o.section for o in expected]
    assert [sorted(a.name for a in o.assignees) for o in got] == \
           [sorted(a.name for a in o.assignees) for o in expected]


@needs_tesseract
def test_mixed_pdf_ocrs_only_the_image_page(folder, scanned):
    text_pdf = render_pages(folder / "typed.pdf", FONT, 2)
    typed = ingest(text_pdf).raw_text.split("\f")
    document = ingest(mixed_pdf(text_pdf, scanned[ONE_PAGE][0], folder / "mixed.pdf", at=1))
    pages = document.raw_text.split("\f")
    assert [(p.text_layer, p.ocr) for p in document.source.page_info] == [(True, False), (False, True), (True, False)]
    assert document.source.page_info[1].ocr_confidence > 0.8
    assert document.source.ocr
    assert [pages[0], pages[2]] == typed, "text pages are kept exactly as read from their text layer"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pages[1] and "Số: 112/GM-UBND" in pages[1]


@needs_tesseract
@pytest.mark.parametrize("suffix, media_type", [(".png", "image/png"), (".jpg", "image/jpeg")])
def test_png_and_jpeg_are_read(suffix, media_type, folder, scanned):
    path = save_image(scanned[ONE_PAGE][0], folder / f"{ONE_PAGE}{suffix}")
    record = extract_path(path)
    assert (record.source.media_type, record.source.pages, record.source.ocr) == (media_type, 1, True)
    assert keys(record) == keys(extract_path(LETTERS / f"{ONE_PAGE}.txt"))


@needs_tesseract
def test_multi_page_tiff_is_read_page_by_page(folder, scanned):
    record = extract_path(save_tiff(scanned[TWO_PAGES], folder / f"{TWO_PAGES}.tiff"))
    assert (record.source.media_type, record.source.pages) == ("image/tiff", 2)
    assert [p.ocr for p in record.source.page_info] == [True, True]
    assert record.text.count("\n") > 20
    assert keys(record) == keys(extract_path(LETTERS / f"{TWO_PAGES}.txt"))


@needs_tesseract
def test_one_worker_and_two_give_the_same_text(folder, scanned):
    path = save_pdf(scanned[TWO_PAGES], folder / "workers.pdf")
    one = ingest(path, OcrOptions(workers=1))
    two = ingest(path, OcrOptions(workers=2))
    assert one.raw_text == two.raw_text and one.source == two.source


# ------------------------------------------------------------------ without tesseract


@pytest.fixture
def no_tesseract(monkeypatch):
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)


@needs_font
def test_missing_tesseract_is_a_warning_not_a_crash(folder, scanned, no_tesseract):
    record = extract_path(save_pdf(scanned[ONE_PAGE], folder / "no-tesseract.pdf"))
    assert "page 1 has no text layer and tesseract is not installed" in record.warnings
    assert not record.source.ocr and record.source.page_info[0].ocr is False


@needs_font
def test_missing_tesseract_on_a_tiff_warns_for_every_page(folder, scanned, no_tesseract):
    document = ingest(save_tiff(scanned[TWO_PAGES], folder / "no-tesseract.tiff"))
    assert document.warnings == [f"page {n} has no text layer and tesseract is not installed" for n in (1, 2)]
    assert document.raw_text == "\f" and document.source.pages == 2


@needs_font
def test_missing_vietnamese_model_names_the_package(folder, scanned, monkeypatch):
    monkeypatch.setattr(ocr.shutil, "which", lambda name: "/usr/bin/tesseract")
    monkeypatch.setattr(ocr, "_languages", lambda executable: frozenset({"eng", "osd"}))
    document = ingest(save_image(scanned[ONE_PAGE][0], folder / "no-model.png"))
    assert document.warnings == ["page 1 has no text layer and tesseract's Vietnamese model is not "
                                 "installed (Debian package tesseract-ocr-vie)"]


@needs_font
def test_ocr_turned_off(folder, scanned):
    document = ingest(save_image(scanned[ONE_PAGE][0], folder / "off.png"), OcrOptions(enabled=False))
    assert document.warnings == ["page 1 has no text layer and OCR is turned off"]


def test_corrupt_image_is_an_ingest_error(tmp_path):
    path = tmp_path / "scan.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    with pytest.raises(IngestError, match="corrupt or unreadable PNG image"):
        ingest(path)


# ------------------------------------------------------------------ Tesseract faked

# Tesseract's TSV for three garbled header lines and a line of specks: (line, word, confidence)
GARBLED_WORDS = [(1, "TÔNG", 95), (1, "CỤC", 91), (1, "THUÊ", 62), (2, "Sô:", 90), (2, "45O7/TCT-KK", 88),
                 (3, "Kinh", 93), (3, "gửi:", 95), (3, "Cục", 96), (3, "Thuế", 96), (4, "_", 95), (4, "~", 20)]
TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
GARBLED_TSV = "\n".join([TSV_HEADER, *(
    f"5\t1\t1\t1\t{line}\t{i}\t{100 + 150 * i}\t{100 + 60 * line}\t120\t40\t{conf}\t{word}"
    for i, (line, word, conf) in enumerate(GARBLED_WORDS))])


@pytest.fixture
def fake_tesseract(monkeypatch):
    monkeypatch.setattr(ocr, "missing", lambda: None)
    monkeypatch.setattr(ocr, "run_tesseract", lambda image, dpi: GARBLED_TSV)


def blank_png(path: Path) -> Path:
    Image.new("L", (1654, 2339), 255).save(path, dpi=(200, 200))
    return path


def test_repairs_are_listed_in_the_warnings(tmp_path, fake_tesseract):
    document = ingest(blank_png(tmp_path / "scan.png"))
    assert document.raw_text.split("\n")[:3] == ["TỔNG CỤC THUẾ", "Số: 4507/TCT-KK", "Kính gửi: Cục Thuế"]
    assert document.warnings == ["page 1: OCR repair: agency name: 'TÔNG CỤC THUÊ' → 'TỔNG CỤC THUẾ'",
                                 "page 1: OCR repair: number: 'Sô: 45O7' → 'Số: 4507'",
                                 "page 1: OCR repair: line opener: 'Kinh gửi' → 'Kính gửi'"]
    kept = [conf for _, word, conf in GARBLED_WORDS if word not in ("_", "~")]
    assert document.source.page_info[0].ocr_confidence == round(sum(kept) / len(kept) / 100, 3)


def test_specks_are_dropped_and_words_laid_out_in_lines(tmp_path, fake_tesseract):
    document = ingest(blank_png(tmp_path / "scan.png"))
    assert "_" not in document.raw_text and "~" not in document.raw_text
    assert len(document.raw_text.split("\n")) == 3


def test_a_page_that_tesseract_fails_on_is_a_warning(tmp_path, monkeypatch):
    def fail(image, dpi):
        raise ocr.OcrFailed("tesseract failed (Error in pixReadMem)")

    monkeypatch.setattr(ocr, "missing", lambda: None)
    monkeypatch.setattr(ocr, "run_tesseract", fail)
    document = ingest(blank_png(tmp_path / "scan.png"))
    assert document.warnings == ["page 1: OCR failed: tesseract failed (Error in pixReadMem)"]
    assert document.source.page_info[0].ocr is False and not document.source.ocr


def test_low_confidence_and_empty_pages_are_warned(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "missing", lambda: None)
    faint = TSV_HEADER + "\n5\t1\t1\t1\t1\t1\t10\t10\t50\t30\t41\tmờ"
    monkeypatch.setattr(ocr, "run_tesseract", lambda image, dpi: faint)
    assert ingest(blank_png(tmp_path / "a.png")).warnings == [
        "page 1: OCR confidence is low (0.41); check the text against the scan"]
    monkeypatch.setattr(ocr, "run_tesseract", lambda image, dpi: TSV_HEADER)
    assert ingest(blank_png(tmp_path / "b.png")).warnings == ["page 1: OCR found no text"]


# ------------------------------------------------------------------ parts


def test_skew_is_measured_within_a_tenth_of_a_degree(folder, printed):
    from tests.ocr_data import rasterize

    page = rasterize(printed[ONE_PAGE])[0]
    for angle in (-1.8, -0.7, 1.2):
        tilted = page.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
        assert abs(ocr_image.skew_angle(tilted) + angle) <= 0.1
    assert ocr_image.skew_angle(Image.new("L", (800, 1100), 255)) == 0.0


def test_scan_resolution_is_the_embedded_image_s(folder, scanned, printed):
    import pypdfium2 as pdfium

    path = save_pdf(scanned[ONE_PAGE], folder / "dpi.pdf", dpi=200)
    assert ocr_image.scan_dpi(pdfium.PdfDocument(str(path))[0]) == 200
    assert ocr_image.scan_dpi(pdfium.PdfDocument(str(printed[ONE_PAGE]))[0]) == ocr_image.DEFAULT_DPI


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "1", "I;16", "P"])
def test_image_modes_become_grey(mode):
    image = Image.new("RGB", (40, 30), (255, 255, 255)).convert(mode)
    assert ocr_image.grey(image).mode == "L"
    assert ocr_image.grey(image).getpixel((5, 5)) == 255


def test_pool_size(monkeypatch):
    monkeypatch.delenv(ocr.WORKERS_ENV, raising=False)
    cores = len(os.sched_getaffinity(0))
    assert ocr.workers_for(1, OcrOptions()) == 1
    assert ocr.workers_for(50, OcrOptions()) == cores
    assert ocr.workers_for(50, OcrOptions(workers=3)) == 3
    monkeypatch.setenv(ocr.WORKERS_ENV, "1")
    assert ocr.workers_for(50, OcrOptions()) == 1
    assert ocr.workers_for(50, OcrOptions(workers=2)) == 2
