"""extractors/distribution.py: Nơi nhận entries and the Lưu line (SPEC §1 distribution, archive)."""
from __future__ import annotations

import re

import pytest

from extractors import distribution


def segments(*rows: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Distribution segments as pipeline/closing.py cuts them.

    A row starting with a dash is an entry, any other row continues the entry
    above, a "Lưu" row is the archive. The span starts after the dash and
    ends before a closing ";" ":" "." or ",".
    """
    text = "\n".join(rows)
    out, pos = [], 0
    for row in rows:
        dash = re.match(r"\s*-\s*", row)
        start = pos + (dash.end() if dash else 0)
        end = pos + len(row.rstrip(" ;:.,"))
        rule = "archive" if re.match(r"\s*-?\s*Lưu", row) else "entry" if dash else "continuation"
        out.append((start, end, rule))
        pos += len(row) + 1
    return text, out


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (("- Như trên;",), [("Như trên", None)]),
        (("- TT. Tỉnh ủy, TT. HĐND tỉnh (b/c);",), [("TT. Tỉnh ủy, TT. HĐND tỉnh", "b/c")]),
        (("- Thường trực Tỉnh ủy (để b/c);",), [("Thường trực Tỉnh ủy", "để b/c")]),
        (("- Các Sở, ban, ngành (để thực hiện);",), [("Các Sở, ban, ngành", "để thực hiện")]),
        (("- Bộ trưởng (để báo cáo);",), [("Bộ trưởng", "để báo cáo")]),
        (("- Văn phòng Chính phủ (để phối hợp);",), [("Văn phòng Chính phủ", "để phối hợp")]),
        (("- Cổng thông tin điện tử tỉnh (để đăng tải);",), [("Cổng thông tin điện tử tỉnh", "để đăng tải")]),
        (("- Thường trực HĐND tỉnh (để biết);",), [("Thường trực HĐND tỉnh", "để biết")]),
        (("- Như trên (t/h);",), [("Như trên", "t/h")]),
        (("- Sở Y tế (p/h);",), [("Sở Y tế", "p/h")]),
        # a parenthesis that is part of the name is no note
        (("- Vụ Pháp chế (BTC);",), [("Vụ Pháp chế (BTC)", None)]),
        (("- Phòng Công báo (Văn phòng Chính phủ);",), [("Phòng Công báo (Văn phòng Chính phủ)", None)]),
        (("- Website Bộ Tài chính;",), [("Website Bộ Tài chính", None)]),
        # one entry per line; "Như trên" stays; the Lưu line is no entry
        (("- Như trên;", "- TT. Tỉnh ủy, TT. HĐND tỉnh (b/c);", "- CT, các PCT UBND tỉnh;", "- Lưu: VT, VXNV. ĐNĐ"),
         [("Như trên", None), ("TT. Tỉnh ủy, TT. HĐND tỉnh", "b/c"), ("CT, các PCT UBND tỉnh", None)]),
        # a wrapped entry is joined to the line above
        (("- Cục Thuế các tỉnh, thành phố trực thuộc", "Trung ương;", "- Lưu: VT, CS (3b)."),
         [("Cục Thuế các tỉnh, thành phố trực thuộc Trung ương", None)]),
        (("- Các Sở, ban, ngành (để thực hiện);", "- UBND các huyện, thành phố", "(để thực hiện);"),
         [("Các Sở, ban, ngành", "để thực hiện"), ("UBND các huyện, thành phố", "để thực hiện")]),
        (("- Lãnh đạo Bộ", "(để báo cáo);"), [("Lãnh đạo Bộ", "để báo cáo")]),
        ((), []),
    ],
)
def test_find(rows, expected):
    text, spans = segments(*rows)
    found = distribution.find(text, spans)
    assert [(c.value["name"], c.value["note"]) for c in found] == expected


def test_raw_and_span_of_a_joined_entry():
    text, spans = segments("- Cục Thuế các tỉnh, thành phố trực thuộc", "Trung ương;")
    [entry] = distribution.find(text, spans)
    assert entry.value["raw"] == "Cục Thuế các tỉnh, thành phố trực thuộc Trung ương"
    assert entry.span == (spans[0][0], spans[1][1])


def test_a_leading_continuation_opens_an_entry():
    text, spans = segments("Sở Nội vụ;")
    assert [c.value["name"] for c in distribution.find(text, spans)] == ["Sở Nội vụ"]


# --- find_archive -------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "units", "drafter", "copies"),
    [
        ("Lưu: VT, VXNV. ĐNĐ", ["VT", "VXNV"], "ĐNĐ", None),
        ("- Lưu: VT, VXNV. ĐNĐ", ["VT", "VXNV"], "ĐNĐ", None),
        ("- Lưu: VT, TH(02b). NVA", ["VT", "TH"], "NVA", 2),
        ("Lưu: VT, CS (3b).", ["VT", "CS"], None, 3),
        ("- Luu: VT, P.NV (05b).", ["VT", "P.NV"], None, 5),
        ("Lưu VT, PC.", ["VT", "PC"], None, None),
        ("- Lưu: VT.", ["VT"], None, None),
        ("Lưu: VT, NV.", ["VT", "NV"], None, None),
        ("Lưu: VT, TTKT (2b).", ["VT", "TTKT"], None, 2),
        ("Lưu: VT, KGVX2.", ["VT", "KGVX2"], None, None),
        ("Lưu VT,TTHT.", ["VT", "TTHT"], None, None),
        ("Lưu: VT, KH (2b). TVH", ["VT", "KH"], "TVH", 2),
        pytest.param("Lưu: VT, TTHT. T.Lan", ["VT", "TTHT"], "T.Lan", None),
        pytest.param("Lưu: VT, PC (NMH).", ["VT", "PC"], "NMH", None),
        ("Lưu: Văn thư, Phòng TH.", ["Văn thư", "Phòng TH"], None, None),
    ],
)
def test_find_archive(line, units, drafter, copies):
    found = distribution.find_archive(line, (0, len(line)))
    assert found.value == {"units": units, "drafter": drafter, "copies": copies}
    assert found.span == (0, len(line))


def test_find_archive_in_a_window():
    text = "- Như trên;\n- Lưu: VT, VXNV. ĐNĐ\nKT. CHỦ TỊCH"
    start = text.index("- Lưu")
    found = distribution.find_archive(text, (start, text.index("\nKT")))
    assert found.value == {"units": ["VT", "VXNV"], "drafter": "ĐNĐ", "copies": None}
