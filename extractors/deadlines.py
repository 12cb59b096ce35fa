"""Deadlines (SPEC §4): dates, periods, relative terms, recurrences, references, "ngay".

``find`` returns the deadline of a task's text: the most specific kind
found wins (a recurrence with its day, then a date, a period, a relative
term, a bare recurrence, a referenced schedule, an immediate phrase).
Dates without a year take the issue date's year (the next year when that
would fall before the issue date). Relative terms are resolved to a due date
only when their anchor is known; working days skip weekends and Vietnam's
public holidays (Tết included) from the ``holidays`` library.
"""
from __future__ import annotations

import datetime as dt
import calendar
import re
from functools import cache

from extractors import lexicon
from extractors.base import Candidate
from extractors.text import fold

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
RRULES = {"DAILY": "FREQ=DAILY", "WEEKLY": "FREQ=WEEKLY", "MONTHLY": "FREQ=MONTHLY", "QUARTERLY": "FREQ=MONTHLY;INTERVAL=3",
          "HALF_YEARLY": "FREQ=MONTHLY;INTERVAL=6", "YEARLY": "FREQ=YEARLY"}
_DATE = r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>\d{4}))?"
_WORDED = r"(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})(?:\s+nam\s+(?P<y>\d{4}))?"
_TIME = r"(?:(?P<hh>\d{1,2})\s*(?:gio|h)\s*(?P<mm>\d{2})?(?:\s*phut)?\s*(?:,\s*)?)"


def _data():
    return lexicon.load("deadlines")


@cache
def _words(key: str, sub: str | None = None) -> str:
    items = _data()[key] if sub is None else _data()[key][sub]
    return "|".join(re.escape(fold(w)) for w in sorted(items, key=len, reverse=True))


def find(text: str, start: int = 0, end: int | None = None, issued: dt.date | None = None,
         received: dt.date | None = None) -> Candidate | None:
    """The deadline stated in ``text[start:end]``, or None."""
    end = len(text) if end is None else end
    f = fold(text[start:end])
    for finder in (_recurring_day, _range, _date, _period, _relative, _recurring, _referenced, _immediate):
        found = finder(f, issued, received)
        if found:
            value, (s, e) = found
            if value["kind"] == "recurring" and "time" not in value:
                hour = re.search(r"(?P<hh>\d{1,2})\s*(?:gio\b|h(?=\s?\d{2}\b))\s*(?P<mm>\d{2})?", f[max(0, s - 25):e])
                if hour and int(hour.group("hh")) < 24:
                    value["time"] = f"{int(hour.group('hh')):02d}:{hour.group('mm') or '00'}"
            value["raw"] = text[start + s:start + e].strip(" ,.;")
            ns = value.pop("_ns", None)
            if ns:
                value["reference"] = re.sub(r"\s+", "", text[start + ns[0]:start + ns[1]]).rstrip(".,;")
            return Candidate(value=_complete(value), span=(start + s, start + e), rule=finder.__name__.strip("_"))
    return None


def _complete(value: dict) -> dict:
    base = {"kind": None, "raw": "", "qualifier": None, "due": None, "time": None, "period": None,
            "relative": None, "rrule": None, "reference": None}
    return {**base, **value}


def _qualifier(prefix: str) -> str | None:
    prefix = prefix.strip()
    for name in ("by", "before", "on", "within"):
        words = "|".join(re.escape(re.sub(r"\s*ngay$", "", fold(w))) for w in _data()["qualifiers"][name])
        if prefix and re.search(r"(?:^|\s)(?:" + words + r")$", prefix):
            return name
    return None


