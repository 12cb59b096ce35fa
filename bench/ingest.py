"""Registry ingest throughput into SQLite and PostgreSQL; a measuring script, not a test.

    .venv/bin/python bench/ingest.py [--repeats N] [--letters L] [--quick] [--json OUT] [--markdown]
    .venv/bin/python bench/ingest.py --pg postgresql://user@host/db      # also PostgreSQL, at that URL
    tools/with_postgres.sh .venv/bin/python bench/ingest.py --pg-from-env # also PostgreSQL, a throw-away one

Times ``registry.ingest_paths`` with 1 and 2 worker processes into a fresh
database, a second pass over the same letters (all there already), and the
writes alone (records extracted beforehand), so extraction and database cost
come apart. Prints medians over N repeats; see bench/INGEST.md.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Iterator

from sqlalchemy import text
from sqlalchemy.engine import make_url

import measure  # noqa: F401  (puts the repo and tests/ on sys.path, as for bench/run.py)
import run as extraction_bench  # noqa: E402
from measure import median, paired_ratio  # noqa: E402
from registry import ingest_paths, make_engine, upgrade  # noqa: E402
from registry.batch import BatchReport, Extracted, extract_file  # noqa: E402
from tests.registry.letters import corpus_paths, write_variants  # noqa: E402

FULL = {"repeats": 3, "letters": 160}   # each corpus letter twice; ~4 min with PostgreSQL at load 5
QUICK = {"repeats": 1, "letters": 40}
WORKERS = (1, 2)
WARM_LETTERS = 8
PACKAGES = ("sqlalchemy", "alembic", "psycopg", "pydantic")
PG_SCHEMA = f"congvan_bench_{os.getpid()}"   # the only thing created (and dropped) in a given database
PG_URL_VARIABLE = "CONGVAN_TEST_DB_URL"      # exported by tools/with_postgres.sh


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, help="timed rounds (default 3; --quick: 1)")
    parser.add_argument("--letters", type=int,
                        help="distinct letters, varied from corpus/letters/*.txt (default 160; --quick: 40)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 1 repeat of 40 letters")
    pg = parser.add_mutually_exclusive_group()
    pg.add_argument("--pg", metavar="URL", help="also PostgreSQL at URL; works in a schema of its own, dropped after")
    pg.add_argument("--pg-from-env", action="store_true",
                    help=f"also PostgreSQL at ${PG_URL_VARIABLE} (set by tools/with_postgres.sh)")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--markdown", action="store_true", help="also print the summary as a markdown table")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write all figures and raw timings here")
    args = parser.parse_args(argv)
    settings = dict(QUICK if args.quick else FULL)
    for key in ("repeats", "letters"):
        if getattr(args, key) is not None:
            settings[key] = getattr(args, key)
    if settings["repeats"] < 1 or settings["letters"] < WARM_LETTERS:
        parser.error(f"--repeats must be at least 1 and --letters at least {WARM_LETTERS}")
    if args.pg_from_env:
        args.pg = os.environ.get(PG_URL_VARIABLE) or parser.error(
            f"--pg-from-env: ${PG_URL_VARIABLE} is not set; run under tools/with_postgres.sh or give --pg URL")
    if args.no_sqlite and not args.pg:
        parser.error("--no-sqlite leaves nothing to measure: give --pg URL or --pg-from-env")
    args.settings = settings
    return args


# ------------------------------------------------------------------ targets


class SqliteTarget:
    """A new SQLite file in the temp folder for every fresh database."""

    name = "sqlite"

    def __init__(self, folder: Path):
        self.folder, self.count = folder, 0

    def fresh(self) -> str:
        self.count += 1
        for old in self.folder.glob("registry-*.db*"):
            old.unlink()
        return f"sqlite:///{self.folder / f'registry-{self.count}.db'}"

    def close(self) -> None:
        pass

    def server_cpu_s(self) -> float | None:
        return 0.0   # SQLite works inside the ingest process


class PostgresTarget:
    """A schema of its own in the database at ``url``, dropped and created again for every fresh
    database; the URL handed to the registry sets ``search_path`` to it. Nothing else is touched."""

    name = "postgresql"

    def __init__(self, url: str):
        self.admin = make_engine(url)
        try:
            with self.admin.connect() as connection:
                self.server = connection.execute(text("SHOW server_version")).scalar()
        except Exception as error:
            sys.exit(f"bench: cannot connect to PostgreSQL at {make_url(url).render_as_string()}: {error}")
        parsed = make_url(url)
        options = " ".join(filter(None, [parsed.query.get("options"), f"-csearch_path={PG_SCHEMA}"]))
        self.url = parsed.update_query_dict({"options": options}).render_as_string(hide_password=False)
        self.postmaster = self._local_postmaster()

    def fresh(self) -> str:
        with self.admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE"))
            connection.execute(text(f"CREATE SCHEMA {PG_SCHEMA}"))
        self.admin.dispose()   # no connection open in this process when ingest forks its workers
        return self.url

    def close(self) -> None:
        with self.admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE"))
        self.admin.dispose()

    def _local_postmaster(self) -> int | None:
        """The server's main process when it runs on this machine (its backends are its children)."""
        host = make_url(self.url).host
        if host not in (None, "", "localhost", "127.0.0.1", "::1") and not host.startswith("/"):
            return None
        with self.admin.connect() as connection:
            backend = connection.execute(text("SELECT pg_backend_pid()")).scalar()
        stat = _proc_stat(backend)
        self.admin.dispose()
        parent = int(stat[1]) if stat else None
        try:
            return parent if parent and "postgres" in Path(f"/proc/{parent}/cmdline").read_text() else None
        except OSError:
            return None

    def server_cpu_s(self) -> float | None:
        """CPU seconds of the server so far: the postmaster, the backends it has reaped, the live ones;
        None when the server is not on this machine."""
        if self.postmaster is None or (main := _proc_stat(self.postmaster)) is None:
            return None
        total = sum(int(v) for v in main[11:15])   # utime, stime, cutime, cstime
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and (stat := _proc_stat(int(entry.name))) and int(stat[1]) == self.postmaster:
                total += int(stat[11]) + int(stat[12])
        return total / os.sysconf("SC_CLK_TCK")


