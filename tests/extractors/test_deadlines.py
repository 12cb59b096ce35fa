"""extractors/deadlines.py: the deadline of a task (SPEC §4, DOMAIN "Deadlines").

Expected dates were counted by hand on a calendar against the public holidays
that the ``holidays`` package lists for Vietnam (Labour Code 2019 Art. 112;
Civil Code 2015 Art. 147-148 for the counting).
"""
from __future__ import annotations

import datetime as dt

import pytest

from extractors import deadlines

D = dt.date


def bug(reason: str):
    return pytest.mark.xfail(reason=f"BUG: {reason}", strict=True)


def _find(text, issued=None, received=None):
    found = deadlines.find(text, issued=issued, received=received)
    assert found is not None, f"no deadline found in {text!r}"
    return found.value


# --- kind date: a day, with its qualifier and time --------------------------

# (text, issued, qualifier, due, time)
DATES = [
    ("Gửi báo cáo về Sở Nội vụ trước ngày 10/12/2021.", None, "before", "2021-12-10", None),
    ("trước ngày 20/01/2021", None, "before", "2021-01-20", None),
    ("báo cáo Ủy ban nhân dân tỉnh trước ngày 05 tháng 01 năm 2024", None, "before", "2024-01-05", None),
    ("trước ngay 10/12/2021", None, "before", "2021-12-10", None),  # without diacritics
    ("TRƯỚC NGÀY 10/12/2021", None, "before", "2021-12-10", None),  # all caps
    ("trước ngày 24 / 3 /2025", None, "before", "2025-03-24", None),  # OCR spaces
    ("trước ngày 25.09.2018", None, "before", "2018-09-25", None),
    ("trước ngày 05-12-2022", None, "before", "2022-12-05", None),
    ("hoàn thành chậm nhất đến ngày 09 tháng 6 năm 2023", None, "by", "2023-06-09", None),
    ("chậm nhất đến ngày 31/12/2024", None, "by", "2024-12-31", None),
    ("chậm nhất ngày 05/12/2023", None, "by", "2023-12-05", None),
    ("xong trước ngày 20/11/2022", None, "by", "2022-11-20", None),
    ("tổng hợp, báo cáo xong trước ngày 20/11/2022", None, "by", "2022-11-20", None),
    ("Hạn chót: ngày 15/12/2023", None, "by", "2023-12-15", None),
    pytest.param("gửi kết quả chậm nhất vào ngày 20/11/2023", None, "by", "2023-11-20", None),
    pytest.param("chậm nhất là ngày 15/7/2024", None, "by", "2024-07-15", None),
    pytest.param("hoàn thành trước ngày 15/12/2023", None, "by", "2023-12-15", None),
    pytest.param("hoàn thành ngày 31/10/2022", None, "by", "2022-10-31", None),
    pytest.param("hoàn thành vào ngày 31/10/2022", None, "by", "2022-10-31", None),
    pytest.param("tổ chức hội nghị vào ngày 25/3/2024", None, "on", "2024-03-25", None),
    # times of day
    ("gửi về Văn phòng trước 16 giờ 00 ngày 25/3/2024", None, "before", "2024-03-25", "16:00"),
    ("trước 16h30 ngày 25/3/2024", None, "before", "2024-03-25", "16:30"),
    ("trước 9 giờ 30 phút ngày 02/10/2023", None, "before", "2023-10-02", "09:30"),
    ("trước 14h ngày 05/6/2023", None, "before", "2023-06-05", "14:00"),
    ("chậm nhất 17 giờ ngày 20/10/2023", None, "by", "2023-10-20", "17:00"),
    ("xong trước 17 giờ 00 ngày 10/10/2023", None, "by", "2023-10-10", "17:00"),
    # a date without a year takes the issue year, the next one when it would fall before the issue date
    ("trước ngày 15/12", D(2023, 11, 20), "before", "2023-12-15", None),
    ("trước ngày 15/01", D(2023, 11, 20), "before", "2024-01-15", None),
    ("trước ngày 15 tháng 12", D(2023, 11, 20), "before", "2023-12-15", None),
    ("chậm nhất ngày 10/01", D(2023, 12, 25), "by", "2024-01-10", None),
    ("trước ngày 20/11", D(2023, 11, 20), "before", "2023-11-20", None),  # the issue day itself is not before it
    ("trước 16 giờ ngày 05/4", D(2024, 3, 28), "before", "2024-04-05", "16:00"),
    ("trước ngày 15/12", None, "before", None, None),  # no issue date known: no year, no due
    # a year printed wins over the issue year
    ("trước ngày 15/01/2023", D(2023, 11, 20), "before", "2023-01-15", None),
]


