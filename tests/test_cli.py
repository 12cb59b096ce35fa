"""The ``congvan`` command: extract, schema, eval, summary."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from congvan.cli import main
from schemas import Record, json_schema

LETTER_A = """ỦY BAN NHÂN DÂN
TỈNH BÌNH PHƯỚC
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 1532/UBND-KGVX
V/v tổ chức các hoạt động hưởng ứng Tháng hành động vì trẻ em năm 2024
Bình Phước, ngày 20 tháng 5 năm 2024

Kính gửi:
- Sở Lao động - Thương binh và Xã hội;
- Ủy ban nhân dân các huyện, thị xã, thành phố.

Ủy ban nhân dân tỉnh giao Sở Lao động - Thương binh và Xã hội chủ trì tổ chức các hoạt động hưởng ứng Tháng hành động vì trẻ em; báo cáo kết quả trước ngày 15/7/2024./.

Nơi nhận:
- Như trên;
- Lưu: VT, KGVX.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Tuệ Hiền
"""

LETTER_B = """UBND TỈNH BẾN TRE
SỞ Y TẾ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 880/SYT-NVY
V/v tăng cường phòng, chống bệnh tay chân miệng
Bến Tre, ngày 03 tháng 4 năm 2023

Kính gửi: Trung tâm Y tế các huyện, thành phố.

Sở Y tế đề nghị Trung tâm Y tế các huyện, thành phố tăng cường giám sát bệnh tay chân miệng tại các trường mầm non./.

