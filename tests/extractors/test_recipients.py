"""extractors/recipients.py: Kính gửi, one recipient per line or per ";" item, canonical names."""
from __future__ import annotations

import pytest

from extractors import recipients


def block(*rows: str) -> tuple[str, list[tuple[int, int]]]:
    text = "\n".join(rows)
    spans, pos = [], 0
    for row in rows:
        spans.append((pos, pos + len(row)))
        pos += len(row) + 1
    return text, spans


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (("- Các Sở, ban, ngành thuộc UBND tỉnh;", "- UBND các huyện, thành phố."),
         [("Các Sở, ban, ngành thuộc Ủy ban nhân dân tỉnh", "Các Sở, ban, ngành thuộc UBND tỉnh"),
          ("Ủy ban nhân dân các huyện, thành phố", "UBND các huyện, thành phố")]),
        (("Sở Nội vụ; Sở Tài chính; Sở Y tế.",),
         [("Sở Nội vụ", "Sở Nội vụ"), ("Sở Tài chính", "Sở Tài chính"), ("Sở Y tế", "Sở Y tế")]),
        (("- UBND huyện Ninh Sơn; - UBND huyện Ninh Hải.",),
         [("Ủy ban nhân dân huyện Ninh Sơn", "UBND huyện Ninh Sơn"),
          ("Ủy ban nhân dân huyện Ninh Hải", "UBND huyện Ninh Hải")]),
        (("- Cục Thuế các tỉnh, thành phố trực thuộc Trung ương;",),
         [("Cục Thuế các tỉnh, thành phố trực thuộc Trung ương", "Cục Thuế các tỉnh, thành phố trực thuộc Trung ương")]),
        (("  - HĐND, UBND các xã, thị trấn;  ",),
         [("Hội đồng nhân dân, Ủy ban nhân dân các xã, thị trấn", "HĐND, UBND các xã, thị trấn")]),
        (("- SỞ NỘI VỤ TỈNH LONG AN",), [("Sở Nội vụ tỉnh Long An", "SỞ NỘI VỤ TỈNH LONG AN")]),
        (("- Sở Lao động - Thương binh và Xã hội;",),
         [("Sở Lao động - Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội")]),
        (("- Ủy ban MTTQ Việt Nam tỉnh;", "- Thường trực HĐND tỉnh."),
         [("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Ủy ban MTTQ Việt Nam tỉnh"),
          ("Thường trực Hội đồng nhân dân tỉnh", "Thường trực HĐND tỉnh")]),
        (("- Kho bạc Nhà nước tỉnh;", "- Sở LĐTBXH."),
         [("Kho bạc Nhà nước tỉnh", "Kho bạc Nhà nước tỉnh"),
          ("Sở Lao động - Thương binh và Xã hội", "Sở LĐTBXH")]),
        (("- Giám đốc Sở Y tế;", "- Chủ tịch UBND các huyện."),
         [("Giám đốc Sở Y tế", "Giám đốc Sở Y tế"), ("Chủ tịch Ủy ban nhân dân các huyện", "Chủ tịch UBND các huyện")]),
        (("-", ";"), []),
        ((), []),
        (("- Bộ trưởng Bộ Tài chính;",), [("Bộ trưởng Bộ Tài chính", "Bộ trưởng Bộ Tài chính")]),
    ],
)
def test_find(rows, expected):
    text, spans = block(*rows)
    found = recipients.find(text, spans)
    assert [(c.value["name"], c.value["raw"]) for c in found] == expected
    for c in found:
        assert text[c.span[0]:c.span[1]] == c.value["raw"]
        assert c.value["span"] == list(c.span)


def test_split_items_keep_absolute_offsets():
    text = "Kính gửi: Sở Nội vụ; Sở Tài chính."
    start = text.index("Sở")
    found = recipients.find(text, [(start, len(text))])
    assert [text[c.span[0]:c.span[1]] for c in found] == ["Sở Nội vụ", "Sở Tài chính"]
