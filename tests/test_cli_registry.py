"""The registry commands of ``congvan``: ingest, tasks, task, export (on SQLite in tmp_path)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from congvan.cli import main
from congvan.tables import parse_within
from tests.test_cli import LETTER_A, LETTER_B


@pytest.fixture
def db(tmp_path: Path) -> str:
    letters = tmp_path / "in"
    letters.mkdir()
    (letters / "a.txt").write_text(LETTER_A, encoding="utf-8")
    (letters / "b.txt").write_text(LETTER_B, encoding="utf-8")
    (letters / "empty.txt").write_text("", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'reg.db'}"
    result = CliRunner().invoke(main, ["ingest", str(letters), "--db", url, "--quiet", "--received", "2024-05-21"])
    assert result.exit_code == 1, result.output          # one bad file: the batch ends, and says so
    assert "empty.txt" in result.output and "2 added" in result.output
    return url


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_ingest_twice_adds_nothing(db, tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "--db", db, "--quiet"])
    assert "0 added" in result.output and "2 already in the registry" in result.output


def test_tasks_as_json_carry_agency_deadline_and_letter(db):
    rows = json.loads(run("tasks", "--db", db, "--format", "json"))
    lead = [r for r in rows if r["agency"] == "Sở Lao động - Thương binh và Xã hội"]
    assert lead and lead[0]["due"] == "2024-07-15" and lead[0]["document_number"] == "1532/UBND-KGVX"
    assert lead[0]["status"] == "open" and lead[0]["role"] == "lead"


def test_tasks_filters(db):
    everything = json.loads(run("tasks", "--db", db, "--format", "json"))
    overdue = json.loads(run("tasks", "--db", db, "--format", "json", "--overdue", "--today", "2024-08-01"))
    soon = json.loads(run("tasks", "--db", db, "--format", "json", "--due-within", "8w", "--today", "2024-06-01"))
    mine = json.loads(run("tasks", "--db", db, "--format", "json", "--assignee", "Lao động"))
    assert everything and {r["task_id"] for r in overdue} <= {r["task_id"] for r in everything}
    assert all(r["due"] <= "2024-07-27" for r in soon) and any(r["due"] == "2024-07-15" for r in soon)
    assert mine and all("Lao động" in r["agency"] for r in mine)
    assert 0 < len(mine) < len(everything)


def test_tasks_table_and_csv(db):
    table = run("tasks", "--db", db, "--brief")
    assert "Sở Lao động" in table and "15/07/2024" in table and table.splitlines()[0].startswith("#")
    rows = list(csv.DictReader(io.StringIO(run("tasks", "--db", db, "--format", "csv"))))
    assert rows and rows[0]["task_id"] and "due" in rows[0]


def test_task_status_moves_and_is_audited(db):
    task_id = str(json.loads(run("tasks", "--db", db, "--format", "json"))[0]["task_id"])
    refused = CliRunner().invoke(main, ["task", task_id, "--db", db, "--status", "done"])
    assert refused.exit_code != 0 and "in_progress" in refused.output
    assert "open -> in_progress" in run("task", task_id, "--db", db, "--status", "in_progress", "--who", "lan")
    shown = run("task", task_id, "--db", db)
    assert "in_progress" in shown and "lan: status" in shown


def test_unknown_task_is_a_clear_error(db):
    result = CliRunner().invoke(main, ["task", "99999", "--db", db])
    assert result.exit_code != 0 and "99999" in result.output


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "ics"])
def test_export(db, tmp_path, suffix):
    target = tmp_path / f"tasks.{suffix}"
    output = run("export", str(target), "--db", db)
    assert target.stat().st_size > 0 and "written" in output
    if suffix == "ics":
        assert "BEGIN:VEVENT" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(("text", "days"), [("7d", 7), ("2w", 14), ("1m", 30), ("10", 10)])
def test_parse_within(text, days):
    assert parse_within(text).days == days


def test_bad_due_within_is_a_usage_error(db):
    result = CliRunner().invoke(main, ["tasks", "--db", db, "--due-within", "soon"])
    assert result.exit_code == 2 and "7d" in result.output