def _date(f: str, issued, received):
    """"trước ngày 10/12/2021", "chậm nhất đến ngày 09 tháng 6 năm 2023", "trước 16 giờ 00 ngày 25/3/2024"."""
    quals = "|".join(sorted({re.sub(r"\s*ngay$", "", fold(w)) for q in ("by", "before", "on")
                              for w in _data()["qualifiers"][q]}, key=len, reverse=True))
    pattern = (r"(?P<q>(?:" + quals + r"))\s*(?::\s*)?" + _TIME + r"?\s*ngay\s*(?:" + _DATE.replace("(?P<", "(?P<n") +
               r"|" + _WORDED + r"|(?P<garbled>(?:[^\s,.;]*[\d/][^\s,.;]*|(?=thang\s))(?:\s*thang\s*\S{1,4})?(?:\s*nam\s*\d{4})?))")
    m = re.search(pattern, f) or re.search(r"(?P<q>truoc|cham nhat)\s+(?P<hh>)(?P<mm>)(?P<garbled>)" +
                                           _DATE.replace("(?P<", "(?P<n") + r"(?P<d>)(?P<m>)(?P<y>)", f)
    if not m:
        return None
    day, month, year = (m.group("nd"), m.group("nm"), m.group("ny")) if m.group("nd") else (
        m.group("d"), m.group("m"), m.group("y"))
    due = _make_date(day, month, year, issued)
    value = {"kind": "date", "qualifier": _qualifier(m.group("q")) or "before",
             "due": due.isoformat() if due else None}
    if m.group("hh"):
        value["time"] = f"{int(m.group('hh')):02d}:{m.group('mm') or '00'}"
    return value, m.span()


def _make_date(day, month, year, issued: dt.date | None) -> dt.date | None:
    if not (day and month and day.isdigit() and month.isdigit()):
        return None
    d, m = int(day), int(month)
    if year and year.isdigit():
        y = int(year)
    elif issued:
        y = issued.year
    else:
        return None
    try:
        due = dt.date(y, m, d)
    except ValueError:
        return None
    if not year and issued and due < issued:
        due = due.replace(year=y + 1)
    return due


def _range(f: str, issued, received):
    """"từ ngày 10/10/2025 đến ngày 31/10/2025", "từ tháng 9 đến tháng 11/2017", "Tháng 4-5/2019"."""
    m = re.search(r"(?P<lead>tu)\s+ngay\s+" + _DATE.replace("(?P<", "(?P<a") + r"\s+den\s+(?:het\s+)?ngay\s+" + _DATE, f)
    if m:
        end = _make_date(m.group("d"), m.group("m"), m.group("y"), issued)
        start = _make_date(m.group("ad"), m.group("am"), m.group("ay") or (str(end.year) if end else None), issued)
        if start and end and start <= end:
            return _span_value(start, end, m, f)
    m = re.search(r"(?P<lead>tu)\s+thang\s+(?P<m1>\d{1,2})(?:/(?P<y1>\d{4}))?\s+den\s+(?:het\s+)?thang\s+"
                  r"(?P<m2>\d{1,2})\s*/\s*(?P<y2>\d{4})", f) or \
        re.search(r"(?P<lead>(?:trong\s+)?)thang\s+(?P<m1>\d{1,2})\s*-\s*(?P<m2>\d{1,2})\s*/\s*(?P<y2>\d{4})", f)
    if m:
        y2, m1, m2 = int(m.group("y2")), int(m.group("m1")), int(m.group("m2"))
        y1 = int(m.groupdict().get("y1") or (y2 if m1 <= m2 else y2 - 1))
        if 1 <= m1 <= 12 and 1 <= m2 <= 12:
            return _span_value(dt.date(y1, m1, 1), _month_end(y2, m2), m, f)
    return None


