"""pipeline.legacy: TCVN3 / VNI text to Unicode, its tables, and ingest of legacy files."""
from __future__ import annotations

import csv
import io
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest

from pipeline import ingest as ingest_module
from pipeline import legacy
from pipeline.ingest import IngestError, ingest
from schemas.record import Source
from tests.render import FONT_MISSING, find_font

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "extractors" / "data"
CORPUS = sorted((ROOT / "corpus" / "letters").glob("*.txt"))
ENCODINGS = ["tcvn3", "vni"]
OFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(OFFICE is None, reason="LibreOffice (soffice) is not installed: "
                                  "apt-get install libreoffice-writer-nogui")

# The 134 Vietnamese letters outside ASCII, built from Unicode composition, not from the tables.
TONES = ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
LOWER = sorted({unicodedata.normalize("NFC", v + t) for v in VOWELS for t in ["", *TONES]}
               - set("aeiouy") | {"đ"})
LETTERS = LOWER + [letter.upper() for letter in LOWER]

SENTENCES = [
    "Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành khẩn trương báo cáo kết quả thực hiện "
    "trước ngày 15 tháng 12 năm 2024.",
    "Giao Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư rà soát nguồn vốn đầu tư công.",
    "Đề nghị Ủy ban nhân dân các huyện, thị xã chỉ đạo các xã tăng cường phòng, chống thiên tai.",
    "Trường hợp có khó khăn, vướng mắc, các đơn vị kịp thời phản ánh về Văn phòng để tổng hợp.",
    "Nơi nhận: Như trên; Thường trực Tỉnh ủy; Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân tỉnh.",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc",
    "Người đứng đầu cơ quan chịu trách nhiệm về việc quản lý, sử dụng tài sản công được giao.",
    "Bộ Giáo dục và Đào tạo hướng dẫn nhiệm vụ năm học mới đối với giáo dục thường xuyên.",
]
NOT_LEGACY = [
    *SENTENCES,
    "The committee reviewed the annual budget and approved the proposal for new schools.",
    "Le comité a examiné le budget annuel et approuvé la création de nouvelles écoles près de là.",
    "Cong van so 12 ve viec bao cao ket qua thuc hien nhiem vu nam 2024 cua cac so, ban, nganh",
    "«Quyết định» số 12 – “Công văn” số 7 – Hà Nam, Cà Mau, Bà Rịa",
    "Home · About · Contact · Blog · Shop · Jobs · © 2024 · ® · ¸ · ¶",
    "C«ng v¨n",   # TCVN3, but two words are not enough evidence
]


def rows(name: str) -> list[dict]:
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def all_rows() -> list[tuple[str, dict]]:
    return [(name, row) for name in ENCODINGS for row in rows(name)]


def vntimeh(text: str) -> str:
    """TCVN3 as ABC typists wrote it: capitals with a tone typed as the lower-case
    code in an all-capitals font (.VnTimeH), since VN3 has no such capitals."""
    capitals = {row["unicode"] for row in rows("tcvn3") if row["table"] == "VN2"}
    return "".join(legacy.encode(c.lower() if c in capitals else c, "tcvn3") for c in text)


def windows_1258(text: str) -> bytes:
    """Vietnamese in Windows-1258: base letters precomposed, tone marks combining."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in decomposed if c in TONES)
        out.append(unicodedata.normalize("NFC", decomposed.replace(tones, "")) + tones
                   if tones else char)
    return "".join(out).encode("cp1258")


# ------------------------------------------------------------------ tables


@pytest.mark.parametrize("name, row", all_rows(),
                         ids=[f"{n}-{r['bytes']}" for n, r in all_rows()])
def test_table_row(name, row):
    assert row["unicode"] in LETTERS, "not a Vietnamese letter outside ASCII"
    assert unicodedata.is_normalized("NFC", row["unicode"]) and len(row["unicode"]) == 1
    assert bytes.fromhex(row["bytes"]).decode("cp1252") == row["legacy"]
    if name == "tcvn3":
        assert row["table"] in {"VN3", "VN2"}
        code = bytes.fromhex(row["bytes"])
        # VN3: lower case and the seven toneless capitals, one byte in 0xA1-0xFE.
        vn3 = row["unicode"].islower() or row["unicode"] in "ĂÂÊÔƠƯĐ"
        assert (row["table"] == "VN3") == vn3
        assert vn3 <= (len(code) == 1 and 0xA1 <= code[0] <= 0xFE)


# VNI's mark characters: what each adds to the letter before it.
VNI_MARKS = {"ø": "\u0300", "ù": "\u0301", "û": "\u0309", "õ": "\u0303", "ï": "\u0323",
             "â": "\u0302", "à": "\u0302\u0300", "á": "\u0302\u0301", "å": "\u0302\u0309",
             "ã": "\u0302\u0303", "ä": "\u0302\u0323", "ê": "\u0306", "è": "\u0306\u0300",
             "é": "\u0306\u0301", "ú": "\u0306\u0309", "ü": "\u0306\u0303", "ë": "\u0306\u0323"}


@pytest.mark.parametrize("row", [r for r in rows("vni") if len(r["legacy"]) == 2],
                         ids=lambda r: r["bytes"])
def test_vni_row_is_base_and_mark(row):
    """A two-character VNI code is a base letter (ơ and ư have their own codes: ô,
    ö) and one mark character, in the letter's case."""
    first, mark = row["legacy"]
    base = {"ô": "ơ", "ö": "ư", "Ô": "Ơ", "Ö": "Ư"}.get(first, first)
    assert base.isascii() or base in "ơưƠƯ"
    assert mark.isupper() == first.isupper() == row["unicode"].isupper()
    expected = unicodedata.normalize("NFC", base.lower() + VNI_MARKS[mark.lower()])
    assert expected == row["unicode"].lower()


