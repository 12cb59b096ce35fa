"""Benchmark of the pipeline's throughput and memory; a measuring script, not a test.

    .venv/bin/python bench/run.py [--repeats N] [--quick] [--json OUT] [--profile]

Prints a table of medians over N repeats; --json writes every figure, the raw
seconds of each repeat, the counts and the machine. See bench/README.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

import measure

FULL = {"repeats": 5, "pdf_letters": 12, "long_pages": 60, "tracemalloc": True}
QUICK = {"repeats": 1, "pdf_letters": 5, "long_pages": 20, "tracemalloc": False}
PACKAGES = ("pypdfium2", "pdfplumber", "pdfminer.six", "pydantic", "reportlab")


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, help="timed passes per workload (default 5; --quick: 1)")
    parser.add_argument("--quick", action="store_true",
                        help="a ~20 s smoke run: 1 repeat, 5 letter PDFs, a 20-page long PDF, no tracemalloc")
    parser.add_argument("--pdf-letters", type=int, help="project letters rendered to PDF (default 12; --quick: 5)")
    parser.add_argument("--long-pages", type=int, help="pages of the long PDF letter, about (default 60; --quick: 20)")
    parser.add_argument("--shared", type=Path, default=measure.SHARED_TEXT,
                        help="folder of further .txt letters, read in place (default ../shared/corpus/text)")
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the (slow) tracemalloc passes")
    parser.add_argument("--profile", action="store_true",
                        help="also print the top 10 cumulative functions of one text pass and one PDF pass (cProfile)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write all figures and raw timings here")
    args = parser.parse_args(argv)
    settings = dict(QUICK if args.quick else FULL)
    for key in ("repeats", "pdf_letters", "long_pages"):
        if getattr(args, key) is not None:
            settings[key] = getattr(args, key)
    if args.no_tracemalloc:
        settings["tracemalloc"] = False
    if settings["repeats"] < 1:
        parser.error("--repeats must be at least 1")
    args.settings = settings
    return args


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor())
    return {"cores": os.cpu_count(), "usable_cores": len(os.sched_getaffinity(0)), "cpu": cpu,
            "python": platform.python_version(), "implementation": platform.python_implementation(),
            "platform": platform.platform(), "load_average_start": os.getloadavg(),
            "packages": {name: _version(name) for name in PACKAGES}, "git": _git()}


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text().splitlines()
    except OSError:
        return []


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _git() -> str | None:
    """HEAD's commit, with "+dirty" when the work tree has changes."""
    def git(*args):
        return subprocess.run(["git", "-C", str(measure.ROOT), *args], capture_output=True, text=True).stdout.strip()
    try:
        head = git("rev-parse", "--short", "HEAD")
        return head + ("+dirty" if git("status", "--porcelain", "--untracked-files=no") else "") if head else None
    except OSError:
        return None


def run(args: argparse.Namespace) -> dict:
    settings, started = args.settings, time.perf_counter()
    repeats = settings["repeats"]
    result = {"machine": machine(), "settings": settings, "phase_s": {}}
    sets = measure.text_sets(args.shared)
    settings["text_dirs"] = {"project": str(measure.LETTERS), "shared": str(args.shared) if "shared" in sets else None}
    text_paths = [path for paths in sets.values() for path in paths]

    def phase(name: str, message: str, fn, *fn_args):
        _say(message)
        start = time.perf_counter()
        value = fn(*fn_args)
        result["phase_s"][name] = round(time.perf_counter() - start, 2)
        return value

    with tempfile.TemporaryDirectory(prefix="congvan-bench-") as tmp:
        groups = phase("render", "pdf: rendering", measure.render_pdfs, Path(tmp),
                       settings["pdf_letters"], settings["long_pages"])
        pdf_paths = [path for paths in groups.values() for path in paths]
        # First, while this process is still small: a child's ru_maxrss starts at its parent's peak.
        result["memory"] = phase("memory", "memory: one pass per workload, each in a fresh process",
                                 measure.bench_memory, {"text": text_paths, "pdf": pdf_paths},
                                 settings["tracemalloc"])
        result["text"] = phase("text", f"text: {len(text_paths)} letters x {repeats}",
                               measure.bench_text, sets, repeats)
        result["pdf"] = phase("pdf", f"pdf: {len(pdf_paths)} files x {repeats}", measure.bench_pdf, groups, repeats)
        if args.profile:
            result["profile"] = phase("profile", "profile: one text pass and one PDF pass under cProfile",
                                      lambda: {"text": measure.profile_top(text_paths),
                                               "pdf": measure.profile_top(pdf_paths)})
    result["workers"] = phase("workers", f"workers: 1 and 2 processes x {repeats}",
                              measure.bench_workers, text_paths, repeats)
    result["machine"]["load_average_end"] = os.getloadavg()
    result["elapsed_s"] = time.perf_counter() - started
    return result