def _period(f: str, issued, received):
    """"trong quý II/2023", "trong tháng 6/2023", "trong năm 2023", "trong 2 tháng cuối năm 2018"."""
    lead = r"(?P<lead>(?:hoan thanh\s+|chamnhat\s+|cham nhat\s+|thuc hien\s+)?(?:trong|vao|den het|truoc het)?)\s*"
    quarter = re.search(lead + r"quy\s+(?P<q>iv|iii|ii|i|[1-4])\s*(?:/|\s*nam\s*)\s*(?P<y>\d{4})", f)
    if quarter:
        q = ROMAN.get(quarter.group("q")) or int(quarter.group("q"))
        y = int(quarter.group("y"))
        return _span_value(dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q), quarter, f)
    last = re.search(lead + r"(?P<n>\d{1,2})\s+thang\s+cuoi\s+nam\s+(?P<y>\d{4})", f)
    if last:
        y, n = int(last.group("y")), int(last.group("n"))
        return _span_value(dt.date(y, 13 - n, 1), dt.date(y, 12, 31), last, f)
    week = re.search(lead + r"tuan\s+cuoi\s+(?:cua\s+)?thang\s+(?P<m>\d{1,2})\s*(?:/|\s*nam\s*)\s*(?P<y>\d{4})", f)
    if week:
        y, mth = int(week.group("y")), int(week.group("m"))
        end = _month_end(y, mth)
        return _span_value(end - dt.timedelta(days=end.weekday()), end, week, f)
    half = re.search(r"(?P<lead>(?:trong\s+)?)(?P<n>6|sau)\s+thang\s+(?P<which>dau|cuoi)\s+nam\s+(?P<y>\d{4})", f)
    if half:
        y, first = int(half.group("y")), half.group("which") == "dau"
        return _span_value(dt.date(y, 1 if first else 7, 1), dt.date(y, 6, 30) if first else dt.date(y, 12, 31), half, f)
    month = re.search(r"(?P<lead>(?:hoan thanh\s+)?trong|^\W*)\s*thang\s+(?P<m>\d{1,2})\s*(?:/|\s*nam\s*)\s*(?P<y>\d{4})", f)
    if month:
        y, mth = int(month.group("y")), int(month.group("m"))
        if 1 <= mth <= 12:
            return _span_value(dt.date(y, mth, 1), _month_end(y, mth), month, f)
    year = re.search(r"(?P<lead>(?:hoan thanh\s+)?trong|^\W*)\s*nam\s+(?P<y>(?:19|20)\d\d)(?!\s*[-–]|\d)", f)
    if year:
        y = int(year.group("y"))
        return _span_value(dt.date(y, 1, 1), dt.date(y, 12, 31), year, f)
    return None


def _span_value(start: dt.date, end: dt.date, m: re.Match, f: str):
    before = f[max(0, m.start() - 12):m.start()] + (m.group("lead") or "")
    qualifier = "by" if "cham nhat" in before else "within"
    value = {"kind": "period", "qualifier": qualifier, "due": end.isoformat(),
             "period": {"start": start.isoformat(), "end": end.isoformat()}}
    return value, (m.start("lead") if m.group("lead") else m.start(), m.end())


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _relative(f: str, issued, received):
    """"trong thời hạn 05 ngày làm việc kể từ ngày nhận được", "trong vòng một năm (kể từ ...)"."""
    numbers = "|".join(re.escape(fold(w)) for w in sorted(_data()["number_words"], key=len, reverse=True))
    units = "|".join(_words("units", u) for u in ("working_day", "day", "week", "month", "year"))
    m = re.search(r"(?P<q>trong thoi han|trong vong|trong|cham nhat la|cham nhat|sau)\s+(?P<n>\d{1,3}|" + numbers +
                  r")\s+(?P<u>" + units + r")(?P<tail>\s*\(?\s*(?:ke tu|tu ngay|tu thoi diem|sau khi)[^.;)]{0,80}\)?)?", f)
    if not m or (not m.group("tail") and m.group("q") in ("trong", "sau")):
        return None
    amount, unit = _amount(m.group("n")), _unit(m.group("u"))
    if unit == "year":
        amount, unit = amount * 12, "month"
    anchor = _anchor(m.group("tail") or "")
    due = _resolve(amount, unit, {"receipt": received, "issue": issued}.get(anchor))
    value = {"kind": "relative", "qualifier": "within", "due": due.isoformat() if due else None,
             "relative": {"amount": amount, "unit": unit, "anchor": anchor}}
    return value, m.span()