def _proc_stat(pid: int) -> list[str] | None:
    """/proc/PID/stat after the command name: [state, ppid, ...]; utime is [11]."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


# ---------------------------------------------------------------- measuring


def busy_cpu_s() -> tuple[float, float]:
    """CPU seconds all cores spent busy since boot (user, nice, system, irq, softirq) and stolen
    by the hypervisor, from /proc/stat; zeros where there is none."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(v) for v in stat.readline().split()[1:9]]
    except (OSError, ValueError):
        return 0.0, 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    tick = os.sysconf("SC_CLK_TCK")
    return (user + nice + system + irq + softirq) / tick, steal / tick


def children_cpu_s() -> float:
    """CPU seconds of the children that have ended (ingest's worker pool is joined before it returns)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_ingest(target, paths: list[Path], url: str, **options) -> tuple[BatchReport, dict]:
    """One ``ingest_paths`` call: its report, wall seconds, CPU seconds of this process (the writer),
    of its workers and of the database server, and busy CPU seconds of the whole machine meanwhile.
    ``cpu_s`` is all the CPU the ingest took: writer + workers + server (where it can be read)."""
    busy, steal = busy_cpu_s()
    server, children = target.server_cpu_s(), children_cpu_s()
    own, wall = time.process_time(), time.perf_counter()
    report = ingest_paths(paths, url, progress=False, **options)
    wall, own = time.perf_counter() - wall, time.process_time() - own
    time.sleep(0.05)   # the server reaps the backends of the connections ingest closed
    children, server_end = children_cpu_s() - children, target.server_cpu_s()
    server = server_end - server if server is not None and server_end is not None else 0.0
    busy_end, steal_end = busy_cpu_s()
    return report, {"s": wall, "cpu_s": own + children + server, "own_cpu_s": own, "worker_cpu_s": children,
                    "server_cpu_s": server, "machine_busy_s": busy_end - busy, "steal_s": steal_end - steal}


def replay(records: dict[str, Extracted]):
    """An ``Extraction`` that hands back records extracted beforehand: ingest with no extraction cost."""
    def extraction(todo: list[Path], received) -> Iterator[Extracted]:
        for path in todo:
            yield records[str(path)]
    return extraction


def check(report: BatchReport, outcome: str, what: str) -> None:
    """A pass that did not do all it should measures something else: stop with what went wrong."""
    if getattr(report, outcome) != report.files or report.failed:
        errors = "; ".join(f"{path}: {reason}" for path, reason in report.errors[:3])
        sys.exit(f"bench: {what}: expected {report.files} {outcome}, got: {report.summary()} {errors}")


@dataclass
class Passes:
    """Raw figures of one backend: per pass kind, one dict of timings per repeat."""

    first: dict[int, list[dict]]
    second: dict[int, list[dict]]
    write_only: list[dict]
    schema_s: list[float]


def fresh_database(target, passes: Passes) -> str:
    """An empty database with the registry's schema (timed apart: ingest then only checks it)."""
    url = target.fresh()
    start = time.perf_counter()
    upgrade(url)
    passes.schema_s.append(time.perf_counter() - start)
    return url


