"""Golden tests: the project's own letters (corpus/letters) against their gold records.

Header fields are compared field by field, as the scorer compares them.
The misses the pipeline is known to make are listed in
tests/golden_misses.json: a new miss fails, and so does a listed miss that
is fixed (so the list never goes stale). CONGVAN_UPDATE_GOLDEN=1 rewrites
the list, and the run then fails until the flag is unset.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline.evaluate import FIELD_KEYS, evaluate
from pipeline.run import extract_path

ROOT = Path(__file__).resolve().parents[1]
LETTERS, GOLD = ROOT / "corpus" / "letters", ROOT / "corpus" / "gold"
MISSES_FILE = Path(__file__).parent / "golden_misses.json"
FLOORS_FILE = Path(__file__).parent / "golden_floors.json"
UPDATE = os.environ.get("CONGVAN_UPDATE_GOLDEN") == "1"
NAMES = sorted(p.stem for p in GOLD.glob("*.json"))
_RECORDS: dict[str, dict] = {}


def record(name: str) -> dict:
    if name not in _RECORDS:
        _RECORDS[name] = json.loads(extract_path(LETTERS / f"{name}.txt").model_dump_json())
    return _RECORDS[name]


def header_misses(name: str) -> dict[str, str]:
    gold = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
    pred = record(name)
    return {f: repr(key(pred)) for f, key in FIELD_KEYS.items() if key(gold) != key(pred)}


def test_corpus_has_the_letters_of_its_gold():
    assert len(NAMES) >= 30
    assert all((LETTERS / f"{n}.txt").exists() for n in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_header_fields_match_gold(name):
    known = json.loads(MISSES_FILE.read_text(encoding="utf-8")) if MISSES_FILE.exists() else {}
    misses = header_misses(name)
    if UPDATE:
        known = {k: v for k, v in known.items() if k != name}
        if misses:
            known[name] = misses
        MISSES_FILE.write_text(json.dumps(dict(sorted(known.items())), ensure_ascii=False, indent=1) + "\n",
                               encoding="utf-8")
        return
    assert misses == known.get(name, {})


def test_lists_stay_above_their_floors():
    floors = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))
    report = evaluate(GOLD, record)
    for name, floor in floors.items():
        assert report["lists"][name]["f1"] >= floor, f"{name} F1 {report['lists'][name]['f1']:.3f} < {floor}"


def test_update_flag_is_off():
    assert not UPDATE, "golden misses were rewritten: review git diff tests/golden_misses.json, then unset CONGVAN_UPDATE_GOLDEN"
