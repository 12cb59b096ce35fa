"""``congvan train`` and ``congvan eval --ablation``."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

import congvan.train
from congvan.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_train_writes_to_the_default_model_folder_with_the_seed(monkeypatch):
    calls = []

    def fake_train(out, seed, max_steps=4000):
        calls.append((Path(out), seed, max_steps))
        return {"seed": seed, "textcat_accuracy": 0.9, "dev_letters": ["kh-001"]}

    monkeypatch.setattr(congvan.train, "train", fake_train)
    result = CliRunner().invoke(main, ["train", "--seed", "3", "--max-steps", "10"])
    assert result.exit_code == 0, result.output
    assert calls == [(ROOT / "models" / "obligations", 3, 10)]
    assert json.loads(result.output) == {"seed": 3, "textcat_accuracy": 0.9}


def test_eval_ablation_reports_rules_and_rules_plus_model(tmp_path):
    gold, text = tmp_path / "gold", tmp_path / "text"
    gold.mkdir(), text.mkdir()
    for name in ("cv-001", "kh-001"):
        shutil.copy(ROOT / "corpus" / "gold" / f"{name}.json", gold)
        shutil.copy(ROOT / "corpus" / "letters" / f"{name}.txt", text)
    out = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["eval", str(gold), "--text-dir", str(text), "--ablation", "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "rules   rules+model" in result.output and "obligations f1" in result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report["ablation"]) == {"rules", "rules_plus_model"}
    assert report["ablation"]["rules"]["documents"] == 2