def warm_up(target, paths: list[Path], records: dict[str, Extracted]) -> None:
    """Untimed: each kind of pass once on a few letters (imports, data files, SQLAlchemy's caches)."""
    for workers in WORKERS:
        url = target.fresh()
        ingest_paths(paths[:WARM_LETTERS], url, workers=workers, progress=False)
        ingest_paths(paths[:WARM_LETTERS], url, workers=workers, progress=False)
    ingest_paths(paths[:WARM_LETTERS], target.fresh(), extraction=replay(records), progress=False)


def bench_backend(target, paths: list[Path], records: dict[str, Extracted], repeats: int) -> dict:
    """Every repeat: for 1 and 2 workers (order alternating) a first pass into a fresh database and
    a second pass over it, then the writes alone into another fresh database."""
    load_start = os.getloadavg()
    warm_up(target, paths, records)
    passes = Passes({w: [] for w in WORKERS}, {w: [] for w in WORKERS}, [], [])
    for repeat in range(repeats):
        for workers in WORKERS if repeat % 2 == 0 else WORKERS[::-1]:
            what = f"{len(paths)} letters into {target.name}, {workers} worker(s)"
            url = fresh_database(target, passes)
            report, figures = timed_ingest(target, paths, url, workers=workers)
            check(report, "added", what)
            passes.first[workers].append(figures)
            report, figures = timed_ingest(target, paths, url, workers=workers)
            check(report, "skipped", f"second pass of {what}")
            passes.second[workers].append(figures)
        report, figures = timed_ingest(target, paths, fresh_database(target, passes), extraction=replay(records))
        check(report, "added", f"writes alone of {len(paths)} records into {target.name}")
        passes.write_only.append(figures)
    return derive(passes, len(paths), load_start)


def derive(passes: Passes, letters: int, load_start: tuple) -> dict:
    """Medians, and ratios taken within each repeat, from the raw figures."""
    def column(rows: list[dict], key: str) -> list[float]:
        return [row[key] for row in rows]

    def rate(rows: list[dict]) -> dict:
        wall = column(rows, "s")
        return {"letters_per_s": letters / median(wall), "median_s": median(wall),
                "letters_per_cpu_s": letters / median(column(rows, "cpu_s")),
                "cores_used": paired_ratio(column(rows, "cpu_s"), wall),
                "machine_cores_busy": paired_ratio(column(rows, "machine_busy_s"), wall),
                "others_cores": median([max(0.0, r["machine_busy_s"] - r["cpu_s"]) / r["s"] for r in rows]),
                "raw": rows}

    base, top = min(WORKERS), max(WORKERS)
    return {"letters": letters, "load_average_start": load_start, "load_average_end": os.getloadavg(),
            "schema_s": passes.schema_s,
            "first": {str(w): rate(rows) for w, rows in passes.first.items()},
            "second": {str(w): rate(rows) for w, rows in passes.second.items()},
            "write_only": rate(passes.write_only),
            "speedup": paired_ratio(column(passes.first[base], "s"), column(passes.first[top], "s")),
            "write_share": paired_ratio(column(passes.write_only, "s"), column(passes.first[base], "s")),
            "speedup_ceiling": median([ceiling(one, many, top) for one, many in
                                       zip(passes.first[base], passes.first[top])])}


