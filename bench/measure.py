"""What the benchmark measures, as functions later benchmarks can reuse.

Each ``bench_*`` runs one workload ``repeats`` times after an untimed warm-up
and returns the raw seconds per repeat with the figures derived from them;
every ratio compares two timings taken in the same repeat. bench/run.py is the
command line that calls them and prints the table.
"""
from __future__ import annotations

import cProfile
import dataclasses
import pstats
import resource
import statistics
import sys
import time
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "tests"))  # last: tests/pipeline must not shadow pipeline

import pdfplumber  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402
import render  # noqa: E402  (tests/render.py: the letters' PDF layout)

from pipeline.ingest import IngestError  # noqa: E402
from pipeline.run import extract_path  # noqa: E402

LETTERS = ROOT / "corpus" / "letters"
SHARED_TEXT = ROOT.parent / "shared" / "corpus" / "text"  # read in place, never copied
CHUNKSIZE = 4
READ_LOOPS = 10  # read_text of the corpus takes milliseconds: average 10 reads per repeat


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def cpu_timed(fn, *args) -> tuple[float, float]:
    """Wall and CPU seconds of this process: CPU below wall means it waited for a core."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn(*args)
    return time.perf_counter() - wall, time.process_time() - cpu


def median(values: list[float]) -> float:
    return statistics.median(values)


def paired_ratio(slow: list[float], fast: list[float]) -> float:
    """Median over repeats of slow/fast, both timed in the same repeat (robust to drift)."""
    return median([s / f for s, f in zip(slow, fast)])


def extract_all(paths: list[Path]) -> int:
    """``extract_path`` on every file; returns how many raised IngestError."""
    failures = 0
    for path in paths:
        try:
            extract_path(path)
        except IngestError:
            failures += 1
    return failures


def read_all(paths: list[Path]) -> None:
    for path in paths:
        path.read_text(encoding="utf-8", errors="replace")


def pdfium_text(paths: list[Path]) -> None:
    for path in paths:
        pdf = pdfium.PdfDocument(path)
        try:
            for page in pdf:
                page.get_textpage().get_text_range()
        finally:
            pdf.close()


def pdfplumber_text(paths: list[Path]) -> None:
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()


# -------------------------------------------------------------------- text


def text_sets(shared: Path) -> dict[str, list[Path]]:
    sets = {"project": sorted(LETTERS.glob("*.txt"))}
    if shared.is_dir() and any(shared.glob("*.txt")):
        sets["shared"] = sorted(shared.glob("*.txt"))
    return sets


def bench_text(sets: dict[str, list[Path]], repeats: int) -> dict:
    """Letters/s of extract_path, single process; read_text of the same files per repeat."""
    failures = {name: extract_all(paths) for name, paths in sets.items()}  # warm-up: data, regexes
    out = {}
    for name, paths in sets.items():
        out[name] = {"letters": len(paths), "bytes": sum(p.stat().st_size for p in paths),
                     "failures": failures[name], "extract_s": [], "extract_cpu_s": [], "read_s": []}
    for _ in range(repeats):
        for name, paths in sets.items():
            out[name]["read_s"].append(timed(read_all, paths * READ_LOOPS) / READ_LOOPS)
            wall, cpu = cpu_timed(extract_all, paths)
            out[name]["extract_s"].append(wall)
            out[name]["extract_cpu_s"].append(cpu)
    total = {"letters": sum(s["letters"] for s in out.values()),
             "failures": sum(s["failures"] for s in out.values()),
             **{key: [sum(r) for r in zip(*(s[key] for s in out.values()))]
                for key in ("extract_s", "extract_cpu_s", "read_s")}}
    for figures in [*out.values(), total]:
        figures["letters_per_s_per_core"] = figures["letters"] / median(figures["extract_s"])
        figures["letters_per_cpu_s"] = figures["letters"] / median(figures["extract_cpu_s"])
        figures["x_read_text"] = paired_ratio(figures["extract_s"], figures["read_s"])
    return {"sets": out, "all": total}


# --------------------------------------------------------------------- PDF


def render_pdfs(out_dir: Path, count: int, long_pages: int) -> dict[str, list[Path]]:
    """``count`` of the project's plain letters as PDFs, and one long letter of
    about ``long_pages`` pages: the first letter's header and footer around the
    bodies of all plain letters, repeated as needed."""
    font = render.find_font()
    if font is None:
        sys.exit(f"bench: cannot render PDFs: {render.FONT_MISSING}")
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(LETTERS.glob("*.txt"))]
    plain = [(stem, render.split_letter(t)) for stem, t in texts if render.is_plain_letter(t)]
    if not plain:
        sys.exit(f"bench: no letter in {LETTERS} has the plain layout tests/render.py can draw")
    letters = [render.render_pdf(letter, out_dir / f"{stem}.pdf", font) for stem, letter in plain[:count]]
    paragraphs = [p for _, letter in plain for p in letter.body]
    long_path = out_dir / "long-letter.pdf"
    first = plain[0][1]
    render.render_pdf(dataclasses.replace(first, body=paragraphs), long_path, font)
    wanted = max(1, round(len(paragraphs) * long_pages / page_count(long_path)))
    body = [paragraphs[i % len(paragraphs)] for i in range(wanted)]
    render.render_pdf(dataclasses.replace(first, body=body), long_path, font)
    return {"letters": letters, "long": [long_path]}


def page_count(path: Path) -> int:
    pdf = pdfium.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


def bench_pdf(groups: dict[str, list[Path]], repeats: int) -> dict:
    """Pages/s of extract_path against pypdfium2 and pdfplumber alone, per repeat."""
    readers = {"extract_s": extract_all, "pypdfium2_s": pdfium_text, "pdfplumber_s": pdfplumber_text}
    for reader in readers.values():
        reader(next(iter(groups.values()))[:1])  # warm-up: imports, fonts, data files
    out = {name: {"files": len(paths), "pages": sum(map(page_count, paths)), "failures": 0,
                  **{key: [] for key in readers}} for name, paths in groups.items()}
    for _ in range(repeats):
        for name, paths in groups.items():
            for key, reader in readers.items():
                start = time.perf_counter()
                failures = reader(paths)
                out[name][key].append(time.perf_counter() - start)
                if key == "extract_s":
                    out[name]["failures"] = failures
    total = {key: sum(g[key] for g in out.values()) for key in ("files", "pages", "failures")}
    for key in readers:
        total[key] = [sum(r) for r in zip(*(g[key] for g in out.values()))]
    for figures in [*out.values(), total]:
        figures["pages_per_s"] = figures["pages"] / median(figures["extract_s"])
        figures["x_pypdfium2"] = paired_ratio(figures["extract_s"], figures["pypdfium2_s"])
        figures["x_pdfplumber"] = paired_ratio(figures["extract_s"], figures["pdfplumber_s"])
    return {"groups": out, "all": total}


# ------------------------------------------------------------ memory, workers


def peak_rss_mb() -> float:
    """This process's peak resident set. Linux: VmHWM, because ru_maxrss of a
    spawned child starts at its parent's peak (the kernel keeps it across exec)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return maxrss_mb()


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def memory_pass(paths: list[Path], trace: bool) -> dict:
    """One pass in this (fresh) process: its peak RSS, or the tracemalloc peak."""
    before = peak_rss_mb()
    if not trace:
        extract_all(paths)
        return {"peak_rss_after_imports_mb": before, "peak_rss_mb": peak_rss_mb(), "ru_maxrss_mb": maxrss_mb()}
    tracemalloc.start()
    extract_all(paths)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"tracemalloc_peak_mb": peak / 2**20}


