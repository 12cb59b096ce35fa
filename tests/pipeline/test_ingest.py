"""pipeline.ingest: files to Documents, type from the bytes, layout-aware PDF text."""
from __future__ import annotations

import hashlib
import io
import random
import time
import unicodedata
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pipeline import ingest as ingest_module
from pipeline import ocr as ocr_module
from pipeline import pdf as pdf_module
from pipeline.ingest import IngestError, ingest
from tests.render import (
    FONT_MISSING, Letter, collapse, docx_bytes_with_tracked_insert, encrypt_pdf, find_font,
    is_plain_letter, render_docx, render_pages, render_pdf, sentences, split_letter, truncate,
)

FONT = find_font()
needs_font = pytest.mark.skipif(FONT is None, reason=FONT_MISSING)
ROOT = Path(__file__).resolve().parents[2]
FIXTURES = sorted((ROOT / "tests/fixtures/letters").glob("*.txt"))
# The project corpus's plain-text letters, when present; a dozen keep the module fast.
CORPUS = sorted(p for p in (ROOT / "corpus/letters").glob("*.txt")
                if is_plain_letter(p.read_text()))[:12]
LETTERS = FIXTURES + CORPUS
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SAMPLE = "Công văn số 12/UBND-VP\nKính gửi: Sở Nội vụ tỉnh Ninh Thuận\nĐề nghị báo cáo trước ngày 15/12/2024."


def assert_reads_like(raw_text: str, letter: Letter) -> None:
    """Left header column, right header column, body sentences in order, then
    Nơi nhận and the signer: each group contiguous, compared whitespace-collapsed."""
    text = collapse(raw_text)
    left, right = collapse(" ".join(letter.left)), collapse(" ".join(letter.right))
    assert left in text, f"issuer/Số/V/v block not contiguous: {left!r}"
    assert right in text, f"motto/place-date block not contiguous: {right!r}"
    position = max(text.index(left) + len(left), text.index(right) + len(right))
    for paragraph in letter.body:
        for sentence in sentences(paragraph):
            found = text.find(sentence, position)
            assert found >= 0, f"body sentence missing or out of order: {sentence!r}"
            position = found + len(sentence)
    for group in (letter.distribution, letter.signature):
        expected = collapse(" ".join(group))
        found = text.find(expected, position)
        assert found >= 0, f"footer block missing or out of order: {expected!r}"
        position = found + len(expected)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ------------------------------------------------------- rendered letters


@needs_font
@pytest.mark.parametrize("stagger", [0.0, 8.0], ids=["aligned", "staggered"])
@pytest.mark.parametrize("source", LETTERS, ids=lambda p: p.name)
def test_pdf_letter_keeps_columns_and_body(tmp_path, source, stagger):
    letter = split_letter(source.read_text())
    path = render_pdf(letter, tmp_path / "letter.pdf", FONT, stagger=stagger)
    document = ingest(path)
    assert document.source.media_type == "application/pdf"
    assert document.source.pages == document.raw_text.count("\f") + 1
    assert [p.number for p in document.source.page_info] == list(range(1, document.source.pages + 1))
    assert all(p.text_layer and not p.ocr for p in document.source.page_info)
    assert document.warnings == []
    assert unicodedata.is_normalized("NFC", document.raw_text)
    assert_reads_like(document.raw_text, letter)


@pytest.mark.parametrize("header_rows", ["single", "multi"])
@pytest.mark.parametrize("source", LETTERS, ids=lambda p: p.name)
def test_docx_letter_keeps_columns_and_body(tmp_path, source, header_rows):
    letter = split_letter(source.read_text())
    document = ingest(render_docx(letter, tmp_path / "letter.docx", header_rows=header_rows))
    assert document.source.media_type == DOCX_TYPE
    assert document.source.pages is None and document.source.page_info == []
    assert_reads_like(document.raw_text, letter)