def ceiling(one: dict, many: dict, workers: int) -> float:
    """The speed-up the CPU seconds of one repeat allow on this machine's cores with nothing else
    running: the 1-worker pass on one core against the many-worker pass, whose wall is at least its
    CPU spread over the cores, its writer's CPU with the server's (the writer waits for each
    statement) and its workers' CPU over their number."""
    cores = len(os.sched_getaffinity(0))
    writer = many["own_cpu_s"] + many["server_cpu_s"]
    return one["cpu_s"] / max(many["cpu_s"] / cores, writer, many["worker_cpu_s"] / workers)


# ------------------------------------------------------------------- a run


def machine() -> dict:
    """bench/run.py's machine, with the database packages instead of the PDF ones."""
    info = extraction_bench.machine()
    info["packages"] = {name: _version(name) for name in PACKAGES}
    try:
        info["sched_autogroup"] = Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip() == "1"
    except OSError:
        info["sched_autogroup"] = None
    return info


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def extract_all(paths: list[Path]) -> tuple[dict[str, Extracted], dict]:
    """Every letter extracted once in this process (after a few untimed), for the write-only passes."""
    for path in paths[:WARM_LETTERS]:
        extract_file(str(path), None)
    cpu, wall = time.process_time(), time.perf_counter()
    records = {str(path): extract_file(str(path), None) for path in paths}
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    failed = [(path, reason) for path, record, reason in records.values() if record is None]
    if failed:
        sys.exit(f"bench: {len(failed)} letter(s) gave no record, first {failed[0][0]}: {failed[0][1]}")
    return records, {"s": wall, "cpu_s": cpu, "letters_per_s": len(paths) / wall}


def run(args: argparse.Namespace) -> dict:
    settings, started = args.settings, time.perf_counter()
    result = {"machine": machine(), "settings": settings, "backends": {}}
    with tempfile.TemporaryDirectory(prefix="congvan-bench-ingest-") as tmp:
        targets = [] if args.no_sqlite else [SqliteTarget(Path(tmp))]
        if args.pg:   # connect first: a wrong URL fails before the slow part
            targets.append(PostgresTarget(args.pg))
            result["machine"]["postgresql"] = targets[-1].server
            result["machine"]["postgresql_cpu_counted"] = targets[-1].postmaster is not None
        paths = write_variants(Path(tmp) / "letters", settings["letters"], corpus_paths())
        _say(f"extract: {len(paths)} letters once, for the write-only passes")
        records, result["extract_once"] = extract_all(paths)
        for target in targets:
            _say(f"{target.name}: {len(paths)} letters, workers {WORKERS} x {settings['repeats']}")
            try:
                result["backends"][target.name] = bench_backend(target, paths, records, settings["repeats"])
            finally:
                target.close()
    result["machine"]["load_average_end"] = os.getloadavg()
    result["elapsed_s"] = time.perf_counter() - started
    result["notes"] = notes(result)
    return result


def notes(result: dict) -> list[str]:
    """What makes the figures of this run less trustworthy than they look."""
    m, out = result["machine"], []
    others = {name: max(b["first"][w]["others_cores"] for w in b["first"]) for name, b in result["backends"].items()}
    load = m["load_average_start"][0]
    if load > 1:
        out.append(f"load average {load:.2f} at start (> 1): the speed-up is not trustworthy when other processes "
                   f"hold cores. During the first passes they kept up to {max(others.values()):.2f} core(s) busy "
                   "('others'; the 1-minute load average also remembers the minute before this run). Read the "
                   "'ceiling' (from CPU seconds) beside the speed-up, or measure again on a quiet machine")
    out += [f"{name}: other processes kept {busy:.1f} core(s) busy during the first passes"
            for name, busy in others.items() if busy > 0.5]
    if m.get("postgresql_cpu_counted") is False:
        out.append("postgresql: the server is not on this machine, its CPU is left out of 'cores used', "
                   "'letters/cpu-s' and 'ceiling' and counted in 'others'")
    if m.get("sched_autogroup") and out:
        out.append("sched_autogroup is on: this run and its workers share one session's CPU share, so on a "
                   "busy machine 2 workers get little more CPU than 1")
    return out


