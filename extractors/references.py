"""Documents a letter cites (SPEC §2): by number and symbol, or a law by its title.

"Quyết định số 2346/QĐ-UBND ngày 31/12/2020 của Ủy ban nhân dân tỉnh về việc
ban hành ..." gives doc type, number, symbol, date, issuer and title. One
entry per document (first mention); documents named inside another
reference's title belong to that title; the letter's own number is not a
reference.
"""
from __future__ import annotations

import re
from functools import cache

from extractors import dates, lexicon
from extractors.base import Candidate
from extractors.names import canonical_agency
from extractors.number import doc_type_of
from extractors.text import collapse, fold

# Decree 30/2020 Appendix I §II.3 numbers as cited in running text: state
# "2346/QĐ-UBND", normative "61/2018/NĐ-CP", party "12-CTr/TU". OCR and
# line wrapping leave spaces inside ("1 17/2018/NĐ-CP", "QĐ- TTg").
_STATE = (r"\d{1,3}(?: ?\d{1,3})?(?: ?/ ?\d{4})? ?/ ?[A-ZĐ][A-Za-zĐđ0-9&]*"
          r"(?:(?: ?-{1,2} ?|\.)[A-ZĐ0-9][A-Za-zĐđ0-9&]*)*")
_PARTY = r"\d{1,4} ?- ?[A-ZĐ][A-Za-zĐđ]{0,4} ?/ ?[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)*"
_NUMBER_SYMBOL = re.compile(r"(?<![\w/])(?:" + _PARTY + "|" + _STATE + r")(?![\w/])")
_DATE_AFTER = re.compile(r"^[\s,]{0,3}(?:ban hanh\s+)?ngay\s*")


@cache
def _type_names() -> list[tuple[str, str]]:
    pairs = list(lexicon.doc_type_names())
    pairs += [(fold(t["name"]), t["code"]) for t in lexicon.load("references")["extra_types"]]
    return sorted(pairs, key=lambda p: -len(p[0]))


def find(text: str, start: int = 0, end: int | None = None, own: str | None = None) -> list[Candidate]:
    """References in ``text[start:end]``, in order of first mention."""
    end = len(text) if end is None else end
    folded = fold(text)
    numbered = _numbered(text, folded, start, end, own)
    titled = [t for t in _titled(text, folded, start, end)
              if not any(n.span[0] <= t.span[0] < n.span[1] or t.span[0] <= n.span[0] < t.span[1] for n in numbered)]
    found = sorted(numbered + titled, key=lambda c: c.span[0])
    return deduplicated(_outside_titles(found))


_LOOSE = re.compile(r"(?<=số )\d[\w.&-]*/[\w.&/-]*[A-Za-zĐđ][\w.&/-]*")


def _numbered(text: str, folded: str, start: int, end: int, own: str | None) -> list[Candidate]:
    out = []
    own_key = _key(own) if own else None
    strict = list(_NUMBER_SYMBOL.finditer(text, start, end))
    loose = [m for m in _LOOSE.finditer(text, start, end)
             if _type_before(folded, m.start()) and not any(s.start() <= m.start() < s.end() for s in strict)]
    for m in sorted(strict + loose, key=lambda m: m.start()):
        printed = re.sub(r"\s+", "", m.group(0))
        if not re.search(r"[A-ZĐ]", printed) or (own_key and _key(printed) == own_key):
            continue
        out.append(_numbered_candidate(text, folded, m.start(), m.end(), printed))
    return out


def _numbered_candidate(text: str, folded: str, s: int, e: int, printed: str) -> Candidate:
    head = _type_before(folded, s)
    parts = _parts(printed)
    doc_type = head[1] if head else (doc_type_of(parts["symbol"], parts["type"], parts["year"] is not None)
                                     or "cong_van")
    ref_start = head[0] if head else s
    issued, after = _date_after(text, e)
    issuer, after = _issuer_after(text, after)
    title, title_end = _title_after(text, after)
    if doc_type == "luat":
        title = title or _law_name_before(text, folded, head[0] if head else s, s)
    pointer = _pointer_before(text, ref_start)
    value = {"doc_type": doc_type, "number": parts["number"], "year": parts["year"], "symbol": parts["symbol"],
             "number_symbol": printed, "issued": issued, "issuer": issuer, "title": title, "pointer": pointer,
             "raw": text[ref_start:title_end], "span": [ref_start, title_end]}
    return Candidate(value=value, span=(ref_start, title_end), rule="number and symbol",
                     confidence=0.95 if head else 0.8)


