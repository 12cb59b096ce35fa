"""extractors/data/provinces.csv, districts.csv and their lookups."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import date

import pytest

from extractors import places
from extractors.places import district, known_place_names, proper_case, province, provinces, successor

BEFORE = date(2025, 6, 30)
AFTER = date(2025, 7, 1)
DISTRICT_KINDS = {"huyen", "quan", "thi_xa", "thanh_pho"}


def all_districts():
    return places._districts()


# --- provinces.csv ---------------------------------------------------------

@pytest.mark.parametrize(
    ("day", "total", "tinh", "thanh_pho"),
    [
        (date(2024, 12, 31), 63, 58, 5),  # Thừa Thiên Huế still a tỉnh
        (BEFORE, 63, 57, 6),  # Huế a centrally-run city since 1 January 2025
        (AFTER, 34, 28, 6),  # Resolution 202/2025/QH15
    ],
)
def test_province_counts(day, total, tinh, thanh_pho):
    units = provinces(day)
    kinds = Counter(p.kind for p in units)
    assert (len(units), kinds["tinh"], kinds["thanh_pho"]) == (total, tinh, thanh_pho)


@pytest.mark.parametrize("day", [date(2024, 12, 31), BEFORE, AFTER])
def test_no_duplicate_province_names(day):
    names = [p.name for p in provinces(day)]
    assert len(names) == len(set(names))


def test_province_rows_are_well_formed():
    assert len({p.name for p in provinces()}) == len(provinces())
    for p in provinces():
        assert p.kind in {"tinh", "thanh_pho"}, p
        assert (p.merged_into is None) == (p.valid_to is None), p


def test_merged_provinces_end_the_day_before_and_join_a_2025_province():
    after = {p.name for p in provinces(AFTER)}
    merged = [p for p in provinces(BEFORE) if p not in provinces(AFTER)]
    assert len(merged) == 29
    for p in merged:
        assert p.valid_to == BEFORE, p
        assert p.merged_into in after, p


def test_every_2025_province_is_made_of_old_ones():
    parts = Counter(successor(p.name) for p in provinces(BEFORE))
    assert set(parts) == {p.name for p in provinces(AFTER)}
    assert sum(parts.values()) == 63
    assert parts["Hồ Chí Minh"] == 3 and parts["Hà Nội"] == 1 and parts["Bắc Ninh"] == 2


def test_province_aliases_point_to_one_province():
    owner: dict[str, str] = {}
    for p in provinces():
        for spelling in (p.name, *p.aliases):
            key = places._loose(spelling)
            assert owner.setdefault(key, p.name) == p.name, (spelling, owner[key], p.name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ninh Thuận", "Ninh Thuận"),
        ("NINH THUẬN", "Ninh Thuận"),
        ("ninh thuan", "Ninh Thuận"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("KHÁNH HÒA", "Khánh Hòa"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("THANH HOA", "Thanh Hóa"),
        ("Hoà Bình", "Hòa Bình"),
        ("hoa binh", "Hòa Bình"),
        ("TP. Hồ Chí Minh", "Hồ Chí Minh"),
        ("TP.HCM", "Hồ Chí Minh"),
        ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
        ("THÀNH PHỐ HỒ CHÍ MINH", "Hồ Chí Minh"),
        ("tp hcm", "Hồ Chí Minh"),
        ("Thừa Thiên Huế", "Thừa Thiên Huế"),
        ("Thừa Thiên-Huế", "Thừa Thiên Huế"),
        ("THỪA THIÊN HUẾ", "Thừa Thiên Huế"),
        ("Huế", "Huế"),
        ("TP. Huế", "Huế"),
        ("Đắk Nông", "Đắk Nông"),
        ("Đăk Nông", "Đắk Nông"),
        ("DAK NONG", "Đắk Nông"),
        ("Đắc Lắc", "Đắk Lắk"),
        ("Daklak", "Đắk Lắk"),
        ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("BÀ RỊA - VŨNG TÀU", "Bà Rịa - Vũng Tàu"),
        ("BR-VT", "Bà Rịa - Vũng Tàu"),
        ("Bắc Cạn", "Bắc Kạn"),
        ("TRÀ VINH", "Trà Vinh"),
        ("Kontum", "Kon Tum"),
        ("BAC NINH", "Bắc Ninh"),
        ("Thành phố Hà Nội", "Hà Nội"),
        ("  Long   An ", "Long An"),
    ],
)
def test_province_lookup(text, expected):
    found = province(text)
    assert found is not None and found.name == expected


@pytest.mark.parametrize("text", ["", "Sài Gòn Mới", "Hà Tây Nam", "Ủy ban nhân dân", "Ninh"])
def test_unknown_province(text):
    assert province(text) is None


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Ninh Thuận", "Khánh Hòa"),
        ("Đắk Nông", "Lâm Đồng"),
        ("Bình Thuận", "Lâm Đồng"),
        ("Trà Vinh", "Vĩnh Long"),
        ("Bến Tre", "Vĩnh Long"),
        ("Kon Tum", "Quảng Ngãi"),
        ("Quảng Bình", "Quảng Trị"),
        ("Long An", "Tây Ninh"),
        ("Hòa Bình", "Phú Thọ"),
        ("Vĩnh Phúc", "Phú Thọ"),
        ("Bắc Giang", "Bắc Ninh"),
        ("Bắc Ninh", "Bắc Ninh"),
        ("Hải Dương", "Hải Phòng"),
        ("Quảng Nam", "Đà Nẵng"),
        ("Bình Dương", "Hồ Chí Minh"),
        ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
        ("Bình Định", "Gia Lai"),
        ("Phú Yên", "Đắk Lắk"),
        ("Hà Giang", "Tuyên Quang"),
        ("Yên Bái", "Lào Cai"),
        ("Bắc Kạn", "Thái Nguyên"),
        ("Thái Bình", "Hưng Yên"),
        ("Nam Định", "Ninh Bình"),
        ("Hà Nam", "Ninh Bình"),
        ("Sóc Trăng", "Cần Thơ"),
        ("Hậu Giang", "Cần Thơ"),
        ("Tiền Giang", "Đồng Tháp"),
        ("Bạc Liêu", "Cà Mau"),
        ("Kiên Giang", "An Giang"),
        ("Bình Phước", "Đồng Nai"),
        ("Thừa Thiên Huế", "Huế"),
        ("Thanh Hóa", "Thanh Hóa"),
        ("Nghệ An", "Nghệ An"),
        ("Hà Nội", "Hà Nội"),
        ("ninh thuan", "Khánh Hòa"),
        ("TP.HCM", "Hồ Chí Minh"),
    ],
)
def test_successor(old, new):
    assert successor(old) == new


def test_successor_of_unknown():
    assert successor("Atlantis") is None


# --- districts.csv ---------------------------------------------------------

EXPECTED_DISTRICTS = {
    "Ninh Thuận": "Phan Rang-Tháp Chàm|Bác Ái|Ninh Sơn|Ninh Hải|Ninh Phước|Thuận Bắc|Thuận Nam",
    "Trà Vinh": "Trà Vinh|Duyên Hải|Càng Long|Cầu Kè|Tiểu Cần|Châu Thành|Cầu Ngang|Trà Cú",
    "Đắk Nông": "Gia Nghĩa|Cư Jút|Đăk Glong|Đắk Mil|Đắk R'Lấp|Đắk Song|Krông Nô|Tuy Đức",
    "Kon Tum": "Kon Tum|Đắk Glei|Đăk Hà|Đắk Tô|Ia H'Drai|Kon Plông|Kon Rẫy|Ngọc Hồi|Sa Thầy|Tu Mơ Rông",
    "Long An": (
        "Tân An|Kiến Tường|Bến Lức|Cần Đước|Cần Giuộc|Châu Thành|Đức Hòa|Đức Huệ|Mộc Hóa|Tân Hưng|"
        "Tân Thạnh|Tân Trụ|Thạnh Hóa|Thủ Thừa|Vĩnh Hưng"
    ),
    "Quảng Bình": "Đồng Hới|Ba Đồn|Bố Trạch|Lệ Thủy|Minh Hóa|Quảng Ninh|Quảng Trạch|Tuyên Hóa",
    "Thanh Hóa": (
        "Thanh Hóa|Sầm Sơn|Bỉm Sơn|Nghi Sơn|Bá Thước|Cẩm Thủy|Hà Trung|Hậu Lộc|Hoằng Hóa|Lang Chánh|"
        "Mường Lát|Nga Sơn|Ngọc Lặc|Như Thanh|Như Xuân|Nông Cống|Quan Hóa|Quan Sơn|Quảng Xương|"
        "Thạch Thành|Thiệu Hóa|Thọ Xuân|Thường Xuân|Triệu Sơn|Vĩnh Lộc|Yên Định"
    ),
    "Nghệ An": (
        "Vinh|Thái Hòa|Hoàng Mai|Anh Sơn|Con Cuông|Diễn Châu|Đô Lương|Hưng Nguyên|Kỳ Sơn|Nam Đàn|"
        "Nghi Lộc|Nghĩa Đàn|Quế Phong|Quỳ Châu|Quỳ Hợp|Quỳnh Lưu|Tân Kỳ|Thanh Chương|Tương Dương|Yên Thành"
    ),
    "Bắc Ninh": "Bắc Ninh|Từ Sơn|Quế Võ|Thuận Thành|Yên Phong|Tiên Du|Gia Bình|Lương Tài",
    "Vĩnh Phúc": "Vĩnh Yên|Phúc Yên|Bình Xuyên|Lập Thạch|Sông Lô|Tam Dương|Tam Đảo|Vĩnh Tường|Yên Lạc",
    "Hòa Bình": "Hòa Bình|Cao Phong|Đà Bắc|Kim Bôi|Lạc Sơn|Lạc Thủy|Lương Sơn|Mai Châu|Tân Lạc|Yên Thủy",
    "Hà Nội": (
        "Ba Đình|Hoàn Kiếm|Tây Hồ|Long Biên|Cầu Giấy|Đống Đa|Hai Bà Trưng|Hoàng Mai|Thanh Xuân|"
        "Nam Từ Liêm|Bắc Từ Liêm|Hà Đông|Sơn Tây|Sóc Sơn|Đông Anh|Gia Lâm|Thanh Trì|Mê Linh|Ba Vì|"
        "Phúc Thọ|Đan Phượng|Hoài Đức|Quốc Oai|Thạch Thất|Chương Mỹ|Thanh Oai|Thường Tín|Phú Xuyên|"
        "Ứng Hòa|Mỹ Đức"
    ),
    "Hồ Chí Minh": (
        "Quận 1|Quận 3|Quận 4|Quận 5|Quận 6|Quận 7|Quận 8|Quận 10|Quận 11|Quận 12|Bình Tân|Bình Thạnh|"
        "Gò Vấp|Phú Nhuận|Tân Bình|Tân Phú|Thủ Đức|Củ Chi|Hóc Môn|Bình Chánh|Nhà Bè|Cần Giờ"
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED_DISTRICTS))
def test_districts_of_a_province(name):
    listed = {d.name for d in all_districts() if d.province == name and d.current}
    assert listed == set(EXPECTED_DISTRICTS[name].split("|"))


def test_district_count():
    current = [d for d in all_districts() if d.current]
    assert len(current) == 696
    assert Counter(d.kind for d in current) == {"huyen": 508, "quan": 49, "thanh_pho": 87, "thi_xa": 52}


def test_district_rows_are_well_formed():
    province_names = {p.name for p in provinces()}
    seen = Counter((d.name, d.kind, d.province) for d in all_districts())
    assert [row for row, n in seen.items() if n > 1] == []
    for d in all_districts():
        assert d.kind in DISTRICT_KINDS, d
        assert d.province in province_names, d
        assert d.province == "Thừa Thiên Huế" or d.province in {p.name for p in provinces(BEFORE)}, d


def test_former_districts_name_their_successor_in_the_same_province():
    by_province = {}
    for d in all_districts():
        if d.current:
            by_province.setdefault(successor(d.province), set()).add(d.name)
    for d in all_districts():
        if not d.current:
            for name in d.successors:
                assert name in by_province[successor(d.province)], d


@pytest.mark.parametrize(
    ("name", "in_province", "kind", "expected"),
    [
        ("Phan Rang-Tháp Chàm", None, None, ("Phan Rang-Tháp Chàm", "thanh_pho", "Ninh Thuận")),
        ("PHAN RANG - THÁP CHÀM", None, None, ("Phan Rang-Tháp Chàm", "thanh_pho", "Ninh Thuận")),
        ("ĐẮK SONG", None, None, ("Đắk Song", "huyen", "Đắk Nông")),
        ("Đắk Glong", "Đắk Nông", None, ("Đăk Glong", "huyen", "Đắk Nông")),
        ("dak rlap", None, None, ("Đắk R'Lấp", "huyen", "Đắk Nông")),
        ("ĐỨC HÒA", "Long An", None, ("Đức Hòa", "huyen", "Long An")),
        ("Đức Hoà", None, None, ("Đức Hòa", "huyen", "Long An")),
        ("Cần Giuộc", None, None, ("Cần Giuộc", "huyen", "Long An")),
        ("Châu Thành", "Trà Vinh", None, ("Châu Thành", "huyen", "Trà Vinh")),
        ("Châu Thành", "Long An", None, ("Châu Thành", "huyen", "Long An")),
        ("Duyên Hải", "Trà Vinh", "thi_xa", ("Duyên Hải", "thi_xa", "Trà Vinh")),
        ("Kỳ Anh", "Hà Tĩnh", "huyen", ("Kỳ Anh", "huyen", "Hà Tĩnh")),
        ("Thủ Đức", "TP.HCM", None, ("Thủ Đức", "thanh_pho", "Hồ Chí Minh")),
        ("Thủ Đức", "Hồ Chí Minh", "quan", ("Thủ Đức", "quan", "Hồ Chí Minh")),
        ("Quận 9", None, None, ("Quận 9", "quan", "Hồ Chí Minh")),
        ("Từ Sơn", None, None, ("Từ Sơn", "thanh_pho", "Bắc Ninh")),
        ("Quế Võ", "Bắc Ninh", "huyen", ("Quế Võ", "huyen", "Bắc Ninh")),
        ("Phúc Yên", None, None, ("Phúc Yên", "thanh_pho", "Vĩnh Phúc")),
        ("Kỳ Sơn", "Hòa Bình", None, ("Kỳ Sơn", "huyen", "Hòa Bình")),
        ("Kỳ Sơn", "Nghệ An", None, ("Kỳ Sơn", "huyen", "Nghệ An")),
        ("Đông Sơn", "Thanh Hóa", None, ("Đông Sơn", "huyen", "Thanh Hóa")),
        ("Cửa Lò", None, None, ("Cửa Lò", "thi_xa", "Nghệ An")),
        ("Hương Thủy", "Thừa Thiên Huế", None, ("Hương Thủy", "thi_xa", "Huế")),
        ("Huế", "Thừa Thiên Huế", None, ("Huế", "thanh_pho", "Thừa Thiên Huế")),
        ("Ia H' Drai", None, None, ("Ia H'Drai", "huyen", "Kon Tum")),
        ("Lệ Thuỷ", None, None, ("Lệ Thủy", "huyen", "Quảng Bình")),
        ("Hoàn Kiếm", None, None, ("Hoàn Kiếm", "quan", "Hà Nội")),
    ],
)
def test_district_lookup(name, in_province, kind, expected):
    found = district(name, in_province, kind)
    assert found is not None
    assert (found.name, found.kind, found.province) == expected


@pytest.mark.parametrize(
    ("name", "in_province", "kind"),
    [
        ("Châu Thành", None, None),  # in eight provinces
        ("Kỳ Anh", "Hà Tĩnh", None),  # a huyện and a thị xã
        ("Đức Hòa", "Ninh Thuận", None),  # another province
        ("Thanh Hoa", None, None),  # Thanh Hóa or Thạnh Hóa: diacritics needed
        ("Nowhere", None, None),
        ("Đắk Song", "Atlantis", None),
    ],
)
def test_district_not_found_or_ambiguous(name, in_province, kind):
    assert district(name, in_province, kind) is None


def test_thanh_hoa_with_diacritics_is_not_ambiguous():
    assert district("Thạnh Hóa").province == "Long An"
    assert district("Thanh Hóa", kind="thanh_pho").province == "Thanh Hóa"


# --- names -----------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PHAN RANG-THÁP CHÀM", "Phan Rang-Tháp Chàm"),
        ("ĐẮK SONG", "Đắk Song"),
        ("THỪA THIÊN HUẾ", "Thừa Thiên Huế"),
        ("NINH THUẬN", "Ninh Thuận"),
        ("KHÁNH HOÀ", "Khánh Hòa"),
        ("BÀ RỊA-VŨNG TÀU", "Bà Rịa - Vũng Tàu"),
        ("ĐẮK R'LẤP", "Đắk R'Lấp"),
        ("ĐĂK GLONG", "Đăk Glong"),
        ("HỒ CHÍ MINH", "Hồ Chí Minh"),
        ("TP.HCM", "TP.HCM"),
        ("ĐỨC  HÒA", "Đức Hòa"),
        ("QUẬN 1", "Quận 1"),
        ("ĐỨC TÂN", "Đức Tân"),  # a commune: not in the data, capitalized
        ("THUỶ TIÊN", "Thủy Tiên"),
        ("XÃ PHƯỚC HẢI", "Xã Phước Hải"),
    ],
)
def test_proper_case(text, expected):
    assert proper_case(text) == expected


def test_known_place_names():
    names = known_place_names()
    assert isinstance(names, frozenset)
    assert {"Ninh Thuận", "Khánh Hòa", "Huế", "Thừa Thiên Huế", "Đắk Song", "Phan Rang-Tháp Chàm"} <= names
    assert "Khánh Hoà" not in names and "TP.HCM" not in names


# --- spelling of every name ------------------------------------------------

_TONE = "[\u0300\u0301\u0303\u0309\u0323]"
# "hoà", "khoẻ", "thuỷ": the mark on the second vowel of a closing oa/oe/uy.
# Not after "q" ("quý": u belongs to the consonant), not before another letter ("hoàng").
_OLD_PLACEMENT = re.compile(rf"(?<![q])(?:o[ae]|uy){_TONE}(?![a-z\u0300-\u036f])")


def old_placement(text: str) -> bool:
    return bool(_OLD_PLACEMENT.search(unicodedata.normalize("NFD", text.lower())))


@pytest.mark.parametrize("text", ["Khánh Hoà", "Thanh Hoá", "Uỷ ban", "Đông Hoà", "khoẻ", "THUỶ"])
def test_old_placement_check_catches(text):
    assert old_placement(text)


@pytest.mark.parametrize("text", ["Khánh Hòa", "Quý", "Quỳnh Lưu", "Hoàng Mai", "Thủy", "Huỳnh", "Thuyết", "khỏe"])
def test_old_placement_check_passes(text):
    assert not old_placement(text)


def every_name():
    for p in provinces():
        yield p.name
    for d in all_districts():
        yield d.name
        yield d.province
        yield from d.successors
    for p in provinces():
        if p.merged_into:
            yield p.merged_into


def test_names_are_nfc_with_modern_tone_placement():
    bad = sorted({n for n in every_name() if unicodedata.normalize("NFC", n) != n or old_placement(n)})
    assert bad == []


def test_aliases_are_nfc():
    aliases = [a for p in provinces() for a in p.aliases] + [a for d in all_districts() for a in d.aliases]
    assert [a for a in aliases if unicodedata.normalize("NFC", a) != a] == []


def test_names_have_no_kind_word_or_stray_spaces():
    for name in every_name():
        assert name == " ".join(name.split()), name
        assert not re.match(r"(?i)(tỉnh|huyện|thị xã|thành phố) ", name), name
