"""extractors/dates.py: "ngày .. tháng .. năm ..", "dd/mm/yyyy" and partial dates."""
from __future__ import annotations

import pytest

from extractors import dates

# (printed, year, month, day, iso, the part found)
WORDED = [
    ("Ninh Thuận, ngày 05 tháng 01 năm 2020", 2020, 1, 5, "2020-01-05", "ngày 05 tháng 01 năm 2020"),
    ("Ninh Thuận, ngày 17 tháng 12 năm 2020", 2020, 12, 17, "2020-12-17", "ngày 17 tháng 12 năm 2020"),
    ("Đắk Nông, ngày  10  tháng 12 năm 2021", 2021, 12, 10, "2021-12-10", "ngày  10  tháng 12 năm 2021"),
    ("TP. Hồ Chí Minh, ngày 1 tháng 7 năm 2025", 2025, 7, 1, "2025-07-01", "ngày 1 tháng 7 năm 2025"),
    ("Hà Nội, ngày 03 tháng 11 năm 2019.", 2019, 11, 3, "2019-11-03", "ngày 03 tháng 11 năm 2019"),
    ("Hà Nội, ngày 29 tháng 02 năm 2020", 2020, 2, 29, "2020-02-29", "ngày 29 tháng 02 năm 2020"),  # leap year
    ("Kon Tum, ngày 30 tháng 4 năm 2021", 2021, 4, 30, "2021-04-30", "ngày 30 tháng 4 năm 2021"),
    ("Gia Nghĩa, ngày 08 tháng 9 năm 2023", 2023, 9, 8, "2023-09-08", "ngày 08 tháng 9 năm 2023"),
    # no diacritics, OCR letters
    ("Ninh Thuan, ngay 17 thang 12 nam 2020", 2020, 12, 17, "2020-12-17", "ngay 17 thang 12 nam 2020"),
    ("Hà Nội, ngầy 12 tháng 8 năm 2022", 2022, 8, 12, "2022-08-12", "ngầy 12 tháng 8 năm 2022"),
    ("Đức Hòa, ngàỵ 10 thảng 11 năm 2012", 2012, 11, 10, "2012-11-10", "ngàỵ 10 thảng 11 năm 2012"),
    # blank or unreadable parts stay null: never guessed
    ("ngày   tháng 5 năm 2023", 2023, 5, None, None, "ngày   tháng 5 năm 2023"),
    ("Long An, ngày    tháng    năm 2024", 2024, None, None, None, "ngày    tháng    năm 2024"),
    ("ngày 29 tháng 44 năm 2022", 2022, None, 29, None, "ngày 29 tháng 44 năm 2022"),
    ("ngày 31 tháng 02 năm 2021", 2021, 2, None, None, "ngày 31 tháng 02 năm 2021"),  # no 31 February
    ("Hà Nội, ngày 29 tháng 02 năm 2021", 2021, 2, None, None, "ngày 29 tháng 02 năm 2021"),  # not a leap year
    ("ngày 31 tháng 4 năm 2021", 2021, 4, None, None, "ngày 31 tháng 4 năm 2021"),
    ("ngày 00 tháng 5 năm 2023", 2023, 5, None, None, "ngày 00 tháng 5 năm 2023"),
    ("ngàyA2 thang 3 năm 2020", 2020, 3, None, None, "ngàyA2 thang 3 năm 2020"),
    ("Hà Nội, ngày 1O tháng 6 năm 2022", 2022, 6, None, None, "ngày 1O tháng 6 năm 2022"),  # letter O for 0
    ("Bình Dương, ngày 15 tháng 3 năm 202", None, 3, 15, None, "ngày 15 tháng 3 năm 202"),
]


@pytest.mark.parametrize(("printed", "year", "month", "day", "iso", "part"), WORDED)
def test_find_worded(printed, year, month, day, iso, part):
    found = dates.find_worded(printed)
    assert found is not None
    assert found.value.model_dump() == {"year": year, "month": month, "day": day, "iso": iso}
    assert printed[found.span[0]:found.span[1]] == part