def _say(message: str) -> None:
    print(f"... {message}", file=sys.stderr, flush=True)


def table(result: dict) -> str:
    m, s = result["machine"], result["settings"]
    text, pdf, memory, workers = result["text"], result["pdf"], result["memory"], result["workers"]
    out = [f"congvan benchmark: medians of {s['repeats']} repeat(s); each ratio is the median of "
           f"per-repeat ratios (same run); {result['elapsed_s']:.0f} s "
           f"({', '.join(f'{k} {v:.0f}' for k, v in result['phase_s'].items())})",
           f"machine: {m['usable_cores']}/{m['cores']} cores, {m['cpu']}, {m['implementation']} {m['python']}, "
           f"{m['platform']}; load {m['load_average_start'][0]:.2f} -> {m['load_average_end'][0]:.2f}; "
           f"git {m['git']}", "",
           f"{'TEXT: extract_path, 1 process':34}{'letters':>8}{'failed':>8}{'letters/s/core':>16}{'x read_text':>13}"
           f"{'letters/cpu-s':>15}"]
    for name, row in [*text["sets"].items(), ("all", text["all"])]:
        out.append(f"  {name:32}{row['letters']:8d}{row['failures']:8d}"
                   f"{row['letters_per_s_per_core']:16.1f}{row['x_read_text']:13.0f}"
                   f"{row['letters_per_cpu_s']:15.1f}")
    out += ["", f"{'PDF (text layer): extract_path':34}{'files':>8}{'pages':>8}{'pages/s':>16}"
                f"{'x pypdfium2':>13}{'x pdfplumber':>14}"]
    for name, row in [*pdf["groups"].items(), ("all", pdf["all"])]:
        out.append(f"  {name:32}{row['files']:8d}{row['pages']:8d}{row['pages_per_s']:16.1f}"
                   f"{row['x_pypdfium2']:13.1f}{row['x_pdfplumber']:14.2f}")
    out += ["", f"{'PEAK MEMORY: one pass, fresh process':40}{'peak RSS MB':>14}{'after imports':>15}"
                f"{'tracemalloc MB':>16}{'ru_maxrss MB':>14}"]
    for name, row in memory.items():
        peak = row.get("tracemalloc_peak_mb")
        out.append(f"  {name:38}{row['peak_rss_mb']:14.1f}{row['peak_rss_after_imports_mb']:15.1f}"
                   f"{'-' if peak is None else f'{peak:.1f}':>16}{row['ru_maxrss_mb']:14.1f}")
    out += ["", f"{'WORKERS: ProcessPoolExecutor, text':40}{'letters/s':>14}{'speed-up':>15}{'cores used':>16}"]
    for n in workers["seconds"]:
        out.append(f"  {n + ' worker(s)':38}{workers['letters_per_s'][n]:14.1f}{workers['speedup'][n]:15.2f}"
                   f"{workers['cores_used'][n]:16.2f}")
    for name, rows in result.get("profile", {}).items():
        out += ["", f"{f'PROFILE: one {name} pass, top 10 cumulative':78}{'calls':>9}{'cum s':>8}"]
        out += [f"  {row['function'][:76]:76}{row['calls']:9d}{row['cumtime_s']:8.2f}" for row in rows]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    result = run(args)
    print(table(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"figures and raw timings: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