@pytest.mark.parametrize(("text", "issued", "qualifier", "due", "time"), DATES)
def test_date(text, issued, qualifier, due, time):
    value = _find(text, issued=issued)
    assert (value["kind"], value["qualifier"], value["due"], value["time"]) == ("date", qualifier, due, time)
    assert value["period"] is None and value["relative"] is None and value["rrule"] is None


@pytest.mark.parametrize(
    "text",
    [
        "trước ngay/Sthang 9 năm 2018",       # OCR lost the day
        "trước ngày #343013",
        "trước ngày 30/02/2023",               # no 30 February
        "trước ngày 1O/12/2021",               # letter O for zero
        "trước ngày   tháng 12 năm 2023",     # a draft's blank day
    ],
)
def test_a_garbled_date_is_a_date_without_due(text):
    """A deadline is there, but its day cannot be read: never guessed (SPEC §1 "nothing is invented")."""
    value = _find(text)
    assert value["kind"] == "date"
    assert value["due"] is None


# --- kind period -------------------------------------------------------------

# (text, qualifier, start, end)
PERIODS = [
    ("hoàn thành trong quý II/2023", "within", "2023-04-01", "2023-06-30"),
    ("Thời gian thực hiện: quý IV năm 2024", "within", "2024-10-01", "2024-12-31"),
    ("trong quý IV/2024", "within", "2024-10-01", "2024-12-31"),
    ("trong quý 3/2022", "within", "2022-07-01", "2022-09-30"),
    ("trong quý I/2025", "within", "2025-01-01", "2025-03-31"),
    ("Quý II/2024", "within", "2024-04-01", "2024-06-30"),
    ("trong tháng 6/2023", "within", "2023-06-01", "2023-06-30"),
    ("hoàn thành trong tháng 02/2024", "within", "2024-02-01", "2024-02-29"),  # leap year
    ("trong tháng 12 năm 2022", "within", "2022-12-01", "2022-12-31"),
    ("trong năm 2023", "within", "2023-01-01", "2023-12-31"),
    ("hoàn thành trong năm 2019", "within", "2019-01-01", "2019-12-31"),
    ("trong 2 tháng cuối năm 2018", "within", "2018-11-01", "2018-12-31"),
    ("trong 6 tháng cuối năm 2020", "within", "2020-07-01", "2020-12-31"),
    # the last week: from its Monday to the month's last day
    ("vào tuần cuối tháng 11/2022", "within", "2022-11-28", "2022-11-30"),
    ("tuần cuối tháng 11/2022", "within", "2022-11-28", "2022-11-30"),
    ("tổ chức trong tuần cuối của tháng 9/2023", "within", "2023-09-25", "2023-09-30"),
    ("tuần cuối tháng 12/2023", "within", "2023-12-25", "2023-12-31"),  # 31/12/2023 is a Sunday
    ("hoàn thành chậm nhất trong quý III/2019", "by", "2019-07-01", "2019-09-30"),
    ("chậm nhất trong quý IV/2024", "by", "2024-10-01", "2024-12-31"),
    pytest.param("Tháng 6/2024", "within", "2024-06-01", "2024-06-30"),
    pytest.param("trong 6 tháng đầu năm 2023", "within", "2023-01-01", "2023-06-30"),
]


@pytest.mark.parametrize(("text", "qualifier", "start", "end"), PERIODS)
def test_period(text, qualifier, start, end):
    value = _find(text)
    assert value["kind"] == "period"
    assert value["qualifier"] == qualifier
    assert value["period"] == {"start": start, "end": end}
    assert value["due"] == end


# --- kind relative: what the text says ---------------------------------------