@pytest.mark.parametrize(
    ("printed", "missing"),
    [
        ("ngày   tháng 5 năm 2023", "day"),
        ("ngày 29 tháng 44 năm 2022", "month"),
        ("ngày 31 tháng 02 năm 2021", "day"),
        ("ngàyA2 thang 3 năm 2020", "day"),
        ("Long An, ngày    tháng    năm 2024", "day, month"),
        ("Bình Dương, ngày 15 tháng 3 năm 202", "year"),
    ],
)
def test_an_incomplete_date_warns_and_is_less_sure(printed, missing):
    found = dates.find_worded(printed)
    assert len(found.warnings) == 1
    assert f"{missing} missing" in found.warnings[0]
    assert found.confidence < 1.0


def test_a_complete_date_has_no_warning():
    found = dates.find_worded("Ninh Thuận, ngày 05 tháng 01 năm 2020")
    assert found.warnings == ()
    assert found.confidence == 1.0


def test_find_worded_in_a_window_gives_absolute_offsets():
    text = "Số: 4554/UBND-VXNV\nNinh Thuận, ngày 17 tháng 12 năm 2020\nV/v tăng cường"
    start = text.index("Ninh")
    found = dates.find_worded(text, start, text.index("\nV/v"))
    assert text[found.span[0]:found.span[1]] == "ngày 17 tháng 12 năm 2020"
    assert found.value.iso == "2020-12-17"


@pytest.mark.parametrize(
    "text",
    ["Thực hiện Kế hoạch số 88/KH-UBND", "hằng ngày", "tháng 12 năm 2020", "trong thời hạn 05 ngày làm việc", ""],
)
def test_find_worded_none(text):
    assert dates.find_worded(text) is None


# --- find_numeric -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year", "month", "day", "iso", "part"),
    [
        ("17/12/2020", 2020, 12, 17, "2020-12-17", "17/12/2020"),
        ("trước ngày 10/12/2021", 2021, 12, 10, "2021-12-10", "10/12/2021"),
        ("Công văn số 4554/UBND-VXNV ngày 17/12/2020 của UBND tỉnh", 2020, 12, 17, "2020-12-17", "17/12/2020"),
        ("ngày 1/7/2025", 2025, 7, 1, "2025-07-01", "1/7/2025"),
        ("05-01-2020", 2020, 1, 5, "2020-01-05", "05-01-2020"),
        ("ngày 15.3.2022", 2022, 3, 15, "2022-03-15", "15.3.2022"),
        ("ngày 29/02/2024", 2024, 2, 29, "2024-02-29", "29/02/2024"),
        ("ngày 31/02/2021", 2021, 2, None, None, "31/02/2021"),  # impossible: the day stays null
        ("ngày 12/13/2021", 2021, None, 12, None, "12/13/2021"),
    ],
)
def test_find_numeric(text, year, month, day, iso, part):
    found = dates.find_numeric(text)
    assert found is not None
    assert found.value.model_dump() == {"year": year, "month": month, "day": day, "iso": iso}
    assert text[found.span[0]:found.span[1]] == part


@pytest.mark.parametrize(
    "text",
    ["Số 4554/UBND-VXNV", "123/12/2020", "10/12/20215", "trong tháng 12/2020", "Quyết định số 61/2018/NĐ-CP", ""],
)
def test_find_numeric_none(text):
    assert dates.find_numeric(text) is None


def test_find_numeric_in_a_window_gives_absolute_offsets():
    text = "ngày 01/01/2019; trước ngày 15/12/2021"
    start = text.index("trước")
    found = dates.find_numeric(text, start)
    assert found.span == (text.index("15/12"), len(text))
    assert found.value.iso == "2021-12-15"


# --- partial_date -------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "month", "year", "expected"),
    [
        ("17", "12", "2020", (2020, 12, 17, "2020-12-17")),
        ("05", "01", "2020", (2020, 1, 5, "2020-01-05")),
        ("", "5", "2023", (2023, 5, None, None)),
        ("  ", "  ", "2024", (2024, None, None, None)),
        ("31", "6", "2022", (2022, 6, None, None)),
        ("10", "12", "1899", (None, 12, 10, None)),  # out of the plausible years
        ("10", "12", "2101", (None, 12, 10, None)),
        ("32", "1", "2020", (2020, 1, None, None)),
        ("1l", "1", "2020", (2020, 1, None, None)),
        ("", "", "", (None, None, None, None)),
    ],
)
def test_partial_date_iso_only_when_complete(day, month, year, expected):
    value = dates.partial_date(day, month, year)
    assert (value.year, value.month, value.day, value.iso) == expected
