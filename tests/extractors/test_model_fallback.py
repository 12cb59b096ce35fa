"""The fallback chain of extractors.obligations: rules first, the model only where they find no task.

A stand-in model with fixed answers makes each step of the chain visible; the
trained model's own behaviour is tested in tests/test_model.py.
"""
from __future__ import annotations

import logging

import pytest

from extractors import obligations

BODY = ("1. Trên cơ sở kết quả rà soát, Phòng Tài nguyên và Môi trường tổng hợp danh mục công trình "
        "và gửi Ủy ban nhân dân huyện trước ngày 15/3/2024.\n"
        "2. Giao Phòng Tài chính - Kế hoạch chủ trì thẩm định danh mục và báo cáo kết quả trước ngày 30/3/2024.")


class FixedModel:
    """Answers as a trained model would, from a table; counts what it was asked."""

    def __init__(self, label: str, score: float, assignee: str | None, span_score: float = 0.99):
        self.label, self.score, self.assignee, self.span_score = label, score, assignee, span_score
        self.asked: list[str] = []

    def directive(self, text: str) -> tuple[str, float]:
        self.asked.append(text)
        return self.label, self.score

    def spans(self, text: str) -> list[tuple[str, int, int, float]]:
        if not self.assignee or self.assignee not in text:
            return []
        start = text.index(self.assignee)
        return [("ASSIGNEE", start, start + len(self.assignee), self.span_score)]


def run(model) -> list[dict]:
    return [c.value | {"rule": c.rule} for c in obligations.find(BODY, (0, len(BODY)), [], "d", model=model)]


def test_rules_alone_miss_the_item_without_a_directive_verb():
    assert [t["section"] for t in run(None)] == ["2"]


def test_model_adds_the_task_the_rules_missed_with_lower_confidence(caplog):
    model = FixedModel("task_assign", 0.99, "Phòng Tài nguyên và Môi trường")
    with caplog.at_level(logging.INFO, logger="congvan"):
        found = run(model)
    first = found[0]
    assert first["section"] == "1" and first["rule"] == "model directive" and first["confidence"] == 0.5
    assert [a["name"] for a in first["assignees"]] == ["Phòng Tài nguyên và Môi trường"]
    assert first["deadline"]["due"] == "2024-03-15"        # the rules' deadline grammar reads it
    assert "no directive the rules know" in caplog.text and "item 1" in caplog.text


def test_model_is_not_asked_where_the_rules_found_the_task():
    model = FixedModel("none", 0.99, None)
    found = run(model)
    assert [t["section"] for t in found] == ["2"]
    assert not any(text.startswith("Giao Phòng Tài chính") for text in model.asked)


@pytest.mark.parametrize(("label", "score", "assignee", "span_score"), [
    ("none", 0.99, "Phòng Tài nguyên và Môi trường", 0.99),     # the model says no task
    ("task_assign", 0.6, "Phòng Tài nguyên và Môi trường", 0.99),  # not sure enough
    ("task_assign", 0.99, None, 0.99),                           # a task, but for whom?
    ("task_assign", 0.99, "Phòng Tài nguyên và Môi trường", 0.5),  # an assignee span it doubts
])
def test_model_answers_that_are_not_sure_enough_add_nothing(label, score, assignee, span_score):
    assert [t["section"] for t in run(FixedModel(label, score, assignee, span_score))] == ["2"]


def test_model_request_label_gives_request_modality():
    found = run(FixedModel("task_request", 0.95, "Phòng Tài nguyên và Môi trường"))
    assert found[0]["modality"] == "request"