# (text, amount, unit, anchor)
RELATIVE = [
    ("trong thời hạn 05 ngày làm việc kể từ ngày nhận được văn bản này", 5, "working_day", "receipt"),
    ("trong 05 ngày làm việc kể từ ngày nhận được", 5, "working_day", "receipt"),
    ("trong vòng 03 ngày làm việc kể từ ngày nhận được", 3, "working_day", "receipt"),
    ("trong thời hạn 15 ngày kể từ ngày nhận được công văn này", 15, "day", "receipt"),
    ("trong thời hạn 07 ngày kể từ khi nhận được", 7, "day", "receipt"),
    ("trong thời hạn mười ngày kể từ ngày nhận được", 10, "day", "receipt"),
    ("trong thời hạn 02 tuần kể từ ngày nhận được", 2, "week", "receipt"),
    ("trong thời hạn 01 tháng kể từ ngày nhận được", 1, "month", "receipt"),
    ("trong vòng 10 ngày kể từ ngày ký", 10, "day", "issue"),
    ("trong thời hạn 30 ngày kể từ ngày ban hành", 30, "day", "issue"),
    ("trong thời hạn 3 tháng kể từ ngày ký", 3, "month", "issue"),
    ("trong vòng hai tháng kể từ ngày ký", 2, "month", "issue"),
    ("trong vòng một năm (kể từ thời điểm hoàn thuế)", 12, "month", "other"),  # a year counts as 12 months
    ("chậm nhất là 15 ngày kể từ ngày kết thúc đợt kiểm tra", 15, "day", "other"),
    ("trong thời hạn 05 ngày làm việc", 5, "working_day", None),  # no anchor printed
]


@pytest.mark.parametrize(("text", "amount", "unit", "anchor"), RELATIVE)
def test_relative(text, amount, unit, anchor):
    value = _find(text)
    assert value["kind"] == "relative"
    assert value["qualifier"] == "within"
    assert value["relative"] == {"amount": amount, "unit": unit, "anchor": anchor}


# --- relative deadlines resolved from the receipt or issue date ---------------

FIVE_WD = "trong thời hạn 05 ngày làm việc kể từ ngày nhận được văn bản này"
THREE_WD = "trong vòng 03 ngày làm việc kể từ ngày nhận được"

