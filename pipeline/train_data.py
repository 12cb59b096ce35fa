"""Training examples for the obligation model, cut from the project's annotated letters.

Each item of a letter's body (the item tree the rules read, its own text
without the list marker, whitespace collapsed) becomes one example: labelled
task_assign / task_request when a gold obligation's action matches it (token
F1 ≥ 0.5, paired one to one the way the scorer pairs them), none otherwise;
with ASSIGNEE spans where the gold assignees are printed in it and DEADLINE
spans where the gold deadline's raw text is. A heading that is no task
itself ("Sở Y tế có trách nhiệm:") still names its sub-items' assignees, so
its spans come from the tasks it governs.

Only ``corpus/`` may feed this: the evaluation corpus in ``shared/`` never does.
"""
from __future__ import annotations

import collections
import json
import random
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extractors import items, lexicon
from extractors.text import collapse, fold
from pipeline.evaluate import fold as score_fold
from pipeline.evaluate import pair_up, token_f1
from pipeline.normalize import normalize_text
from pipeline.segment import segment
from schemas import Document, Part, Source

LABELS = ("task_assign", "task_request", "none")
SPAN_LABELS = ("ASSIGNEE", "DEADLINE")
MATCH_THRESHOLD = 0.5      # the scorer's token F1 threshold for a matched obligation
COVER = 0.8                # share of a task's words that makes an unpaired item ambiguous


@dataclass(frozen=True)
class Example:
    """One body item: its text, whether it is a task (and how it is given), and the spans in it."""

    letter: str
    section: str
    text: str
    label: str
    spans: tuple[tuple[str, int, int], ...] = ()


def corpus_examples(letters_dir: Path, gold_dir: Path) -> dict[str, list[Example]]:
    """Examples of every letter NAME.txt that has a gold NAME.json, by letter name."""
    out = {}
    for gold_path in sorted(Path(gold_dir).glob("*.json")):
        letter = Path(letters_dir) / f"{gold_path.stem}.txt"
        if not letter.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        out[gold_path.stem] = letter_examples(letter.read_text(encoding="utf-8"), gold, gold_path.stem)
    return out


def split(names: list[str], dev_share: float = 0.15, seed: int = 0) -> tuple[list[str], list[str]]:
    """Letters shuffled with a fixed seed and cut into train and dev (whole letters, never items)."""
    order = sorted(names)
    random.Random(seed).shuffle(order)
    cut = max(1, round(len(order) * dev_share))
    return sorted(order[cut:]), sorted(order[:cut])


def letter_examples(raw: str, gold: dict, name: str = "") -> list[Example]:
    """The labelled items of one letter, in reading order."""
    text = normalize_text(raw)
    doc = segment(Document(id=name or "letter", source=Source(path=name, media_type="text/plain"), text=text))
    nodes = []
    for seg in doc.segments:
        if seg.part in (Part.body, Part.appendix):
            root = items.parse(text, seg.start, seg.end)
            nodes += [node for node in items.walk(root) if collapse(node.text(text))]
    obligations = gold.get("obligations") or []
    own_text = [collapse(node.text(text)) for node in nodes]
    scores = [[token_f1(o.get("action"), t) for t in own_text] for o in obligations]
    pairs = pair_up(range(len(obligations)), range(len(nodes)), lambda i, j: scores[i][j], MATCH_THRESHOLD)
    matched = {j: obligations[i] for i, j in pairs}
    out = []
    for j, node in enumerate(nodes):
        task = matched.get(j)
        if task is None and any(_covers(own_text[j], o.get("action")) for o in obligations):
            continue  # several tasks the parser left in one item (a flattened page): no clean label
        label = "none" if task is None else (
            "task_request" if task.get("modality") == "request" else "task_assign")
        governed = [task] if task else _governed(node, nodes, matched)
        out.append(Example(name, node.path, own_text[j], label, _spans(own_text[j], governed)))
    return out


def _covers(text: str, action: str | None) -> bool:
    """Most of a gold action's words are in ``text`` (an item that holds a task it was not paired with)."""
    pool = collections.Counter(score_fold(text).split())
    words = score_fold(action).split()
    return bool(words) and sum(min(n, pool[w]) for w, n in collections.Counter(words).items()) >= COVER * len(words)


def _governed(node: items.Item, nodes: list[items.Item], matched: dict) -> list[dict]:
    """The tasks a non-task item introduces: its descendants', or for a paragraph the items up to the next one."""
    if node.kind == "para":
        siblings = node.parent.children if node.parent else []
        after = siblings[next(i for i, s in enumerate(siblings) if s is node) + 1:]
        scope = []
        for sibling in after:
            if sibling.kind == "para":
                break
            scope += [sibling, *items.walk(sibling)]
    else:
        scope = list(items.walk(node))
    ids = {id(n) for n in scope}
    return [task for j, task in matched.items() if id(nodes[j]) in ids]


def _spans(text: str, tasks: list[dict]) -> tuple[tuple[str, int, int], ...]:
    """ASSIGNEE and DEADLINE spans of the tasks' gold values printed in ``text``, longest first, no overlaps."""
    key = fold(text)
    found = []
    for task in tasks:
        for assignee in task.get("assignees") or []:
            found += [("ASSIGNEE", s, e) for s, e in _occurrences(key, assignee.get("name") or "")]
        raw = (task.get("deadline") or {}).get("raw")
        if raw:
            found += [("DEADLINE", s, e) for s, e in _occurrences(key, raw)]
    kept: list[tuple[str, int, int]] = []
    for label, s, e in sorted(set(found), key=lambda f: (f[1] - f[2], f[1])):
        if all(e <= ks or s >= ke for _, ks, ke in kept):
            kept.append((label, s, e))
    return tuple(sorted(kept, key=lambda f: f[1]))


def _occurrences(key: str, value: str) -> list[tuple[int, int]]:
    """Where ``value`` is printed in the folded text ``key``: case and diacritics folded,
    and each standard expansion ("Ủy ban nhân dân") also found as its abbreviation ("UBND")."""
    pattern = _value_pattern(value)
    return [m.span() for m in pattern.finditer(key)] if pattern else []


@cache
def _value_pattern(value: str) -> re.Pattern | None:
    body = _tokens_pattern(value.strip(" .,;:"))
    if not body:
        return None
    for long, shorts in _contractions():
        body = body.replace(long, f"(?:{long}|{'|'.join(shorts)})")
    return re.compile(r"(?<!\w)" + body + r"(?!\w)")


def _tokens_pattern(value: str) -> str:
    """The folded words and punctuation of ``value``, any spacing between them."""
    return r"\s*".join(re.escape(t) for t in re.findall(r"\w+|[^\w\s]", fold(value)))


@cache
def _contractions() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Folded expansion as it appears in a pattern → the folded abbreviations printed for it."""
    by_long: dict[str, list[str]] = {}
    for short, long in lexicon.abbreviations().items():
        by_long.setdefault(_tokens_pattern(long), []).append(re.escape(fold(short).rstrip(".")))
    return tuple(sorted(((k, tuple(v)) for k, v in by_long.items()), key=lambda kv: -len(kv[0])))
