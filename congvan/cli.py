"""The ``congvan`` command: thin front ends over the library calls."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from congvan import batch
from pipeline.evaluate import format_report
from schemas import json_schema


@click.group()
@click.version_option(package_name="congvan")
def main() -> None:
    """Vietnamese official letters to validated JSON records."""


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
def evaluate(gold_dir, text_dir, pred_dir, fields, json_out, baseline, verbose) -> None:
    """Run the pipeline on TEXT_DIR and score it against GOLD_DIR."""
    report = batch.evaluate_corpus(gold_dir, text_dir, pred_dir, fields.split(",") if fields else None)
    click.echo(format_report(report, verbose))
    if json_out:
        json_out.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    if baseline:
        below = batch.below_floors(report, json.loads(baseline.read_text(encoding="utf-8")))
        for line in below:
            click.echo(f"below floor: {line}", err=True)
        sys.exit(1 if below else 0)


@main.command()
@click.argument("records_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
def summary(records_dir: Path) -> None:
    """Print a table of the records in RECORDS_DIR (what `extract --out` wrote)."""
    click.echo(batch.summary_table(records_dir))