# (text, issued, received, due)
RESOLVED = [
    # working days skip weekends and public holidays
    (FIVE_WD, None, D(2024, 2, 7), "2024-02-21"),    # Tết 2024: 08-14/02 off; 15, 16, 19, 20, 21
    (FIVE_WD, None, D(2023, 1, 18), "2023-02-01"),   # 19/01, Tết 2023 20-26/01 off; 27, 30, 31/01, 01/02
    (THREE_WD, None, D(2025, 1, 24), "2025-02-05"),  # Friday before Tết 2025 (27/01-01/02 off): 03, 04, 05/02
    ("trong thời hạn 01 ngày làm việc kể từ ngày nhận được", None, D(2024, 2, 10), "2024-02-15"),  # received on Tết
    (THREE_WD, None, D(2023, 4, 27), "2023-05-05"),  # 28/04; Hùng Kings 29/04, 30/4, 1/5 and the days in lieu 2-3/05
    ("trong vòng 02 ngày làm việc kể từ ngày nhận được", None, D(2025, 4, 28), "2025-05-05"),  # 29/04; 30/4-2/5 off
    (THREE_WD, None, D(2023, 8, 30), "2023-09-06"),  # 31/08; 01/09, 02/09 and 04/09 off; 05, 06/09
    ("trong vòng 02 ngày làm việc kể từ ngày nhận được", None, D(2024, 8, 29), "2024-09-04"),  # 30/08; 02-03/09 off
    (THREE_WD, None, D(2024, 4, 16), "2024-04-22"),  # Hùng Kings 18/04/2024: 17, 19, 22/04
    ("trong thời hạn 01 ngày làm việc kể từ ngày nhận được", None, D(2025, 4, 4), "2025-04-08"),  # Friday; Hùng Kings Mon 07/04
    ("trong thời hạn 01 ngày làm việc kể từ ngày nhận được", None, D(2024, 12, 31), "2025-01-02"),  # New Year's Day
    (FIVE_WD, None, D(2023, 6, 9), "2023-06-16"),    # received on a Friday: Monday to Friday of the next week
    ("trong thời hạn 01 ngày làm việc kể từ ngày nhận được", None, D(2024, 3, 15), "2024-03-18"),  # Friday → Monday
    ("trong 05 ngày làm việc kể từ ngày nhận được", None, D(2023, 3, 1), "2023-03-08"),
    pytest.param(THREE_WD, None, D(2024, 4, 26), "2024-05-04"),
    # days: count from the day after; a last day off moves to the next working day (Civil Code Art. 148)
    ("trong vòng 10 ngày kể từ ngày ký", D(2023, 6, 2), None, "2023-06-12"),
    ("trong vòng 10 ngày kể từ ngày ký", D(2024, 3, 7), None, "2024-03-18"),  # 17/03/2024 is a Sunday
    ("trong thời hạn mười ngày kể từ ngày nhận được", None, D(2023, 3, 2), "2023-03-13"),  # Sunday 12/03 → Monday
    ("trong thời hạn 10 ngày kể từ ngày nhận được", None, D(2023, 3, 1), "2023-03-13"),  # Saturday 11/03 → Monday
    ("trong thời hạn 15 ngày kể từ ngày nhận được công văn này", None, D(2023, 8, 18), "2023-09-05"),  # 02/09 → 05/09
    ("trong thời hạn 10 ngày kể từ ngày nhận được", None, D(2024, 1, 31), "2024-02-15"),  # 10/02 is Tết → 15/02
    ("trong thời hạn 30 ngày kể từ ngày ban hành", D(2023, 12, 1), None, "2024-01-02"),  # Sun 31/12, 01/01 off
    # weeks and months
    ("trong thời hạn 02 tuần kể từ ngày nhận được", None, D(2024, 1, 26), "2024-02-15"),  # Fri 09/02 is Tết
    ("trong thời hạn 01 tháng kể từ ngày nhận được", None, D(2024, 1, 31), "2024-02-29"),  # no 31/02: the month's end
    ("trong thời hạn 3 tháng kể từ ngày ký", D(2023, 11, 30), None, "2024-02-29"),
    ("trong thời hạn 01 tháng kể từ ngày nhận được", None, D(2023, 5, 17), "2023-06-19"),  # Sat 17/06 → Monday
    ("trong vòng một năm kể từ ngày ký", D(2023, 3, 15), None, "2024-03-15"),
]


@pytest.mark.parametrize(("text", "issued", "received", "due"), RESOLVED)
def test_relative_due_is_resolved_from_its_anchor(text, issued, received, due):
    assert _find(text, issued=issued, received=received)["due"] == due


@pytest.mark.parametrize(
    ("text", "issued", "received"),
    [
        (FIVE_WD, D(2024, 2, 1), None),                                 # receipt not known
        ("trong vòng 10 ngày kể từ ngày ký", None, D(2023, 6, 5)),      # issue date not known
        ("chậm nhất là 15 ngày kể từ ngày kết thúc đợt kiểm tra", D(2023, 6, 1), D(2023, 6, 5)),  # anchor other
        ("trong thời hạn 05 ngày làm việc", D(2023, 6, 1), D(2023, 6, 5)),  # no anchor printed
    ],
)
def test_relative_due_stays_null_without_its_anchor(text, issued, received):
    value = _find(text, issued=issued, received=received)
    assert value["kind"] == "relative"
    assert value["due"] is None


# --- kind recurring ------------------------------------------------------------

