"""The obligation model: a second opinion for the rules where they are unsure.

A small spaCy pipeline trained by `congvan train` from the annotated letters
(tok2vec + textcat + spancat, shipped in ``models/obligations``). It reads one
body item's own text (list marker removed, whitespace collapsed: what the
rules read) and says whether it assigns a task and how (``directive``), and
where the assignees and the deadline are printed (``spans``). It never
downloads anything; without spaCy or the model folder ``load`` returns None
and the rules work alone.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger("congvan")

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "models" / "obligations"
SPANS_KEY = "sc"
NO_TASK = "none"


@dataclass(frozen=True, eq=False)
class Model:
    """A loaded obligation model; both calls take the same item text and share one parse of it."""

    nlp: Any
    path: Path

    def directive(self, text: str) -> tuple[str, float]:
        """("task_assign" | "task_request" | "none", probability of that class)."""
        if not text.strip():
            return NO_TASK, 1.0
        cats = self._doc(text).cats
        label = max(sorted(cats), key=cats.get)
        return label, round(float(cats[label]), 4)

    def spans(self, text: str) -> list[tuple[str, int, int, float]]:
        """(ASSIGNEE | DEADLINE, start, end, score): character offsets into ``text``, in reading order.

        Overlapping suggestions are resolved to the best-scored one, so the
        spans never overlap."""
        if not text.strip():
            return []
        group = self._doc(text).spans.get(SPANS_KEY)
        if not group:
            return []
        scores = group.attrs.get("scores")
        found = [(span.label_, span.start_char, span.end_char, float(scores[i].max()) if scores is not None else 1.0)
                 for i, span in enumerate(group)]
        kept: list[tuple[str, int, int, float]] = []
        for label, start, end, score in sorted(found, key=lambda f: (-f[3], f[1])):
            if all(end <= s or start >= e for _, s, e, _ in kept):
                kept.append((label, start, end, round(score, 4)))
        return sorted(kept, key=lambda f: f[1])

    def _doc(self, text: str):
        return _parse(self, text)


@lru_cache(maxsize=256)
def _parse(model: Model, text: str):
    return model.nlp(text)


def load(path: Path | str | None = None) -> Model | None:
    """The model in ``path`` (default ``models/obligations``), loaded once; None, with the reason
    logged, when spaCy or the model folder is missing or unreadable."""
    return _load(str(Path(path).resolve()) if path is not None else str(DEFAULT_PATH))


@cache
def _load(path: str) -> Model | None:
    folder = Path(path)
    if not (folder / "config.cfg").is_file():
        log.info("obligation model not used: no trained model in %s (run `congvan train` to build one)", folder)
        return None
    try:
        import spacy
    except ImportError:
        log.info("obligation model not used: spaCy is not installed (pip install spacy)")
        return None
    try:
        nlp = spacy.load(folder)
    except Exception as error:  # a model from another spaCy version, a truncated file ...
        log.warning("obligation model not used: cannot load %s (%s: %s); retrain it with `congvan train`",
                    folder, type(error).__name__, error)
        return None
    missing = {"textcat", "spancat"} - set(nlp.pipe_names)
    if missing:
        log.warning("obligation model not used: %s lacks the %s component(s)", folder, ", ".join(sorted(missing)))
        return None
    return Model(nlp=nlp, path=folder)