_POINTER = re.compile(r"(?:(?:điểm|khoản|mục|điều|chương|phần|tiết|phụ lục)\s+[\w.]{1,6}(?:,\s*[\w.]{1,6})*\s+)+$",
                      re.IGNORECASE)


def _pointer_before(text: str, start: int) -> str | None:
    """"khoản 2 Mục IV Báo cáo số 174/BC-SNV": the place inside the cited document, if printed before it."""
    m = _POINTER.search(text[max(0, start - 80):start])
    return collapse(m.group(0)) if m else None


def _parts(printed: str) -> dict:
    party = re.match(r"^(\d+)-([A-ZĐ][A-Za-zĐđ]*)/(.+)$", printed)
    if party:
        return {"number": int(party.group(1)), "year": None, "symbol": party.group(3), "type": party.group(2)}
    m = re.match(r"^(\d+)(?:/((?:19|20)\d\d))?/(.+)$", printed)
    if not m:
        return {"number": None, "year": None, "symbol": printed, "type": None}
    return {"number": int(m.group(1)), "year": int(m.group(2)) if m.group(2) else None,
            "symbol": m.group(3), "type": None}


@cache
def _type_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(r"(?<![a-z])" + re.escape(name) + r"(?![a-z])"), code) for name, code in _type_names())


def _type_before(folded: str, pos: int) -> tuple[int, str] | None:
    """The type name that introduces a number ("Quyết định số", "các Thông tư số 12/..., 13/...")."""
    window = folded[max(0, pos - 140):pos]
    best = None
    for pattern, code in _type_patterns():
        for m in pattern.finditer(window):
            between = window[m.end():]
            if re.fullmatch(r"\s*(?:so|so\s*:|\(?so\)?)?\s*(?:[\w/.&-]+\s*(?:,|va)\s*)*(?:so\s*)?", between) and len(between) < 110:
                start = pos - len(window) + m.start()
                if best is None or start > best[0]:
                    best = (start, code)
    return best


def _date_after(text: str, pos: int) -> tuple[dict | None, int]:
    m = _DATE_AFTER.match(fold(text[pos:pos + 40]))
    if not m:
        return None, pos
    at = pos + m.end()
    found = dates.find_numeric(text, at, at + 12) or dates.find_worded(text, pos, pos + 40)
    if not found or found.span[0] > at + 2:
        return None, pos
    return found.value.model_dump(), found.span[1]


def _issuer_after(text: str, pos: int) -> tuple[str | None, int]:
    m = re.match(r"^[\s,]{0,3}của\s+", text[pos:pos + 10])
    if not m:
        return None, pos
    at = pos + m.end()
    stop = re.search(r"\s(?:về|về việc|V/v|quy định|hướng dẫn|ban hành|phê duyệt|thực hiện|triển khai|"
                     r"sửa đổi|đã|đối với|thì|tại|nhằm|trong|là|hoặc|nay|có|theo)\s|[;,.(\n“\"]", text[at:at + 120])
    stop_at = at + (stop.start() if stop else min(120, len(text) - at))
    joint = _next_citation(text, at, stop_at)
    stop_at = joint if joint is not None else stop_at
    issuer = collapse(text[at:stop_at])
    if not issuer or len(issuer.split()) > 14:
        return None, pos
    return canonical_agency(issuer), stop_at