RECURRING = [
    ("báo cáo hằng tháng", "FREQ=MONTHLY"),
    ("báo cáo hàng tháng về Sở Nội vụ", "FREQ=MONTHLY"),
    ("định kỳ hằng quý báo cáo", "FREQ=MONTHLY;INTERVAL=3"),
    ("báo cáo hàng quý", "FREQ=MONTHLY;INTERVAL=3"),
    ("mỗi quý một lần báo cáo", "FREQ=MONTHLY;INTERVAL=3"),
    ("định kỳ 6 tháng báo cáo", "FREQ=MONTHLY;INTERVAL=6"),
    ("báo cáo 6 tháng một lần", "FREQ=MONTHLY;INTERVAL=6"),
    ("hằng năm tổ chức sơ kết", "FREQ=YEARLY"),
    ("Định kỳ hàng năm có tổ chức sơ kết, tổng kết", "FREQ=YEARLY"),
    ("Thực hiện thường xuyên hằng năm", "FREQ=YEARLY"),
    ("hằng tuần báo cáo", "FREQ=WEEKLY"),
    ("giao ban hàng tuần", "FREQ=WEEKLY"),
    # with the day
    ("trước ngày 15 hằng tháng", "FREQ=MONTHLY;BYMONTHDAY=15"),
    ("gửi báo cáo trước ngày 20 hàng tháng", "FREQ=MONTHLY;BYMONTHDAY=20"),
    ("ngày 25 hằng tháng", "FREQ=MONTHLY;BYMONTHDAY=25"),
    ("chậm nhất 10 ngày của tháng kế tiếp", "FREQ=MONTHLY;BYMONTHDAY=10"),
    ("định kỳ hằng năm (trước ngày 15/11", "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=15"),
    ("định kỳ hàng năm (trước ngày 15/11) gửi báo cáo", "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=15"),
    ("trước ngày 30 tháng 11 hằng năm", "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30"),
    ("trước ngày 15/12 hằng năm", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=15"),
    ("vào ngày 30 của tháng cuối quý", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=30"),
    ("định kỳ hằng quý (trước ngày 20 của tháng cuối quý)", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=20"),
    ("định kỳ hằng tháng (trước ngày 20)", "FREQ=MONTHLY;BYMONTHDAY=20"),
    ("báo cáo hằng ngày", "FREQ=DAILY"),
    ("ngày 05 của tháng đầu quý", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=5"),
    ("trước ngày 15/6 và 15/12 hằng năm", "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=15"),
    ("họp giao ban vào thứ Sáu hằng tuần", "FREQ=WEEKLY;BYDAY=FR"),
    ("báo cáo hằng tuần vào thứ Bảy", "FREQ=WEEKLY;BYDAY=SA"),
    ("gửi số liệu vào thứ Ba hằng tuần", "FREQ=WEEKLY;BYDAY=TU"),
    pytest.param("chậm nhất ngày 05 của tháng sau", "FREQ=MONTHLY;BYMONTHDAY=5"),
]


@pytest.mark.parametrize(("text", "rrule"), RECURRING)
def test_recurring(text, rrule):
    value = _find(text)
    assert (value["kind"], value["rrule"]) == ("recurring", rrule)
    assert value["due"] is None


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("trước 16 giờ thứ Sáu hằng tuần", "16:00"),
        ("báo cáo trước 10h00 ngày 25 hằng tháng", "10:00"),
        ("báo cáo hằng tháng", None),
        ("ngày 25 hằng tháng", None),
        pytest.param("trước ngày 15 hằng tháng", None),
        pytest.param("gửi báo cáo trước ngày 20 hàng tháng", None),
        pytest.param("trước ngày 15/6 và 15/12 hằng năm", None),
    ],
)
def test_recurring_time_is_only_a_printed_clock_time(text, time):
    assert _find(text)["time"] == time


# --- kind referenced ------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("hoàn thành theo đúng thời gian quy định tại Quyết định số 2346/QĐ-UBND ngày 31/12/2020", "2346/QĐ-UBND"),
        ("theo đúng lộ trình quy định tại Nghị định số 87/2011/NĐ-CP", "87/2011/NĐ-CP"),
        ("theo tiến độ quy định tại Kế hoạch số 119-KH/TU", "119-KH/TU"),
        ("đúng thời hạn quy định tại Thông tư số 02/2021/TT-BNV", "02/2021/TT-BNV"),
        ("theo thời hạn quy định tại Công văn số 1234/UBND-VXNV.", "1234/UBND-VXNV"),
        pytest.param("theo thời gian quy định tại Quyết định số 416/QĐ- TTg", "416/QĐ-TTg"),
    ],
)
def test_referenced(text, reference):
    value = _find(text)
    assert (value["kind"], value["reference"]) == ("referenced", reference)
    assert value["due"] is None


# --- kind immediate, and what is no deadline --------------------------------------