def _amount(token: str) -> int:
    table = {fold(k): v for k, v in _data()["number_words"].items()}
    return int(token) if token.isdigit() else table[token]


def _unit(token: str) -> str:
    for unit in ("working_day", "day", "week", "month", "year"):
        if re.fullmatch(_words("units", unit), token):
            return unit
    return "day"


def _anchor(tail: str) -> str | None:
    for anchor in ("receipt", "issue", "other"):
        if re.search(_words("anchors", anchor), tail):
            return anchor
    return None


def resolve_term(amount: int, unit: str, anchor_date: dt.date) -> dt.date:
    """The due date of a relative term ("05 ngày làm việc") counted from ``anchor_date``, for a
    caller that learns the anchor later (the registry, from the received date)."""
    return _resolve(amount, unit, anchor_date)


def _resolve(amount: int, unit: str, anchor_date: dt.date | None) -> dt.date | None:
    """Civil Code 2015 Art. 147-148: count from the day after; a last day off moves to the next working day."""
    if anchor_date is None:
        return None
    if unit == "working_day":
        day, left = anchor_date, amount
        while left:
            day += dt.timedelta(days=1)
            left -= is_working_day(day)
        return day
    if unit == "month":
        month = anchor_date.month - 1 + amount
        year, month = anchor_date.year + month // 12, month % 12 + 1
        due = dt.date(year, month, min(anchor_date.day, calendar.monthrange(year, month)[1]))
    else:
        due = anchor_date + dt.timedelta(days=amount * (7 if unit == "week" else 1))
    while not is_working_day(due):
        due += dt.timedelta(days=1)
    return due


