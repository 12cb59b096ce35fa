"""Acceptance measurement of OCR: the evaluation letters as scans vs as text.

A measuring script, not a test. Each letter of the corpus that has a gold
record is rendered to PDF in a temporary folder (tests/render.py's letter
layout when it can lay the letter out, else its normalized text as plain
lines), printed and scanned back (tests/ocr_data.py: 200 dpi, 1-2° rotation,
blur, JPEG) into an image-only PDF, and run through the pipeline; the same
letter's text file is run too. Both sets of records are scored with the
corpus's scorer (score.py) against the gold records, and the header fields
are also scored only where the text input is right (what OCR can keep or
lose). The OCR'd text of each page is compared with the rendered PDF's text
layer: word and character error rates, order-free (bags of words and of
characters), so that reading the columns in another order is not an error.

    .venv/bin/python bench/ocr_eval.py                       # ../shared/corpus, ~5 min on 2 cores
    .venv/bin/python bench/ocr_eval.py --ablation            # also without deskew (twice the time)
    .venv/bin/python bench/ocr_eval.py --corpus corpus/letters --gold corpus/gold --limit 10

The letters are never copied into the repository: everything is written
under a temporary folder that is removed at the end (``--keep DIR`` keeps it).
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.evaluate import FIELD_KEYS, HEADER_FIELDS  # noqa: E402
from pipeline.ingest import ingest  # noqa: E402
from pipeline.normalize import normalize  # noqa: E402
from pipeline.ocr import OcrOptions, missing  # noqa: E402
from pipeline.run import process  # noqa: E402
from tests.ocr_data import render_plain_pdf, save_pdf, scans  # noqa: E402
from tests.pipeline.test_formats import printable, why_not_renderable  # noqa: E402
from tests.render import find_font, render_pdf, split_letter  # noqa: E402

SHARED = ROOT.parent / "shared"


def source_pdf(text_file: Path, folder: Path, font: Path) -> tuple[Path, str]:
    """The letter rendered to PDF, and how: "letter" layout or "lines"."""
    target = folder / f"{text_file.stem}.src.pdf"
    text = text_file.read_text(encoding="utf-8", errors="replace")
    if why_not_renderable(text) is None:
        return render_pdf(split_letter(printable(text)), target, font), "letter"
    normalized = normalize(ingest(text_file)).text
    return render_plain_pdf(normalized, target, font), "lines"


def page_texts(pdf: Path) -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def bag_error(reference: list, hypothesis: list) -> tuple[int, int]:
    """(errors, reference size) of two bags: unmatched items of the larger side."""
    ref, hyp = Counter(reference), Counter(hypothesis)
    common = sum((ref & hyp).values())
    return max(sum(ref.values()), sum(hyp.values())) - common, sum(ref.values())


def error_rates(sources: list[str], ocr_pages: list[str]) -> dict:
    words, chars = [0, 0], [0, 0]
    for source, page in zip(sources, ocr_pages):
        source, page = unicodedata.normalize("NFC", source), unicodedata.normalize("NFC", page)
        for tally, (ref, hyp) in ((words, (source.split(), page.split())),
                                  (chars, ([c for c in source if not c.isspace()],
                                           [c for c in page if not c.isspace()]))):
            errors, size = bag_error(ref, hyp)
            tally[0] += errors
            tally[1] += size
    return {"word_errors": words[0], "words": words[1], "char_errors": chars[0], "chars": chars[1]}


def one_letter(job: tuple) -> dict:
    """Text record, scan record, OCR error counts and timings of one letter."""
    text_file, folder, font, seed, deskew = job
    folder = Path(folder)
    pdf, layout = source_pdf(text_file, folder, font)
    scan = save_pdf(scans(pdf, seed=seed), folder / f"{text_file.stem}.scan.pdf")
    started = time.perf_counter()
    document = ingest(scan, OcrOptions(workers=1, deskew=deskew))
    record = process(document)
    seconds = time.perf_counter() - started
    text_record = process(ingest(text_file))
    rendered = process(ingest(pdf))
    return {"name": text_file.stem, "layout": layout, "pages": record.source.pages, "seconds": seconds,
            "confidence": [p.ocr_confidence for p in record.source.page_info],
            "errors": error_rates(page_texts(pdf), document.raw_text.split("\f")),
            "image": json.loads(record.model_dump_json()), "text": json.loads(text_record.model_dump_json()),
            "rendered": json.loads(rendered.model_dump_json()),
            "repairs": [w for w in record.warnings if "OCR repair" in w]}


def score(gold: Path, records: dict[str, dict], folder: Path, scorer: Path) -> dict:
    """score.py's report on these records, against the gold records of the same letters."""
    golden = folder / "gold"
    golden.mkdir(parents=True, exist_ok=True)
    predicted = folder / "pred"
    predicted.mkdir(exist_ok=True)
    for name, record in records.items():
        shutil.copy(gold / f"{name}.json", golden / f"{name}.json")
        (predicted / f"{name}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    out = folder / "score.json"
    subprocess.run([sys.executable, str(scorer), str(golden), str(predicted), "--json", str(out)],
                   check=True, capture_output=True)
    return json.loads(out.read_text(encoding="utf-8"))


def kept_fields(results: list[dict], gold: Path, base: str) -> tuple[int, int, list[str]]:
    """Header fields the ``base`` input ("text", or "rendered": the rendered PDF's
    text layer) gets right, and how many of them the scan keeps."""
    right = kept = 0
    lost = []
    for result in results:
        expected = json.loads((gold / f"{result['name']}.json").read_text(encoding="utf-8"))
        for field in HEADER_FIELDS:
            key = FIELD_KEYS[field]
            if key(result[base]) == key(expected):
                right += 1
                if key(result["image"]) == key(expected):
                    kept += 1
                else:
                    lost.append(f"{result['name']} ({result['layout']}) {field}: {base}={key(result[base])!r} "
                                f"scan={key(result['image'])!r}")
    return right, kept, lost


def run(args, deskew: bool, folder: Path) -> dict:
    files = [f for f in sorted(args.corpus.glob("*.txt")) if (args.gold / f"{f.stem}.json").is_file()]
    if args.only:
        files = [f for f in files if f.stem in args.only.split(",")]
    files = files[:args.limit] if args.limit else files
    font = find_font()
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [(f, str(folder), font, i, deskew) for i, f in enumerate(files)]
    started = time.perf_counter()
    with ProcessPoolExecutor(args.workers) as pool:
        results = list(pool.map(one_letter, jobs))
    wall = time.perf_counter() - started
    scorer = args.scorer
    image = score(args.gold, {r["name"]: r["image"] for r in results}, folder / "pred-image", scorer)
    text = score(args.gold, {r["name"]: r["text"] for r in results}, folder / "pred-text", scorer)
    rendered = score(args.gold, {r["name"]: r["rendered"] for r in results}, folder / "pred-rendered", scorer)
    right, kept, lost = kept_fields(results, args.gold, "text")
    right_pdf, kept_pdf, _ = kept_fields(results, args.gold, "rendered")
    totals = Counter()
    for r in results:
        totals.update(r["errors"])
    return {"deskew": deskew, "letters": len(results), "pages": sum(r["pages"] for r in results),
            "layouts": Counter(r["layout"] for r in results), "wall_seconds": round(wall, 1),
            "word_error_rate": totals["word_errors"] / totals["words"],
            "char_error_rate": totals["char_errors"] / totals["chars"],
            "mean_confidence": statistics.mean(c for r in results for c in r["confidence"] if c is not None),
            "image": _summary(image), "text": _summary(text), "rendered": _summary(rendered),
            "header_kept": kept / right if right else 1.0, "header_right_in_text": right,
            "header_kept_vs_rendered": kept_pdf / right_pdf if right_pdf else 1.0,
            "header_right_in_rendered": right_pdf,
            "lost": lost, "repairs": sum(len(r["repairs"]) for r in results),
            "repair_examples": [w for r in results for w in r["repairs"]][:20]}


def _summary(report: dict) -> dict:
    lists = report["lists"]
    return {"header_accuracy": report["header_accuracy"], "fields": report["fields"],
            "obligations_f1": lists["obligations"]["f1"], "references_f1": lists["references"]["f1"],
            "tasks_f1": lists["tasks"]["f1"]}


def show(report: dict) -> None:
    image, text, rendered = report["image"], report["text"], report["rendered"]
    print(f"\n== deskew {'on' if report['deskew'] else 'off'}: {report['letters']} letters, "
          f"{report['pages']} pages ({dict(report['layouts'])}), {report['wall_seconds']} s")
    print(f"OCR vs rendered text: word error rate {report['word_error_rate']:.4f}, "
          f"character error rate {report['char_error_rate']:.4f} (order-free); "
          f"mean word confidence {report['mean_confidence']:.3f}")
    print(f"{'':22}{'text':>9}{'rendered':>9}{'image':>9}   (rendered: the PDF before scanning, its text layer)")
    for name in ("header_accuracy", "obligations_f1", "references_f1", "tasks_f1"):
        print(f"{name:22}{text[name]:9.3f}{rendered[name]:9.3f}{image[name]:9.3f}")
    for name in text["fields"]:
        print(f"  {name:20}{text['fields'][name]:9.3f}{rendered['fields'][name]:9.3f}{image['fields'][name]:9.3f}")
    print(f"header fields right in text and kept in the scan: {report['header_kept']:.3f} "
          f"(of {report['header_right_in_text']}); right in the rendered PDF and kept in the scan: "
          f"{report['header_kept_vs_rendered']:.3f} (of {report['header_right_in_rendered']})")
    print(f"obligations F1 gap: text - image {text['obligations_f1'] - image['obligations_f1']:+.3f}, "
          f"rendered - image {rendered['obligations_f1'] - image['obligations_f1']:+.3f}")
    print(f"OCR repairs made: {report['repairs']}")
    for line in report["lost"]:
        print("  lost:", line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "text")
    parser.add_argument("--gold", type=Path, default=SHARED / "corpus" / "gold")
    parser.add_argument("--scorer", type=Path, default=SHARED / "tools" / "score.py")
    parser.add_argument("--workers", type=int, default=2, help="letters in parallel (each OCRs with 1 process)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N letters")
    parser.add_argument("--only", help="comma-separated letter names (file stems)")
    parser.add_argument("--ablation", action="store_true", help="also run without deskew")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--keep", type=Path, help="keep the rendered files and predictions here")
    args = parser.parse_args(argv)
    if missing():
        print(f"cannot measure: {missing()}", file=sys.stderr)
        return 2
    if find_font() is None:
        print("cannot measure: no font to render letters (fonts-dejavu-core)", file=sys.stderr)
        return 2
    folder = args.keep or Path(tempfile.mkdtemp(prefix="congvan-ocr-eval-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        reports = [run(args, True, folder / "deskew")]
        if args.ablation:
            reports.append(run(args, False, folder / "plain"))
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    for report in reports:
        show(report)
    if args.json:
        args.json.write_text(json.dumps(reports, ensure_ascii=False, indent=2, default=list), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