@pytest.mark.parametrize("name", ENCODINGS)
def test_table_covers_every_letter_once(name):
    table = rows(name)
    assert len(table) == 134 == len(LETTERS)
    assert sorted(r["unicode"] for r in table) == sorted(LETTERS)
    assert len({r["legacy"] for r in table}) == 134, "a legacy sequence is listed twice"
    assert len({r["bytes"] for r in table}) == 134


def test_tcvn3_table_has_the_standard_vn3_counts():
    vn3 = [r["unicode"] for r in rows("tcvn3") if r["table"] == "VN3"]
    assert len([u for u in vn3 if u.islower()]) == 67 and len(vn3) == 74


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv (glibc) is not installed")
def test_tcvn3_table_agrees_with_glibc_tcvn5712():
    """glibc implements TCVN 5712:1993 VN1, whose 0xA0-0xFF half is VN2."""
    table = rows("tcvn3")
    data = b"\n".join(bytes.fromhex(r["bytes"]) for r in table)
    done = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=data,
                          capture_output=True, check=False)
    if done.returncode != 0 and b"conversion" in done.stderr:
        pytest.skip("this iconv has no TCVN5712-1 converter")
    decoded = unicodedata.normalize("NFC", done.stdout.decode()).split("\n")
    assert decoded == [r["unicode"] for r in table]


# --------------------------------------------------------------- convert


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("letter", LETTERS)
def test_every_letter_round_trips(letter, encoding):
    encoded = legacy.encode(letter, encoding)
    assert legacy.convert(encoded, encoding) == letter