@cache
def _calendar(year: int):
    import holidays

    return holidays.country_holidays("VN", years=year)


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a public holiday of Vietnam; a Saturday the government swapped
    for a bridge day off is a working day (the holidays library keeps those swaps)."""
    return _calendar(day.year).is_working_day(day)


def _recurring_day(f: str, issued, received):
    """"trước ngày 15 hằng tháng", "định kỳ hằng năm (trước ngày 15/11", "ngày 30 của tháng cuối quý",
    "thứ Sáu hằng tuần", "trước ngày 15/6 và 15/12 hằng năm", "ngày 05 của tháng đầu quý"."""
    monthly, yearly = _words("recurring", "MONTHLY"), _words("recurring", "YEARLY")
    days = {fold(k): v for k, v in _data()["weekdays"].items()}
    names = "|".join(map(re.escape, sorted(days, key=len, reverse=True)))
    m = re.search(r"(?P<day>" + names + r")\s+(?:" + _words("recurring", "WEEKLY") + r")", f) or \
        re.search(r"(?:" + _words("recurring", "WEEKLY") + r")\s+(?:vao\s+)?(?:ngay\s+)?(?P<day>" + names + r")\b", f)
    if m:
        return {"kind": "recurring", "rrule": f"FREQ=WEEKLY;BYDAY={days[m.group('day')]}"}, m.span()
    m = re.search(r"ngay\s+(?P<d1>\d{1,2})/(?P<m1>\d{1,2})\s+va\s+(?:ngay\s+)?(?P<d2>\d{1,2})/(?P<m2>\d{1,2})\s+(?:"
                  + yearly + r")", f)
    if m and m.group("d1") == m.group("d2"):
        rule = f"FREQ=YEARLY;BYMONTH={int(m.group('m1'))},{int(m.group('m2'))};BYMONTHDAY={int(m.group('d1'))}"
        return {"kind": "recurring", "rrule": rule}, m.span()
    pairs = list(re.finditer(r"ngay\s+(\d{1,2})/(\d{1,2})(?!/)", f))
    lead = re.search(r"dinh ky|" + yearly, f)
    if len(pairs) == 2 and lead and pairs[0].group(1) == pairs[1].group(1):
        months = f"{int(pairs[0].group(2))},{int(pairs[1].group(2))}"
        rule = f"FREQ=YEARLY;BYMONTH={months};BYMONTHDAY={int(pairs[0].group(1))}"
        return {"kind": "recurring", "rrule": rule}, (min(lead.start(), pairs[0].start()), pairs[1].end())
    m = re.search(r"\(\s*(?:ngay\s+)?(?P<d>\d{1,2})/(?P<m>\d{1,2})\s*\)\s*(?:" + yearly + r")", f)
    if m:
        return {"kind": "recurring", "rrule": f"FREQ=YEARLY;BYMONTH={int(m.group('m'))};BYMONTHDAY={int(m.group('d'))}"}, m.span()
    m = re.search(r"ngay\s+(?P<d>\d{1,2})\s+(?:cua\s+)?thang\s+dau\s+(?:moi\s+)?quy", f)
    if m:
        return {"kind": "recurring", "rrule": f"FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY={int(m.group('d'))}"}, m.span()
    m = re.search(r"(?:truoc\s+)?ngay\s+(?P<d>\d{1,2})\s+(?:" + monthly + r")", f) or \
        re.search(r"(?:" + monthly + r")\s*\(?\s*(?:truoc|cham nhat)\s+ngay\s+(?P<d>\d{1,2})(?![/\d])", f) or \
        re.search(r"cham nhat\s+(?P<d>\d{1,2})\s+ngay\s+(?:dau\s+)?cua\s+thang\s+(?:ke tiep|sau|tiep theo)", f) or \
        re.search(r"(?:cham nhat|truoc)\s+(?:la\s+)?ngay\s+(?P<d>\d{1,2})\s+(?:cua|hang)\s+thang\s+(?:ke tiep|sau|tiep theo)", f)
    if m:
        return {"kind": "recurring", "rrule": f"FREQ=MONTHLY;BYMONTHDAY={int(m.group('d'))}"}, m.span()
    m = re.search(r"ngay\s+(?P<d>\d{1,2})\s+cua\s+thang\s+cuoi\s+quy", f)
    if m:
        return {"kind": "recurring", "rrule": f"FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY={int(m.group('d'))}"}, m.span()
    for date in (_DATE, _WORDED):
        m = re.search(r"(?:truoc\s+)?ngay\s+" + date + r"\s+(?:" + yearly + r")", f) or \
            re.search(r"(?:" + yearly + r")\s*\(?\s*(?:truoc\s+)?ngay\s+" + date, f)
        if m and m.group("m") and not m.group("y"):
            rule = f"FREQ=YEARLY;BYMONTH={int(m.group('m'))};BYMONTHDAY={int(m.group('d'))}"
            return {"kind": "recurring", "rrule": rule}, m.span()
    return None


def _recurring(f: str, issued, received):
    best = None
    for name, rule in RRULES.items():
        m = re.search(r"(?:(?:thuc hien\s+)?thuong xuyen\s+|dinh ky\s+)?(?:" + _words("recurring", name) + r")", f)
        if m and (best is None or m.start() < best[1][0]):
            best = ({"kind": "recurring", "rrule": rule}, m.span())
    return best


def _referenced(f: str, issued, received):
    m = re.search(r"(?:hoan thanh\s+)?(?:" + _words("referenced") + r")\s+(?P<type>[^\d]{2,30}?)\s*(?:so\s+)?(?P<ns>\d[\w/.-]*[a-z](?:-\s(?=[a-z])|[\w/.-])*)", f)
    if not m:
        return None
    return {"kind": "referenced", "reference": None, "_ns": m.span("ns")}, m.span()


def _immediate(f: str, issued, received):
    m = re.search(r"(?:" + _words("immediate") + r")", f)
    return ({"kind": "immediate"}, m.span()) if m else None
