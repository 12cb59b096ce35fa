"""extractors/number.py: số và ký hiệu (Decree 30/2020 Appendix I §II.3; party documents)."""
from __future__ import annotations

import pytest

from extractors import number


def find(line: str):
    return number.find(line, (0, len(line)))


# (line as printed, number, year, symbol, number_symbol, doc_type named by the symbol)
CASES = [
    # công văn: the symbol is issuer-unit, no type abbreviation
    ("Số: 4554/UBND-VXNV", 4554, None, "UBND-VXNV", "4554/UBND-VXNV", None),
    ("Số: 3386/TCT-CS", 3386, None, "TCT-CS", "3386/TCT-CS", None),
    ("Số: 5035/BYT-KCB", 5035, None, "BYT-KCB", "5035/BYT-KCB", None),
    ("Số: 2975/LĐTBXH-PC", 2975, None, "LĐTBXH-PC", "2975/LĐTBXH-PC", None),
    ("Số:1234/BTC-TCT", 1234, None, "BTC-TCT", "1234/BTC-TCT", None),
    ("So: 88/SNV-CCVC", 88, None, "SNV-CCVC", "88/SNV-CCVC", None),
    # blank number of a draft or an unnumbered copy
    ("Số:   /UBND-NC", None, None, "UBND-NC", "/UBND-NC", None),
    ("Số:  /QĐ-UBND", None, None, "QĐ-UBND", "/QĐ-UBND", "quyet_dinh"),
    ("Số: ***/UBND-VP", None, None, "UBND-VP", "/UBND-VP", None),
    # administrative documents with a type abbreviation
    ("Số: 435/QĐ-UBND", 435, None, "QĐ-UBND", "435/QĐ-UBND", "quyet_dinh"),
    ("Số: 88/KH-UBND", 88, None, "KH-UBND", "88/KH-UBND", "ke_hoach"),
    ("Số: 17/CT-TTg", 17, None, "CT-TTg", "17/CT-TTg", "chi_thi"),
    ("Số: 3/BC-SNV", 3, None, "BC-SNV", "3/BC-SNV", "bao_cao"),
    ("Số: 25/TTr-UBND", 25, None, "TTr-UBND", "25/TTr-UBND", "to_trinh"),
    ("Số: 45/GM-UBND", 45, None, "GM-UBND", "45/GM-UBND", "giay_moi"),
    ("Số: 256/TB-VPCP", 256, None, "TB-VPCP", "256/TB-VPCP", "thong_bao"),
    ("Số: 12/HD-SYT", 12, None, "HD-SYT", "12/HD-SYT", "huong_dan"),
    ("Số: 15/CĐ-UBND", 15, None, "CĐ-UBND", "15/CĐ-UBND", "cong_dien"),
    ("Số: 12/ĐA-UBND", 12, None, "ĐA-UBND", "12/ĐA-UBND", "de_an"),
    ("Số: 7/DA-BQL", 7, None, "DA-BQL", "7/DA-BQL", "du_an"),
    ("Số: 2/QyĐ-UBND", 2, None, "QyĐ-UBND", "2/QyĐ-UBND", "quy_dinh"),
    ("Số: 308/CV-PC", 308, None, "CV-PC", "308/CV-PC", "cong_van"),
    # spaces around the parts are dropped from number_symbol
    ("Số: 19 /CD-TTg", 19, None, "CD-TTg", "19/CD-TTg", "cong_dien"),
    ("Số: 4554 /UBND-VXNV", 4554, None, "UBND-VXNV", "4554/UBND-VXNV", None),
    ("Số: 4554/UBND - VXNV", 4554, None, "UBND-VXNV", "4554/UBND-VXNV", None),
    ("Số: 65 /QĐ. SLDTBXH", 65, None, "QĐ.SLDTBXH", "65/QĐ.SLDTBXH", "quyet_dinh"),
    # legal normative documents carry the year
    ("Số: 61/2018/NĐ-CP", 61, 2018, "NĐ-CP", "61/2018/NĐ-CP", "nghi_dinh"),
    ("Số: 102/2020/NĐ-CP", 102, 2020, "NĐ-CP", "102/2020/NĐ-CP", "nghi_dinh"),
    ("Số:  12/2021/TT-BTC", 12, 2021, "TT-BTC", "12/2021/TT-BTC", "thong_tu"),
    ("Số: 01/2015/TTLT-BTP-BNV", 1, 2015, "TTLT-BTP-BNV", "01/2015/TTLT-BTP-BNV", "thong_tu_lien_tich"),
    ("Số: 09/2019/NQ-HĐND", 9, 2019, "NQ-HĐND", "09/2019/NQ-HĐND", "nghi_quyet"),
    ("Số: 01/2023/QĐ-UBND", 1, 2023, "QĐ-UBND", "01/2023/QĐ-UBND", "quyet_dinh"),
    ("Số: 45/2019/QH14", 45, 2019, "QH14", "45/2019/QH14", "luat"),
    # party documents: number-type/issuer
    ("Số 12-CTr/TU", 12, None, "TU", "12-CTr/TU", "chuong_trinh"),
    ("Số: 04-NQ/TU", 4, None, "TU", "04-NQ/TU", "nghi_quyet"),
    ("Số 193-QĐ/TU", 193, None, "TU", "193-QĐ/TU", "quyet_dinh"),
    ("Số: 119-KH/TU", 119, None, "TU", "119-KH/TU", "ke_hoach"),
    ("Số: 37-CT/TW", 37, None, "TW", "37-CT/TW", "chi_thi"),
    ("Số: 301-TB/TU", 301, None, "TU", "301-TB/TU", "thong_bao"),
    ("Số: 45-KH/HU", 45, None, "HU", "45-KH/HU", "ke_hoach"),
    ("Số: 123-CV/TU", 123, None, "TU", "123-CV/TU", "cong_van"),
    ("Số: 12 - CTr/TU", 12, None, "TU", "12-CTr/TU", "chuong_trinh"),
    # OCR and web copies
    ("Số : 44 DN-UBND", 44, None, "DN-UBND", "44DN-UBND", None),  # the slash lost
    ("'số:435'7 /TCHQ-GSQL", 4357, None, "TCHQ-GSQL", "4357/TCHQ-GSQL", None),  # a stray quote inside
    ("Số: 4554/UBND-VXNV ngày 17/12/2020", 4554, None, "UBND-VXNV", "4554/UBND-VXNV", None),
]


