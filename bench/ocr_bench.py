"""Benchmark of the OCR path: seconds per page, the ratio to plain Tesseract, and 2 workers vs 1.

A measuring script, not a test. Project letters are rendered like printed ones
(tests/render.py) and scanned back (tests/ocr_data.py: 200 dpi, 1-2°
rotation, blur, JPEG) into PNG pages and an image-only PDF, in a temporary
folder. Then, in the same run:

- pipeline: ``pipeline.ingest.ingest(png, OcrOptions(workers=1))`` per page:
  decode, grey, deskew, Tesseract (TSV), column layout, repairs;
- plain: ``tesseract IMG out -l vie`` on the same PNG (OMP_THREAD_LIMIT=1, as
  the pipeline runs it; ``--default-threads`` also times it with Tesseract's
  own OpenMP threads);
- where the pipeline's time goes (load, deskew, tesseract, layout + repairs),
  from the pipeline's functions called one by one on each page;
- workers: the image-only PDF of all pages through ``ingest`` with 1 and 2
  worker processes: pages/s and the speed-up.

Each page is timed pipeline then plain, back to back, so a slow spell of the
machine hits both; the ratio is the median of the per-page ratios.

    .venv/bin/python bench/ocr_bench.py                  # ~2 min on 2 cores
    .venv/bin/python bench/ocr_bench.py --pages 4 --json out/ocr-bench.json
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline import ocr, ocr_image, ocr_repair  # noqa: E402
from pipeline.ingest import ingest  # noqa: E402
from pipeline.ocr import OcrOptions  # noqa: E402
from tests.ocr_data import save_image, save_pdf, scans  # noqa: E402
from tests.render import find_font, is_plain_letter, render_pdf, split_letter  # noqa: E402


def make_pages(folder: Path, count: int) -> list[Path]:
    """``count`` scanned pages of plain project letters as 200-dpi PNG files."""
    font, pages = find_font(), []
    letters = [p for p in sorted((ROOT / "corpus" / "letters").glob("*.txt")) if is_plain_letter(p.read_text())]
    for seed, letter in enumerate(letters):
        pdf = render_pdf(split_letter(letter.read_text(encoding="utf-8")), folder / f"{letter.stem}.pdf", font)
        for number, image in enumerate(scans(pdf, seed=seed), start=1):
            pages.append(save_image(image, folder / f"{letter.stem}-{number}.png"))
            if len(pages) == count:
                return pages
    return pages


def plain_tesseract(image: Path, out: Path, threads: bool = False) -> float:
    env = dict(os.environ)
    if threads:
        env.pop("OMP_THREAD_LIMIT", None)
    else:
        env["OMP_THREAD_LIMIT"] = "1"
    started = time.perf_counter()
    subprocess.run(["tesseract", str(image), str(out), "-l", "vie"], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def pipeline_page(image: Path) -> float:
    started = time.perf_counter()
    document = ingest(image, OcrOptions(workers=1))
    elapsed = time.perf_counter() - started
    assert document.source.ocr, document.warnings
    return elapsed


def breakdown(image: Path) -> dict[str, float]:
    """The pipeline's steps on one page, timed one by one."""
    marks = [time.perf_counter()]
    page = ocr_image.ImageSource(image.read_bytes()).page(0)
    marks.append(time.perf_counter())
    level, _ = ocr_image.deskew(page.image)
    marks.append(time.perf_counter())
    tsv = ocr.run_tesseract(level, page.dpi)
    marks.append(time.perf_counter())
    words = ocr.parse_tsv(tsv)
    ocr_repair.repair(ocr.page_text(words, level.width), first_page=True)
    marks.append(time.perf_counter())
    steps = ("load", "deskew", "tesseract", "layout+repair")
    return {step: b - a for step, a, b in zip(steps, marks, marks[1:])}


def workers_run(pdf: Path, workers: int, pages: int) -> float:
    started = time.perf_counter()
    document = ingest(pdf, OcrOptions(workers=workers))
    elapsed = time.perf_counter() - started
    assert sum(p.ocr for p in document.source.page_info) == pages
    return pages / elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10, help="scanned pages to time (default 10)")
    parser.add_argument("--repeats", type=int, default=2, help="timed runs of the workers comparison")
    parser.add_argument("--default-threads", action="store_true",
                        help="also time plain tesseract with its default OpenMP threads (slow)")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    if ocr.missing() or find_font() is None:
        print(f"cannot measure: {ocr.missing() or 'no font (fonts-dejavu-core)'}", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="congvan-ocr-bench-"))
    try:
        report = measure(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    show(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


def measure(args, folder: Path) -> dict:
    pages = make_pages(folder, args.pages)
    pipeline_page(pages[0])                        # warm-up: imports, data files, caches
    plain_tesseract(pages[0], folder / "warm")
    rows = []
    for index, page in enumerate(pages):
        ours = pipeline_page(page)
        plain = plain_tesseract(page, folder / f"plain-{index}")
        threaded = plain_tesseract(page, folder / f"threads-{index}", threads=True) if args.default_threads else None
        rows.append({"page": page.name, "pipeline": ours, "plain": plain, "plain_threads": threaded,
                     **breakdown(page)})
    pdf = save_pdf([ocr_image.ImageSource(p.read_bytes()).page(0).image for p in pages], folder / "all.pdf")
    speeds = {1: [], 2: []}
    for _ in range(args.repeats):
        for workers in (1, 2):
            speeds[workers].append(workers_run(pdf, workers, len(pages)))
    median = statistics.median
    return {
        "pages": len(pages), "cpu_count": os.cpu_count(),
        "pipeline_s_per_page": median(r["pipeline"] for r in rows),
        "plain_s_per_page": median(r["plain"] for r in rows),
        "ratio": median(r["pipeline"] / r["plain"] for r in rows),
        "plain_threads_s_per_page": median(r["plain_threads"] for r in rows) if args.default_threads else None,
        "steps": {step: median(r[step] for r in rows) for step in ("load", "deskew", "tesseract", "layout+repair")},
        "pages_per_s": {str(w): median(v) for w, v in speeds.items()},
        "speedup_2_workers": median(b / a for a, b in zip(speeds[1], speeds[2])),
        "rows": rows,
    }


def show(report: dict) -> None:
    print(f"{report['pages']} scanned pages (200 dpi, A4), {report['cpu_count']} CPUs")
    print(f"pipeline OCR path   {report['pipeline_s_per_page']:.2f} s/page (median; ingest of one PNG, 1 worker)")
    print(f"plain tesseract     {report['plain_s_per_page']:.2f} s/page (tesseract IMG out -l vie, OMP_THREAD_LIMIT=1)")
    print(f"ratio               {report['ratio']:.2f}x (median of per-page ratios)")
    if report["plain_threads_s_per_page"] is not None:
        print(f"plain, default threads {report['plain_threads_s_per_page']:.2f} s/page")
    steps = report["steps"]
    print("pipeline steps      " + ", ".join(f"{k} {v:.3f} s" for k, v in steps.items()))
    speeds = report["pages_per_s"]
    print(f"workers             1: {speeds['1']:.2f} pages/s, 2: {speeds['2']:.2f} pages/s, "
          f"speed-up {report['speedup_2_workers']:.2f}x (image-only PDF of all pages)")


if __name__ == "__main__":
    sys.exit(main())
