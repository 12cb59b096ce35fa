"""pipeline.normalize: one text for every later stage (NFC, tone marks, markdown, layout noise)."""
from __future__ import annotations

import re
import unicodedata

import pytest

from pipeline.normalize import normalize, normalize_text
from schemas import Document, Source


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# ----------------------------------------------------------------- Unicode


@pytest.mark.parametrize("text", [
    "Ủy ban nhân dân tỉnh Ninh Thuận",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Kính gửi: Sở Tài nguyên và Môi trường",
])
def test_decomposed_input_comes_out_composed(text):
    source = nfd(text)
    assert source != text, "the input must really be decomposed"
    out = normalize_text(source)
    assert out == text
    assert unicodedata.is_normalized("NFC", out)


@pytest.mark.parametrize("raw, expected", [
    ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
    ("UỶ BAN NHÂN DÂN TỈNH", "ỦY BAN NHÂN DÂN TỈNH"),
    ("hoà giải ở cơ sở", "hòa giải ở cơ sở"),
    ("Hoà Bình", "Hòa Bình"),
    ("CỘNG HOÀ XÃ HỘI", "CỘNG HÒA XÃ HỘI"),
    ("chăm sóc sức khoẻ", "chăm sóc sức khỏe"),
    ("công trình thuỷ lợi", "công trình thủy lợi"),
    ("xoá đói giảm nghèo", "xóa đói giảm nghèo"),
    ("tuỳ theo tình hình", "tùy theo tình hình"),
    ("Thanh Thuý", "Thanh Thúy"),
    # Marks that are already in the modern place, or belong where they are.
    ("quý I năm 2024", "quý I năm 2024"),
    ("QUÝ II", "QUÝ II"),
    ("khuỷu tay", "khuỷu tay"),
    ("Huỳnh Văn Bảy", "Huỳnh Văn Bảy"),
    ("hoàng hôn", "hoàng hôn"),
    ("Quỳnh Lưu", "Quỳnh Lưu"),
    ("thuyết phục", "thuyết phục"),
])
def test_tone_marks_take_the_modern_placement(raw, expected):
    assert normalize_text(raw) == expected


def test_tone_marks_are_fixed_in_decomposed_input_too():
    assert normalize_text(nfd("Uỷ ban nhân dân xã Hoà Bình")) == "Ủy ban nhân dân xã Hòa Bình"


@pytest.mark.parametrize("raw, expected", [
    ("Kính\u00a0gửi: Sở Nội vụ", "Kính gửi: Sở Nội vụ"),
    ("Sở Nội\u200b vụ", "Sở Nội vụ"),
    ("\ufeffỦY BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN"),
    ("Phan Rang\u2011Tháp Chàm", "Phan Rang-Tháp Chàm"),
    ("Số: 12\u2215UBND-VP", "Số: 12/UBND-VP"),
    ("báo\u00adcáo", "báocáo"),
    ("Hà Nội,\u202fngày 04 tháng 5 năm 2020", "Hà Nội, ngày 04 tháng 5 năm 2020"),
])
def test_invisible_and_look_alike_characters_are_replaced(raw, expected):
    assert normalize_text(raw) == expected


# ----------------------------------------------------------------- markdown


@pytest.mark.parametrize("raw, expected", [
    ("**Kính gửi:** Sở Nội vụ", "Kính gửi: Sở Nội vụ"),
    ("__Nơi nhận:__", "Nơi nhận:"),
    ("*Ninh Thuận, ngày 17 tháng 12 năm 2020*", "Ninh Thuận, ngày 17 tháng 12 năm 2020"),
    ("# QUYẾT ĐỊNH", "QUYẾT ĐỊNH"),
    ("### Điều 1. Phạm vi điều chỉnh", "Điều 1. Phạm vi điều chỉnh"),
    ("\\- Như trên;", "- Như trên;"),
    ("1\\. Giao Sở Nội vụ chủ trì.", "1. Giao Sở Nội vụ chủ trì."),
    ("\\* Lưu ý: báo cáo đúng hạn.", "* Lưu ý: báo cáo đúng hạn."),
    ("Số lượng \\(dự kiến\\): 05 người.", "Số lượng (dự kiến): 05 người."),
])
def test_markdown_emphasis_headings_and_escapes_are_removed(raw, expected):
    assert normalize_text(raw) == expected


def test_a_two_column_header_table_reads_column_by_column():
    raw = ("| **ỦY BAN NHÂN DÂN<br>TỈNH KON TUM**<br>------- | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>"
           "Độc lập - Tự do - Hạnh phúc** |\n|---|---|\n"
           "| Số: 435/QĐ-UBND | *Kon Tum, ngày 04 tháng 5 năm 2020* |")
    assert normalize_text(raw).split("\n") == [
        "ỦY BAN NHÂN DÂN", "TỈNH KON TUM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        # a row without <br> is a one-line row: its cells stay on one line
        "Số: 435/QĐ-UBND | Kon Tum, ngày 04 tháng 5 năm 2020",
    ]