_TITLE_START = re.compile(r"^[\s,]{0,3}(?:“|\")?(về việc|về|V/v|quy định|hướng dẫn|ban hành|phê duyệt|sửa đổi)\s")
_TITLE_END = re.compile(r"[;\n:(]|\.(?:\s|$)|\s(?:thì|nay)\s|,\s(?=(?:Tổng cục|Cục|Bộ|Sở|Ủy ban|UBND|Chính phủ|"
                        r"Thủ tướng|Văn phòng|Công ty|Ngân hàng|Bảo hiểm|Quý|Căn cứ|Thực hiện|Tiếp theo|đề nghị|"
                        r"yêu cầu|theo đó|do đó|vì vậy|trong đó|cụ thể|đồng thời|các đơn vị|đơn vị|doanh nghiệp)\b)")


def _next_citation(text: str, start: int, end: int) -> int | None:
    """Where "và" opens the next citation inside an issuer ("của Sở Nội vụ và điểm a khoản 1 ...")."""
    folded = fold(text[start:end])
    for m in re.finditer(r"\s(?:va|hoac)\s", folded):
        after = folded[m.end():]
        if re.match(r"(?:diem|khoan|muc|dieu|chuong|phan)\s", after) or any(
                re.match(re.escape(name) + r"\s+(?:so\s+)?\d", after) for name, _ in _type_names()):
            return start + m.start()
    return None


def _title_after(text: str, pos: int) -> tuple[str | None, int]:
    """The title that follows a citation: from "về", "quy định", "hướng dẫn"... to the end of its clause.

    A title runs through commas and "và" when it names documents itself
    ("hướng dẫn thi hành Nghị định số 26/2009/NĐ-CP và Nghị định số
    113/2011/NĐ-CP"); otherwise "và Kế hoạch số ..." starts another citation.
    """
    rest = text[pos:pos + 500]
    m = _TITLE_START.match(rest)
    if not m:
        return None, pos
    body = rest[m.start(1):]
    stop = _TITLE_END.search(body)
    end = stop.start() if stop else len(body)
    if not _names_document(body[:40]):
        joint = re.search(r"\s(?:và|cùng|,)\s*(?=(?:các\s)?[A-ZĐ][^\s]*(?:\s[^\s]+)?\s(?:số\s*)?\d)", body[:end])
        if joint:
            end = joint.start()
    title = collapse(body[:end]).strip(" ,“”\"")
    return (title or None), pos + m.start(1) + end


def _names_document(start_of_title: str) -> bool:
    key = fold(start_of_title)
    return any(re.search(r"(?<![a-z])" + re.escape(name) + r"\s+(?:so\s+)?\d", key) for name, _ in _type_names()) or \
        re.search(r"(?<![a-z])(?:luat|bo luat|phap lenh)\s", key) is not None


def _law_name_before(text: str, folded: str, head: int, number_at: int) -> str | None:
    """"Luật Quản lý thuế số 38/2019/QH14": the law's title printed before its number."""
    m = None
    for m in re.finditer(r"(?<![a-z])(?:bo luat|luat)\s", folded[max(0, head - 120):number_at]):
        pass
    if m is None:
        return None
    start = max(0, head - 120) + m.start()
    name = re.sub(r"\s*(?:số|số:)\s*$", "", collapse(text[start:number_at]))
    return name if 2 <= len(name.split()) <= 14 else None


def _titled(text: str, folded: str, start: int, end: int) -> list[Candidate]:
    """Laws, codes, ordinances, treaties cited by title ("Luật Tổ chức chính quyền địa phương")."""
    data = lexicon.load("references")
    heads = "|".join(re.escape(fold(h)) for h in sorted(data["titled_heads"], key=len, reverse=True))
    out = []
    for m in re.finditer(r"(?<![a-z])(?:" + heads + r")\s", folded[start:end]):
        at = start + m.start()
        if not text[at].isupper() and not folded[max(0, at - 4):at].endswith("bo "):
            continue
        title, stop = _law_title(text, folded, at, end)
        if title:
            out.append(Candidate(value=_titled_value(text, title, at, stop), span=(at, stop), rule="law by title",
                                 confidence=0.7))
    return out


