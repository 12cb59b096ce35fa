"""extractors/items.py: the item tree of a letter's body (the "section" of SPEC §3)."""
from __future__ import annotations

import pytest

from extractors import items
from extractors.text import collapse


def bug(reason: str):
    return pytest.mark.xfail(reason=f"BUG: {reason}", strict=True)


def _tree(text: str) -> list[tuple[str, str, str]]:
    """(path, kind, own text) of every item in reading order."""
    root = items.parse(text, 0, len(text))
    return [(item.path, item.kind, collapse(item.text(text))) for item in items.walk(root)]


# --- one marker ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("line", "kind", "path", "own_text"),
    [
        ("I. MỤC ĐÍCH, YÊU CẦU", "roman", "I", "MỤC ĐÍCH, YÊU CẦU"),
        ("IV. TỔ CHỨC THỰC HIỆN", "roman", "IV", "TỔ CHỨC THỰC HIỆN"),
        ("II/ NHIỆM VỤ CỤ THỂ", "roman", "II", "NHIỆM VỤ CỤ THỂ"),
        ("1. Giao Sở Nội vụ theo dõi, đôn đốc.", "number", "1", "Giao Sở Nội vụ theo dõi, đôn đốc."),
        ("12) Rà soát thủ tục hành chính.", "number", "12", "Rà soát thủ tục hành chính."),
        ("1/ Tuyên truyền sâu rộng.", "number", "1", "Tuyên truyền sâu rộng."),
        ("3.Tăng cường kiểm tra.", "number", "3", "Tăng cường kiểm tra."),  # OCR lost the space
        ("1.1. Rà soát thủ tục hành chính.", "dotted", "1.1", "Rà soát thủ tục hành chính."),
        ("2.3 Công khai thủ tục hành chính.", "dotted", "2.3", "Công khai thủ tục hành chính."),
        ("1.2.1. Cập nhật cơ sở dữ liệu.", "dotted", "1.2.1", "Cập nhật cơ sở dữ liệu."),
        ("a) Tiếp tục đẩy mạnh cải cách hành chính;", "letter", "a", "Tiếp tục đẩy mạnh cải cách hành chính;"),
        ("đ) Bảo đảm tiến độ.", "letter", "đ", "Bảo đảm tiến độ."),
        ("- Tuyên truyền đến người dân;", "dash", "1", "Tuyên truyền đến người dân;"),
        ("– Tuyên truyền đến người dân;", "dash", "1", "Tuyên truyền đến người dân;"),
        ("• Tuyên truyền đến người dân;", "dash", "1", "Tuyên truyền đến người dân;"),
        ("+ Cập nhật hằng tháng;", "plus", "1", "Cập nhật hằng tháng;"),
        ("(1) Tuyên truyền;", "paren", "(1)", "Tuyên truyền;"),
        ("(b) Kiểm tra;", "paren", "(b)", "Kiểm tra;"),
        ("Điều 2. Tổ chức thực hiện", "article", "Điều 2", "Tổ chức thực hiện"),
        ("ĐIỀU 3: Hiệu lực thi hành", "article", "Điều 3", "Hiệu lực thi hành"),
        ("   a) Thụt lề đầu dòng;", "letter", "a", "Thụt lề đầu dòng;"),
    ],
)
def test_a_marker_opens_an_item_and_is_not_part_of_its_text(line, kind, path, own_text):
    assert _tree(line) == [(path, kind, own_text)]


@pytest.mark.parametrize(
    "line",
    [
        "Căn cứ Kế hoạch số 10/KH-UBND của UBND tỉnh,",
        "V/v triển khai thực hiện",          # "V" followed by "/v" is no roman numeral
        "2021 là năm đầu tiên thực hiện Nghị quyết.",
        "10/2012 của Chính phủ.",            # a wrapped date is no "10/" marker
        "Ia Grai là huyện biên giới.",
    ],
)
def test_a_line_without_a_marker_is_a_paragraph(line):
    assert _tree(line) == [("", "para", line)]


# --- nesting ------------------------------------------------------------------------------

PLAN = """\
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao chất lượng công tác cải cách hành chính.
2. Yêu cầu
a) Bám sát nội dung kế hoạch;
b) Phân công rõ trách nhiệm;
II. NHIỆM VỤ
1. Các sở, ngành
1.1. Rà soát thủ tục hành chính.
1.2. Công khai thủ tục hành chính:
- Trên Cổng thông tin điện tử của tỉnh;
+ cập nhật hằng tháng;
+ cập nhật khi có thay đổi;
- Tại Bộ phận Một cửa.
2. Ủy ban nhân dân các huyện
(1) Tuyên truyền;
(2) Kiểm tra.
III. TỔ CHỨC THỰC HIỆN"""


