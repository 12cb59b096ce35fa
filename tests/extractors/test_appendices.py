"""extractors/appendices.py: the title of a Phụ lục after the signature (SPEC §1 appendices)."""
from __future__ import annotations

import pytest

from extractors import appendices


def appendix(*rows: str) -> tuple[str, tuple[int, int]]:
    text = "\n".join(rows)
    return text, (0, len(text))


@pytest.mark.parametrize(
    ("rows", "title"),
    [
        (("PHỤ LỤC", "DANH SÁCH PHÂN CÔNG CÁN BỘ THEO DÕI ĐỊA BÀN",
          "(Kèm theo Công văn số 4554/UBND-VXNV ngày 17/12/2020 của UBND tỉnh)"),
         "DANH SÁCH PHÂN CÔNG CÁN BỘ THEO DÕI ĐỊA BÀN"),
        (("PHỤ LỤC", "Danh sách cán bộ, công chức phụ trách địa bàn", "các xã, phường, thị trấn",
          "(Kèm theo Công văn số 88/SNV-CCVC của Sở Nội vụ)"),
         "Danh sách cán bộ, công chức phụ trách địa bàn các xã, phường, thị trấn"),
        (("PHỤ LỤC I", "Biểu mẫu báo cáo kết quả thực hiện", "(Ban hành kèm theo Quyết định số 12/QĐ-UBND)"),
         "Biểu mẫu báo cáo kết quả thực hiện"),
        (("Phụ lục 02: Mẫu tờ khai đăng ký thuế", "(Kèm theo Công văn số 1234/TCT-KK)"), "Mẫu tờ khai đăng ký thuế"),
        (("PHỤ LỤC II. DANH MỤC HỒ SƠ", "Kèm theo Thông tư số 02/2021/TT-BNV"), "DANH MỤC HỒ SƠ"),
        (("PHỤ LỤC III", "TỔNG HỢP SỐ LIỆU", "CÁC ĐƠN VỊ TRỰC THUỘC", "(Kèm theo Kế hoạch số 88/KH-UBND)"),
         "TỔNG HỢP SỐ LIỆU CÁC ĐƠN VỊ TRỰC THUỘC"),
        (("PHU LUC", "Tình hình thu nộp ngân sách 6 tháng đầu năm", "(Kèm theo Công văn số 903/BTC-CST)"),
         "Tình hình thu nộp ngân sách 6 tháng đầu năm"),
        # a title under no "PHỤ LỤC" heading is taken whole (gold real-068: "Danh mục thủ tục ...")
        pytest.param(("Danh mục thủ tục hành chính mới ban hành", "(Kèm theo Quyết định số 3/QĐ-UBND)"),
                     "Danh mục thủ tục hành chính mới ban hành"),
        pytest.param(("DANH SÁCH", "các đơn vị được khen thưởng năm 2022", "(Kèm theo Quyết định số 45/QĐ-UBND)"),
                     "DANH SÁCH các đơn vị được khen thưởng năm 2022"),
        # no title between the heading and "(Kèm theo ...)"
        (("PHỤ LỤC", "(Kèm theo Công văn số 88/SNV-CCVC)"), None),
    ],
)
def test_find(rows, title):
    text, span = appendix(*rows)
    [found] = appendices.find(text, span)
    assert found.value["title"] == title
    assert found.value["span"] == [0, len(text)]
    assert found.span == span


def test_the_title_stops_at_the_attached_line_even_without_parenthesis():
    text, span = appendix("PHỤ LỤC", "Mẫu báo cáo", "Ban hành kèm theo Quyết định số 12/QĐ-UBND", "STT | Nội dung")
    [found] = appendices.find(text, span)
    assert found.value["title"] == "Mẫu báo cáo"


def test_the_title_reads_at_most_eight_lines():
    rows = ["PHỤ LỤC"] + [f"dòng {i}" for i in range(1, 12)]
    text, span = appendix(*rows)
    [found] = appendices.find(text, span)
    assert found.value["title"] == " ".join(f"dòng {i}" for i in range(1, 8))


def test_a_long_title_is_cut_at_400_characters():
    text, span = appendix("PHỤ LỤC", "Danh sách " + "đơn vị " * 80, "(Kèm theo Kế hoạch số 88/KH-UBND)")
    [found] = appendices.find(text, span)
    assert len(found.value["title"]) == 400


def test_a_span_inside_the_text():
    text = "Nguyễn Văn An\nPHỤ LỤC\nMẫu báo cáo tiến độ\n(Kèm theo Công văn số 12/UBND-VP)"
    start = text.index("PHỤ LỤC")
    [found] = appendices.find(text, (start, len(text)))
    assert found.value["title"] == "Mẫu báo cáo tiến độ"
    assert found.value["span"] == [start, len(text)]


@pytest.mark.parametrize("rows", [("",), ("   ", "")])
def test_an_empty_span_has_no_appendix(rows):
    text, span = appendix(*rows)
    assert appendices.find(text, span) == []
