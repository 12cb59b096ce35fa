"""The one result type of every extractor."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Candidate:
    """A value found in the text: where, how sure, and which rule fired."""

    value: Any
    span: tuple[int, int] | None = None
    confidence: float = 1.0
    rule: str = ""
    warnings: tuple[str, ...] = field(default_factory=tuple)