@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("báo cáo ngay trong ngày", "ngay trong ngày"),
        ("Báo cáo nhanh ngay trong ngày xảy ra sự cố", "ngay trong ngày"),
        ("báo cáo ngay sau khi nhận được văn bản này", "ngay sau khi nhận được"),
        ("triển khai ngay khi nhận được công văn", "ngay khi nhận được"),
    ],
)
def test_immediate(text, raw):
    value = _find(text)
    assert (value["kind"], value["raw"]) == ("immediate", raw)


@pytest.mark.parametrize(
    "text",
    [
        "khẩn trương triển khai các biện pháp phòng, chống dịch",
        "kịp thời báo cáo Ủy ban nhân dân tỉnh",
        "triển khai ngay các biện pháp cấp bách",
        "Đẩy mạnh thực hiện công khai minh bạch ngay những nội dung cần phải công khai",
        "thường xuyên kiểm tra, đôn đốc",
        "Thực hiện thường xuyên",
        "Thường xuyên",
        "tổ chức thực hiện nghiêm túc",
        "Sở Nội vụ theo dõi, tổng hợp",
        "theo quy định",
        "có hiệu lực từ ngày 01/7/2024",
        "Căn cứ Quyết định số 12/QĐ-UBND ngày 05/01/2024",  # a citation's date is no deadline
        "Hà Nội, ngày 05 tháng 01 năm 2024",
        "trong năm học 2023-2024",
        "trong giai đoạn 2021-2025",
        "",
    ],
)
def test_no_deadline(text):
    assert deadlines.find(text) is None


# --- which kind wins when a text holds two (the module's documented order) --------

@pytest.mark.parametrize(
    ("text", "kind", "raw"),
    [
        # a recurrence with its day beats a date
        ("trước ngày 15 hằng tháng, báo cáo tổng kết trước ngày 30/6/2024", "recurring", "trước ngày 15 hằng tháng"),
        # a date beats a period, a relative term, a bare recurrence and "ngay sau khi"
        ("trong quý II/2023, báo cáo trước ngày 30/6/2023", "date", "trước ngày 30/6/2023"),
        ("tổ chức trong năm 2024, trước ngày 15/12/2024 báo cáo", "date", "trước ngày 15/12/2024"),
        ("hằng năm, trước ngày 15/12/2023 báo cáo", "date", "trước ngày 15/12/2023"),
        ("ngay sau khi nhận được, chậm nhất trước ngày 10/5/2024", "date", "trước ngày 10/5/2024"),
        # a period beats a relative term and a bare recurrence
        ("trong quý III/2023 và trong thời hạn 10 ngày kể từ ngày ký", "period", "trong quý III/2023"),
        ("trong năm 2023, định kỳ hằng quý báo cáo", "period", "trong năm 2023"),
        # a relative term beats a bare recurrence
        ("hằng tháng, trong thời hạn 05 ngày làm việc kể từ ngày nhận được", "relative",
         "trong thời hạn 05 ngày làm việc kể từ ngày nhận được"),
        # a bare recurrence beats a referenced schedule, which beats an immediate phrase
        ("theo đúng thời gian quy định tại Quyết định số 2346/QĐ-UBND, hằng quý báo cáo", "recurring", "hằng quý"),
        ("ngay sau khi nhận được văn bản, theo đúng thời gian quy định tại Kế hoạch số 45/KH-UBND", "referenced",
         "theo đúng thời gian quy định tại Kế hoạch số 45/KH-UBND"),
    ],
)
def test_precedence_between_kinds(text, kind, raw):
    value = _find(text)
    assert (value["kind"], value["raw"]) == (kind, raw)


# --- raw: the phrase as printed ----------------------------------------------------