Nơi nhận:
- Như trên;
- Lưu: VT, NVY.
GIÁM ĐỐC
Nguyễn Văn Tâm
"""


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def letters(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(LETTER_A, encoding="utf-8")
    b.write_text(LETTER_B, encoding="utf-8")
    empty = tmp_path / "bad.pdf"
    empty.write_bytes(b"")
    return a, b, empty


def test_extract_one_file_prints_one_json_record(runner, letters):
    a, _, _ = letters
    result = runner.invoke(main, ["extract", str(a)])
    assert result.exit_code == 0, result.stderr
    record = Record.model_validate_json(result.stdout)
    assert record.number_symbol == "1532/UBND-KGVX"
    assert record.source.path == str(a)
    assert result.stderr == ""


def test_extract_to_a_folder_writes_one_json_per_input(runner, letters, tmp_path):
    a, b, _ = letters
    out = tmp_path / "out"
    result = runner.invoke(main, ["extract", str(a), str(b), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "b.json"]
    assert Record.model_validate_json((out / "a.json").read_text(encoding="utf-8")).number_symbol == "1532/UBND-KGVX"
    assert Record.model_validate_json((out / "b.json").read_text(encoding="utf-8")).number_symbol == "880/SYT-NVY"
    assert result.stdout == ""
    assert "2 records, 0 errors" in result.stderr


def test_a_bad_input_is_reported_and_the_others_are_still_written(runner, letters, tmp_path):
    a, b, bad = letters
    out = tmp_path / "out"
    result = runner.invoke(main, ["extract", str(a), str(bad), str(b), "--out", str(out)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith(str(bad))]
    assert errors == [f"{bad}: empty file"]
    assert "2 records, 1 errors" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "b.json", "errors.jsonl"]
    entries = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert entries == [{"path": str(bad), "error": "empty file"}]


def test_jsonl_to_a_folder_writes_one_line_per_input_in_order(runner, letters, tmp_path):
    a, b, bad = letters
    out = tmp_path / "out"
    result = runner.invoke(main, ["extract", str(a), str(bad), str(b), "--out", str(out), "--jsonl"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 3
    assert lines[0]["number_symbol"] == "1532/UBND-KGVX"
    assert lines[1] == {"error": "empty file", "path": str(bad)}
    assert lines[2]["number_symbol"] == "880/SYT-NVY"
    assert not (out / "a.json").exists()
    assert (out / "errors.jsonl").exists()


def test_jsonl_without_a_folder_prints_one_line_per_input(runner, letters):
    a, b, bad = letters
    result = runner.invoke(main, ["extract", str(a), str(b), str(bad), "--jsonl"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line.get("number_symbol") for line in lines] == ["1532/UBND-KGVX", "880/SYT-NVY", None]
    assert lines[2] == {"error": "empty file", "path": str(bad)}
    assert f"{bad}: empty file" in result.stderr.splitlines()


def test_a_folder_is_expanded_and_clashing_names_keep_their_suffix(runner, tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / ".cache").mkdir(parents=True)
    (inbox / "1532.txt").write_text(LETTER_A, encoding="utf-8")
    (inbox / "1532.md").write_text(LETTER_B, encoding="utf-8")
    (inbox / ".cache" / "old.txt").write_text(LETTER_B, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(main, ["extract", str(inbox), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["1532.json", "1532.txt.json"]


def test_schema_prints_the_json_schema(runner):
    result = runner.invoke(main, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()


# ------------------------------------------------------------------ eval and summary


@pytest.fixture()
def corpus(tmp_path):
    """Two letters with hand-written gold records (what SPEC §1 says they hold)."""
    text_dir, gold_dir = tmp_path / "text", tmp_path / "gold"
    text_dir.mkdir()
    gold_dir.mkdir()
    (text_dir / "cv-a.txt").write_text(LETTER_A, encoding="utf-8")
    (text_dir / "cv-b.txt").write_text(LETTER_B, encoding="utf-8")
    golds = {
        "cv-a": {"issuer": {"name": "Ủy ban nhân dân tỉnh Bình Phước"}, "number": 1532, "symbol": "UBND-KGVX",
                 "doc_type": "cong_van", "place": "Bình Phước", "issued": {"year": 2024, "month": 5, "day": 20},
                 "subject": "tổ chức các hoạt động hưởng ứng Tháng hành động vì trẻ em năm 2024",
                 "signer": {"name": "Trần Tuệ Hiền", "title": "Phó Chủ tịch", "authority": "KT"}},
        "cv-b": {"issuer": {"name": "Sở Y tế"}, "number": 880, "symbol": "SYT-NVY", "doc_type": "cong_van",
                 "place": "Bến Tre", "issued": {"year": 2023, "month": 4, "day": 3},
                 "subject": "tăng cường phòng, chống bệnh tay chân miệng",
                 "signer": {"name": "Nguyễn Văn Tâm", "title": "Giám đốc", "authority": None}},
    }
    for name, gold in golds.items():
        (gold_dir / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return gold_dir, text_dir


def test_eval_prints_the_report(runner, corpus, tmp_path):
    gold_dir, text_dir = corpus
    report_path, pred_dir = tmp_path / "report.json", tmp_path / "pred"
    result = runner.invoke(main, ["eval", str(gold_dir), "--text-dir", str(text_dir), "--json", str(report_path),
                                  "--pred-dir", str(pred_dir), "--fields", "number,symbol,place,issued"])
    assert result.exit_code == 0, result.stderr
    assert "documents: 2" in result.stdout
    assert "header_accuracy=1.000" in result.stdout
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["fields"] == {"number": 1.0, "symbol": 1.0, "place": 1.0, "issued": 1.0}
    assert sorted(p.name for p in pred_dir.iterdir()) == ["cv-a.json", "cv-b.json"]


def test_eval_with_a_baseline_fails_below_a_floor(runner, corpus, tmp_path):
    gold_dir, text_dir = corpus
    impossible = tmp_path / "impossible.json"
    impossible.write_text(json.dumps({"_comment": "no pipeline reaches these", "header_accuracy": 1.01,
                                      "fields.number": 1.5}), encoding="utf-8")
    result = runner.invoke(main, ["eval", str(gold_dir), "--text-dir", str(text_dir), "--baseline", str(impossible)])
    assert result.exit_code == 1
    assert "header_accuracy=" in result.stdout
    below = [line for line in result.stderr.splitlines() if line.startswith("below floor:")]
    assert [line.split()[2] for line in below] == ["header_accuracy", "fields.number"]


def test_eval_with_a_baseline_passes_above_the_floors(runner, corpus, tmp_path):
    gold_dir, text_dir = corpus
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"header_accuracy": 0.0, "lists.recipients": 0.0}), encoding="utf-8")
    result = runner.invoke(main, ["eval", str(gold_dir), "--text-dir", str(text_dir), "--baseline", str(floors)])
    assert result.exit_code == 0, result.stderr
    assert "below floor" not in result.stderr


def test_summary_prints_a_row_per_record(runner, letters, tmp_path):
    a, b, _ = letters
    out = tmp_path / "records"
    assert runner.invoke(main, ["extract", str(a), str(b), "--out", str(out)]).exit_code == 0
    result = runner.invoke(main, ["summary", str(out)])
    assert result.exit_code == 0
    rows = result.stdout.splitlines()
    assert rows[0].split() == ["file", "type", "number", "issued", "issuer", "subject"]
    assert len(rows) == 3
    assert rows[1].split()[:4] == ["a", "cong_van", "1532/UBND-KGVX", "2024-05-20"]
    assert "Ủy ban nhân dân tỉnh Bình" in rows[1]
    assert rows[2].split()[:4] == ["b", "cong_van", "880/SYT-NVY", "2023-04-03"]
    assert "Sở Y tế" in rows[2]


def test_extract_requires_an_existing_path(runner, tmp_path):
    result = runner.invoke(main, ["extract", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
