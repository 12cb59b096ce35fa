"""extractors/data/ocr_repairs.yaml: every entry loads, has its shape and repairs what it says.

The repair rules themselves are tested in tests/pipeline/test_ocr_repair.py;
here each data entry is checked on its own: a phrase with its diacritics
stripped comes back, a phrase as printed stays, look-alikes map to digits.
"""
from __future__ import annotations

import unicodedata

import pytest

from extractors import lexicon
from extractors.text import fold
from pipeline.ocr_repair import repair

DATA = lexicon.load("ocr_repairs")
KEYS = {"characters", "header_phrases", "line_openers", "date_words", "quarter_word", "digit_lookalikes",
        "roman_lookalikes", "notes", "number_label", "number_label_seconds", "header_lines"}


def strip_marks(text: str) -> str:
    """What OCR gives at worst: every diacritic lost (đ too), the case kept."""
    out = []
    for char, folded in zip(text, fold(text)):
        out.append(folded.upper() if char.isupper() else folded if char.isalpha() else char)
    return "".join(out)


def test_the_file_has_its_keys_and_nfc_text():
    assert set(DATA) == KEYS
    for key in ("header_phrases", "line_openers", "date_words", "notes"):
        assert all(unicodedata.normalize("NFC", v) == v for v in DATA[key]), key


@pytest.mark.parametrize("wrong, right", DATA["characters"].items())
def test_characters_are_not_vietnamese_and_look_like_their_repair(wrong, right):
    assert wrong not in "".join(DATA["header_phrases"]) and right in "Đđ"
    assert repair(f"QUYẾT ĐỊNH {wrong}", first_page=False)[0] == f"QUYẾT ĐỊNH {right}"


@pytest.mark.parametrize("phrase", DATA["header_phrases"])
def test_header_phrases_come_back_from_bare_letters(phrase):
    assert repair(strip_marks(phrase), first_page=True)[0] == phrase
    assert repair(phrase, first_page=True) == (phrase, [])
    assert repair(phrase.upper(), first_page=True) == (phrase.upper(), [])


@pytest.mark.parametrize("phrase", DATA["line_openers"])
def test_line_openers_come_back_at_a_line_start_only(phrase):
    tail = " VT, KK." if phrase.endswith(":") else ": các đơn vị"
    dash = "- " if phrase.endswith(":") else ""
    line = f"{dash}{phrase}{tail}"
    assert repair(f"{dash}{strip_marks(phrase)}{tail}", first_page=False)[0] == line
    assert repair(line, first_page=False) == (line, [])
    inside = f"theo {strip_marks(phrase)}{tail}"
    assert repair(inside, first_page=False) == (inside, []), "only where the phrase opens a line"


def test_date_words_are_the_words_of_a_date_in_full():
    assert DATA["date_words"] == ["ngày", "tháng", "năm"]
    line = "ngày 05 tháng 01 năm 2020"
    assert repair(strip_marks(line))[0] == line


def test_quarter_word_and_roman_lookalikes():
    assert DATA["quarter_word"] == "quý"
    assert set(DATA["roman_lookalikes"].values()) <= {"I", "V"}
    for lookalike in DATA["roman_lookalikes"]:
        numeral = DATA["roman_lookalikes"][lookalike]
        if numeral == "I":
            assert repair(f"trong quý {lookalike}/2023")[0] == "trong quý I/2023"
    assert repair("trong quý iv/2023")[0] == "trong quý IV/2023"


@pytest.mark.parametrize("lookalike, digit", DATA["digit_lookalikes"].items())
def test_digit_lookalikes_become_digits_inside_a_date(lookalike, digit):
    assert digit in "0123456789" and not lookalike.isdigit()
    line = f"ngày 1{lookalike} tháng 1{lookalike} năm 200{lookalike}"
    assert repair(line)[0] == f"ngày 1{digit} tháng 1{digit} năm 200{digit}"


@pytest.mark.parametrize("note", DATA["notes"])
def test_notes_are_two_letters_in_lower_case(note):
    assert note == note.lower() and len(note) == 3 and note[1] == "/"
    shouted = f"{note[0]}/{note[2].upper()}"
    assert repair(f"- Sở Tài chính ({shouted});")[0] == f"- Sở Tài chính ({note});"


def test_number_label_and_its_lookalikes():
    assert DATA["number_label"] == "Số"
    for second in DATA["number_label_seconds"]:
        assert fold(second) in "o06"
        assert repair(f"S{second}: 12/UBND-VP", first_page=True)[0] == "Số: 12/UBND-VP"


def test_header_lines_is_a_small_count():
    assert 10 <= DATA["header_lines"] <= 30
