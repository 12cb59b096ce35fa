"""Vietnamese text typed in the legacy TCVN3 (ABC) and VNI fonts, to Unicode.

Letters typed before Unicode used 8-bit fonts: TCVN3 (.VnTime, .VnArial: one
byte per letter, TCVN 5712:1993) or VNI (VNI-Times: a base letter followed by
one mark character). Read as Unicode, those bytes come out as Windows-1252
characters: "Céng hßa x· héi" (TCVN3) or "Coäng hoøa xaõ hoäi" (VNI) for
"Cộng hòa xã hội". The tables in ``extractors/data/tcvn3.csv`` and ``vni.csv``
are keyed by that Windows-1252 view. ``detect`` decides from how many words
become Vietnamese syllables; ``repair`` converts only the lines that are in a
legacy encoding, so Unicode pages of a mixed file are never touched.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from extractors import lexicon
from extractors.lexicon import DATA

ENCODINGS = ("tcvn3", "vni")
NAMES = {"tcvn3": "TCVN3 (.VnTime)", "vni": "VNI (VNI-Times)"}

# Evidence needed before a text is called legacy: this many words that only the
# conversion makes Vietnamese, and at most one word spoilt for every LOSS_RATIO won.
MIN_GAINED = 5
LOSS_RATIO = 3
# Windows-1258, the Vietnamese Windows code page, is a real encoding, not a font
# trick: text that reads better in it than in TCVN3 or VNI is neither.
RIVAL = "cp1258"

# Vietnamese syllable structure (extractors/data/syllables.yaml): onset, vowel
# nucleus with its glides, final consonant. A syllable carries at most one tone mark.
_SYLLABLES = lexicon.load("syllables")
ONSETS = frozenset(_SYLLABLES["onsets"])
OPEN_NUCLEI = frozenset(_SYLLABLES["open_nuclei"])
CLOSED_NUCLEI = frozenset(_SYLLABLES["closed_nuclei"])
FREE_NUCLEI = frozenset(_SYLLABLES["free_nuclei"])
PALATAL_NUCLEI = frozenset(_SYLLABLES["palatal_nuclei"])
CODAS = frozenset(_SYLLABLES["codas"])
MARKED_VOWELS = "ăâêôơư"       # the tone sits on the (last) one of these in a nucleus
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")   # huyền sắc ngã hỏi nặng
SYLLABLE = re.compile(r"([bcdđghklmnpqrstvx]*)([aăâeêioôơuưy]+)([cghkmnpt]*)")
LETTERS = re.compile(r"[^\W\d_]+")
LINE_BREAK = re.compile(r"(\r\n|[\n\r\f\v])")

# Windows-1252 for 0x80-0x9F where it defines a character; Latin-1 (C1) elsewhere.
CP1252_C1 = {b: bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xA0)}
SINGLE_BYTE_VIEW = frozenset(chr(b) for b in range(0x100) if not 0x80 <= b < 0xA0) | \
    frozenset(CP1252_C1.values())


@dataclass(frozen=True)
class Table:
    """One encoding: legacy sequence ↔ Unicode letter, and its matching patterns."""

    to_unicode: dict[str, str]
    to_legacy: dict[str, str]
    sequence: re.Pattern       # any legacy sequence, longest first
    word: re.Pattern           # a word: letters and the table's legacy characters
    font_cased: frozenset[str]  # lower-case letters an all-caps font shows as capitals


@cache
def table(encoding: str) -> Table:
    """The conversion table of ``encoding`` ("tcvn3" or "vni"), loaded once."""
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {ENCODINGS}")
    with (DATA / f"{encoding}.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    to_unicode = {row["legacy"]: row["unicode"] for row in rows}
    keys = sorted(to_unicode, key=len, reverse=True)
    chars = "".join(sorted({c for key in keys for c in key}))
    # TCVN3 has no capital toned letters (they came from .VnTimeH fonts); VNI has all.
    font_cased = frozenset(u for u in to_unicode.values() if u.islower()) \
        if encoding == "tcvn3" else frozenset()
    return Table(to_unicode=to_unicode, to_legacy={u: k for k, u in to_unicode.items()},
                 sequence=re.compile("|".join(map(re.escape, keys))),
                 word=re.compile(f"(?:[^\\W\\d_]|[{re.escape(chars)}])+"),
                 font_cased=font_cased)


def convert(text: str, encoding: str) -> str:
    """``text`` read from ``encoding`` into Unicode (NFC): every legacy sequence,
    longest first, becomes its letter; TCVN3 capitals are restored line by line."""
    current = table(encoding)
    out = current.sequence.sub(lambda m: current.to_unicode[m.group(0)], text)
    out = unicodedata.normalize("NFC", out)
    if current.font_cased:
        parts = LINE_BREAK.split(out)
        out = "".join(_restore_capitals(part, current.font_cased) for part in parts)
    return out


def encode(text: str, encoding: str) -> str:
    """Unicode ``text`` written in ``encoding``'s Windows-1252 view (for tests and
    test data). TCVN3 capitals with tone marks use the TCVN 5712 VN2 codes."""
    to_legacy = table(encoding).to_legacy
    return "".join(to_legacy.get(char, char) for char in unicodedata.normalize("NFC", text))


def detect(text: str) -> str | None:
    """The legacy encoding of ``text`` ("tcvn3" or "vni"), or None: the one under
    which most words of the legacy-looking lines become Vietnamese syllables,
    if the evidence is clear (MIN_GAINED words won, few spoilt)."""
    lines = [line for line in LINE_BREAK.split(text) if _is_candidate(line)]
    scores = {}
    for encoding in (*ENCODINGS, RIVAL):
        pairs = [_score(line, encoding) for line in lines]
        scores[encoding] = (sum(p[0] for p in pairs), sum(p[1] for p in pairs))
    clear = [e for e in ENCODINGS if scores[e][0] >= MIN_GAINED and
             scores[e][1] * LOSS_RATIO <= scores[e][0]]
    best = max(clear, key=lambda e: scores[e][0] - scores[e][1], default=None)
    rival = scores[RIVAL][0] - scores[RIVAL][1]
    return best if best and scores[best][0] - scores[best][1] > rival else None


def repair(text: str) -> tuple[str, str | None]:
    """``text`` with its legacy lines converted, and the encoding found (None:
    the text is returned unchanged). Lines holding Unicode letters stay as they are."""
    encoding = detect(text)
    if encoding is None:
        return text, None
    parts = LINE_BREAK.split(text)
    return "".join(_repair_line(part, encoding) for part in parts), encoding


def describe(encoding: str) -> str:
    """The encoding's name and typical font, for warnings: "TCVN3 (.VnTime)"."""
    return NAMES[encoding]