@needs_font
def test_long_letter_spans_pages_and_reads_across_the_break(tmp_path):
    letter = split_letter((ROOT / "tests/fixtures/letters/so-noi-vu.txt").read_text())
    document = ingest(render_pdf(letter, tmp_path / "long.pdf", FONT))
    assert document.source.pages == 2
    first, second = document.raw_text.split("\f")
    assert "Số: 1043/SNV-CCVC" in first and "Nơi nhận:" in second
    assert_reads_like(document.raw_text, letter)


@needs_font
def test_pdf_header_lines_come_out_column_by_column(tmp_path):
    letter = split_letter((ROOT / "tests/fixtures/letters/uy-ban-tinh.txt").read_text())
    document = ingest(render_pdf(letter, tmp_path / "letter.pdf", FONT, stagger=8.0))
    lines = document.raw_text.splitlines()
    assert lines[:3] == ["ỦY BAN NHÂN DÂN", "TỈNH NINH THUẬN", "Số: 215/UBND-VXNV"]
    motto = lines.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert lines[motto:motto + 3] == letter.right
    assert lines[-3:] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Minh Quang"]


@needs_font
def test_justified_body_lines_are_not_split_into_columns(tmp_path):
    letter = split_letter((ROOT / "tests/fixtures/letters/so-noi-vu.txt").read_text())
    body_only = Letter(body=letter.body)
    path = render_pdf(body_only, tmp_path / "body.pdf", FONT)
    document = ingest(path)
    pdf = pdfium.PdfDocument(path)
    try:
        stream = pdf[0].get_textpage().get_text_range()
    finally:
        pdf.close()
    expected = unicodedata.normalize("NFC", stream).splitlines()
    assert document.raw_text.split("\f")[0].splitlines() == expected


@needs_font
def test_decomposed_diacritics_come_out_nfc(tmp_path):
    letter = split_letter((ROOT / "tests/fixtures/letters/tinh-uy.txt").read_text())
    document = ingest(render_pdf(letter, tmp_path / "nfd.pdf", FONT, nfd=True))
    assert unicodedata.is_normalized("NFC", document.raw_text)
    assert "TỈNH ỦY BÌNH THUẬN" in document.raw_text
    assert_reads_like(document.raw_text, letter)


# ---------------------------------------------------------- DOCX details


def test_docx_task_table_gives_one_line_per_row(tmp_path):
    letter = split_letter((ROOT / "tests/fixtures/letters/uy-ban-tinh.txt").read_text())
    tasks = [["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
             ["1", "Kiểm tra chợ hạng 1", "Sở Công Thương", "Công an tỉnh", "Trước 30/4/2022"],
             ["2", "Diễn tập thoát nạn", "Công an tỉnh", "UBND các huyện", "Quý II/2022"]]
    document = ingest(render_docx(letter, tmp_path / "tasks.docx", tasks=tasks))
    lines = document.raw_text.splitlines()
    start = lines.index(" | ".join(tasks[0]))
    assert lines[start:start + 3] == [" | ".join(row) for row in tasks]
    assert lines.index("Nơi nhận:") > start


def test_docx_two_column_bordered_table_is_data_not_layout(tmp_path):
    letter = Letter(body=["Danh sách đơn vị:"])
    rows = [["Đơn vị", "Số lượng"], ["Sở Nội vụ", "12"], ["Sở Tài chính", "9"]]
    document = ingest(render_docx(letter, tmp_path / "data.docx", tasks=rows))
    assert "Đơn vị | Số lượng\nSở Nội vụ | 12\nSở Tài chính | 9" in document.raw_text


def test_docx_reads_tracked_insertions(tmp_path):
    path = write(tmp_path, "ins.docx", docx_bytes_with_tracked_insert("Giao Sở Y tế", " chủ trì"))
    assert ingest(path).raw_text.strip() == "Giao Sở Y tế chủ trì"


def test_docx_without_text_warns(tmp_path):
    document = ingest(render_docx(Letter(), tmp_path / "empty.docx"))
    assert document.raw_text.strip() == ""
    assert document.warnings == ["DOCX body has no text (empty, or only images)"]


# ------------------------------------------------------- text and identity


@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"),
    ("utf-16-be", b"\xfe\xff"), ("utf-32-le", b"\xff\xfe\x00\x00"),
], ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32le-bom"])
def test_unicode_text_decodes_without_bom(tmp_path, encoding, bom):
    data = bom + SAMPLE.encode(encoding)
    document = ingest(write(tmp_path, "letter.txt", data))
    assert document.raw_text == SAMPLE
    assert document.source.media_type == "text/plain"
    assert document.id == hashlib.sha256(data).hexdigest()