@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("Gửi báo cáo trước ngày 10/12/2021.", "trước ngày 10/12/2021"),
        ("hoàn thành chậm nhất đến ngày 09 tháng 6 năm 2023.", "chậm nhất đến ngày 09 tháng 6 năm 2023"),
        ("Hoàn thành trong quý II/2020.", "Hoàn thành trong quý II/2020"),
        ("vào tuần cuối tháng 11/2022", "vào tuần cuối tháng 11/2022"),
        ("Định kỳ hàng năm có tổ chức sơ kết", "Định kỳ hàng năm"),
        ("định kỳ hằng năm (trước ngày 15/11, các đơn vị gửi báo cáo", "định kỳ hằng năm (trước ngày 15/11"),
        ("trong vòng một năm (kể từ thời điểm hoàn thuế).", "trong vòng một năm (kể từ thời điểm hoàn thuế)"),
        ("hoàn thành theo đúng thời gian quy định tại Quyết định số 2346/QĐ-UBND ngày 31/12/2020",
         "hoàn thành theo đúng thời gian quy định tại Quyết định số 2346/QĐ-UBND"),
        pytest.param("hoàn thành chậm nhất trong quý III/2019", "hoàn thành chậm nhất trong quý III/2019",
                     marks=bug("raw of 'hoàn thành chậm nhất trong quý III/2019' (gold real-018): expected the whole "
                               "phrase, got 'chậm nhất trong quý III/2019'")),
        pytest.param("báo cáo vào ngày 30 của tháng cuối quý", "vào ngày 30 của tháng cuối quý",
                     marks=bug("raw of 'vào ngày 30 của tháng cuối quý' (gold real-050): expected it whole, "
                               "got 'ngày 30 của tháng cuối quý'")),
        pytest.param("trước ngay/Sthang 9 năm 2018", "trước ngay/Sthang 9 năm 2018",
                     marks=bug("raw of garbled 'trước ngay/Sthang 9 năm 2018' (gold real-054): expected it whole, "
                               "got 'trước ngay/Sthang'")),
    ],
)
def test_raw_is_the_printed_phrase(text, raw):
    assert _find(text)["raw"] == raw


def test_span_indexes_the_whole_text_when_a_window_is_searched():
    text = "1. Giao Sở Nội vụ tổng hợp. 2. Các sở gửi báo cáo trước ngày 10/12/2021."
    start = text.index("2.")
    found = deadlines.find(text, start, len(text))
    assert text[found.span[0]:found.span[1]].strip(" ,.;") == found.value["raw"] == "trước ngày 10/12/2021"
    assert deadlines.find(text, 0, start) is None


def test_every_field_of_the_deadline_is_present():
    assert set(_find("trước ngày 10/12/2021")) == {"kind", "raw", "qualifier", "due", "time", "period", "relative",
                                                 "rrule", "reference"}


# --- is_working_day ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2024, 3, 15), True),    # Friday
        (D(2024, 3, 16), False),   # Saturday
        (D(2024, 3, 17), False),   # Sunday
        (D(2024, 3, 18), True),    # Monday
        (D(2024, 1, 1), False),    # New Year's Day
        (D(2024, 2, 7), True),     # the day before Tết 2024 leave
        (D(2024, 2, 8), False),    # 29 Tết
        (D(2024, 2, 12), False),   # Mùng 3 Tết, a Monday
        (D(2024, 2, 14), False),   # Mùng 5 Tết
        (D(2024, 2, 15), True),    # back to work
        (D(2023, 1, 20), False),   # Tết 2023
        (D(2023, 1, 26), False),
        (D(2023, 1, 27), True),
        (D(2025, 1, 31), False),   # Tết 2025
        (D(2024, 4, 17), True),
        (D(2024, 4, 18), False),   # Hùng Kings 2024 (10/3 lunar)
        (D(2025, 4, 7), False),    # Hùng Kings 2025
        (D(2024, 4, 29), False),   # day off swapped from Saturday 04/5/2024
        (D(2024, 4, 30), False),   # Reunification Day
        (D(2024, 5, 1), False),    # Labour Day
        (D(2024, 5, 2), True),
        (D(2023, 5, 2), False),    # in lieu of Hùng Kings on Saturday 29/4/2023
        (D(2023, 5, 3), False),    # in lieu of 30/4/2023, a Sunday
        (D(2024, 9, 2), False),    # National Day
        (D(2024, 9, 3), False),    # its adjacent day
        (D(2024, 9, 4), True),
        (D(2023, 9, 1), False),    # the adjacent day before 2/9/2023
        (D(2023, 9, 4), False),    # 2/9/2023 fell on a Saturday
        (D(2023, 9, 5), True),
        (D(2025, 9, 1), False),
        pytest.param(D(2024, 5, 4), True),
    ],
)
def test_is_working_day(day, working):
    assert deadlines.is_working_day(day) is working