@pytest.mark.parametrize("encoding, text, expected", [
    ("tcvn3", "Céng hßa x· héi chñ nghÜa ViÖt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("tcvn3", "§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("tcvn3", "n\u00adíc, th\u00adêng xuyªn", "nước, thường xuyên"),
    ("tcvn3", "CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("tcvn3", "ñY BAN NH¢N D¢N", "ỦY BAN NHÂN DÂN"),
    ("tcvn3", "Sè: 12/UBND", "Số: 12/UBND"),
    ("tcvn3", "Cæng TT§T Bé GD§T", "Cổng TTĐT Bộ GDĐT"),
    ("tcvn3", "II. Tæ CHøC THùC HIÖN", "II. TỔ CHỨC THỰC HIỆN"),
    ("vni", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("vni", "Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("vni", "ngöôøi, khuyûu, quyeát, ÖÔÙC", "người, khuỷu, quyết, ƯỚC"),
    ("vni", "UÛY BAN NHAÂN DAÂN TÆNH", "ỦY BAN NHÂN DÂN TỈNH"),
])
def test_convert_known_text(encoding, text, expected):
    assert legacy.convert(text, encoding) == expected


def test_unknown_encoding_is_an_error():
    with pytest.raises(ValueError, match="unknown legacy encoding 'viscii'"):
        legacy.convert("x", "viscii")


@pytest.mark.parametrize("word, expected", [
    ("Cộng", True), ("HÒA", True), ("xã", True), ("nghiêng", True), ("khuỷu", True),
    ("quyết", True), ("giữa", True), ("người", True), ("ngoài", True), ("hòa", True),
    ("hoà", True), ("thuở", True), ("bệnh", True), ("Xã", True), ("Đắk", True),
    ("hßa", False), ("CộNG", False), ("nghÜa", False), ("x·", False), ("hoứa", False),
    ("cáả", False), ("UBND", False), ("film", False), ("qa", False),
    # Windows-1258 text read as VNI: tone on the wrong vowel, wrong rhyme.
    ("Bơị", False), ("vuị", False), ("tuịc", False), ("chiềnh", False),
])
def test_is_syllable(word, expected):
    assert legacy.is_syllable(word) is expected


# ---------------------------------------------------------------- detect


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("sentence", SENTENCES)
def test_detects_own_sentences(sentence, encoding):
    encoded = legacy.encode(sentence, encoding)
    assert legacy.detect(encoded) == encoding
    assert legacy.repair(encoded) == (sentence, encoding)


@pytest.mark.parametrize("text", NOT_LEGACY)
def test_ordinary_text_is_not_legacy(text):
    assert legacy.detect(text) is None
    assert legacy.repair(text) == (text, None)


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_letter_round_trips(path, encoding):
    text = path.read_text(encoding="utf-8")
    assert legacy.detect(text) is None
    encoded = legacy.encode(text, encoding)
    assert legacy.convert(encoded, encoding) == text
    assert legacy.detect(encoded) == encoding
    assert legacy.repair(encoded) == (text, encoding)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_letter_in_windows_1258_is_not_legacy(path):
    """Windows-1258 bytes seen through Windows-1252 share characters with both
    tables ("phoÌng", "Bôò"); they must not be taken for TCVN3 or VNI."""
    text = path.read_text(encoding="utf-8")
    assert legacy.detect(legacy.single_byte_text(windows_1258(text))) is None


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_letter_typed_with_capital_fonts(path):
    """ABC-style TCVN3: only the case of capitals typed in .VnTimeH can be lost,
    and the all-caps national motto comes back whole."""
    text = path.read_text(encoding="utf-8")
    repaired, found = legacy.repair(vntimeh(text))
    assert found == "tcvn3"
    assert repaired.lower() == text.lower()
    if "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text:
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in repaired


def test_mixed_text_converts_only_legacy_lines():
    unicode_page = "\n".join(SENTENCES[:4]) + "\nHà Nam, ngày 2 tháng 3"
    legacy_page = "\n".join(legacy.encode(s, "tcvn3") for s in SENTENCES[4:])
    repaired, found = legacy.repair(f"{unicode_page}\f{legacy_page}")
    assert found == "tcvn3"
    assert repaired == unicode_page + "\f" + "\n".join(SENTENCES[4:])


def test_single_byte_text_is_the_windows_1252_view():
    assert legacy.single_byte_text(b"C\xabng \x93v\xa8n\x94 \x81") == "C«ng “v¨n” \x81"


# ---------------------------------------------------------------- ingest


def letter_text() -> str:
    return CORPUS[0].read_text(encoding="utf-8") if CORPUS else "\n".join(SENTENCES)


@pytest.mark.parametrize("encoding, name", [("tcvn3", "TCVN3 (.VnTime)"),
                                            ("vni", "VNI (VNI-Times)")])
@pytest.mark.parametrize("codec", ["cp1252", "utf-8"])
def test_ingest_legacy_text_file(tmp_path, encoding, name, codec):
    text = letter_text()
    path = tmp_path / "letter.txt"
    path.write_bytes(legacy.encode(text, encoding).replace("\n", "\r\n").encode(codec))
    document = ingest(path)
    assert document.raw_text == text
    assert document.source.encoding_repaired == encoding
    assert document.warnings == [f"text converted from {name} to Unicode"]
    assert Source.model_validate(document.source.model_dump()).encoding_repaired == encoding


def test_ingest_unicode_text_is_untouched(tmp_path):
    path = tmp_path / "letter.md"
    path.write_text(letter_text(), encoding="utf-8")
    document = ingest(path)
    assert document.raw_text == letter_text() and document.source.encoding_repaired is None
    assert document.warnings == []


@pytest.mark.parametrize("data", [
    ("Le comité a examiné le budget annuel et approuvé la création de nouvelles "
     "écoles élémentaires près de la rivière. " * 20).encode("cp1252"),
    windows_1258(letter_text()),
], ids=["french-cp1252", "vietnamese-cp1258"])
def test_other_single_byte_text_is_still_refused(tmp_path, data):
    path = tmp_path / "letter.txt"
    path.write_bytes(data)
    with pytest.raises(IngestError, match="not UTF-8 or UTF-16 text"):
        ingest(path)


def docx_bytes(paragraphs: list[tuple[str, str]]) -> bytes:
    """A DOCX with one paragraph per (font, text), a run per word as Word splits
    edited text; the legacy characters go into the runs as they are."""
    document = docx.Document()
    for font, text in paragraphs:
        paragraph = document.add_paragraph()
        words = text.split(" ")
        for index, word in enumerate(words):
            paragraph.add_run(word + (" " if index < len(words) - 1 else "")).font.name = font
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_ingest_docx_with_tcvn3_runs(tmp_path):
    """A letter edited over the years: TCVN3 paragraphs in .VnTime, one added in Unicode."""
    paragraphs = [(".VnTime", legacy.encode(s, "tcvn3")) for s in SENTENCES[:5]]
    paragraphs.insert(2, ("Times New Roman", SENTENCES[6]))
    path = tmp_path / "letter.docx"
    path.write_bytes(docx_bytes(paragraphs))
    document = ingest(path)
    expected = SENTENCES[:2] + [SENTENCES[6]] + SENTENCES[2:5]
    assert document.raw_text.split("\n") == expected
    assert document.source.encoding_repaired == "tcvn3"
    assert document.warnings == ["text converted from TCVN3 (.VnTime) to Unicode"]


def test_ingest_docx_keeps_tcvn3_u_horn_stored_as_soft_hyphen(tmp_path):
    data = docx_bytes([(".VnTime", legacy.encode(SENTENCES[3], "tcvn3"))])
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        "\u00ad".encode(), b"</w:t><w:softHyphen/><w:t xml:space=\"preserve\">")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name, content in parts.items():
            target.writestr(name, content)
    path = tmp_path / "letter.docx"
    path.write_bytes(buffer.getvalue())
    assert ingest(path).raw_text == SENTENCES[3]


def test_ingest_pdf_with_one_legacy_page(tmp_path):
    font = find_font()
    if font is None:
        pytest.skip(FONT_MISSING)
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("Body", str(font)))
    pages = [SENTENCES[:4], [legacy.encode(s, "tcvn3") for s in SENTENCES[4:]]]
    path = tmp_path / "letter.pdf"
    pdf = canvas.Canvas(str(path))
    for lines in pages:
        pdf.setFont("Body", 9)
        for row, line in enumerate(lines):
            pdf.drawString(40, 780 - row * 20, line)
        pdf.showPage()
    pdf.save()
    document = ingest(path)
    assert [p.split("\n") for p in document.raw_text.split("\f")] == [SENTENCES[:4], SENTENCES[4:]]
    assert document.source.encoding_repaired == "tcvn3"


# ------------------------------------------------------------------- .doc


def word_stream_file(tmp_path: Path) -> Path:
    """Bytes that look like a Word 97-2003 file: OLE2 magic and a WordDocument stream name."""
    path = tmp_path / "letter.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
                     + "WordDocument".encode("utf-16-le") + b"\x00" * 600)
    return path


def test_doc_without_libreoffice_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(IngestError) as raised:
        ingest(word_stream_file(tmp_path))
    assert raised.value.reason == ("legacy Word .doc: install LibreOffice (Debian package "
                                   "libreoffice-writer) or save as DOCX")


def test_other_ole2_files_are_still_refused(tmp_path):
    path = tmp_path / "book.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
                     + "Workbook".encode("utf-16-le") + b"\x00" * 600)
    with pytest.raises(IngestError, match="legacy Office file"):
        ingest(path)