def test_a_plan_nests_roman_number_dotted_dash_plus_paren():
    assert _tree(PLAN) == [
        ("I", "roman", "MỤC ĐÍCH, YÊU CẦU"),
        ("I.1", "number", "Mục đích Nâng cao chất lượng công tác cải cách hành chính."),
        ("I.2", "number", "Yêu cầu"),
        ("I.2.a", "letter", "Bám sát nội dung kế hoạch;"),
        ("I.2.b", "letter", "Phân công rõ trách nhiệm;"),
        ("II", "roman", "NHIỆM VỤ"),
        ("II.1", "number", "Các sở, ngành"),
        ("II.1.1", "dotted", "Rà soát thủ tục hành chính."),   # "1.1." under "1." is its child "1"
        ("II.1.2", "dotted", "Công khai thủ tục hành chính:"),
        ("II.1.2.1", "dash", "Trên Cổng thông tin điện tử của tỉnh;"),
        ("II.1.2.1.1", "plus", "cập nhật hằng tháng;"),
        ("II.1.2.1.2", "plus", "cập nhật khi có thay đổi;"),
        ("II.1.2.2", "dash", "Tại Bộ phận Một cửa."),          # a dash again returns from the pluses
        ("II.2", "number", "Ủy ban nhân dân các huyện"),         # a number again returns from the dotted items
        ("II.2.(1)", "paren", "Tuyên truyền;"),
        ("II.2.(2)", "paren", "Kiểm tra."),
        ("III", "roman", "TỔ CHỨC THỰC HIỆN"),                  # a roman numeral again returns to the top
    ]


LETTER = """\
Căn cứ tình hình thực tế, Ủy ban nhân dân tỉnh yêu cầu:
1. Thủ trưởng các cơ quan, đơn vị có trách nhiệm:
a) Tiếp tục đẩy mạnh cải cách hành chính;
b) Tăng cường kỷ luật, kỷ cương hành chính theo Nghị định số 24/
10/2012 của Chính phủ;
c) Nâng cao chất lượng phục vụ người dân;
d) UBND thành phố và các huyện:
- Tuyên truyền đến người dân;
- Lập danh sách phân công cán bộ
phụ trách từng hộ dân;
- Công khai minh bạch.
đ) Báo cáo kết quả thực hiện.
2. Giao Sở Nội vụ theo dõi, đôn đốc."""


def test_a_letter_numbers_its_dashes_by_position():
    assert _tree(LETTER) == [
        ("", "para", "Căn cứ tình hình thực tế, Ủy ban nhân dân tỉnh yêu cầu:"),
        ("1", "number", "Thủ trưởng các cơ quan, đơn vị có trách nhiệm:"),
        ("1.a", "letter", "Tiếp tục đẩy mạnh cải cách hành chính;"),
        ("1.b", "letter", "Tăng cường kỷ luật, kỷ cương hành chính theo Nghị định số 24/ 10/2012 của Chính phủ;"),
        ("1.c", "letter", "Nâng cao chất lượng phục vụ người dân;"),
        ("1.d", "letter", "UBND thành phố và các huyện:"),
        ("1.d.1", "dash", "Tuyên truyền đến người dân;"),
        ("1.d.2", "dash", "Lập danh sách phân công cán bộ phụ trách từng hộ dân;"),
        ("1.d.3", "dash", "Công khai minh bạch."),
        ("1.đ", "letter", "Báo cáo kết quả thực hiện."),
        ("2", "number", "Giao Sở Nội vụ theo dõi, đôn đốc."),
    ]


def test_dashes_restart_their_count_under_each_parent():
    text = "a) Nội dung thứ nhất:\n- Việc một;\n- Việc hai;\nb) Nội dung thứ hai:\n- Việc ba;"
    assert [(p, k) for p, k, _ in _tree(text)] == [("a", "letter"), ("a.1", "dash"), ("a.2", "dash"),
                                                   ("b", "letter"), ("b.1", "dash")]


def test_articles_of_a_decision_hold_their_clauses():
    text = ("Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.\n"
            "Điều 2. Tổ chức thực hiện\n"
            "1. Sở Nội vụ hướng dẫn triển khai.\n"
            "2. Các sở, ngành:\n"
            "a) Triển khai Quy chế;\n"
            "b) Báo cáo kết quả.\n"
            "Điều 3. Chánh Văn phòng UBND tỉnh chịu trách nhiệm thi hành./.")
    assert [(p, k) for p, k, _ in _tree(text)] == [
        ("Điều 1", "article"), ("Điều 2", "article"), ("Điều 2.1", "number"), ("Điều 2.2", "number"),
        ("Điều 2.2.a", "letter"), ("Điều 2.2.b", "letter"), ("Điều 3", "article")]