def single_byte_text(data: bytes) -> str:
    """Bytes as the Windows-1252 characters a legacy font's text shows when read as
    Unicode (bytes Windows-1252 leaves undefined keep their Latin-1 value)."""
    return data.decode("latin-1").translate(CP1252_C1)


def is_syllable(word: str) -> bool:
    """Whether ``word`` is spelt like one Vietnamese syllable, in lower case, title
    case or capitals ("Cộng", "HÒA", "xã"; not "hßa", "CộNG", "nghÜa" or "Bơị")."""
    if not (word.islower() or word.isupper() or word.istitle()):
        return False
    bare, toned = _without_tone(word.lower())
    parts = SYLLABLE.fullmatch(bare or "-")
    if parts is None or len(toned) > 1:
        return False
    onset, nucleus, coda = parts.groups()
    if onset == "q" or (onset == "g" and len(nucleus) > 1 and nucleus[0] == "i"):
        onset, nucleus = onset + nucleus[0], nucleus[1:]   # "qu", "gi" are onsets
    at = toned[0] - len(onset) if toned else None
    return (onset in ONSETS or not onset) and _rhyme(nucleus, coda) and \
        _tone_placed(nucleus, coda, at)


def _without_tone(word: str) -> tuple[str, list[int]]:
    """The word without tone marks (NFC), and the positions of the letters that bore one."""
    letters, toned = [], []
    for index, char in enumerate(unicodedata.normalize("NFC", word)):
        decomposed = unicodedata.normalize("NFD", char)
        bare = "".join(c for c in decomposed if c not in TONE_MARKS)
        toned += [index] * (len(decomposed) - len(bare))
        letters.append(unicodedata.normalize("NFC", bare))
    return "".join(letters), toned


def _rhyme(nucleus: str, coda: str) -> bool:
    """Whether the nucleus may end the syllable or take this final consonant."""
    if coda and coda not in CODAS or coda in ("nh", "ch") and nucleus not in PALATAL_NUCLEI:
        return False
    return nucleus in FREE_NUCLEI or nucleus in (CLOSED_NUCLEI if coda else OPEN_NUCLEI)


def _tone_placed(nucleus: str, coda: str, at: int | None) -> bool:
    """Where the tone mark goes: on the (last) vowel with a hat or horn ("người"),
    the middle of three ("ngoài"), the last of two before a final consonant
    ("toán"), else the first of two ("múa"); "oa", "oe", "uy" take either ("hòa", "hoà")."""
    if at is None or len(nucleus) == 1:
        return at is None or at == 0
    marked = [i for i, char in enumerate(nucleus) if char in MARKED_VOWELS]
    if marked:
        return at == marked[-1]
    if len(nucleus) == 3:
        return at == 1
    if nucleus in ("oa", "oe", "uy") and not coda:
        return at in (0, 1)
    return at == (1 if coda else 0)