def bench_memory(workloads: dict[str, list[Path]], trace: bool) -> dict:
    """Each pass in its own spawned process, two at a time (nothing here is timed);
    the tracemalloc pass apart, so its bookkeeping does not inflate the RSS."""
    jobs = [(name, traced) for name in workloads for traced in ((False, True) if trace else (False,))]
    with ProcessPoolExecutor(2, mp_context=get_context("spawn"), max_tasks_per_child=1) as pool:
        futures = [pool.submit(memory_pass, workloads[name], traced) for name, traced in jobs]
        out = {name: {} for name in workloads}
        for (name, _), future in zip(jobs, futures):
            out[name].update(future.result())
    return out


def record_json(path: Path) -> tuple[str, float]:
    """A worker's job: one file to its record as JSON ("" when it cannot be read),
    with the CPU seconds it took."""
    start = time.process_time()
    try:
        record = extract_path(path).model_dump_json()
    except IngestError:
        record = ""
    return record, time.process_time() - start


def pool_pass(pool: ProcessPoolExecutor, paths: list[Path]) -> tuple[float, float]:
    """Wall seconds of one pass over ``paths`` and the CPU seconds its workers spent."""
    start = time.perf_counter()
    cpu = sum(seconds for _, seconds in pool.map(record_json, paths, chunksize=CHUNKSIZE))
    return time.perf_counter() - start, cpu


def bench_workers(paths: list[Path], repeats: int, counts=(1, 2)) -> dict:
    """Seconds per pass with each worker count, pools started and warmed untimed.
    ``cores_used`` (worker CPU / wall) below the worker count means the machine
    was busy: the speed-up then measures the load, not the pipeline."""
    pools = {n: ProcessPoolExecutor(n) for n in counts}
    try:
        for n, pool in pools.items():  # n chunks start n workers; each loads the data files
            pool_pass(pool, paths[: n * CHUNKSIZE])
        wall, cpu = {n: [] for n in counts}, {n: [] for n in counts}
        for _ in range(repeats):
            for n, pool in pools.items():
                seconds, cpu_seconds = pool_pass(pool, paths)
                wall[n].append(seconds)
                cpu[n].append(cpu_seconds)
    finally:
        for pool in pools.values():
            pool.shutdown()
    base = min(counts)
    return {"letters": len(paths), "chunksize": CHUNKSIZE,
            "seconds": {str(n): t for n, t in wall.items()},
            "worker_cpu_s": {str(n): t for n, t in cpu.items()},
            "letters_per_s": {str(n): len(paths) / median(t) for n, t in wall.items()},
            "cores_used": {str(n): paired_ratio(cpu[n], wall[n]) for n in counts},
            "speedup": {str(n): paired_ratio(wall[base], t) for n, t in wall.items()}}


def profile_top(paths: list[Path], count: int = 10) -> list[dict]:
    """Top functions by cumulative time over one extract_path pass (the benchmark's own frames left out)."""
    profiler = cProfile.Profile()
    profiler.runcall(extract_all, paths)
    stats = pstats.Stats(profiler).sort_stats("cumulative")
    rows = []
    for func in stats.fcn_list:
        filename, line, name = func
        if filename == __file__ or name == "<method 'disable' of '_lsprof.Profiler' objects>":
            continue
        calls, _, own, cumulative, _ = stats.stats[func]
        rows.append({"function": f"{short(filename)}:{line}({name})", "calls": calls,
                     "tottime_s": own, "cumtime_s": cumulative})
        if len(rows) == count:
            break
    return rows


def short(filename: str) -> str:
    """site-packages/pdfminer/x.py -> pdfminer/x.py; /work/main/pipeline/x.py -> pipeline/x.py."""
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1]
    path = Path(filename)
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else filename
