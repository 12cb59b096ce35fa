"""Repairs of OCR'd text where the letter's format leaves no doubt.

OCR of Vietnamese drops or swaps diacritics ("Kinh gửi", "TĨNH QUẢNG NAM"),
reads digits as letters ("ngày 2O tháng") and capitalizes small letters
("(b/C)"). Where the format of a Decree 30/2020 letter says what a word must
be, the word is repaired: fixed phrases of the header and the footer, the
words and digits of a date, the number after "Số:", known agency names
(extractors/data/agencies.yaml ``known``), place names after "tỉnh",
"huyện" ..., signers' titles, the Roman numeral of a quarter. A phrase is
repaired only when the OCR'd letters are exactly the phrase's letters with
diacritics and case set aside: only marks (and the digits of a number that
must be digits) change, the case of each OCR'd letter is kept, and a word
the pipeline cannot be sure of is left as it is. The data are in
extractors/data/ocr_repairs.yaml; ``repair`` returns every change made.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractors import lexicon
from extractors.places import known_place_names
from extractors.text import fold

MIN_UNIT_HEAD = 6      # letters: shorter unit heads ("Bộ", "Sở") are too short to be sure of


@dataclass(frozen=True)
class Repair:
    rule: str
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.before!r} → {self.after!r}"


def repair(text: str, first_page: bool = False) -> tuple[str, list[str]]:
    """The page's text repaired, and each repair as "rule: 'before' → 'after'"."""
    repairs: list[Repair] = []
    for rule in TEXT_RULES:
        text = rule(text, repairs)
    lines = text.split("\n")
    header = _header_end(lines) if first_page else 0
    out = []
    for index, line in enumerate(lines):
        rules = (*HEADER_RULES, *LINE_RULES) if index < header else LINE_RULES
        for rule in rules:
            line = rule(line, repairs)
        out.append(line)
    return "\n".join(out), [str(r) for r in repairs]


@cache
def _data() -> dict:
    return lexicon.load("ocr_repairs")


def _header_end(lines: list[str]) -> int:
    """Lines of the first page up to "Kính gửi" (at most ``header_lines``)."""
    limit = min(len(lines), _data()["header_lines"])
    for index in range(limit):
        if re.match(r"\W*kinh\s*gui\b", fold(lines[index])):
            return index
    return limit


# The type abbreviation of a number-symbol: "2346/QĐ-UBND", "61/2018/NĐ-CP", party "12-CTr/TU".
SYMBOL_TYPE = re.compile(r"(?<=\d[/-])[A-Za-zĐđÐð]{2,5}(?=[-/.])")


def _characters(text: str, repairs: list[Repair]) -> str:
    """Characters Vietnamese never uses, made the ones they stand for. OCR often
    reads Đ twice, as "ĐÐ": where a number-symbol's type then becomes a known
    abbreviation without the second one ("QĐÐ-UBND" → "QĐ-UBND"), it is dropped."""
    def single(match: re.Match) -> str:
        token = match.group(0)
        shorter = token.replace("ĐÐ", "Đ").replace("đð", "đ")
        if shorter != token and shorter in lexicon.doc_type_by_abbreviation():
            repairs.append(Repair("character", token, shorter))
            return shorter
        return token

    text = SYMBOL_TYPE.sub(single, text)
    for wrong, right in _data()["characters"].items():
        count = text.count(wrong)
        if count:
            text = text.replace(wrong, right)
            repairs.append(Repair("character", f"{wrong} ({count}×)", right))
    return text


# ------------------------------------------------------------------ phrases


def _restore(original: str, canonical: str) -> str:
    """``canonical``'s letters with ``original``'s case, where both fold alike."""
    out = []
    for found, right in zip(original, canonical):
        if found.isalpha() and fold(found) == fold(right):
            out.append(right.upper() if found.isupper() else right.lower())
        else:
            out.append(found)
    return "".join(out)


@cache
def _old_placements() -> tuple[tuple[str, str], ...]:
    return tuple(lexicon.tone_marks().items())


def _modern(word: str) -> str:
    """The word with the modern tone placement ("HOÀ" → "HÒA"), so a placement is never a repair."""
    lower = word.lower()
    for old, new in _old_placements():
        if lower.endswith(old):
            tail = "".join(n.upper() if o.isupper() else n for o, n in zip(word[-len(old):], new))
            return word[:-len(old)] + tail
    return word


@dataclass(frozen=True)
class Phrase:
    """A fixed phrase and the pattern of its letters on folded text (one group per word)."""

    text: str
    words: tuple[str, ...]
    pattern: re.Pattern


@cache
def phrase(text: str, opener: bool = False, whole: bool = False) -> Phrase:
    """A phrase matched on folded text, words apart by any non-letters; ``opener``:
    only at the start of a line (after a list dash); ``whole``: the whole line."""
    colon = text.endswith(":")
    words = tuple(re.findall(r"\w+", text.rstrip(":")))
    body = r"\W*".join(f"({re.escape(fold(w))})" for w in words)
    start = r"^[\W_]{0,4}" if opener or whole else r"(?<!\w)"
    end = r"(?=\s*[:;])" if colon else (r"\W*$" if whole else r"(?!\w)")
    return Phrase(text, words, re.compile(start + body + end))


