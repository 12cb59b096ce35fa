"""Batch helpers behind the CLI: expanding inputs, writing records, scoring a corpus."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Iterable, TextIO

from pipeline.evaluate import evaluate
from pipeline.run import Failure, extract_batch

PREFERRED_SUFFIXES = (".txt", ".md", ".pdf", ".docx")


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given, folders as their files (recursively, hidden ones skipped), in order."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file() and not any(
                part.startswith(".") for part in p.relative_to(path).parts))
        else:
            out.append(path)
    return out


def output_names(paths: list[Path]) -> dict[Path, str]:
    """NAME.json per input, named after its stem; a clash keeps the suffix too ("a.pdf.json")."""
    names, used = {}, set()
    for path in paths:
        name = path.stem if path.stem not in used else path.name
        while name in used:
            name = f"{name}_"
        used.add(name)
        names[path] = name
    return names


def extract_to(paths: list[Path], out_dir: Path | None, jsonl: bool, stdout: TextIO,
               received: dt.date | None = None) -> list[Failure]:
    """Write each record (or error entry); return the failures."""
    names = output_names(paths)
    failures: list[Failure] = []
    lines = None
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        lines = (out_dir / "records.jsonl").open("w", encoding="utf-8") if jsonl else None
    elif jsonl:
        lines = stdout
    try:
        for path, result in zip(paths, extract_batch(paths, received)):
            if isinstance(result, Failure):
                failures.append(result)
                if lines is not None:
                    lines.write(json.dumps({"error": result.reason, "path": result.path}, ensure_ascii=False) + "\n")
                continue
            if lines is not None:
                lines.write(result.model_dump_json() + "\n")
            elif out_dir is not None:
                (out_dir / f"{names[path]}.json").write_text(result.model_dump_json(indent=2), encoding="utf-8")
            else:
                stdout.write(result.model_dump_json(indent=2) + "\n")
    finally:
        if lines is not None and lines is not stdout:
            lines.close()
    if out_dir is not None and failures:
        with (out_dir / "errors.jsonl").open("w", encoding="utf-8") as handle:
            for failure in failures:
                handle.write(json.dumps({"path": failure.path, "error": failure.reason}, ensure_ascii=False) + "\n")
    return failures


def find_input(text_dir: Path, name: str) -> Path | None:
    for suffix in PREFERRED_SUFFIXES:
        candidate = text_dir / f"{name}{suffix}"
        if candidate.exists():
            return candidate
    found = sorted(text_dir.glob(f"{name}.*"))
    return found[0] if found else None


def evaluate_corpus(gold_dir: Path, text_dir: Path, pred_dir: Path | None = None,
                    fields: list[str] | None = None) -> dict:
    """Extract the letter of every gold record and score the records."""
    names = [g.stem for g in sorted(gold_dir.glob("*.json"))]
    inputs = {name: find_input(text_dir, name) for name in names}
    present = [p for p in inputs.values() if p is not None]
    records = {}
    for path, result in zip(present, extract_batch(present)):
        if not isinstance(result, Failure):
            records[path] = json.loads(result.model_dump_json())
    if pred_dir is not None:
        pred_dir.mkdir(parents=True, exist_ok=True)
        for name, path in inputs.items():
            if path in records:
                (pred_dir / f"{name}.json").write_text(json.dumps(records[path], ensure_ascii=False, indent=1),
                                                       encoding="utf-8")
    return evaluate(gold_dir, lambda name: records.get(inputs.get(name)), fields)


def below_floors(report: dict, floors: dict) -> list[str]:
    """Metrics under their floor: ``floors`` maps "header_accuracy", "fields.NAME", "lists.NAME" to a minimum."""
    out = []
    for key, floor in floors.items():
        if key.startswith("_"):
            continue
        value = report
        for part in key.split("."):
            value = value[part]
        if isinstance(value, dict):
            value = value["f1"]
        if value + 1e-9 < floor:
            out.append(f"{key} = {value:.3f} < {floor:.3f}")
    return out


SUMMARY_COLUMNS = (("file", 14), ("type", 12), ("number", 18), ("issued", 10), ("issuer", 34), ("subject", 48))


def summary_table(records_dir: Path) -> str:
    """One line per record: file, type, number, date, issuer and subject, cut to the column widths."""
    rows = [[name for name, _ in SUMMARY_COLUMNS]]
    for path in sorted(records_dir.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        issued = record.get("issued") or {}
        date = issued.get("iso") or "-".join(str(issued.get(k) or "?") for k in ("year", "month", "day"))
        rows.append([path.stem, record.get("doc_type") or "", record.get("number_symbol") or "",
                     date if issued else "", (record.get("issuer") or {}).get("name") or "", record.get("subject") or ""])
    return "\n".join("  ".join(_cell(value, width) for value, (_, width) in zip(row, SUMMARY_COLUMNS)) for row in rows)


def _cell(value: str, width: int) -> str:
    value = str(value)
    return value.ljust(width) if len(value) <= width else value[: width - 1] + "…"
