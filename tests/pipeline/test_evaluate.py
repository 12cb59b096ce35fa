"""pipeline.evaluate: the metrics of the reference scorer, by hand and against score.py itself."""
from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.evaluate import FIELD_KEYS, evaluate, fold, format_report, name_key, pair_up, subject_key, token_f1
from pipeline.run import Failure, extract_batch

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared"
SCORER = SHARED / "tools" / "score.py"
LETTERS = ROOT / "corpus" / "letters"
GOLD = ROOT / "corpus" / "gold"


# ----------------------------------------------------------------- folding and similarity


@pytest.mark.parametrize("raw, folded", [
    ("Ủy ban nhân dân tỉnh Đắk Nông", "uy ban nhan dan tinh dak nong"),
    ("  SỞ  NỘI   VỤ; ", "so noi vu"),
    ("UBND-VXNV", "ubnd-vxnv"),
    ("Số: 4554/UBND-VXNV.", "so 4554/ubnd-vxnv"),
    (None, ""),
    ("", ""),
])
def test_fold(raw, folded):
    assert fold(raw) == folded


@pytest.mark.parametrize("a, b", [
    ("UBND tỉnh Ninh Thuận", "Ủy ban nhân dân tỉnh Ninh Thuận"),
    ("TT HĐND tỉnh", "Thường trực Hội đồng nhân dân tỉnh"),
    ("Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("CT, các PCT UBND tỉnh", "Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân tỉnh"),
])
def test_name_key_folds_the_common_abbreviations(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("subject, key", [
    ("V/v tăng cường công tác phòng, chống dịch", "tang cuong cong tac phong chong dich"),
    ("v/v tăng cường công tác phòng, chống dịch", "tang cuong cong tac phong chong dich"),
    ("Về việc tăng cường công tác phòng, chống dịch", "tang cuong cong tac phong chong dich"),
    ("Về tăng cường công tác phòng, chống dịch", "tang cuong cong tac phong chong dich"),
    ("tăng cường công tác phòng, chống dịch", "tang cuong cong tac phong chong dich"),
    ("Vệ sinh môi trường", "ve sinh moi truong"),
    (None, None),
])
def test_subject_key_drops_the_leading_vv(subject, key):
    assert subject_key(subject) == key


@pytest.mark.parametrize("gold, pred, expected", [
    ("Sở Nội vụ", "SỞ NỘI VỤ", 1.0),
    ("Ủy ban nhân dân tỉnh", "Ủy ban nhân dân", 2 * 1.0 * 0.8 / 1.8),        # P 4/4, R 4/5
    ("Sở Tài chính", "Sở Tài nguyên", 2 / 3),                                # P 2/3, R 2/3
    ("Sở Tài chính", "Sở Tài chính tỉnh Lâm Đồng", 2 * 0.5 * 1.0 / 1.5),    # P 3/6, R 3/3
    ("an an binh", "an binh binh", 2 / 3),                                    # repeats count once each
    ("Đắk Nông", "dak nong", 1.0),
    ("Sở Nội vụ", "Công an tỉnh", 0.0),
    ("", "Sở Nội vụ", 0.0),
    ("Sở Nội vụ", None, 0.0),
])
def test_token_f1(gold, pred, expected):
    assert token_f1(gold, pred) == pytest.approx(expected)


def test_pair_up_is_one_to_one_and_takes_the_best_pair_first():
    names = lambda a, b: token_f1(a, b)  # noqa: E731
    gold = ["Sở Tài chính", "Sở Nội vụ"]
    pred = ["Sở Tài", "Sở Tài chính tỉnh", "Sở Nội vụ", "Sở Nội vụ"]
    # "Sở Tài" scores 0.8 and "Sở Tài chính tỉnh" 6/7 against "Sở Tài chính": the better one wins;
    # the second "Sở Nội vụ" finds no gold left.
    assert pair_up(gold, pred, names, 0.8) == [("Sở Nội vụ", "Sở Nội vụ"), ("Sở Tài chính", "Sở Tài chính tỉnh")]


def test_pair_up_ignores_pairs_below_the_threshold():
    assert pair_up(["Sở Tài chính"], ["Sở Tài nguyên"], token_f1, 0.8) == []
    assert pair_up(["Sở Tài chính"], ["Sở Tài nguyên"], token_f1, 0.6) == [("Sở Tài chính", "Sở Tài nguyên")]
    assert pair_up([], ["Sở Nội vụ"], token_f1, 0.5) == []


# ----------------------------------------------------------------- evaluate on hand-made records

GOLD_A = {
    "issuer": {"name": "Ủy ban nhân dân tỉnh Ninh Thuận"}, "number": 4554, "symbol": "UBND-VXNV",
    "doc_type": "cong_van", "place": "Ninh Thuận", "issued": {"year": 2020, "month": 12, "day": 17},
    "subject": "tăng cường trách nhiệm thực hiện nhiệm vụ", "urgency": None,
    "signer": {"name": "Trần Quốc Nam", "title": "Chủ tịch", "authority": None},
    "recipients": [{"name": "Sở Nội vụ"}, {"name": "Sở Tài chính"}, {"name": "Ủy ban nhân dân các huyện"}],
    "distribution": [{"name": "Như trên"}, {"name": "TT Tỉnh ủy"}],
    "references": [{"number_symbol": "2346/QĐ-UBND"},
                   {"number_symbol": None, "title": "Luật Tổ chức chính quyền địa phương"}],
    "obligations": [
        {"section": "1", "action": "Lập danh sách phân công cán bộ gửi về Sở Nội vụ trước ngày 10/12/2021",
         "assignees": [{"name": "Sở Nội vụ"}],
         "deadline": {"kind": "date", "raw": "trước ngày 10/12/2021", "due": "2021-12-10", "rrule": None}},
        {"section": "2", "action": "Tổ chức kiểm tra công tác cải cách hành chính tại các xã",
         "assignees": [{"name": "Ủy ban nhân dân các huyện"}], "deadline": None},
    ],
}
PRED_A = {
    "issuer": {"name": "UBND tỉnh Ninh Thuận"},            # same after the abbreviations
    "number": 4554, "symbol": "UBND - VXNV",                # spaces do not count
    "doc_type": "cong_van", "place": "Ninh Thuan",           # nor diacritics
    "issued": {"year": 2020, "month": 12, "day": 17, "iso": "2020-12-17"},
    "subject": "V/v tăng cường trách nhiệm thực hiện nhiệm vụ", "urgency": None,
    "signer": {"name": "Trần Quốc Nam", "title": "Phó Chủ tịch", "authority": "KT"},   # 2 wrong
    "recipients": [{"name": "Sở Nội vụ"}, {"name": "Sở Tài nguyên và Môi trường"}],     # tp 1 fp 1 fn 2
    "distribution": [{"name": "Như trên"}, {"name": "Thường trực Tỉnh ủy"}, {"name": "Lưu"}],  # tp 2 fp 1
    "references": [{"number_symbol": "2346/QĐ-UBND"}, {"number_symbol": "12/KH-UBND"}],      # tp 1 fp 1 fn 1
    "obligations": [
        {"action": "Lập danh sách phân công cán bộ gửi về Sở Nội vụ trước ngày 10/12/2021",
         "assignees": [{"name": "Sở Nội vụ"}],
         "deadline": {"kind": "date", "raw": "trước 10/12/2021", "due": "2021-12-10", "rrule": None}},
        {"action": "Tổ chức kiểm tra công tác cải cách hành chính tại các xã",
         "assignees": [{"name": "UBND các huyện"}, {"name": "Sở Nội vụ"}], "deadline": None},
        {"action": "Báo cáo kết quả", "assignees": [], "deadline": None},
    ],
}
GOLD_B = {
    "issuer": {"name": "Bộ Tài chính"}, "number": 7215, "symbol": "BTC-ĐT", "doc_type": "cong_van",
    "place": "Hà Nội", "issued": {"year": 2023, "month": 7, "day": 14}, "subject": "đẩy nhanh tiến độ giải ngân",
    "urgency": "khan", "signer": {"name": "Đỗ Minh Khoa", "title": "Thứ trưởng", "authority": "KT"},
    "recipients": [{"name": "Các Bộ, cơ quan ngang Bộ"}], "distribution": [], "references": [], "obligations": [],
}


@pytest.fixture()
def hand_made(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.json").write_text(json.dumps(GOLD_A, ensure_ascii=False), encoding="utf-8")
    (gold / "b.json").write_text(json.dumps(GOLD_B, ensure_ascii=False), encoding="utf-8")
    return gold


def test_evaluate_on_hand_made_records(hand_made):
    report = evaluate(hand_made, {"a": PRED_A}.get)      # b has no prediction: scored as empty
    assert report["documents"] == 2
    half = {f: 0.5 for f in ("issuer", "number", "symbol", "doc_type", "place", "issued", "subject", "urgency",
                             "signer_name")}
    assert report["fields"] == {**half, "signer_title": 0.0, "signer_authority": 0.0}
    assert report["header_accuracy"] == pytest.approx(4.5 / 11)
    expected = {
        "recipients": (1, 1, 3, 1 / 2, 1 / 4, 1 / 3),
        "distribution": (2, 1, 0, 2 / 3, 1.0, 0.8),
        "references": (1, 1, 1, 1 / 2, 1 / 2, 1 / 2),
        "obligations": (2, 1, 0, 2 / 3, 1.0, 0.8),
        "tasks": (1, 2, 1, 1 / 3, 1 / 2, 0.4),
    }
    for name, (tp, fp, fn, p, r, f) in expected.items():
        got = report["lists"][name]
        assert (got["tp"], got["fp"], got["fn"]) == (tp, fp, fn), name
        assert (got["precision"], got["recall"], got["f1"]) == pytest.approx((p, r, f)), name
    assert report["obligation_assignees_exact"] == 0.5
    assert report["obligation_deadline_exact"] == 1.0
    assert "a signer_title: gold='chu tich' pred='pho chu tich'" in report["misses"]
    assert "b issuer: gold='bo tai chinh' pred=None" in report["misses"]


def test_evaluate_scores_only_the_chosen_fields(hand_made):
    report = evaluate(hand_made, {"a": PRED_A}.get, fields=["number", "signer_title"])
    assert report["fields"] == {"number": 0.5, "signer_title": 0.0}
    assert report["header_accuracy"] == 0.25


def test_a_perfect_prediction_scores_one_everywhere(hand_made):
    report = evaluate(hand_made, {"a": GOLD_A, "b": GOLD_B}.get)
    assert set(report["fields"].values()) == {1.0} and report["header_accuracy"] == 1.0
    assert all(m["f1"] == 1.0 and m["fp"] == m["fn"] == 0 for m in report["lists"].values())
    assert report["misses"] == []


def test_an_empty_gold_folder_scores_nothing(tmp_path):
    report = evaluate(tmp_path, lambda name: pytest.fail("no prediction should be asked for"))
    assert report["documents"] == 0
    assert all(m["tp"] == m["fp"] == m["fn"] == 0 for m in report["lists"].values())


def test_format_report_ends_with_the_summary_line(hand_made):
    text = format_report(evaluate(hand_made, {"a": PRED_A}.get))
    assert text.splitlines()[-1] == ("header_accuracy=0.409 references_f1=0.500 obligations_f1=0.800 "
                                     "tasks_f1=0.400")
    assert "miss:" not in text
    assert "miss: a signer_title" in format_report(evaluate(hand_made, {"a": PRED_A}.get), verbose=True)


# ----------------------------------------------------------------- agreement with score.py

needs_scorer = pytest.mark.skipif(not SCORER.is_file(), reason=f"reference scorer not found at {SCORER}")


def numbers(report: dict, prefix: str = "") -> dict[str, float]:
    """Every number of a report, by dotted path (the misses are text and left out)."""
    out = {}
    for key, value in report.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(numbers(value, path + "."))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            out[path] = value
    return out


def run_scorer(gold: Path, pred: Path, out: Path, *extra: str) -> dict:
    done = subprocess.run([sys.executable, str(SCORER), str(gold), str(pred), "--json", str(out), *extra],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def assert_same_numbers(ours: dict, theirs: dict) -> None:
    mine, reference = numbers(ours), numbers(theirs)
    assert set(mine) == set(reference)
    different = {k: (mine[k], reference[k]) for k in mine if mine[k] != reference[k]}
    assert different == {}, f"pipeline.evaluate vs score.py: {different}"


def corpus_sample() -> list[Path]:
    """A few letters of the project corpus that have gold, spread over it."""
    letters = sorted(p for p in LETTERS.glob("*.txt") if (GOLD / f"{p.stem}.json").is_file())
    return letters[::6]


@pytest.fixture()
def predicted(tmp_path):
    """Gold and pipeline predictions of a corpus sample; the last gold has no prediction."""
    sample = corpus_sample()
    if len(sample) < 3:
        pytest.skip(f"fewer than 3 gold letters under {LETTERS}")
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir()
    pred.mkdir()
    for path, result in zip(sample, extract_batch(sample)):
        shutil.copy(GOLD / f"{path.stem}.json", gold / f"{path.stem}.json")
        if path != sample[-1] and not isinstance(result, Failure):
            (pred / f"{path.stem}.json").write_text(result.model_dump_json(), encoding="utf-8")
    return gold, pred


def load_from(folder: Path):
    def prediction(name: str):
        path = folder / f"{name}.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
    return prediction


@needs_scorer
def test_pipeline_predictions_score_the_same_as_with_score_py(predicted, tmp_path):
    gold, pred = predicted
    theirs = run_scorer(gold, pred, tmp_path / "score.json")
    ours = evaluate(gold, load_from(pred))
    assert ours["documents"] == len(list(gold.glob("*.json")))
    assert_same_numbers(ours, theirs)


@needs_scorer
def test_chosen_fields_score_the_same_as_with_score_py(predicted, tmp_path):
    gold, pred = predicted
    fields = ["issuer", "issued", "subject", "signer_title"]
    theirs = run_scorer(gold, pred, tmp_path / "score.json", "--fields", ",".join(fields))
    ours = evaluate(gold, load_from(pred), fields=fields)
    assert set(ours["fields"]) == set(fields)
    assert_same_numbers(ours, theirs)


def perturbed(gold: dict, seed: int) -> dict:
    """A gold record with deterministic mistakes in every list and some fields."""
    pred = copy.deepcopy(gold)
    if seed % 2:
        pred["signer"] = {**(pred.get("signer") or {}), "title": "Phó Chủ tịch"}
        pred["issuer"] = {"name": "UBND " + ((gold.get("issuer") or {}).get("name") or "")}
    for name in ("recipients", "distribution", "references", "obligations"):
        items = pred.get(name) or []
        if items:
            items.pop(seed % len(items))
        items.append({"name": "Sở Nội vụ", "number_symbol": f"{seed}/UBND-VP", "action": "Báo cáo kết quả thực hiện",
                      "assignees": [{"name": "Sở Nội vụ"}]})
        pred[name] = items
    for i, obligation in enumerate(pred.get("obligations") or []):
        if (i + seed) % 3 == 0 and obligation.get("deadline"):
            obligation["deadline"] = {**obligation["deadline"], "due": "2099-01-01"}
        if (i + seed) % 4 == 1:
            obligation["assignees"] = (obligation.get("assignees") or [])[:1] + [{"name": "Công an tỉnh"}]
    return pred


@needs_scorer
def test_perturbed_gold_scores_the_same_as_with_score_py(tmp_path):
    """Predictions with misses in every list, so matching, tasks and deadlines are all exercised."""
    names = [p.stem for p in sorted(GOLD.glob("*.json"))][:15]
    if not names:
        pytest.skip(f"no gold records under {GOLD}")
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir()
    pred.mkdir()
    for seed, name in enumerate(names):
        record = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
        shutil.copy(GOLD / f"{name}.json", gold / f"{name}.json")
        (pred / f"{name}.json").write_text(json.dumps(perturbed(record, seed), ensure_ascii=False), encoding="utf-8")
    theirs = run_scorer(gold, pred, tmp_path / "score.json")
    ours = evaluate(gold, load_from(pred))
    assert ours["lists"]["obligations"]["tp"] > 0 and ours["lists"]["tasks"]["fn"] > 0, "the sample must exercise tasks"
    assert_same_numbers(ours, theirs)


def test_field_keys_cover_every_scored_header_field():
    assert set(FIELD_KEYS) == {"issuer", "number", "symbol", "doc_type", "place", "issued", "subject", "urgency",
                               "signer_name", "signer_title", "signer_authority"}