def _law_title(text: str, folded: str, at: int, end: int) -> tuple[str | None, int]:
    data = lexicon.load("references")
    window = text[at:min(end, at + 300)]
    fwin = folded[at:at + len(window)]
    amending = any(fwin.startswith(fold(p)) for p in data["amending_prefixes"])
    stops = [m.start() for s in data["title_stops"] for m in [re.search(fold(s), fwin)] if m]
    stops += [m.start() for m in re.finditer(r"[;:.(\n)“”\"]", fwin)]
    stops += [m.start() for m in re.finditer(r"\s(?:va\s)?(?=(?:bo\s)?luat\s|nghi dinh\s|thong tu\s)", fwin)
              if m.start() > 0 and not amending]
    if not amending:
        stops += [m.start() for m in re.finditer(r"\s(?:cua|ve)\s", fwin)] + _comma_stops(window)
    stops = [s for s in stops if s > 0]
    stop = min(stops) if stops else len(window)
    title = re.sub(r"\s+số$", "", collapse(window[:stop]).strip(" ,"))
    words = fold(title).split()
    printed = title.split()
    if any(re.fullmatch(r"[A-ZĐ][A-ZĐ&]{1,}", w) and not re.fullmatch(r"[IVXL]+", w) for w in printed[1:]):
        return None, at  # "Luật BHYT", "Luật Thuế TNCN": the short form of a law named in full elsewhere
    head_len = 2 if words[:2] == ["bo", "luat"] or words[:2] == ["phap", "lenh"] else 1
    if len(words) <= head_len or words[head_len] in data["generic_after_head"] and len(words) <= head_len + 1:
        return None, at
    if len(words) > head_len and words[head_len] in ("nay", "hien", "moi"):
        return None, at
    return title, at + stop


def _comma_stops(window: str) -> list[int]:
    """A comma ends a title unless a short lower-case tail follows ("Luật Khám bệnh, chữa bệnh.")."""
    out = []
    for m in re.finditer(r",", window):
        tail = re.match(r",\s([^\W\dA-ZĐÀ-Ỵ][^\W\d]*(?:\s[^\W\d]+){0,3}?)(?=[.;]|\s(?:và|số|ngày)\s|$)",
                        window[m.start():])
        if not tail or len(tail.group(1).split()) > 3:
            out.append(m.start())
    return out


def _titled_value(text: str, title: str, at: int, stop: int) -> dict:
    year = re.search(r"(?:năm\s+)?((?:19|20)\d\d)\s*$", title)
    issued, _ = _date_after(text, stop)
    code = "other" if fold(title).startswith(("hiep dinh", "nghi dinh thu", "phap lenh")) else "luat"
    return {"doc_type": code, "number": None, "year": None, "symbol": None, "number_symbol": None,
            "issued": issued, "issuer": None, "title": title, "pointer": None,
            "raw": text[at:stop], "span": [at, stop]}


def _outside_titles(found: list[Candidate]) -> list[Candidate]:
    """Drop a citation that sits inside the title of an earlier one (SPEC §2)."""
    out = []
    for cand in found:
        inside = any(o.span[0] < cand.span[0] and cand.span[1] <= o.span[1] and o.value.get("title")
                     for o in out)
        if not inside:
            out.append(cand)
    return out


def deduplicated(found: list[Candidate]) -> list[Candidate]:
    """One entry per document: by number, or for a law by its title (with or without its number)."""
    seen, titles, out = set(), [], []
    laws = [fold(c.value["title"]) for c in found if c.value["number_symbol"] and c.value["doc_type"] == "luat"
            and c.value["title"]]
    for cand in found:
        value = cand.value
        if value["number_symbol"]:
            key = _key(value["number_symbol"])
        else:
            key = "t:" + fold(value["title"])
            if any(_same_title(key[2:], t) for t in laws + titles):
                continue
            titles.append(key[2:])
        if key not in seen:
            seen.add(key)
            out.append(cand)
    return out


def _same_title(a: str, b: str) -> bool:
    return a == b or (len(a.split()) >= 2 and (b.startswith(a + " ") or a.startswith(b + " ")))


def _key(number_symbol: str) -> str:
    return fold(re.sub(r"\s+", "", number_symbol))
