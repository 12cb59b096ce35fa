"""First stage: a file on disk to a ``Document`` holding its raw text.

The type comes from the bytes, never from the file name: people save PDFs as
".txt" and text as ".pdf". Text must be UTF-8 or UTF-16 with a byte-order
mark, or single-byte text that ``pipeline.legacy`` recognises as TCVN3 or VNI;
anything else is refused with what to do, never decoded into mojibake. Text
typed in the legacy TCVN3/VNI fonts is converted to Unicode, with a warning.
A legacy Word .doc is converted to DOCX by LibreOffice when it is installed.
PDF pages without a text layer and image files (PNG, JPEG, TIFF, multi-page
TIFF) are read by OCR (``pipeline.ocr``). A file that cannot be read raises
``IngestError``; a letter that can be read but has problems (a page without a
text layer on a machine without Tesseract) gets warnings.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path

from pipeline import docx as docx_text
from pipeline import legacy
from pipeline import ocr, ocr_image
from pipeline import pdf as pdf_text
from schemas.document import Document
from schemas.record import PageInfo, Source

MAX_BYTES = 50 * 1024 * 1024
TEXT_MEDIA_TYPE = "text/plain"
MARKDOWN_MEDIA_TYPE = "text/markdown"
MARKDOWN_SUFFIXES = {".md", ".markdown"}
PDF_MAGIC = re.compile(rb"%PDF-\d\.\d")
PDF_MAGIC_WINDOW = 1024          # readers accept junk before %PDF-1.x in the first 1 KB
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
SNIFF_BYTES = 8192
MAX_CONTROL_SHARE = 0.02         # more C0 control bytes than this: not text

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
BOMS = [(b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")]

# Binary formats people send instead of a letter, with what to do about them.
KNOWN_BINARY = [
    (b"\xd0\xcf\x11\xe0", "legacy Office file (.doc/.xls) or password-protected Office file; "
                          "save it as DOCX or PDF without a password"),
    (b"{\\rtf", "RTF document; save it as DOCX or PDF"),
]
# Scans read by OCR: PNG, JPEG, TIFF (little- and big-endian).
IMAGE_MAGICS = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
# Zip-based formats that are not DOCX, recognised by a part they always hold.
OTHER_ZIPS = [("content.xml", "OpenDocument file (.odt/.ods); save it as DOCX or PDF"),
              ("xl/workbook.xml", "Excel workbook (.xlsx), not a letter"),
              ("ppt/presentation.xml", "PowerPoint presentation (.pptx), not a letter")]
TEXT_CONTROLS = frozenset(b"\t\n\v\f\r\x1a\x1b")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
WORD_STREAM = "WordDocument".encode("utf-16-le")   # the stream every Word 97-2003 .doc holds
DOC_MEDIA_TYPE = "application/msword"
SOFFICE_TIMEOUT = 60             # seconds LibreOffice may take to convert one .doc


class IngestError(Exception):
    """A file that cannot become a Document; ``str(e)`` is ``"{path}: {reason}"``."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class Unreadable(Exception):
    """A text or container problem found while sniffing; becomes an IngestError."""


def ingest(path: Path | str, ocr_options: ocr.OcrOptions | None = None) -> Document:
    """Read a PDF, image, DOCX, text or markdown file into a Document with its raw text.

    Raises IngestError for a file that cannot be read (missing, empty, too
    large, binary, wrong text encoding, encrypted or corrupt PDF, DOCX or image).
    ``ocr_options``: how pages without a text layer are recognized.
    """
    data = _read(Path(path), str(path))
    try:
        document = _document(path, data, ocr_options or ocr.OcrOptions())
    except (Unreadable, pdf_text.PdfUnreadable, docx_text.DocxUnreadable,
            ocr_image.ImageUnreadable) as error:
        raise IngestError(path, str(error)) from None
    return _repair_legacy(document)


def _repair_legacy(document: Document) -> Document:
    """Text typed in the TCVN3 or VNI fonts converted to Unicode, the encoding recorded."""
    text, encoding = legacy.repair(document.raw_text)
    if encoding is None:
        return document
    source = document.source.model_copy(update={"encoding_repaired": encoding})
    warning = f"text converted from {legacy.describe(encoding)} to Unicode"
    return document.model_copy(update={"raw_text": text, "source": source,
                                       "warnings": [*document.warnings, warning]})


