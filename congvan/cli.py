"""The ``congvan`` command: thin front ends over the library calls."""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import click

from congvan import batch, tables
from pipeline.evaluate import format_ablation, format_report
from pipeline.run import use_model
from schemas import json_schema


@click.group()
@click.version_option(package_name="congvan")
def main() -> None:
    """Vietnamese official letters to validated JSON records and a registry of the tasks they assign."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write one NAME.json per input here (and errors.jsonl for the failures).")
@click.option("--jsonl", is_flag=True, help="One JSON record per line (to --out/records.jsonl or stdout).")
@click.option("--received", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Day the letters were received (YYYY-MM-DD): resolves deadlines counted from receipt.")
def extract(paths: tuple[Path, ...], out_dir: Path | None, jsonl: bool, received) -> None:
    """Extract the record of each letter in PATHS (files or folders)."""
    inputs = batch.expand(paths)
    failures = batch.extract_to(inputs, out_dir, jsonl, stdout=sys.stdout,
                                received=received.date() if received else None)
    for failure in failures:
        click.echo(str(failure), err=True)
    if out_dir is not None:
        click.echo(f"{len(inputs) - len(failures)} records, {len(failures)} errors written to {out_dir}", err=True)
    sys.exit(1 if failures else 0)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the record."""
    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