@pytest.mark.parametrize(("line", "num", "year", "symbol", "number_symbol", "doc_type"), CASES)
def test_find(line, num, year, symbol, number_symbol, doc_type):
    found = find(line)
    assert found is not None
    assert found.value == {"number": num, "year": year, "symbol": symbol,
                           "number_symbol": number_symbol, "doc_type": doc_type}
    assert found.warnings == ()


@pytest.mark.parametrize(
    ("line", "number_symbol", "unreadable"),
    [
        ("Số: 5Ï/TCT-TTKT", "/TCT-TTKT", "5Ï"),
        ("Số: 1O5/UBND-VP", "/UBND-VP", "1O5"),
        ("Số: 4S/TCT-KK", "/TCT-KK", "4S"),
    ],
)
def test_a_garbled_number_is_left_blank_with_a_warning(line, number_symbol, unreadable):
    """SPEC §2: a garbled number is not corrected from outside knowledge."""
    found = find(line)
    assert found.value["number"] is None
    assert found.value["number_symbol"] == number_symbol
    assert len(found.warnings) == 1
    assert unreadable in found.warnings[0]
    assert found.confidence < 0.95


@pytest.mark.parametrize(
    "line",
    ["Kính gửi: Sở Nội vụ", "Số điện thoại: 0259.3822.111", "Số: ", "", "Ninh Thuận, ngày 05 tháng 01 năm 2020",
     "Số: 4554", "Số: 12/2020"],
)
def test_no_number(line):
    assert find(line) is None


def test_span_is_absolute_and_excludes_the_label():
    text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 4554/UBND-VXNV\nV/v tăng cường trách nhiệm"
    start = text.index("Số")
    end = text.index("\nV/v")
    found = number.find(text, (start, end))
    assert text[found.span[0]:found.span[1]] == "4554/UBND-VXNV"
    assert found.rule == "state number"


@pytest.mark.parametrize(
    ("line", "rule"),
    [("Số 12-CTr/TU", "party number"), ("Số: 61/2018/NĐ-CP", "state number"),
     ("Số : 44 DN-UBND", "number without slash")],
)
def test_rule(line, rule):
    assert find(line).rule == rule


# --- doc_type_of ------------------------------------------------------------
# The symbol alone cannot tell a công văn whose unit code looks like a type
# ("345/CT-TTHT": CT is Cục Thuế, not chỉ thị). The pipeline decides with the
# V/v line (pipeline/run.py: a subject and no printed type name → cong_van);
# doc_type_of only reports what the symbol's first part names.


@pytest.mark.parametrize(
    ("symbol", "party_type", "normative", "doc_type"),
    [
        ("QĐ-UBND", None, False, "quyet_dinh"),
        ("QD-UBND", None, False, "quyet_dinh"),  # OCR without Đ
        ("NĐ-CP", None, True, "nghi_dinh"),
        ("ND-CP", None, True, "nghi_dinh"),
        ("TT-BTC", None, True, "thong_tu"),
        ("TTLT-BTC-BNV", None, True, "thong_tu_lien_tich"),
        ("KH-UBND", None, False, "ke_hoach"),
        ("QĐ.SLDTBXH", None, False, "quyet_dinh"),
        ("CT-TTHT", None, False, "chi_thi"),  # really a Cục Thuế công văn: see above
        ("CV-PC", None, False, "cong_van"),
        ("QH14", None, True, "luat"),
        ("QH14", None, False, None),  # a year-less QH symbol is no law number
        ("UBND-VXNV", None, False, None),
        ("TCT-CS", None, False, None),
        ("BTC-CST", None, False, None),
        ("KH", None, False, None),  # a bare abbreviation is no type + issuer symbol
        ("TU", "CTr", False, "chuong_trinh"),
        ("TU", "NQ", False, "nghi_quyet"),
        ("TW", "CT", False, "chi_thi"),
        ("TU", "XYZ", False, None),
    ],
)
def test_doc_type_of(symbol, party_type, normative, doc_type):
    assert number.doc_type_of(symbol, party_type, normative) == doc_type
