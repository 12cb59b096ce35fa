"""extractors/issuer.py: the issuing body from the header's left column (SPEC §1 issuer)."""
from __future__ import annotations

import pytest

from extractors import issuer


def header(*rows: str) -> tuple[str, list[tuple[int, int]]]:
    """The header's left column as the segmenter hands it over: one span per line."""
    text = "\n".join(rows)
    spans, pos = [], 0
    for row in rows:
        spans.append((pos, pos + len(row)))
        pos += len(row) + 1
    return text, spans


# (header lines, issuer name, parent, level, raw of the issuer unit)
CASES = [
    (("BỘ TÀI CHÍNH", "TỔNG CỤC THUẾ"), "Tổng cục Thuế", "Bộ Tài chính", "central", "TỔNG CỤC THUẾ"),
    (("BỘ TÀI CHÍNH", "TỔNG CỤC HẢI QUAN"), "Tổng cục Hải quan", "Bộ Tài chính", "central", "TỔNG CỤC HẢI QUAN"),
    (("ỦY BAN NHÂN DÂN", "TỈNH NINH THUẬN"), "Ủy ban nhân dân tỉnh Ninh Thuận", None, "province",
     "ỦY BAN NHÂN DÂN TỈNH NINH THUẬN"),
    (("ỦY BAN NHÂN DÂN", "HUYỆN NINH SƠN"), "Ủy ban nhân dân huyện Ninh Sơn", None, "district",
     "ỦY BAN NHÂN DÂN HUYỆN NINH SƠN"),
    (("ỦY BAN NHÂN DÂN", "XÃ PHƯỚC HẬU"), "Ủy ban nhân dân xã Phước Hậu", None, "commune",
     "ỦY BAN NHÂN DÂN XÃ PHƯỚC HẬU"),
    (("ỦY BAN NHÂN DÂN", "THÀNH PHỐ CẦN THƠ"), "Ủy ban nhân dân thành phố Cần Thơ", None, "province",
     "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ"),
    pytest.param(("ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"), "Ủy ban nhân dân Thành phố Hồ Chí Minh", None,
                 "province", "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"),
    (("UBND TỈNH LONG AN", "SỞ NỘI VỤ"), "Sở Nội vụ", "Ủy ban nhân dân tỉnh Long An", "province", "SỞ NỘI VỤ"),
    (("ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG", "SỞ NỘI VỤ"), "Sở Nội vụ", "Ủy ban nhân dân tỉnh Đắk Nông", "province",
     "SỞ NỘI VỤ"),
    (("UBND TỈNH NINH THUẬN", "SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"), "Sở Lao động - Thương binh và Xã hội",
     "Ủy ban nhân dân tỉnh Ninh Thuận", "province", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"),
    (("BỘ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"), "Bộ Lao động - Thương binh và Xã hội", None, "ministry",
     "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"),
    (("BỘ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI", "VỤ PHÁP CHẾ"), "Vụ Pháp chế", "Bộ Lao động - Thương binh và Xã hội",
     "ministry", "VỤ PHÁP CHẾ"),
    (("TỔNG CỤC THUẾ", "CỤC THUẾ TỈNH BÌNH DƯƠNG"), "Cục Thuế tỉnh Bình Dương", "Tổng cục Thuế", "province",
     "CỤC THUẾ TỈNH BÌNH DƯƠNG"),
    (("TỔNG CỤC THUẾ", "CỤC THUẾ TP HÀ NỘI"), "Cục Thuế thành phố Hà Nội", "Tổng cục Thuế", "province",
     "CỤC THUẾ TP HÀ NỘI"),
    # three levels: the last unit issues, the one above it is the parent
    (("BỘ TÀI CHÍNH", "TỔNG CỤC THUẾ", "CỤC THUẾ TỈNH THANH HÓA"), "Cục Thuế tỉnh Thanh Hóa", "Tổng cục Thuế",
     "province", "CỤC THUẾ TỈNH THANH HÓA"),
    (("BỘ TÀI CHÍNH", "TỔNG CỤC HẢI QUAN", "CỤC HẢI QUAN TỈNH BÌNH DƯƠNG"), "Cục Hải quan tỉnh Bình Dương",
     "Tổng cục Hải quan", "province", "CỤC HẢI QUAN TỈNH BÌNH DƯƠNG"),
    (("UBND HUYỆN ĐẮK SONG", "PHÒNG NỘI VỤ"), "Phòng Nội vụ", "Ủy ban nhân dân huyện Đắk Song", "district",
     "PHÒNG NỘI VỤ"),
    (("UBND HUYỆN ĐỨC HÒA", "PHÒNG LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"), "Phòng Lao động - Thương binh và Xã hội",
     "Ủy ban nhân dân huyện Đức Hòa", "district", "PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"),
    (("THỦ TƯỚNG CHÍNH PHỦ",), "Thủ tướng Chính phủ", None, "central", "THỦ TƯỚNG CHÍNH PHỦ"),
    (("BỘ NỘI VỤ",), "Bộ Nội vụ", None, "ministry", "BỘ NỘI VỤ"),
    (("TỈNH ỦY NINH THUẬN",), "Tỉnh ủy Ninh Thuận", None, "province", "TỈNH ỦY NINH THUẬN"),
    (("HUYỆN ỦY ĐẮK SONG",), "Huyện ủy Đắk Song", None, "district", "HUYỆN ỦY ĐẮK SONG"),
    # a unit of a provincial body is at the province's level
    pytest.param(("UBND TỈNH KON TUM", "VĂN PHÒNG"), "Văn phòng", "Ủy ban nhân dân tỉnh Kon Tum", "province",
                 "VĂN PHÒNG"),
    pytest.param(("ỦY BAN NHÂN DÂN TỈNH NINH THUẬN", "THANH TRA TỈNH"), "Thanh tra tỉnh",
                 "Ủy ban nhân dân tỉnh Ninh Thuận", "province", "THANH TRA TỈNH"),
    pytest.param(("UBND TỈNH NINH THUẬN", "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP"), "Ban Quản lý các khu công nghiệp",
                 "Ủy ban nhân dân tỉnh Ninh Thuận", "province", "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP"),
]


@pytest.mark.parametrize(("rows", "name", "parent", "level", "raw"), CASES)
def test_find(rows, name, parent, level, raw):
    text, spans = header(*rows)
    found = issuer.find(text, spans)
    assert found is not None
    value = found.value
    assert (value["name"], value["parent"], value["level"], value["raw"]) == (name, parent, level, raw)
    assert found.warnings == ()


def test_span_covers_the_issuer_unit_only():
    text, spans = header("BỘ TÀI CHÍNH", "TỔNG CỤC THUẾ")
    found = issuer.find(text, spans)
    assert text[found.span[0]:found.span[1]] == "TỔNG CỤC THUẾ"
    assert found.value["span"] == list(found.span)


def test_span_of_a_unit_over_two_lines():
    text, spans = header("ỦY BAN NHÂN DÂN", "TỈNH NINH THUẬN")
    found = issuer.find(text, spans)
    assert found.span == (0, len(text))


@pytest.mark.parametrize(
    ("rows", "name", "parent"),
    [
        (("BỘ TÀI CHÍNH", "TONG CYC THUE"), "Tổng cục Thuế", "Bộ Tài chính"),
        (("BỘ TÀI CHÍNH", "TỔNG CUC THUÊSZ"), "Tổng cục Thuế", "Bộ Tài chính"),
    ],
)
def test_a_repaired_name_is_reported(rows, name, parent):
    text, spans = header(*rows)
    found = issuer.find(text, spans)
    assert (found.value["name"], found.value["parent"], found.value["level"]) == (name, parent, "central")
    assert found.value["raw"] == rows[-1]
    assert len(found.warnings) == 1
    assert name in found.warnings[0] and rows[-1] in found.warnings[0]


def test_a_name_without_a_known_head_is_less_sure():
    text, spans = header("LIÊN MINH HỢP TÁC XÃ TỈNH NINH THUẬN")
    unsure = issuer.find(text, spans)
    text, spans = header("SỞ NỘI VỤ")
    sure = issuer.find(text, spans)
    assert unsure.confidence < sure.confidence


def test_no_lines_no_issuer():
    assert issuer.find("", []) is None