def test_a_signature_table_reads_column_by_column():
    raw = ("| **Nơi nhận:**<br>- Như trên;<br>- Lưu: VT, NC. | **KT. CHỦ TỊCH<br>PHÓ CHỦ TỊCH**<br><br>"
           "**Nguyễn Văn Hòa** |\n|---|---|")
    assert normalize_text(raw).split("\n") == [
        "Nơi nhận:", "- Như trên;", "- Lưu: VT, NC.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Nguyễn Văn Hòa"]


def test_a_task_table_keeps_one_line_per_row():
    raw = ("| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
           "|:---:|---|---|---|---|\n"
           "| 1 | Rà soát hồ sơ đất đai<br>tại các xã | Sở Tài nguyên và Môi trường | UBND các huyện | Quý II/2024 |\n"
           "| 2 | Tập huấn cán bộ | Sở Nội vụ | Sở Tư pháp | Tháng 6/2024 |")
    assert normalize_text(raw).split("\n") == [
        "STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành",
        "1 | Rà soát hồ sơ đất đai tại các xã | Sở Tài nguyên và Môi trường | UBND các huyện | Quý II/2024",
        "2 | Tập huấn cán bộ | Sở Nội vụ | Sở Tư pháp | Tháng 6/2024",
    ]


def test_yaml_front_matter_of_a_converter_is_removed():
    raw = ('---\ntitle: "Cong van 12/UBND-VP"\nsource: "crawl"\nconverter: "pdf2md 1.2"\n---\n\n'
           "ỦY BAN NHÂN DÂN\nTỈNH NINH THUẬN")
    assert normalize_text(raw) == "ỦY BAN NHÂN DÂN\nTỈNH NINH THUẬN"


def test_a_rule_later_in_the_letter_is_not_taken_for_front_matter():
    raw = "ỦY BAN NHÂN DÂN\n---\nSố: 12/UBND-VP\n---\nKính gửi: Sở Nội vụ."
    out = normalize_text(raw)
    assert out.startswith("ỦY BAN NHÂN DÂN") and "Số: 12/UBND-VP" in out and "Kính gửi: Sở Nội vụ." in out


@pytest.mark.parametrize("marker", ["--- PAGE 2 ---", "--- PAGE BREAK ---", "-- PAGE 12 --"])
def test_page_markers_are_dropped(marker):
    raw = f"Sở Nội vụ đề nghị các đơn vị báo cáo đúng hạn.\n{marker}\nNơi nhận:\n- Như trên;"
    out = normalize_text(raw)
    assert "PAGE" not in out
    assert out == "Sở Nội vụ đề nghị các đơn vị báo cáo đúng hạn.\nNơi nhận:\n- Như trên;"


@pytest.mark.parametrize("rule", ["-------", "==========", "|---|---|", "~~~~~~", "***", "___________", "________"])
def test_rule_lines_are_dropped(rule):
    assert normalize_text(f"ỦY BAN NHÂN DÂN\nTỈNH NINH THUẬN\n{rule}\nSố: 12/UBND-VP") == \
        "ỦY BAN NHÂN DÂN\nTỈNH NINH THUẬN\nSố: 12/UBND-VP"


def test_form_feeds_between_pages_become_line_breaks():
    assert normalize_text("Trang một kết thúc.\fTrang hai bắt đầu.") == "Trang một kết thúc.\nTrang hai bắt đầu."


# ----------------------------------------------------------------- layout spaces and line joins


@pytest.mark.parametrize("raw, expected", [
    ("ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
     "ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Số:\t\t512/UBND-VP", "Số:  512/UBND-VP"),
    ("     Thực hiện Kế hoạch số 41/KH-UBND.   ", "Thực hiện Kế hoạch số 41/KH-UBND."),
    ("Sở\u00a0\u00a0\u00a0Nội vụ", "Sở  Nội vụ"),
])
def test_layout_spaces_fold_to_one_column_gap(raw, expected):
    out = normalize_text(raw)
    assert out == expected
    assert not re.search(r"[ \t]{3,}|\t", out)


@pytest.mark.parametrize("raw, expected", [
    # a sentence a PDF or OCR broke across lines
    ("Ủy ban nhân dân tỉnh đề nghị các sở, ban,\nngành khẩn trương triển khai thực hiện.",
     "Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành khẩn trương triển khai thực hiện."),
    ("Trung tâm Y tế huyện hoàn thành đợt phun khử\nkhuẩn đầu tiên trước ngày 10/3/2020.",
     "Trung tâm Y tế huyện hoàn thành đợt phun khử khuẩn đầu tiên trước ngày 10/3/2020."),
    # a place name split at its hyphen
    ("Ủy ban nhân dân thành phố Phan Rang-\nTháp Chàm", "Ủy ban nhân dân thành phố Phan Rang-Tháp Chàm"),
    # a list marker alone on its line joins its item
    ("2.\nGiao Sở Tài chính cân đối nguồn vốn.", "2. Giao Sở Tài chính cân đối nguồn vốn."),
    ("a)\nRà soát danh mục dự án.", "a) Rà soát danh mục dự án."),
    ("-\nNhư trên;", "- Như trên;"),
    ("II.\nTỔ CHỨC THỰC HIỆN", "II. TỔ CHỨC THỰC HIỆN"),
    # a converter's blank line inside a wrapped sentence
    ("V/v triển khai thực hiện\n\ncải cách thủ tục hành chính năm 2024",
     "V/v triển khai thực hiện cải cách thủ tục hành chính năm 2024"),
])
def test_broken_lines_are_joined(raw, expected):
    assert normalize_text(raw) == expected