@main.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--text-dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder with the letter of each gold NAME.json (NAME.txt, NAME.pdf ...).")
@click.option("--pred-dir", type=click.Path(file_okay=False, path_type=Path), help="Also keep the predictions here.")
@click.option("--fields", help="Comma-separated header fields to score (default: all).")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here.")
@click.option("--baseline", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Fail (exit 1) when a metric falls below its floor in this file.")
@click.option("--verbose", is_flag=True, help="List every miss.")
@click.option("--ablation", is_flag=True,
              help="Also score rules only and rules plus the obligation model, side by side.")
def evaluate(gold_dir, text_dir, pred_dir, fields, json_out, baseline, verbose, ablation) -> None:
    """Run the pipeline on TEXT_DIR and score it against GOLD_DIR."""
    report = batch.evaluate_corpus(gold_dir, text_dir, pred_dir, fields.split(",") if fields else None)
    click.echo(format_report(report, verbose))
    if ablation:
        runs = {}
        for name, on in (("rules", False), ("rules_plus_model", True)):
            with use_model(on):
                runs[name] = batch.evaluate_corpus(gold_dir, text_dir, None, fields.split(",") if fields else None)
        click.echo(format_ablation(runs["rules"], runs["rules_plus_model"]))
        report = {**report, "ablation": runs}
    if json_out:
        json_out.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    if baseline:
        below = batch.below_floors(report, json.loads(baseline.read_text(encoding="utf-8")))
        for line in below:
            click.echo(f"below floor: {line}", err=True)
        sys.exit(1 if below else 0)


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Default: models/obligations.")
@click.option("--seed", default=0, show_default=True, help="The same seed and corpus give the same weights.")
@click.option("--max-steps", default=4000, show_default=True, help="Training steps (about 26 min on 2 cores).")
def train(out, seed, max_steps) -> None:
    """Train the obligation model on corpus/letters + corpus/gold (never on the evaluation set)."""
    from congvan.train import train as train_model
    from extractors.model import DEFAULT_PATH
    metrics = train_model(out or DEFAULT_PATH, seed, max_steps=max_steps)
    click.echo(json.dumps({k: v for k, v in metrics.items() if k != "dev_letters"}, ensure_ascii=False, indent=2))


@main.command()
@click.argument("records_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
def summary(records_dir: Path) -> None:
    """Print a table of the records in RECORDS_DIR (what `extract --out` wrote)."""
    click.echo(batch.summary_table(records_dir))


DATE = click.DateTime(formats=["%Y-%m-%d"])
DB_OPTION = click.option("--db", default=lambda: os.environ.get("CONGVAN_DB", "sqlite:///congvan.db"),
                         show_default="$CONGVAN_DB or sqlite:///congvan.db",
                         help="Registry database URL (sqlite:///FILE or postgresql+psycopg://USER@HOST/DB).")


def _registry(db: str):
    from registry import Registry   # the registry's imports (SQLAlchemy, Alembic) only for its commands
    return Registry(db)


def _filters(assignee, due_within, overdue, status, document, today) -> dict:
    try:
        within = tables.parse_within(due_within) if due_within else None
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--due-within") from None
    return {"assignee": assignee, "due_within": within, "overdue": True if overdue else None,
            "status": list(status) or None, "document": document, "today": today.date() if today else None}


def _task_filters(command):
    for option in reversed((
        click.option("--assignee", help="Words of the agency's name or of a name it was printed as."),
        click.option("--due-within", help="Due from today to today + this span: 7d, 2w, 1m."),
        click.option("--overdue", is_flag=True, help="Only tasks past their due date and not done."),
        click.option("--status", multiple=True, type=click.Choice(["open", "in_progress", "done", "cancelled"]),
                     help="Only tasks in this status (repeatable)."),
        click.option("--document", help="Only the tasks of this letter (number/symbol or record id)."),
        click.option("--today", type=DATE, help="Count overdue and due-within from this day (YYYY-MM-DD)."),
    )):
        command = option(command)
    return command


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@DB_OPTION
@click.option("--received", type=DATE, help="Day the letters were received: relative deadlines count from it.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1), help="Extraction processes.")
@click.option("--dask", "scheduler", metavar="ADDRESS",
              help="Extract on this Dask distributed scheduler (tcp://HOST:8786) instead of local processes.")
@click.option("--refresh", is_flag=True, help="Extract again letters already in the registry.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def ingest(paths, db, received, workers, scheduler, refresh, quiet) -> None:
    """Extract the letters in PATHS (files or folders) into the task registry.

    Idempotent and resumable: a letter already there is skipped, an improved
    extraction updates the machine's fields and keeps analysts' corrections."""
    from registry import ClusterError
    if scheduler and workers > 1:
        raise click.UsageError("--workers counts local processes; with --dask the cluster's workers extract")
    options = {"dask": scheduler} if scheduler else {}
    with _registry(db) as registry:
        try:
            report = registry.ingest(paths, received=received.date() if received else None, workers=workers,
                                     progress=not quiet, refresh=refresh, **options)
        except ClusterError as error:
            raise click.ClickException(f"Dask cluster {scheduler}: {error}") from None
    for path, reason in report.errors:
        click.echo(f"error: {path}: {reason}", err=True)
    click.echo(report.summary(), err=True)
    click.echo(f"registry: {db}", err=True)
    sys.exit(1 if report.failed else 0)


@main.command()
@DB_OPTION
@_task_filters
@click.option("--format", "fmt", type=click.Choice(sorted(tables.FORMATS)), default="table", show_default=True)
@click.option("--brief", is_flag=True, help="Table: one line per row, long cells cut.")
def tasks(db, assignee, due_within, overdue, status, document, today, fmt, brief) -> None:
    """List the registry's tasks, one row per task and agency, soonest deadline first."""
    with _registry(db) as registry:
        rows = registry.tasks(**_filters(assignee, due_within, overdue, status, document, today))
    click.echo(tables.as_table(rows, brief=brief) if fmt == "table" else tables.FORMATS[fmt](rows))


@main.command()
@click.argument("task_id")
@DB_OPTION
@click.option("--status", type=click.Choice(["open", "in_progress", "done", "cancelled"]),
              help="Move the task to this status.")
@click.option("--who", default=lambda: os.environ.get("USER", "cli"), show_default="$USER",
              help="Name kept in the audit log.")
def task(task_id, db, status, who) -> None:
    """Show one task (number or obligation id) and its history, or change its status."""
    from registry import TransitionError
    key = int(task_id) if task_id.isdigit() else task_id
    with _registry(db) as registry:
        try:
            if status:
                before = registry.set_status(key, status, who)
                click.echo(f"task {task_id}: {before} -> {status}")
            rows = [r for r in registry.tasks(include_removed=True)
                    if str(r.task_id) == task_id or r.obligation_key == task_id]
            if not status:
                click.echo(tables.as_table(rows))
                click.echo("history:")
                for entry in registry.history(key):
                    click.echo(f"  {entry.at:%Y-%m-%d %H:%M} {entry.who}: {entry.field or entry.table_name} "
                               f"{entry.old or ''} -> {entry.new or ''}")
        except (LookupError, TransitionError) as error:
            raise click.ClickException(str(error)) from None


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@DB_OPTION
@_task_filters
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "ics"]),
              help="Default: from PATH's suffix.")
def export(path, db, assignee, due_within, overdue, status, document, today, fmt) -> None:
    """Write the tasks to PATH as CSV, an Excel sheet, or an iCalendar file (one event per due date)."""
    with _registry(db) as registry:
        written = registry.export(path, fmt, **_filters(assignee, due_within, overdue, status, document, today))
    click.echo(f"{written} written to {path}", err=True)
