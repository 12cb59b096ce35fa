"""extractors/marks.py: urgency (độ khẩn) and secrecy (độ mật) marks of the header."""
from __future__ import annotations

import pytest

from extractors import marks


def block(*rows: str) -> tuple[str, list[tuple[int, int]]]:
    text = "\n".join(rows)
    spans, pos = [], 0
    for row in rows:
        spans.append((pos, pos + len(row)))
        pos += len(row) + 1
    return text, spans


@pytest.mark.parametrize(
    ("rows", "urgency", "confidentiality"),
    [
        (("HỎA TỐC",), "hoa_toc", None),
        (("HOẢ TỐC",), "hoa_toc", None),  # old tone placement
        (("THƯỢNG KHẨN",), "thuong_khan", None),
        (("KHẨN",), "khan", None),
        (("Khẩn.",), "khan", None),
        (("- KHẨN -",), "khan", None),
        (("KHAN",), "khan", None),  # diacritics lost
        (("MẬT",), None, "mat"),
        (("*MẬT*",), None, "mat"),
        (("TỐI MẬT",), None, "toi_mat"),
        (("TUYỆT MẬT",), None, "tuyet_mat"),
        (("KHẨN", "MẬT"), "khan", "mat"),
        (("THƯỢNG KHẨN", "TỐI MẬT"), "thuong_khan", "toi_mat"),
        (("HỎA TỐC", "KHẨN"), "hoa_toc", None),  # the first urgency line wins
        # words that only contain a mark
        (("KHẨN TRƯƠNG",), None, None),
        (("MẬT ĐỘ DÂN SỐ",), None, None),
        (("BÍ MẬT NHÀ NƯỚC",), None, None),
        ((), None, None),
    ],
)
def test_find(rows, urgency, confidentiality):
    text, spans = block(*rows)
    found = marks.find(text, spans)
    assert {kind: c.value for kind, c in found.items()} == {
        kind: code for kind, code in (("urgency", urgency), ("confidentiality", confidentiality)) if code}


def test_each_mark_points_at_its_line():
    text, spans = block("THƯỢNG KHẨN", "TỐI MẬT")
    found = marks.find(text, spans)
    assert text[slice(*found["urgency"].span)] == "THƯỢNG KHẨN"
    assert text[slice(*found["confidentiality"].span)] == "TỐI MẬT"