def test_crlf_line_ends_become_lf(tmp_path):
    document = ingest(write(tmp_path, "crlf.txt", SAMPLE.replace("\n", "\r\n").encode()))
    assert document.raw_text == SAMPLE


def test_markdown_is_text(tmp_path):
    document = ingest(write(tmp_path, "letter.md", f"# {SAMPLE}".encode()))
    assert document.source.media_type == "text/markdown"
    assert document.raw_text == f"# {SAMPLE}"


def test_source_path_is_the_path_given(tmp_path):
    path = write(tmp_path, "letter.txt", SAMPLE.encode())
    assert ingest(str(path)).source.path == str(path)
    assert ingest(path).source.path == str(path)


def test_text_named_pdf_is_text(tmp_path):
    document = ingest(write(tmp_path, "letter.pdf", SAMPLE.encode()))
    assert document.source.media_type == "text/plain"
    assert document.raw_text == SAMPLE


@needs_font
def test_pdf_named_txt_is_pdf(tmp_path):
    pdf = render_pdf(split_letter(FIXTURES[0].read_text()), tmp_path / "a.pdf", FONT)
    document = ingest(write(tmp_path, "letter.txt", pdf.read_bytes()))
    assert document.source.media_type == "application/pdf"
    assert document.id == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert "Nơi nhận:" in document.raw_text


def test_docx_named_pdf_is_docx(tmp_path):
    docx_file = render_docx(split_letter(FIXTURES[0].read_text()), tmp_path / "a.docx")
    document = ingest(write(tmp_path, "letter.pdf", docx_file.read_bytes()))
    assert document.source.media_type == DOCX_TYPE


# -------------------------------------------------------------- bad inputs


