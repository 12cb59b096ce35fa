"""pipeline.ocr_repair: OCR errors repaired only where the letter's format leaves no doubt."""
from __future__ import annotations

import pytest

from pipeline.ocr_repair import repair

# (OCR'd line, repaired line, rule named in the warning), on a first page's header
HEADER = [
    ("CỘNG HÒA XÃ HỘI CHỦ NGHIA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "header phrase"),
    ("CONG HOA XA HOI CHU NGHIA VIET NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "header phrase"),
    ("Độc lập - Tư do - Hanh phúc", "Độc lập - Tự do - Hạnh phúc", "header phrase"),
    ("Độc lập — Tự do — Hạnh phuc", "Độc lập — Tự do — Hạnh phúc", "header phrase"),
    ("UBND TỈNH ĐẮK NÔNG   CỘNG HOA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
     "UBND TỈNH ĐẮK NÔNG   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "header phrase"),
    ("TÔNG CỤC THUÊ", "TỔNG CỤC THUẾ", "agency name"),
    ("CUC THUE TINH NINH THUAN", "CỤC THUẾ TỈNH NINH THUẬN", "agency name"),   # and the place
    ("BỘ TAI CHINH", "BỘ TÀI CHÍNH", "agency name"),
    ("ỦY BAN NHÂN DẬN", "ỦY BAN NHÂN DÂN", "agency name"),
    ("SỞ LAO ĐỘNG - THUONG BINH VÀ XÃ HỘI", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "agency name"),
    ("TĨNH QUANG NAM", "TỈNH QUẢNG NAM", "place name"),
    ("HUYÊN CẦN GIUỘC", "HUYỆN CẦN GIUỘC", "place name"),
    ("Ha Nôi, ngày 12 tháng 10 năm 2017", "Hà Nội, ngày 12 tháng 10 năm 2017", "place name"),
    ("Sô: 4527/TCT-KK", "Số: 4527/TCT-KK", "number"),
    ("S6: 12/UBND-VP", "Số: 12/UBND-VP", "number"),
    ("Số: 45O7/UBND-VP", "Số: 4507/UBND-VP", "number"),
    ("SO: 1l2/QĐ-UBND", "SỐ: 112/QĐ-UBND", "number"),
]

# (OCR'd line, repaired line, rule), on any line of any page
ANYWHERE = [
    ("Kinh gửi: Sở Nội vụ", "Kính gửi: Sở Nội vụ", "line opener"),
    ("KINH GUI: Các sở, ngành", "KÍNH GỬI: Các sở, ngành", "line opener"),
    ("Noi nhận:", "Nơi nhận:", "line opener"),
    ("- Nhu trên;", "- Như trên;", "line opener"),
    ("- Luu: VT, KK.", "- Lưu: VT, KK.", "line opener"),
    ("Hà Nội, ngảy 05 thang 01 nam 2020", "Hà Nội, ngày 05 tháng 01 năm 2020", "date"),
    ("ngày 2O tháng O1 năm 2O2O", "ngày 20 tháng 01 năm 2020", "date"),
    ("ngày l5 tháng 6 năm 2022", "ngày 15 tháng 6 năm 2022", "date"),
    ("hoàn thành trong quý IiI/2020.", "hoàn thành trong quý III/2020.", "quarter"),
    ("trong quý l năm 2023", "trong quý I năm 2023", "quarter"),
    ("- Bộ trưởng (để b/C);", "- Bộ trưởng (để b/c);", "note"),
    ("- TT Tỉnh ủy (B/c);", "- TT Tỉnh ủy (b/c);", "note"),
    ("PHO CHỦ TỊCH", "PHÓ CHỦ TỊCH", "signer title"),
    ("KT. TONG CUC TRUONG", "KT. TỔNG CỤC TRƯỞNG", "signer title"),
    ("PHO VỤ TRƯỞNG VỤ KÊ KHAI", "PHÓ VỤ TRƯỞNG VỤ KÊ KHAI", "signer title"),
    ("theo Quyết định số 1092/QĐÐ-TCTK ngày", "theo Quyết định số 1092/QĐ-TCTK ngày", "character"),
    ("Nghị định số 61/2018/NĐÐ-CP", "Nghị định số 61/2018/NĐ-CP", "character"),
    ("Đoàn ĐÐBQH tỉnh", "Đoàn ĐĐBQH tỉnh", "character"),             # not a symbol's type: Ð is Đ
]

# Lines that must come back unchanged: right already, or not certain.
UNCHANGED = [
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",      # the old tone placement is the normalizer's, not an OCR error
    "UỶ BAN NHÂN DÂN TỈNH NINH THUẬN",
    "chi tiết thi hành một số điều",          # "chi" and "chỉ" are both words
    "Lưu ý các đơn vị thực hiện",             # "Lưu" without ":" is an ordinary word
    "lưu trữ hồ sơ theo quy định",
    "ngày 30 tháng 02 năm 2020",               # no such date
    "ngày 3O tháng 2 năm 2020",                # no such date either: the O stays
    "ngày OO tháng OO năm OOOO",               # no real digit
    "ngày   tháng 5 năm 2023",                  # the day left blank for the clerk
    "quý vị năm 2023",                         # "quý vị" is not a quarter
    "Bộ trưởng (B/C)",                         # capitals throughout: as printed
    "Phó chủ tịch phụ trách",                  # not a signature line in capitals
    "Kính gửi: Ủy ban nhân dân tỉnh",
    "Nơi nhận:",
    "CÔNG TY TNHH NAM VIỆT",
    "Số lượng cán bộ: 12/15 người",            # body text, not the header
]


# A letter that OCR read twice, or once too few: the only repairs that change the length.
STUTTERS = [
    ("ĐẢẲNG CỘNG SẢN VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM", "header phrase"),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "header phrase"),
    ("TỔNG CUUC THUẾ", "TỔNG CỤC THUẾ", "agency name"),
    ("TỔNG CUUC HAI QUAN", "TỔNG CỤC HẢI QUAN", "agency name"),
    ("theo Quyết định số 1092/QĐÐ-TCTK ngày", "theo Quyết định số 1092/QĐ-TCTK ngày", "character"),
    ("Nghị định số 61/2018/NĐÐ-CP", "Nghị định số 61/2018/NĐ-CP", "character"),
]


def one_line(line: str, first_page: bool) -> tuple[str, list[str]]:
    return repair(line, first_page=first_page)


@pytest.mark.parametrize("line, expected, rule", HEADER + STUTTERS, ids=[c[0] for c in HEADER + STUTTERS])
def test_header_lines_are_repaired_on_the_first_page(line, expected, rule):
    text, repairs = one_line(line, first_page=True)
    assert text == expected
    assert any(r.startswith(f"{rule}: ") for r in repairs), repairs


@pytest.mark.parametrize("line", [c[0] for c in HEADER if c[2] != "place name" or "ngày" not in c[0]])
def test_header_rules_do_not_apply_after_the_first_page(line):
    text, repairs = one_line(line, first_page=False)
    assert all(not r.startswith(("agency name", "number", "header phrase")) for r in repairs)


@pytest.mark.parametrize("line, expected, rule", ANYWHERE, ids=[c[0] for c in ANYWHERE])
def test_lines_are_repaired_anywhere(line, expected, rule):
    for first_page in (True, False):
        text, repairs = one_line(line, first_page)
        assert text == expected
        assert any(r.startswith(f"{rule}: ") for r in repairs), repairs


@pytest.mark.parametrize("line", UNCHANGED)
def test_text_that_is_right_or_uncertain_is_left_alone(line):
    for first_page in (True, False):
        assert one_line(line, first_page) == (line, [])


def test_every_repair_is_reported_with_before_and_after():
    text, repairs = repair("TÔNG CỤC THUÊ\nSô: 45O7/TCT-KK\nKinh gửi: Cục Thuế", first_page=True)
    assert text == "TỔNG CỤC THUẾ\nSố: 4507/TCT-KK\nKính gửi: Cục Thuế"
    assert repairs == ["agency name: 'TÔNG CỤC THUÊ' → 'TỔNG CỤC THUẾ'",
                       "number: 'Sô: 45O7' → 'Số: 4507'",
                       "line opener: 'Kinh gửi' → 'Kính gửi'"]


def test_a_quarter_broken_across_lines():
    assert repair("trong quý\nIiI/2020.") == ("trong quý\nIII/2020.", [r"quarter: 'quý\nIiI' → 'quý\nIII'"])


def test_the_header_ends_at_kinh_gui():
    text, _ = repair("BỘ NỘI VỤ\nKính gửi: các Bộ\nTÔNG CỤC THUÊ", first_page=True)
    assert text.endswith("TÔNG CỤC THUÊ"), "a body line after Kính gửi is not a header line"


def test_only_marks_change_never_letters_or_length():
    """Apart from STUTTERS, a repair changes marks, case-kept letters and look-alike digits only."""
    stutters = {line for line, _, _ in STUTTERS}
    for line, expected, rule in HEADER + ANYWHERE:
        if line not in stutters:
            assert len(repair(line, first_page=True)[0]) == len(line)


@pytest.mark.parametrize("line", ["BỘ NỘI VỤ", "SỞ NỘI VỤ TỈNH NINH THUẬN", "CÔNG TY CỔ PHẦN XUẤT NHẬP KHẨU",
                                  "ĐOÀN ĐBQH TỈNH BẮC NINH", "TỈNH ỦY QUẢNG NAM", "ĐẢNG BỘ TỈNH"])
def test_header_lines_that_are_right_stay(line):
    assert repair(line, first_page=True) == (line, [])
