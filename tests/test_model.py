"""extractors.model and its training data (pipeline.train_data): labels, spans, loading, predictions."""
from __future__ import annotations

import logging
import sys

import pytest

from extractors import model
from pipeline.train_data import letter_examples, split

LETTER = """ỦY BAN NHÂN DÂN
TỈNH NINH THUẬN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 4610/UBND-VXNV
V/v tăng cường công tác phòng, chống dịch bệnh
Ninh Thuận, ngày 23 tháng 11 năm 2021

Kính gửi:
- Sở Nông nghiệp và Phát triển nông thôn;
- Ủy ban nhân dân các huyện, thành phố.

Thời gian qua, sâu bệnh phát sinh gây hại trên nhiều diện tích lúa.

1. Giao Sở Nông nghiệp và Phát triển nông thôn chỉ đạo theo dõi, dự báo sâu bệnh; báo cáo UBND tỉnh trước ngày 15/12/2021.

2. Đề nghị UBND các huyện, thành phố:
a) Hướng dẫn nông dân xuống giống tập trung, đồng loạt.
b) Báo cáo kết quả về Sở Nông nghiệp và Phát triển nông thôn trong tháng 12/2021.

Yêu cầu các cơ quan, đơn vị triển khai thực hiện./.

Nơi nhận:
- Như trên;
- Lưu: VT, VXNV.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Trần Quốc Nam
"""

SOC = "Sở Nông nghiệp và Phát triển nông thôn"
DISTRICTS = "Ủy ban nhân dân các huyện, thành phố"
GOLD = {"obligations": [
    {"section": "1", "modality": "assign", "assignees": [{"name": SOC, "role": "lead"}],
     "action": "Giao Sở Nông nghiệp và Phát triển nông thôn chỉ đạo theo dõi, dự báo sâu bệnh; "
               "báo cáo UBND tỉnh trước ngày 15/12/2021.",
     "deadline": {"kind": "date", "raw": "trước ngày 15/12/2021"}},
    {"section": "2.a", "modality": "request", "assignees": [{"name": DISTRICTS, "role": "lead"}],
     "action": "Hướng dẫn nông dân xuống giống tập trung, đồng loạt.", "deadline": None},
    {"section": "2.b", "modality": "request", "assignees": [{"name": DISTRICTS, "role": "lead"}],
     "action": "Báo cáo kết quả về Sở Nông nghiệp và Phát triển nông thôn trong tháng 12/2021.",
     "deadline": {"kind": "period", "raw": "trong tháng 12/2021"}},
]}


@pytest.fixture(scope="module")
def examples():
    return {e.section or e.text[:20]: e for e in letter_examples(LETTER, GOLD, "hand")}


def _spans(example):
    return [(label, example.text[s:e]) for label, s, e in example.spans]


def test_items_are_labelled_by_their_gold_obligation(examples):
    assert examples["1"].label == "task_assign"
    assert examples["2.a"].label == "task_request"
    assert examples["2.b"].label == "task_request"
    assert examples["2"].label == "none"                      # a heading that only introduces sub-items
    assert examples["Thời gian qua, sâu b"].label == "none"    # background
    assert examples["Yêu cầu các cơ quan,"].label == "none"    # the closing formula


def test_item_text_is_the_text_the_rules_read(examples):
    assert examples["1"].text == GOLD["obligations"][0]["action"]      # marker removed, one line
    assert examples["2"].text == "Đề nghị UBND các huyện, thành phố:"


def test_spans_have_exact_offsets(examples):
    first = examples["1"]
    start = first.text.index(SOC)
    deadline = first.text.index("trước ngày 15/12/2021")
    assert first.spans == (("ASSIGNEE", start, start + len(SOC)),
                           ("DEADLINE", deadline, deadline + len("trước ngày 15/12/2021")))


def test_assignee_found_in_its_abbreviated_form_in_the_heading(examples):
    # canonical "Ủy ban nhân dân ..." printed as "UBND ..."; the heading names its sub-items' assignee
    assert _spans(examples["2"]) == [("ASSIGNEE", "UBND các huyện, thành phố")]


def test_an_agency_that_only_receives_the_report_is_no_assignee(examples):
    assert _spans(examples["2.b"]) == [("DEADLINE", "trong tháng 12/2021")]
    assert _spans(examples["2.a"]) == []


def test_split_is_by_letter_and_fixed():
    names = [f"cv-{i:03d}" for i in range(40)]
    train, dev = split(names, seed=3)
    assert split(list(reversed(names)), seed=3) == (train, dev)
    assert len(dev) == 6 and not set(train) & set(dev) and len(train) + len(dev) == 40


def test_load_returns_none_without_the_model_folder(tmp_path, caplog):
    with caplog.at_level(logging.INFO, logger="congvan"):
        assert model.load(tmp_path / "missing") is None
    assert "congvan train" in caplog.text


def test_load_returns_none_without_spacy(tmp_path, monkeypatch, caplog):
    (tmp_path / "config.cfg").write_text("[nlp]\n", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "spacy", None)   # import spacy raises ImportError
    with caplog.at_level(logging.INFO, logger="congvan"):
        assert model.load(tmp_path) is None
    assert "spaCy is not installed" in caplog.text


@pytest.fixture(scope="module")
def trained():
    if not (model.DEFAULT_PATH / "config.cfg").is_file():
        pytest.skip("no trained model in models/obligations")
    pytest.importorskip("spacy")
    found = model.load()
    assert found is not None
    return found


def test_directive_finds_a_task_given_by_giao(trained):
    label, score = trained.directive("Giao Sở Nội vụ chủ trì tổng hợp báo cáo trước ngày 15/12/2024.")
    assert label == "task_assign" and 0.5 < score <= 1.0


def test_directive_finds_no_task_in_a_legal_basis(trained):
    label, _ = trained.directive("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    assert label == "none"


def test_spans_find_the_assignee_with_offsets(trained):
    text = "Giao Sở Nội vụ chủ trì tổng hợp báo cáo trước ngày 15/12/2024."
    spans = trained.spans(text)
    assert ("ASSIGNEE", 5, 14) in [(label, s, e) for label, s, e, _ in spans]
    assert all(0 < score <= 1 for *_, score in spans)


def test_model_is_loaded_once(trained):
    assert model.load() is trained