def _say(message: str) -> None:
    print(f"... {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------- output


COLUMNS = (  # key, header, format; "-" where a figure does not apply
    ("letters_per_s", "letters/s", ".1f"), ("letters_per_cpu_s", "letters/cpu-s", ".1f"),
    ("speedup", "speed-up", ".2f"), ("ceiling", "ceiling", ".2f"), ("cores_used", "cores used", ".2f"),
    ("others", "others", ".2f"), ("second_ms", "2nd pass ms", ".0f"), ("db_share", "db share", ".0%"))


def rows(result: dict) -> list[dict]:
    """One row per backend and pass kind, with the figures of COLUMNS."""
    out = []
    for name, b in result["backends"].items():
        for w in WORKERS:
            first = b["first"][str(w)]
            out.append({"backend": name, "pass": f"{w} worker{'s' if w > 1 else ''}", **_common(first),
                        "speedup": b["speedup"] if w > 1 else 1.0, "ceiling": b["speedup_ceiling"] if w > 1 else None,
                        "second_ms": b["second"][str(w)]["median_s"] * 1000})
        out.append({"backend": name, "pass": "writes alone", **_common(b["write_only"]), "db_share": b["write_share"]})
    return out


def _common(figures: dict) -> dict:
    return {"letters_per_s": figures["letters_per_s"], "letters_per_cpu_s": figures["letters_per_cpu_s"],
            "cores_used": figures["cores_used"], "others": figures["others_cores"]}


def table(result: dict) -> str:
    m, s, once = result["machine"], result["settings"], result["extract_once"]
    out = [f"congvan ingest benchmark: {s['letters']} letters, medians of {s['repeats']} repeat(s); each ratio is "
           f"the median of per-repeat ratios; {result['elapsed_s']:.0f} s",
           f"machine: {m['usable_cores']}/{m['cores']} cores, {m['cpu']}, {m['implementation']} {m['python']}, "
           f"{m['platform']}; load {_load(m['load_average_start'])} -> {_load(m['load_average_end'])}; "
           f"git {m['git']}" + (f"; PostgreSQL {m['postgresql']}" if "postgresql" in m else ""),
           f"extract once (1 process, no database, one pass): {once['letters_per_s']:.1f} letters/s, "
           f"{s['letters'] / once['cpu_s']:.1f} letters/cpu-s", "",
           f"{'INGEST: ingest_paths, fresh db':32}"
           + "".join(f"{header:>{_width(header)}}" for _, header, _ in COLUMNS)]
    for row in rows(result):
        out.append(f"  {row['backend'] + ' ' + row['pass']:30}"
                   + "".join(f"{_cell(row.get(key), spec):>{_width(header)}}" for key, header, spec in COLUMNS))
    for name, b in result["backends"].items():
        out.append(f"  {name}: load {_load(b['load_average_start'])} -> {_load(b['load_average_end'])}; "
                   f"schema creation {median(b['schema_s']) * 1000:.0f} ms (not in the figures)")
    out += [f"NOTE: {note}" for note in result["notes"]]
    return "\n".join(out)


def markdown(result: dict) -> str:
    m, s = result["machine"], result["settings"]
    out = ["| backend | pass | " + " | ".join(header for _, header, _ in COLUMNS) + " |",
           "|---|---|" + "---:|" * len(COLUMNS)]
    for row in rows(result):
        out.append(f"| {row['backend']} | {row['pass']} | "
                   + " | ".join(_cell(row.get(key), spec) for key, _, spec in COLUMNS) + " |")
    out.append(f"\n{s['letters']} letters, medians of {s['repeats']} repeats, {m['usable_cores']} cores, "
               f"load {_load(m['load_average_start'])} -> {_load(m['load_average_end'])}, git {m['git']}.")
    return "\n".join(out)


def _width(header: str) -> int:
    return max(len(header) + 2, 9)


def _cell(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def _load(values) -> str:
    return "/".join(f"{v:.2f}" for v in values)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    result = run(args)
    print(table(result))
    if args.markdown:
        print("\n" + markdown(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"figures and raw timings: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
