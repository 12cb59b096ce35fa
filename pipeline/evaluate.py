"""Accuracy of predicted records against gold records.

The metrics are those of the project's reference scorer (``score.py`` beside
the evaluation corpus): header fields compared after folding case,
diacritics and the common abbreviations; recipients, distribution,
references and obligations matched one-to-one, best pairs first; a task
counts when a matched obligation has exactly the gold assignees and the gold
deadline (kind, due date, RRULE). A test checks that both give the same
numbers on the same predictions.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from extractors import lexicon

HEADER_FIELDS = ("issuer", "number", "symbol", "doc_type", "place", "issued", "subject", "urgency",
                 "signer_name", "signer_title", "signer_authority")
LISTS = ("recipients", "distribution", "references", "obligations", "tasks")


def fold(value) -> str:
    """Case and diacritics folded, punctuation (but / . -) to spaces, spaces collapsed."""
    if not value:
        return ""
    text = str(value).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    text = re.sub(r"[^\w/.-]+", " ", text.casefold())
    return re.sub(r"\s+", " ", text).strip(" .;:,-")


def name_key(value) -> str | None:
    key = fold(value)
    for short, long in lexicon.load("scoring")["abbreviations"].items():
        key = re.sub(rf"\b{short}\b", long, key)
    return key or None


def subject_key(value) -> str | None:
    if not value:
        return None
    text = unicodedata.normalize("NFC", str(value)).strip()
    text = re.sub(r"^(v\s*/\s*v|về\s+việc|về)(\s+|:)", "", text, flags=re.IGNORECASE)
    return fold(text) or None


def _get(record: dict, *path):
    for key in path:
        record = record.get(key) if isinstance(record, dict) else None
    return record


def _date_key(issued):
    if not isinstance(issued, dict):
        return None
    parts = (issued.get("year"), issued.get("month"), issued.get("day"))
    return parts if any(parts) else None


FIELD_KEYS: dict[str, Callable[[dict], object]] = {
    "issuer": lambda r: name_key(_get(r, "issuer", "name")),
    "number": lambda r: _get(r, "number"),
    "symbol": lambda r: fold(_get(r, "symbol")).replace(" ", "") or None,
    "doc_type": lambda r: _get(r, "doc_type"),
    "place": lambda r: fold(_get(r, "place")) or None,
    "issued": lambda r: _date_key(_get(r, "issued")),
    "subject": lambda r: subject_key(_get(r, "subject")),
    "urgency": lambda r: _get(r, "urgency"),
    "signer_name": lambda r: fold(_get(r, "signer", "name")) or None,
    "signer_title": lambda r: fold(_get(r, "signer", "title")) or None,
    "signer_authority": lambda r: _get(r, "signer", "authority") or None,
}


def token_f1(a, b) -> float:
    """Harmonic mean of token precision and recall between two strings (b is the prediction)."""
    gold, pred = fold(a).split(), fold(b).split()
    if not gold or not pred:
        return 0.0
    pool: dict[str, int] = {}
    for token in gold:
        pool[token] = pool.get(token, 0) + 1
    overlap = 0
    for token in pred:
        if pool.get(token, 0):
            overlap += 1
            pool[token] -= 1
    if not overlap:
        return 0.0
    precision, recall = overlap / len(pred), overlap / len(gold)
    return 2 * precision * recall / (precision + recall)


def pair_up(gold: list, pred: list, similarity, threshold: float) -> list[tuple]:
    """One-to-one pairs, most similar first, above the threshold."""
    scored = sorted(((similarity(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)
                     if similarity(g, p) >= threshold), reverse=True)
    taken_g, taken_p, pairs = set(), set(), []
    for _, i, j in scored:
        if i not in taken_g and j not in taken_p:
            taken_g.add(i)
            taken_p.add(j)
            pairs.append((gold[i], pred[j]))
    return pairs


def _name_similarity(a, b) -> float:
    ka, kb = name_key(a) or "", name_key(b) or ""
    return 1.0 if ka and ka == kb else token_f1(ka, kb)


def _names(items) -> list[str]:
    return [n for n in ((i.get("name") if isinstance(i, dict) else i) for i in items or []) if n]


def _reference_key(ref: dict) -> str:
    if ref.get("number_symbol"):
        return fold(ref["number_symbol"]).replace(" ", "")
    return fold(ref.get("title") or ref.get("raw") or "")


def _reference_similarity(g: dict, p: dict) -> float:
    kg, kp = _reference_key(g), _reference_key(p)
    if g.get("number_symbol") or p.get("number_symbol"):
        return float(bool(kg) and kg == kp)
    return token_f1(kg, kp)


def _deadline_key(deadline):
    if not isinstance(deadline, dict):
        return None
    return deadline.get("kind"), deadline.get("due"), deadline.get("rrule")


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def count(self, matched: int, predicted: int, expected: int) -> None:
        self.tp += matched
        self.fp += predicted - matched
        self.fn += expected - matched

    def scores(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": p, "recall": r, "f1": f, "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Evaluation:
    """Running totals over a corpus; ``report`` gives the score.py-shaped summary."""

    fields: tuple[str, ...] = HEADER_FIELDS
    documents: int = 0
    correct: dict = field(default_factory=dict)
    tallies: dict = field(default_factory=lambda: {name: Tally() for name in LISTS})
    matched: int = 0
    assignees_exact: int = 0
    deadlines_exact: int = 0
    misses: list = field(default_factory=list)

    def add(self, name: str, gold: dict, pred: dict) -> None:
        self.documents += 1
        for field_name in self.fields:
            g, p = FIELD_KEYS[field_name](gold), FIELD_KEYS[field_name](pred)
            self.correct[field_name] = self.correct.get(field_name, 0) + (g == p)
            if g != p:
                self.misses.append(f"{name} {field_name}: gold={g!r} pred={p!r}")
        for list_name in ("recipients", "distribution"):
            g, p = _names(gold.get(list_name)), _names(pred.get(list_name))
            self.tallies[list_name].count(len(pair_up(g, p, _name_similarity, 0.8)), len(p), len(g))
        g, p = gold.get("references") or [], pred.get("references") or []
        self.tallies["references"].count(len(pair_up(g, p, _reference_similarity, 0.8)), len(p), len(g))
        self._obligations(name, gold.get("obligations") or [], pred.get("obligations") or [])

    def _obligations(self, name: str, gold: list, pred: list) -> None:
        pairs = pair_up(gold, pred, lambda a, b: token_f1(a.get("action"), b.get("action")), 0.5)
        self.tallies["obligations"].count(len(pairs), len(pred), len(gold))
        tasks = 0
        for g, p in pairs:
            self.matched += 1
            ga = [a.get("name") for a in g.get("assignees") or []]
            pa = [a.get("name") for a in p.get("assignees") or []]
            same_assignees = len(pair_up(ga, pa, _name_similarity, 0.8)) == len(ga) == len(pa)
            same_deadline = _deadline_key(g.get("deadline")) == _deadline_key(p.get("deadline"))
            self.assignees_exact += same_assignees
            self.deadlines_exact += same_deadline
            tasks += same_assignees and same_deadline
            if not (same_assignees and same_deadline):
                self.misses.append(f"{name} obligation {g.get('section')!r}: assignees gold={ga} pred={pa}; "
                                   f"deadline gold={_deadline_key(g.get('deadline'))} "
                                   f"pred={_deadline_key(p.get('deadline'))}")
        self.tallies["tasks"].count(tasks, len(pred), len(gold))

    def report(self) -> dict:
        n = self.documents
        fields = {f: (self.correct.get(f, 0) / n if n else 1.0) for f in self.fields}
        return {
            "documents": n,
            "fields": fields,
            "lists": {name: tally.scores() for name, tally in self.tallies.items()},
            "obligation_assignees_exact": self.assignees_exact / self.matched if self.matched else 1.0,
            "obligation_deadline_exact": self.deadlines_exact / self.matched if self.matched else 1.0,
            "header_accuracy": sum(fields.values()) / len(fields) if fields else 1.0,
            "misses": self.misses,
        }


def evaluate(gold_dir: Path, predictions: Callable[[str], dict | None],
             fields: Iterable[str] | None = None) -> dict:
    """Score every NAME.json in ``gold_dir`` against ``predictions(NAME)`` (None scores as empty)."""
    chosen = tuple(f for f in HEADER_FIELDS if not fields or f in set(fields))
    run = Evaluation(fields=chosen)
    for gold_file in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        run.add(gold_file.stem, gold, predictions(gold_file.stem) or {})
    return run.report()


def format_report(report: dict, verbose: bool = False) -> str:
    lines = [f"documents: {report['documents']}"]
    lines += [f"  {name:<18} accuracy {acc:.3f}" for name, acc in report["fields"].items()]
    for name, m in report["lists"].items():
        lines.append(f"  {name:<18} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}"
                     f"  (tp {m['tp']}, fp {m['fp']}, fn {m['fn']})")
    lines.append(f"  obligations matched: assignees exact {report['obligation_assignees_exact']:.3f}, "
                 f"deadline exact {report['obligation_deadline_exact']:.3f}")
    if verbose:
        lines += [f"  miss: {m}" for m in report["misses"]]
    lists = report["lists"]
    lines.append(f"header_accuracy={report['header_accuracy']:.3f} "
                 f"references_f1={lists['references']['f1']:.3f} "
                 f"obligations_f1={lists['obligations']['f1']:.3f} tasks_f1={lists['tasks']['f1']:.3f}")
    return "\n".join(lines)


def format_ablation(rules: dict, both: dict) -> str:
    """Rules only and rules plus the obligation model, side by side, with the difference."""
    rows = [("header_accuracy", rules["header_accuracy"], both["header_accuracy"])]
    for name in ("references", "obligations", "tasks"):
        for metric in ("precision", "recall", "f1"):
            rows.append((f"{name} {metric}", rules["lists"][name][metric], both["lists"][name][metric]))
    rows.append(("assignees exact", rules["obligation_assignees_exact"], both["obligation_assignees_exact"]))
    rows.append(("deadline exact", rules["obligation_deadline_exact"], both["obligation_deadline_exact"]))
    lines = ["ablation                 rules   rules+model   change"]
    lines += [f"  {name:<22} {a:.3f}   {b:.3f}         {b - a:+.3f}" for name, a, b in rows]
    return "\n".join(lines)