def _apply(line: str, entry: Phrase, rule: str, repairs: list[Repair], first: bool = True) -> str:
    """Restore the phrase's diacritics in the line where its letters match."""
    for match in list(entry.pattern.finditer(fold(line)))[:1 if first else None]:
        new = line
        for group, word in enumerate(entry.words, start=1):
            start, end = match.span(group)
            found = new[start:end]
            fixed = _restore(found, word)
            if fixed != found and _modern(found).casefold() != fixed.casefold():
                new = new[:start] + fixed + new[end:]
        if new != line:
            repairs.append(Repair(rule, line[match.start():match.end()].strip(),
                                  new[match.start():match.end()].strip()))
            line = new
    return line


def _header_phrases(line: str, repairs: list[Repair]) -> str:
    for text in _data()["header_phrases"]:
        line = _apply(line, phrase(text), "header phrase", repairs, first=False)
        line = _near_phrase(line, text, repairs)
    return line


def _near_phrase(line: str, text: str, repairs: list[Repair]) -> str:
    """A header line that is a long fixed phrase but for one letter, rewritten whole."""
    letters, target = re.sub(r"\W", "", fold(line)), re.sub(r"\W", "", fold(text))
    if letters == target or not _one_edit(letters, target):
        return line
    fixed = text.upper() if line.strip().isupper() else text
    repairs.append(Repair("header phrase", line.strip(), fixed))
    return fixed


def _one_edit(a: str, b: str) -> bool:
    """True when one letter inserted, dropped or changed turns ``a`` into ``b``."""
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 12:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _line_openers(line: str, repairs: list[Repair]) -> str:
    for text in _data()["line_openers"]:
        line = _apply(line, phrase(text, opener=True), "line opener", repairs)
    return line


@cache
def _agency_phrases() -> tuple[str, ...]:
    agencies = lexicon.agencies()
    heads = [h["head"] for h in agencies["unit_heads"]
             if " " in h["head"] and len(re.sub(r"\W", "", h["head"])) >= MIN_UNIT_HEAD]
    return tuple(sorted({*agencies["known"], *heads}, key=len, reverse=True))


def _agency_names(line: str, repairs: list[Repair]) -> str:
    """A header line that opens with a known agency name or a unit head ("ỦY BAN NHÂN DÂN"),
    also when OCR read one letter of it twice ("TỔNG CUUC THUẾ")."""
    found = _agency_at(line)
    if found is not None:
        return _apply(line, found, "agency name", repairs)
    for index in _doubled_letters(line):
        fixed = line[:index] + line[index + 1:]
        found = _agency_at(fixed)
        if found is not None:
            repaired = _apply(fixed, found, "agency name", [])
            repairs.append(Repair("agency name", line.strip(), repaired.strip()))
            return repaired
    return line


def _agency_at(line: str) -> Phrase | None:
    folded = fold(line)
    for text in _agency_phrases():
        entry = phrase(text, opener=True)
        if entry.pattern.search(folded):
            return entry
    return None


def _doubled_letters(line: str) -> list[int]:
    """Positions of a letter that repeats the one before it ("CUUC"): OCR's stutter."""
    folded = fold(line)
    return [i for i in range(1, len(line)) if line[i].isalpha() and folded[i] == folded[i - 1]]


# ------------------------------------------------------------------ places


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))


@cache
def _places() -> dict[str, tuple[str, ...]]:
    """Folded place name → the canonical names that fold to it."""
    index: dict[str, set[str]] = {}
    for name in known_place_names():
        index.setdefault(_key(name), set()).add(name)
    return {key: tuple(sorted(names)) for key, names in index.items()}


@cache
def _territories() -> tuple[str, ...]:
    words = [t["word"] for t in lexicon.agencies()["territories"] if t["word"].isalpha() or " " in t["word"]]
    return tuple(sorted(words, key=len, reverse=True))


def _place_names(line: str, repairs: list[Repair]) -> str:
    """A known place after a territory word ("TĨNH QUANG NAM" → "TỈNH QUẢNG NAM") or
    before the date ("Quảng Nam, ngày ..."), when exactly one place folds alike."""
    folded = fold(line)
    for territory in _territories():
        match = re.search(rf"(?<!\w){re.escape(fold(territory))}\s+(\w[\w\s-]*?)\W*$", folded)
        if match:
            names = _places().get(_key(match.group(1)), ())
            if len(names) == 1:
                return _apply(line, phrase(f"{territory} {names[0]}"), "place name", repairs)
    match = re.match(r"\W*(\w[\w\s-]*?)\s*,\s*ngay\b", folded)
    if match:
        names = _places().get(_key(match.group(1)), ())
        if len(names) == 1:
            return _apply(line, phrase(names[0], opener=True), "place name", repairs)
    return line


# ------------------------------------------------------------------ numbers


def _digits(found: str) -> str | None:
    """A number with its look-alike letters made digits, or None when it holds no real digit."""
    if not any(c.isdigit() for c in found):
        return None
    lookalikes = _data()["digit_lookalikes"]
    return "".join(lookalikes.get(c, lookalikes.get(c.upper(), c)) if not c.isdigit() else c
                   for c in found)