@pytest.mark.parametrize("raw", [
    # list items stay at the start of their lines
    "Đề nghị các đơn vị thực hiện các nội dung sau:\n1. Rà soát hồ sơ;\n2. Báo cáo kết quả.",
    "1. Giao Sở Nội vụ:\na) Hướng dẫn các xã;\nb) Tổng hợp báo cáo.",
    "Nơi nhận:\n- Như trên;\n- Lưu: VT, NC.",
    "Các nhiệm vụ trọng tâm gồm\n- rà soát hồ sơ;\n- tập huấn cán bộ.",
    # a sentence that ended, and a new one with a capital
    "Thực hiện Công văn số 12/UBND-VP ngày 05/3/2024.\nSở Nội vụ đề nghị như sau:",
    # paragraphs a blank line apart stay apart
    "Sở Nội vụ đề nghị các đơn vị báo cáo.\n\nThời gian nộp báo cáo trước ngày 15/12/2024.",
    # a web address is not a continuation
    "Xem văn bản tại Cổng thông tin điện tử tỉnh\nhttps://ninhthuan.gov.vn",
])
def test_lines_that_start_an_item_or_a_sentence_stay_apart(raw):
    assert normalize_text(raw) == raw


def test_blank_line_runs_collapse_to_one_and_ends_are_trimmed():
    assert normalize_text("\n\n\nSố: 12/UBND-VP\n\n\n\n\nV/v báo cáo công tác năm 2024\n\n") == \
        "Số: 12/UBND-VP\n\nV/v báo cáo công tác năm 2024"


@pytest.mark.parametrize("anchor", ["Nơi nhận:", "Kính gửi: Sở Nội vụ."])
def test_a_blank_line_before_an_anchor_is_kept(anchor):
    raw = f"Yêu cầu các cơ quan nghiêm túc thực hiện./.\n\n{anchor}"
    assert normalize_text(raw) == raw


@pytest.mark.parametrize("raw, expected", [
    ("Đề nghị các đơn vị thực hiện./. Nơi nhận: - Như trên; - Lưu: VT, NC.",
     "Đề nghị các đơn vị thực hiện./.\nNơi nhận:\n- Như trên;\n- Lưu: VT, NC."),
    ("V/v báo cáo công tác năm 2024 Kính gửi: Sở Nội vụ.", "V/v báo cáo công tác năm 2024\nKính gửi: Sở Nội vụ."),
    ("Điều 1. Phê duyệt kế hoạch. Điều 2. Giao Sở Tài chính bố trí kinh phí; Điều 3. Quyết định có hiệu lực.",
     "Điều 1. Phê duyệt kế hoạch.\nĐiều 2. Giao Sở Tài chính bố trí kinh phí;\nĐiều 3. Quyết định có hiệu lực."),
    ("thực hiện theo quy định tại Điều 5. Ngoài ra", "thực hiện theo quy định tại Điều 5. Ngoài ra"),
])
def test_a_flattened_closing_gets_its_line_breaks_back(raw, expected):
    assert normalize_text(raw) == expected


def test_normalize_fills_text_from_raw_text_and_keeps_the_rest():
    doc = Document(id="0" * 64, source=Source(path="a.txt", media_type="text/plain"),
                   raw_text=nfd("Uỷ ban nhân dân\n--- PAGE 2 ---\nhoà giải"), warnings=["page 2: no text layer"])
    out = normalize(doc)
    assert out is not doc
    assert out.text == "Ủy ban nhân dân hòa giải"
    assert out.raw_text == doc.raw_text and out.warnings == doc.warnings
    assert doc.text == ""


def test_normalizing_twice_changes_nothing():
    raw = ("| **UBND TỈNH ĐẮK NÔNG<br>SỞ NỘI VỤ** | **CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc** |\n"
           "|---|---|\n\nSố: 1482/SNV-BTĐKT     Đắk Nông, ngày 20 tháng 11 năm 2023\n"
           "Sở Nội vụ đề nghị các cơ quan, đơn vị tổ chức tổng kết công tác thi đua, khen\nthưởng năm 2023.")
    once = normalize_text(raw)
    assert normalize_text(once) == once