def _read(path: Path, name: str) -> bytes:
    """The file's bytes, after the checks that need no reading."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IngestError(name, "is a directory, not a file")
        if size > MAX_BYTES:
            raise IngestError(name, f"file is {size / 2**20:.1f} MB ({size:,} bytes), over the "
                                    f"{MAX_BYTES:,}-byte limit; split it or compress its images")
        return path.read_bytes()
    except FileNotFoundError:
        raise IngestError(name, "no such file") from None
    except PermissionError:
        raise IngestError(name, "permission denied") from None
    except OSError as error:
        raise IngestError(name, f"cannot read the file ({error.strerror or error})") from None


def _document(path: Path | str, data: bytes, options: ocr.OcrOptions) -> Document:
    """Dispatch on the type detected from the bytes."""
    if not data:
        raise Unreadable("empty file")
    identity = hashlib.sha256(data).hexdigest()
    if data.startswith(IMAGE_MAGICS):     # before the PDF search: an image's metadata may hold "%PDF-"
        return _image_document(path, identity, data, options)
    if PDF_MAGIC.search(data[:PDF_MAGIC_WINDOW]):
        read = pdf_text.read_pdf(data)
        done = ocr.complete(ocr_image.PdfSource(data), read.pages, read.page_info, options)
        return _paged(path, identity, pdf_text.MEDIA_TYPE, done, read.warnings)
    if data.startswith(ZIP_MAGICS):
        _require_docx(data)
        text = docx_text.read_docx(data)
        warnings = [] if text.strip() else ["DOCX body has no text (empty, or only images)"]
        source = Source(path=str(path), media_type=docx_text.MEDIA_TYPE)
        return Document(id=identity, source=source, raw_text=text, warnings=warnings)
    if data.startswith(OLE2_MAGIC) and WORD_STREAM in data:
        text = docx_text.read_docx(_doc_to_docx(data))
        warnings = [] if text.strip() else ["Word .doc body has no text (empty, or only images)"]
        source = Source(path=str(path), media_type=DOC_MEDIA_TYPE)
        return Document(id=identity, source=source, raw_text=text, warnings=warnings)
    text = decode_text(data)
    # The name only labels text as markdown; it never decides how bytes are read.
    media_type = MARKDOWN_MEDIA_TYPE if Path(path).suffix.lower() in MARKDOWN_SUFFIXES \
        else TEXT_MEDIA_TYPE
    return Document(id=identity, source=Source(path=str(path), media_type=media_type),
                    raw_text=text)


def _image_document(path: Path | str, identity: str, data: bytes,
                    options: ocr.OcrOptions) -> Document:
    """A scan saved as an image file: each frame (a multi-page TIFF has several) is a page."""
    media_type, frames = ocr_image.open_image(data)
    if frames > pdf_text.MAX_PAGES:
        raise Unreadable(f"image has {frames} pages, over the limit of {pdf_text.MAX_PAGES}; "
                         "split it into smaller files")
    info = [PageInfo(number=i + 1, text_layer=False) for i in range(frames)]
    done = ocr.complete(ocr_image.ImageSource(data), [""] * frames, info, options)
    return _paged(path, identity, media_type, done, [])


def _paged(path: Path | str, identity: str, media_type: str, done: ocr.OcrResult,
           warnings: list[str]) -> Document:
    """A Document of pages joined by form feeds, with the OCR facts in its source."""
    source = Source(path=str(path), media_type=media_type, pages=len(done.pages),
                    ocr=done.used, page_info=done.page_info)
    return Document(id=identity, source=source, raw_text="\f".join(done.pages),
                    warnings=[*done.warnings, *warnings])


def _doc_to_docx(data: bytes) -> bytes:
    """A legacy Word .doc as DOCX, converted by LibreOffice headless with a
    private profile (so it runs beside an open LibreOffice or another ingest)."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise Unreadable("legacy Word .doc: install LibreOffice (Debian package "
                         "libreoffice-writer) or save as DOCX")
    with tempfile.TemporaryDirectory(prefix="congvan-doc-") as folder:
        source, target = Path(folder, "letter.doc"), Path(folder, "letter.docx")
        source.write_bytes(data)
        _run_office([office, f"-env:UserInstallation={Path(folder, 'profile').as_uri()}",
                     "--headless", "--convert-to", "docx", "--outdir", folder, str(source)])
        if not target.is_file():
            raise Unreadable("legacy Word .doc that LibreOffice could not convert (password-"
                             "protected or corrupt); open it in Word and save it as DOCX or PDF")
        return target.read_bytes()


def _run_office(command: list[str]) -> None:
    """Run LibreOffice; past the timeout, kill it and everything it started."""
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        process.wait(timeout=SOFFICE_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise Unreadable(f"legacy Word .doc: LibreOffice did not convert it within "
                         f"{SOFFICE_TIMEOUT} s; save it as DOCX or PDF") from None


def _require_docx(data: bytes) -> None:
    """Accept a zip only when it holds a Word document body."""
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, EOFError) as error:
        raise Unreadable(f"corrupt zip archive ({error}); if it is a DOCX, save it again") from None
    if "word/document.xml" in names:
        return
    for part, what in OTHER_ZIPS:
        if part in names:
            raise Unreadable(f"zip archive that is not a DOCX: {what}")
    raise Unreadable("zip archive that is not a DOCX (no word/document.xml); "
                     "send the letter itself as PDF, DOCX or text")


def decode_text(data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16/32 with a BOM, or TCVN3/VNI single-byte text in
    its Windows-1252 view (converted later), line ends made LF.

    Raises Unreadable for binary data, another encoding or no text at all.
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            text = _decode(data[len(bom):], codec)
            break
    else:
        _refuse_binary(data)
        text = _decode(data, "utf-8")
    if not text.strip():
        raise Unreadable("empty file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        if codec != "utf-8":
            raise Unreadable(f"invalid {codec.upper()} text after its byte-order mark "
                             f"(byte {error.start}); save it again as UTF-8") from None
        # TCVN3 and VNI files are saved as single bytes: accept them when recognised.
        text = legacy.single_byte_text(data)
        if legacy.detect(text) is not None:
            return text
        bad = data[error.start]
        raise Unreadable(
            f"not UTF-8 or UTF-16 text (byte 0x{bad:02X} at offset {error.start} is not valid "
            "UTF-8); it is probably in a legacy encoding such as Windows-1252/1258, TCVN3 (ABC) "
            "or VNI: open it in an editor or Unikey's converter and save it as UTF-8") from None


def _refuse_binary(data: bytes) -> None:
    """Known binary formats get a specific reason; NUL bytes or many control
    bytes mean binary of unknown type (text never holds them)."""
    for magic, what in KNOWN_BINARY:
        if data.startswith(magic):
            raise Unreadable(what)
    sample = data[:SNIFF_BYTES]
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in TEXT_CONTROLS)
    if b"\x00" in sample or controls > MAX_CONTROL_SHARE * len(sample):
        raise Unreadable("binary file of unknown type; letters must be PDF, DOCX or "
                         "UTF-8 text")
