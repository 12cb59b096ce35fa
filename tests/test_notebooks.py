"""The notebooks in notebooks/ are run here, so they cannot rot unnoticed.

Each one is executed with nbclient (kernel ``python3`` of this venv) in a temporary folder, against a
registry built from 20 corpus letters with a fixed "today", one task done and one in progress. It must
run without an error or anything on stderr, show one PNG per ``plt.show()`` and only non-empty tables.
"""
from __future__ import annotations

import base64
import datetime as dt
import io
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from PIL import Image

from registry import Registry

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
LETTERS = sorted((ROOT / "corpus" / "letters").glob("*.txt"))[:20]
# The first 20 letters run from 2015 to 2026: on this day some of their tasks are overdue, some still ahead.
TODAY = dt.date(2025, 11, 3)


@pytest.fixture(scope="module")
def registry_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('registry') / 'registry.db'}"
    with Registry(url) as registry:
        report = registry.ingest(LETTERS, progress=False)
        assert report.added == len(LETTERS) and not report.failed, report.errors
        overdue = registry.tasks(overdue=True, today=TODAY)
        ahead = [row for row in registry.tasks(status="open", overdue=False, today=TODAY) if row.due]
        assert overdue and ahead, f"the letters give no overdue or no coming task on {TODAY}: pick another day"
        done, started = overdue[-1].task_id, ahead[0].task_id
        registry.set_status(done, "in_progress", who="test")
        registry.set_status(done, "done", who="test")
        registry.set_status(started, "in_progress", who="test")
    return url


def test_there_are_notebooks():
    assert NOTEBOOKS, f"no notebook in {ROOT / 'notebooks'}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    dirty = [i for i, cell in enumerate(notebook.cells)
             if cell.cell_type == "code" and (cell.outputs or cell.execution_count)]
    assert not dirty, f"{path.name}: cells {dirty} have outputs; clear them before committing (notebooks/README.md)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_and_shows_its_figures_and_tables(path, registry_url, tmp_path, monkeypatch):
    monkeypatch.setenv("CONGVAN_DB", registry_url)
    monkeypatch.setenv("CONGVAN_TODAY", TODAY.isoformat())
    # No display in CI: without the notebook's `%matplotlib inline` (Agg rendering into PNG outputs),
    # figures would be drawn nowhere and the PNG counts below would fail.
    monkeypatch.setenv("MPLBACKEND", "Agg")
    workdir = tmp_path / "notebooks"  # its parent holds no congvan.db for the notebook's default URL to find
    workdir.mkdir()
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, kernel_name="python3", timeout=120,
                   resources={"metadata": {"path": str(workdir)}}).execute()

    cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    stderr = [out.text for cell in cells for out in cell.outputs if out.get("name") == "stderr"]
    assert not stderr, f"{path.name} wrote to stderr:\n" + "\n".join(stderr)
    shown = 0
    for cell in cells:
        pngs = [out.data["image/png"] for out in cell.outputs if "image/png" in out.get("data", {})]
        assert len(pngs) == cell.source.count("plt.show()"), (
            f"{path.name}: {len(pngs)} PNG outputs where the cell calls plt.show() "
            f"{cell.source.count('plt.show()')} times (show each figure with plt.show()):\n{cell.source}")
        assert all(_has_colour(png) for png in pngs), f"{path.name}: a figure with nothing drawn:\n{cell.source}"
        shown += len(pngs)
    assert shown, f"{path.name} shows no figure"
    tables = [out.data["text/html"] for cell in cells for out in cell.outputs
              if "<table" in out.get("data", {}).get("text/html", "")]
    assert tables, f"{path.name} shows no table"
    empty = [table for table in tables if not re.search(r"<tbody>\s*<tr", table)]
    assert not empty, f"{path.name} shows {len(empty)} empty table(s)"


def _has_colour(png: str) -> bool:
    """A PNG with coloured marks (bars, lines) on at least 0.5% of it, not only black axes and text."""
    image = Image.open(io.BytesIO(base64.b64decode(png))).convert("RGB")
    colours = image.getcolors(maxcolors=image.width * image.height)
    coloured = sum(count for count, (r, g, b) in colours if max(r, g, b) - min(r, g, b) > 60)
    return coloured >= 0.005 * image.width * image.height
