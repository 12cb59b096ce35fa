"""OCR of pages without a text layer: Tesseract with its Vietnamese model.

Each page image is deskewed (``pipeline.ocr_image``), recognized by the
``tesseract`` command (Debian packages tesseract-ocr and tesseract-ocr-vie)
with TSV output, and its words are laid out by the same column reading as a
PDF's text layer (``pipeline.pdf.layout_words``), so that a scanned letter's
two-column header and footer read like a typed one. Tesseract runs one
thread per process (OMP_THREAD_LIMIT=1: with its own OpenMP threads a page
took 6.2 s instead of 0.74 s on the 2-core test machine); pages run in
parallel in a pool of processes, ``min(pages, cpu_count)`` by default.

A page that cannot be recognized (tesseract missing, a crash, a timeout)
never stops the ingest: it stays empty, with a warning that says why.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import subprocess
import tempfile
import threading
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import cache

from pipeline import ocr_image, ocr_repair
from pipeline.pdf import Word, layout_words
from schemas.record import PageInfo

log = logging.getLogger("congvan")

TESSERACT = "tesseract"
LANGUAGE = "vie"
PAGE_TIMEOUT = 180          # seconds Tesseract may take for one page
LOW_CONFIDENCE = 0.70       # a page whose mean word confidence is below this gets a warning
SPECK_CONFIDENCE = 50       # a word without letters or digits below this confidence is dropped
EDGE_JUNK = "_"             # rules and underlines that OCR glues to a word's ends
WORKERS_ENV = "CONGVAN_OCR_WORKERS"
NOT_INSTALLED = "tesseract is not installed"
NO_MODEL = "tesseract's Vietnamese model is not installed (Debian package tesseract-ocr-vie)"


@dataclass(frozen=True)
class OcrOptions:
    """How pages are recognized. ``workers``: processes in the pool (None: the
    CONGVAN_OCR_WORKERS environment variable, else the CPU count; never more
    than the pages); ``deskew``: level the text lines first; ``enabled``:
    False leaves pages without a text layer empty, with a warning."""

    workers: int | None = None
    deskew: bool = True
    enabled: bool = True


@dataclass(frozen=True)
class OcrPage:
    """One recognized page: its text, mean word confidence (0-1) and problems."""

    text: str
    confidence: float | None
    words: int
    skew: float = 0.0
    problem: str | None = None


def missing() -> str | None:
    """Why OCR cannot run on this machine, or None when it can."""
    executable = shutil.which(TESSERACT)
    if executable is None:
        return NOT_INSTALLED
    if LANGUAGE not in _languages(executable):
        return NO_MODEL
    return None


@cache
def _languages(executable: str) -> frozenset[str]:
    try:
        done = subprocess.run([executable, "--list-langs"], capture_output=True, text=True,
                              timeout=30, env=_environment())
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in done.stdout.splitlines()[1:])


def _environment() -> dict[str, str]:
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def workers_for(pages: int, options: OcrOptions) -> int:
    """The pool size: the option, the environment variable, else the CPU count (1 inside
    another pool's worker process); never more than ``pages``."""
    wanted = options.workers
    if wanted is None:
        try:
            wanted = int(os.environ.get(WORKERS_ENV, "") or 0) or None
        except ValueError:
            wanted = None
    if wanted is None and multiprocessing.parent_process() is not None:
        wanted = 1  # already in a worker of the caller's pool (registry batches): no pool in a pool
    if wanted is None:
        wanted = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(pages, wanted or 1))


# ------------------------------------------------------------------ one page


def recognize(page: ocr_image.PageImage, deskew: bool = True) -> OcrPage:
    """The text of one page image, laid out, with its mean word confidence."""
    image, angle = ocr_image.deskew(page.image) if deskew else (page.image, 0.0)
    try:
        tsv = run_tesseract(image, page.dpi)
    except OcrFailed as error:
        return OcrPage(text="", confidence=None, words=0, skew=angle, problem=str(error))
    words = parse_tsv(tsv)
    return OcrPage(text=page_text(words, image.width), confidence=mean_confidence(words),
                   words=len(words), skew=angle)


class OcrFailed(Exception):
    """Tesseract could not recognize a page."""


def run_tesseract(image, dpi: int) -> str:
    """Tesseract's TSV for a grey image, handed over as a BMP file: writing one
    takes milliseconds, and Tesseract reads a file about 8 % faster than the
    same image on its standard input (measured, bench/ocr_bench.py)."""
    handle, name = tempfile.mkstemp(prefix="congvan-ocr-", suffix=".bmp")
    try:
        with os.fdopen(handle, "wb") as out:
            image.save(out, "BMP")
        command = [TESSERACT, name, "stdout", "-l", LANGUAGE, "--dpi", str(dpi), "tsv"]
        done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=PAGE_TIMEOUT, env=_environment())
    except subprocess.TimeoutExpired:
        raise OcrFailed(f"tesseract did not finish within {PAGE_TIMEOUT} s") from None
    except OSError as error:
        raise OcrFailed(f"tesseract could not be started ({error})") from None
    finally:
        os.unlink(name)
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrFailed(f"tesseract failed ({detail[-1] if detail else f'exit {done.returncode}'})")
    return done.stdout.decode("utf-8", "replace")