def _zip(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


BAD_INPUTS = [
    ("empty", b"", "empty file"),
    ("whitespace", b"  \n\t \r\n  ", "empty file"),
    ("utf8-bom-only", b"\xef\xbb\xbf \n", "empty file"),
    ("random", random.Random(30).randbytes(4096), "binary file of unknown type"),
    ("nul-bytes", b"Cong van\x00\x00\x01so 12", "binary file of unknown type"),
    ("latin-1", "Công tác tài chính".encode("latin-1"), "not UTF-8 or UTF-16 text"),
    ("cp1258", "Công văn, Hà Nam".encode("cp1258"), "not UTF-8 or UTF-16 text"),
    ("tcvn3", b"C\xabng v\xa8n s\xe8 12", "not UTF-8 or UTF-16 text"),
    ("utf16-bad", b"\xff\xfe\x00\xd8", "invalid UTF-16-LE text after its byte-order mark"),
    ("zip-not-docx", _zip({"hello.txt": "xin chào"}), "zip archive that is not a DOCX"),
    ("odt", _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}),
     "OpenDocument"),
    ("broken-zip", b"PK\x03\x04" + b"\x00" * 60, "corrupt zip archive"),
    ("broken-docx", _zip({"word/document.xml": "<w:document"}), "corrupt DOCX"),
    ("legacy-doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "legacy Office file"),
    ("png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "corrupt or unreadable PNG image"),
    ("jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 64, "corrupt or unreadable JPEG image"),
    ("tiff", b"II*\x00" + b"\x00" * 64, "corrupt or unreadable TIFF image"),
    ("pdf-junk", b"%PDF-1.7\nnot really a pdf\n%%EOF\n", "corrupt PDF: "),
]


@pytest.mark.parametrize("data, reason", [(d, r) for _, d, r in BAD_INPUTS],
                         ids=[name for name, _, _ in BAD_INPUTS])
def test_bad_input_is_an_ingest_error(tmp_path, data, reason):
    path = write(tmp_path, "letter.txt", data)
    with pytest.raises(IngestError) as raised:
        ingest(path)
    assert reason in raised.value.reason
    assert raised.value.path == str(path)
    assert str(raised.value) == f"{path}: {raised.value.reason}"


def test_legacy_encoding_error_says_what_to_do(tmp_path):
    with pytest.raises(IngestError, match="save it as UTF-8"):
        ingest(write(tmp_path, "letter.txt", b"C\xabng v\xa8n"))


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(IngestError, match="no such file"):
        ingest(tmp_path / "missing.pdf")
    with pytest.raises(IngestError, match="is a directory"):
        ingest(tmp_path)


def test_file_over_the_size_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_module, "MAX_BYTES", 100)
    with pytest.raises(IngestError, match=r"\(200 bytes\), over the 100-byte limit"):
        ingest(write(tmp_path, "big.txt", b"a" * 200))


# ------------------------------------------------------------- bad PDFs


@needs_font
def test_encrypted_pdf(tmp_path):
    plain = render_pdf(split_letter(FIXTURES[0].read_text()), tmp_path / "a.pdf", FONT)
    with pytest.raises(IngestError) as raised:
        ingest(encrypt_pdf(plain, tmp_path / "locked.pdf"))
    assert raised.value.reason == "encrypted PDF (password required)"


@needs_font
def test_truncated_pdf(tmp_path):
    plain = render_pdf(split_letter(FIXTURES[0].read_text()), tmp_path / "a.pdf", FONT)
    with pytest.raises(IngestError) as raised:
        ingest(truncate(plain, tmp_path / "half.pdf"))
    assert raised.value.reason.startswith("corrupt PDF: ")


@pytest.fixture
def no_tesseract(monkeypatch):
    """A machine without Tesseract (pipeline.ocr looks it up on PATH)."""
    monkeypatch.setattr(ocr_module.shutil, "which", lambda name: None)


@needs_font
def test_image_only_page_is_a_warning_without_tesseract(tmp_path, no_tesseract):
    document = ingest(render_pages(tmp_path / "scan.pdf", FONT, 3, blank={2}))
    assert document.warnings == ["page 2 has no text layer and tesseract is not installed"]
    assert not document.source.ocr
    assert [p.text_layer for p in document.source.page_info] == [True, False, True]
    pages = document.raw_text.split("\f")
    assert len(pages) == 3 and pages[1] == ""
    assert "Trang 3 dòng 30" in pages[2]


@needs_font
def test_pdf_without_any_text_is_still_a_document(tmp_path, no_tesseract):
    document = ingest(render_pages(tmp_path / "scan.pdf", FONT, 2, blank={1, 2}))
    assert document.raw_text == "\f"
    assert document.warnings == [f"page {n} has no text layer and tesseract is not installed" for n in (1, 2)]
    assert document.source.pages == 2


@needs_font
def test_page_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_module, "MAX_PAGES", 2)
    with pytest.raises(IngestError, match="PDF has 3 pages, over the limit of 2"):
        ingest(render_pages(tmp_path / "three.pdf", FONT, 3))


@pytest.fixture(scope="module")
def pdf_300(tmp_path_factory):
    if FONT is None:
        pytest.skip(FONT_MISSING)
    return render_pages(tmp_path_factory.mktemp("long") / "300.pdf", FONT, 300)


def test_300_page_pdf_is_fast(pdf_300):
    started = time.perf_counter()
    document = ingest(pdf_300)
    elapsed = time.perf_counter() - started
    assert document.source.pages == 300 and len(document.source.page_info) == 300
    pages = document.raw_text.split("\f")
    assert len(pages) == 300
    assert all(f"Trang {n} dòng 30:" in page for n, page in enumerate(pages, start=1))
    assert elapsed < 5.0, f"300 pages took {elapsed:.1f} s"