NUMBER_CHARS = r"[0-9oóòỏõọOÓÒỎÕỌilI|]"
DATE = re.compile(rf"(?<!\w)(ngay)\s*({NUMBER_CHARS}{{1,2}})\s*(thang)\s*({NUMBER_CHARS}{{1,2}})"
                  rf"\s*(nam)\s*({NUMBER_CHARS}{{4}})(?!\w)")


def _dates(line: str, repairs: list[Repair]) -> str:
    """"ngay 2O thang O1 nam 2020" → "ngày 20 tháng 01 năm 2020" (a valid date only)."""
    for match in list(DATE.finditer(fold(line))):
        numbers = [_digits(line[slice(*match.span(g))]) for g in (2, 4, 6)]
        if None in numbers or not _valid_date(*(int(n) for n in numbers)):
            continue
        new = line
        for group, word in zip((1, 3, 5), _data()["date_words"]):
            start, end = match.span(group)
            new = new[:start] + _restore(new[start:end], word) + new[end:]
        for group, number in zip((2, 4, 6), numbers):
            start, end = match.span(group)
            new = new[:start] + number + new[end:]
        if new != line:
            repairs.append(Repair("date", line[match.start():match.end()], new[match.start():match.end()]))
            line = new
    return line


def _valid_date(day: int, month: int, year: int) -> bool:
    import calendar

    return 1945 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _number_line(line: str, repairs: list[Repair]) -> str:
    """"Sô: 45O7/UBND-VP" → "Số: 4507/UBND-VP": the label and the digits of the header's number."""
    match = re.match(rf"(\W{{0,3}})(S\S?)(\s*[:;]\s*)({NUMBER_CHARS}{{1,6}})(?=\s*[/-])", line)
    if not match:
        return line
    label, number = match.group(2), match.group(4)
    right = _data()["number_label"]
    if len(label) == 2 and label[1].lower() in _data()["number_label_seconds"] and label.lower() != right.lower():
        label = right.upper() if label[1].isupper() else right
    number = _digits(number) or number
    new = match.group(1) + label + match.group(3) + number + line[match.end():]
    if new != line:
        repairs.append(Repair("number", line[:match.end()].strip(), new[:match.end()].strip()))
    return new


def _quarters(line: str, repairs: list[Repair]) -> str:
    """"quý IiI/2020" → "quý III/2020": a Roman numeral I-IV before the year (``line``
    may be the whole page: the numeral can start the next line)."""
    pattern = rf"(?<!\w){fold(_data()['quarter_word'])}\s+([ivxl1|]{{1,4}})(?=\s*/\s*\d{{4}}|\s+nam\s+\d{{4}})"
    roman = _data()["roman_lookalikes"]
    for match in list(re.finditer(pattern, fold(line))):
        start, end = match.span(1)
        found = line[start:end]
        numeral = "".join(roman.get(c, c.upper()) for c in found)
        if numeral in ("I", "II", "III", "IV") and numeral != found:
            repairs.append(Repair("quarter", line[match.start():end], line[match.start():start] + numeral))
            line = line[:start] + numeral + line[end:]
    return line


def _notes(line: str, repairs: list[Repair]) -> str:
    """"(để b/C)" → "(để b/c)": a distribution note's letters in lower case."""
    def lower(match: re.Match) -> str:
        found = match.group(0)
        if found.lower() in _data()["notes"] and found != found.lower() and not found.isupper():
            repairs.append(Repair("note", found, found.lower()))
            return found.lower()
        return found

    return re.sub(r"(?<=[\s(])[^\W\d_]/[^\W\d_](?=\s*\))", lower, line)


# ------------------------------------------------------------------ signature


@cache
def _titles() -> tuple[str, ...]:
    return tuple(sorted(lexicon.load("header")["titles"], key=len, reverse=True))


@cache
def _mark_prefix() -> str:
    forms = sorted({f for _, f in lexicon.signing_marks()}, key=len, reverse=True)
    return r"^[\W_]{0,3}(?:(?:" + "|".join(re.escape(fold(f)) for f in forms) + r")\s*\.?\s+)?"


def _titles_line(line: str, repairs: list[Repair]) -> str:
    """A signer's title in capitals ("PHO CHỦ TỊCH" → "PHÓ CHỦ TỊCH"), after a signing mark."""
    letters = [c for c in line if c.isalpha()]
    if len(letters) < 4 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return line
    folded = fold(line)
    prefix = re.match(_mark_prefix(), folded)
    for title in _titles():
        entry = phrase(title)
        match = entry.pattern.match(folded, prefix.end())
        if match:
            head = line[:match.end()]
            return _apply(head, entry, "signer title", repairs) + line[match.end():]
    return line


HEADER_RULES = (_header_phrases, _agency_names, _place_names, _number_line)
LINE_RULES = (_line_openers, _dates, _notes, _titles_line)
TEXT_RULES = (_characters, _quarters)      # these may run across a line break ("quý\nIiI/2020")