def _is_candidate(line: str) -> bool:
    """A line can be legacy text only if every letter in it exists in the
    single-byte view: a Vietnamese line in Unicode has letters such as "ư", "ộ"."""
    return any(ord(char) > 0x7F for char in line) and \
        all(char in SINGLE_BYTE_VIEW for char in line if char.isalpha())


def _repair_line(line: str, encoding: str) -> str:
    """The converted line, if it is legacy-looking and loses no more words than it wins."""
    if not _is_candidate(line):
        return line
    gained, lost = _score(line, encoding)
    return convert(line, encoding) if gained >= lost else line


def _score(line: str, encoding: str) -> tuple[int, int]:
    """(words that become syllables only after conversion, syllables it spoils)."""
    gained = lost = 0
    words = LETTERS if encoding == RIVAL else table(encoding).word
    for match in words.finditer(line):
        won, spoilt = _word_score(match.group(0), encoding)
        gained, lost = gained + won, lost + spoilt
    return gained, lost


@lru_cache(maxsize=1 << 16)
def _word_score(word: str, encoding: str) -> tuple[int, int]:
    """(1, 0) for a word only conversion makes a syllable ("hßa" → "hòa"), (0, 1)
    for a syllable it spoils, else (0, 0). A lone symbol ("·" between menu items,
    "©") is no evidence, though "·" alone is TCVN3 "ã"."""
    converted = _reread(word) if encoding == RIVAL else convert(word, encoding)
    if converted == word:
        return 0, 0
    before = is_syllable(word)
    after = is_syllable(converted) and any(char.isalpha() for char in word)
    if before and after and converted.isupper() and not word.isupper():
        # Legacy codes are mostly lower-case letters: "Hà" read as TCVN3 is "HỔ", a
        # Unicode word spoilt (while "KÕ" → "Kế" is ordinary TCVN3).
        after = False
    return int(after and not before), int(before and not after)


def _reread(word: str) -> str:
    """A word of the single-byte view read as Windows-1258 instead."""
    try:
        return unicodedata.normalize("NFC", word.encode("cp1252").decode(RIVAL))
    except UnicodeError:
        return word


def _restore_capitals(line: str, font_cased: frozenset[str]) -> str:
    """TCVN3 capitals typed in an all-caps font (.VnTimeH) keep lower-case codes:
    "CéNG HßA X· HéI" converts to "CộNG HòA Xã HộI". Such a letter becomes a
    capital when the rest of its word is in capitals ("CỘNG"), and a capital-initial
    word ("Xã") when the words next to it (across spaces only) are syllables in
    capitals ("HÒA XÃ HỘI", "BỘ TÀI CHÍNH"; "TTĐT Bộ GDĐT", "Số: 12/BYT" stay)."""
    if not any(char in font_cased for char in line):
        return line
    words = [[m.start(), m.end(), m.group(0)] for m in LETTERS.finditer(line)]
    upper = [_capitals_by_font(w[2], font_cased) for w in words]
    for index, word in enumerate(words):
        sides = [i for i in (index - 1, index + 1) if 0 <= i < len(words) and
                 line[words[min(i, index)][1]:words[max(i, index)][0]].isspace()]
        among = sides and _initial_by_font(word[2], font_cased) and \
            all(_all_capitals(words[i][2], upper[i]) for i in sides)
        if upper[index] or among:
            word[2] = word[2].upper()
    pieces, position = [], 0
    for start, end, word in words:
        pieces += [line[position:start], word]
        position = end
    return "".join(pieces) + line[position:]


def _capitals_by_font(word: str, font_cased: frozenset[str]) -> bool:
    """Font-cased letters in a word whose other letters are capitals, more than
    a single initial one ("CộNG", "ủY"; not "Xã", "Hòa")."""
    others = [char for char in word if char not in font_cased]
    if len(others) == len(word) or not all(char.isupper() for char in others):
        return False
    return len(others) >= 2 or (len(others) == 1 and word[0] in font_cased)


def _initial_by_font(word: str, font_cased: frozenset[str]) -> bool:
    """A capital followed only by font-cased letters ("Xã", "Sè" → "Số")."""
    return len(word) >= 2 and word[0].isupper() and all(char in font_cased for char in word[1:])


def _all_capitals(word: str, by_font: bool) -> bool:
    """A syllable in capitals ("HÒA"), not an abbreviation ("UBND", "GDĐT")."""
    return len(word) >= 2 and (by_font or word.isupper()) and is_syllable(word.upper())