@dataclass(frozen=True)
class OcrWord:
    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float


def parse_tsv(tsv: str) -> list[OcrWord]:
    """The recognized words (TSV level 5) with their boxes and confidences (0-100)."""
    words = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5":
            continue
        text = unicodedata.normalize("NFC", cells[11]).strip().strip(EDGE_JUNK)
        try:
            left, top, width, height = (int(c) for c in cells[6:10])
            confidence = float(cells[10])
        except ValueError:
            continue
        if text and not _speck(text, confidence):
            words.append(OcrWord(text, left, top, width, height, confidence))
    return words


def _speck(text: str, confidence: float) -> bool:
    """Dust, a stamp's edge or a rule read as a word: no letter or digit, low confidence."""
    return confidence < SPECK_CONFIDENCE and not any(c.isalnum() for c in text)


def page_text(words: list[OcrWord], width: int) -> str:
    """Words as lines, two-column blocks read column by column, as for a PDF."""
    placed = [Word(w.text, w.left, w.left + w.width, w.top, w.top + w.height) for w in words]
    return layout_words(placed, width)


def mean_confidence(words: list[OcrWord]) -> float | None:
    """Tesseract's mean word confidence on a 0-1 scale, or None for a page without words."""
    scores = [w.confidence for w in words if w.confidence >= 0]
    return round(sum(scores) / len(scores) / 100, 3) if scores else None


# ------------------------------------------------------------------ many pages

_SOURCE = None
_DESKEW = True


def _start_worker(source, deskew: bool) -> None:
    global _SOURCE, _DESKEW
    _SOURCE, _DESKEW = source, deskew


def _recognize_index(index: int) -> OcrPage:
    try:
        page = _SOURCE.page(index)
    except Exception as error:  # pdfium and Pillow raise many types on a bad page
        return OcrPage(text="", confidence=None, words=0, problem=f"page image unreadable ({error})")
    return recognize(page, _DESKEW)


def recognize_pages(source, indexes: list[int], options: OcrOptions = OcrOptions()) -> list[OcrPage]:
    """The OCR of the given pages (0-based) of a ``PdfSource`` or ``ImageSource``, in order."""
    if not indexes:
        return []
    workers = workers_for(len(indexes), options)
    if workers == 1:
        _start_worker(source, options.deskew)
        try:
            return [_recognize_index(i) for i in indexes]
        finally:
            _start_worker(None, True)
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_start_worker,
                                 initargs=(source, options.deskew)) as pool:
            return list(pool.map(_recognize_index, indexes))
    except (BrokenProcessPool, OSError) as error:
        log.warning("OCR process pool failed (%s); recognizing the pages in this process", error)
        return recognize_pages(source, indexes, OcrOptions(workers=1, deskew=options.deskew))


def _context():
    """fork when this process runs one thread (fast, and a script needs no
    ``if __name__ == "__main__"`` guard); forkserver when it runs several (a web
    server): forking a process whose other threads hold locks can deadlock."""
    methods = multiprocessing.get_all_start_methods()
    if threading.active_count() == 1 and "fork" in methods:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["pipeline.ocr"])
        return context
    return multiprocessing.get_context("spawn")


# ------------------------------------------------------------------ ingest


@dataclass
class OcrResult:
    """Page texts and page facts after OCR, the warnings to add, and whether OCR ran."""

    pages: list[str]
    page_info: list[PageInfo]
    warnings: list[str]

    @property
    def used(self) -> bool:
        return any(p.ocr for p in self.page_info)


def complete(source, pages: list[str], page_info: list[PageInfo],
             options: OcrOptions = OcrOptions()) -> OcrResult:
    """The pages without a text layer recognized by OCR and repaired
    (``pipeline.ocr_repair``); pages with a text layer are kept as they are."""
    todo = [p.number - 1 for p in page_info if not p.text_layer]
    if not todo:
        return OcrResult(list(pages), list(page_info), [])
    reason = missing() if options.enabled else "OCR is turned off"
    if reason is not None:
        return OcrResult(list(pages), list(page_info),
                         [f"page {i + 1} has no text layer and {reason}" for i in todo])
    texts, info, warnings = list(pages), list(page_info), []
    for index, page in zip(todo, recognize_pages(source, todo, options)):
        number = index + 1
        if page.problem is not None:
            warnings.append(f"page {number}: OCR failed: {page.problem}")
            continue
        text, repairs = ocr_repair.repair(page.text, first_page=index == 0)
        texts[index] = text
        info[index] = info[index].model_copy(update={"ocr": True, "ocr_confidence": page.confidence})
        warnings += [f"page {number}: OCR repair: {r}" for r in repairs]
        if not page.words:
            warnings.append(f"page {number}: OCR found no text")
        elif page.confidence is not None and page.confidence < LOW_CONFIDENCE:
            warnings.append(f"page {number}: OCR confidence is low ({page.confidence:.2f}); "
                            "check the text against the scan")
    return OcrResult(texts, info, warnings)