def test_doc_conversion_timeout_kills_libreoffice(tmp_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 30 &\nsleep 30\n")
    fake.chmod(0o755)
    monkeypatch.setattr(shutil, "which", lambda name: str(fake))
    monkeypatch.setattr(ingest_module, "SOFFICE_TIMEOUT", 1)
    with pytest.raises(IngestError, match="LibreOffice did not convert it within 1 s"):
        ingest(word_stream_file(tmp_path))


@needs_office
def test_doc_is_converted_with_libreoffice(tmp_path):
    """A .doc with a VNI paragraph and a Unicode one, made from a DOCX by LibreOffice."""
    paragraphs = [("VNI-Times", legacy.encode(SENTENCES[0], "vni")),
                  ("Times New Roman", SENTENCES[1]),
                  ("VNI-Times", legacy.encode(SENTENCES[2], "vni"))]
    (tmp_path / "made.docx").write_bytes(docx_bytes(paragraphs))
    subprocess.run([OFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "doc", "--outdir", str(tmp_path / "out"),
                    str(tmp_path / "made.docx")], capture_output=True, timeout=120, check=True)
    document = ingest(tmp_path / "out" / "made.doc")
    assert document.source.media_type == "application/msword"
    assert document.raw_text.split("\n") == SENTENCES[:3]
    assert document.source.encoding_repaired == "vni"


@needs_office
def test_doc_that_libreoffice_cannot_read(tmp_path):
    with pytest.raises(IngestError, match="LibreOffice could not convert"):
        ingest(word_stream_file(tmp_path))