def test_slash_numbers_are_markers():
    text = "1/ Nội dung thứ nhất;\n2/ Nội dung thứ hai;\na) chi tiết;\n3/ Nội dung thứ ba."
    assert [(p, k) for p, k, _ in _tree(text)] == [("1", "number"), ("2", "number"), ("2.a", "letter"),
                                                   ("3", "number")]


# --- paragraphs and continuation lines -----------------------------------------------------

def test_paragraphs_before_the_first_item_and_a_wrapped_one_joined():
    text = ("Kính gửi các cơ quan, đơn vị.\n"
            "Thực hiện Công văn số 12/BNV-CCVC ngày 05/01/2024 của Bộ Nội vụ, để kịp thời tổng hợp báo cáo\n"
            "Ủy ban nhân dân tỉnh, Sở Nội vụ đề nghị các cơ quan thực hiện các nội dung sau:\n"
            "1. Rà soát số lượng cán bộ, công chức.\n"
            "2. Báo cáo kết quả.")
    assert _tree(text) == [
        ("", "para", "Kính gửi các cơ quan, đơn vị."),
        ("", "para", "Thực hiện Công văn số 12/BNV-CCVC ngày 05/01/2024 của Bộ Nội vụ, để kịp thời tổng hợp báo cáo "
                     "Ủy ban nhân dân tỉnh, Sở Nội vụ đề nghị các cơ quan thực hiện các nội dung sau:"),
        ("1", "number", "Rà soát số lượng cán bộ, công chức."),
        ("2", "number", "Báo cáo kết quả."),
    ]


def test_a_closing_sentence_after_the_items_is_a_paragraph_of_its_own():
    text = ("1. Rà soát số lượng cán bộ, công chức.\n"
            "2. Báo cáo kết quả về Sở Nội vụ.\n"
            "Đề nghị các cơ quan, đơn vị quan tâm phối hợp thực hiện./.")
    assert _tree(text) == [
        ("1", "number", "Rà soát số lượng cán bộ, công chức."),
        ("2", "number", "Báo cáo kết quả về Sở Nội vụ."),
        ("", "para", "Đề nghị các cơ quan, đơn vị quan tâm phối hợp thực hiện./."),
    ]


@pytest.mark.parametrize(
    ("text", "own_text"),
    [
        ("1. Báo cáo theo Nghị định số\n30/2020/NĐ-CP của Chính phủ.", "Báo cáo theo Nghị định số 30/2020/NĐ-CP của Chính phủ."),
        ("1. Tổng hợp kết quả năm\n2021 gửi Sở Nội vụ.", "Tổng hợp kết quả năm 2021 gửi Sở Nội vụ."),
        ("a) Lập danh sách cán bộ\nphụ trách từng hộ dân;", "Lập danh sách cán bộ phụ trách từng hộ dân;"),
        pytest.param("1. Các địa phương hỗ trợ với mức\n50.000 đồng/người/ngày.",
                     "Các địa phương hỗ trợ với mức 50.000 đồng/người/ngày.",
                     marks=bug("a wrapped line '50.000 đồng/người/ngày.': expected it to continue item 1, got item "
                               "'50' with text '000 đồng/người/ngày.'")),
        pytest.param("2. Thời gian áp dụng từ ngày\n15.3.2024 đến hết năm.",
                     "Thời gian áp dụng từ ngày 15.3.2024 đến hết năm.",
                     marks=bug("a wrapped line '15.3.2024 đến hết năm.': expected it to continue item 2, got item "
                               "'15' with text '3.2024 đến hết năm.'")),
    ],
)
def test_a_wrapped_line_continues_its_item(text, own_text):
    assert [t for _, _, t in _tree(text)] == [own_text]


def test_item_offsets_index_the_whole_text():
    text = "Mở đầu.\n1. Giao Sở Nội vụ theo dõi.\n   a) Tổng hợp kết quả;"
    start = text.index("1.")
    root = items.parse(text, start, len(text))
    first, second = list(items.walk(root))
    assert text[first.start:first.end] == "Giao Sở Nội vụ theo dõi."
    assert first.line_start == start
    assert text[second.start:second.end] == "Tổng hợp kết quả;"
    assert second.parent is first
