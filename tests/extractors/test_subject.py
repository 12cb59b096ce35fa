"""extractors/subject.py: trích yếu (SPEC §1 subject) and the printed type name."""
from __future__ import annotations

import pytest

from extractors import subject


def block(*rows: str) -> tuple[str, list[tuple[int, int]]]:
    text = "\n".join(rows)
    spans, pos = [], 0
    for row in rows:
        spans.append((pos, pos + len(row)))
        pos += len(row) + 1
    return text, spans


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # "V/v" and its OCR and typing variants
        (("V/v tăng cường trách nhiệm tổ chức thực hiện", "nhiệm vụ do UBND tỉnh giao"),
         "tăng cường trách nhiệm tổ chức thực hiện nhiệm vụ do UBND tỉnh giao"),
        (("V/v: hướng dẫn quyết toán thuế thu nhập cá nhân",), "hướng dẫn quyết toán thuế thu nhập cá nhân"),
        (("V/V đôn đốc nộp báo cáo tình hình thực hiện",), "đôn đốc nộp báo cáo tình hình thực hiện"),
        (("V.v báo cáo kết quả khảo sát Chỉ số PAPI",), "báo cáo kết quả khảo sát Chỉ số PAPI"),
        (("Vv góp ý dự thảo Thông tư",), "góp ý dự thảo Thông tư"),
        (("V1v đề nghị cung cấp thông tin",), "đề nghị cung cấp thông tin"),
        (("\"V/v tổ chức Hội nghị tổng kết\"",), "tổ chức Hội nghị tổng kết"),
        (("V/v chính sách thuế GTGT đối với", "hàng hóa xuất khẩu"), "chính sách thuế GTGT đối với hàng hóa xuất khẩu"),
        # "Về việc", "Về"
        (("Về việc triển khai Kế hoạch cải cách hành chính năm 2021",),
         "triển khai Kế hoạch cải cách hành chính năm 2021"),
        (("Về việc: cử cán bộ tham gia lớp tập huấn",), "cử cán bộ tham gia lớp tập huấn"),
        (("Vê việc giải thể trường mầm non",), "giải thể trường mầm non"),
        (("Về   việc   phê   duyệt", "   dự toán năm 2022"), "phê duyệt dự toán năm 2022"),
        (("Về  công tác phòng, chống dịch COVID-19",), "công tác phòng, chống dịch COVID-19"),
        (("Về kết quả thực hiện nhiệm vụ năm 2022",), "kết quả thực hiện nhiệm vụ năm 2022"),
        # other types: the title after the type name, kept whole
        (("Ban hành Quy chế làm việc của UBND tỉnh",), "Ban hành Quy chế làm việc của UBND tỉnh"),
        (("Việc làm cho người lao động nông thôn",), "Việc làm cho người lao động nông thôn"),
        (("Vận động ủng hộ Quỹ Vì người nghèo",), "Vận động ủng hộ Quỹ Vì người nghèo"),
        (("Vì sự tiến bộ của phụ nữ",), "Vì sự tiến bộ của phụ nữ"),
    ],
)
def test_find(rows, expected):
    text, spans = block(*rows)
    found = subject.find(text, spans)
    assert found is not None
    assert found.value == expected
    assert found.span == (0, len(text))


@pytest.mark.parametrize("rows", [(), ("V/v",), ("Về việc:",), ("  ",)])
def test_find_nothing(rows):
    text, spans = block(*rows)
    assert subject.find(text, spans) is None


def test_span_runs_from_the_first_to_the_last_line():
    text = "Số: 12/UBND-VP\nV/v tăng cường kỷ luật,\nkỷ cương hành chính\nKính gửi: Sở Nội vụ"
    first = text.index("V/v")
    second = text.index("kỷ cương")
    spans = [(first, text.index("\nkỷ")), (second, text.index("\nKính"))]
    found = subject.find(text, spans)
    assert found.span == (first, text.index("\nKính"))
    assert found.value == "tăng cường kỷ luật, kỷ cương hành chính"


# --- doc_type_from_name -------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "code"),
    [
        ("QUYẾT ĐỊNH", "quyet_dinh"),
        ("Quyết định", "quyet_dinh"),
        ("QUYET DINH", "quyet_dinh"),
        ("  QUYẾT ĐỊNH  ", "quyet_dinh"),
        ("CHỈ THỊ", "chi_thi"),
        ("NGHỊ QUYẾT", "nghi_quyet"),
        ("NGHỊ ĐỊNH", "nghi_dinh"),
        ("THÔNG TƯ", "thong_tu"),
        ("THÔNG TƯ LIÊN TỊCH", "thong_tu_lien_tich"),
        ("KẾ HOẠCH", "ke_hoach"),
        ("CHƯƠNG TRÌNH", "chuong_trinh"),
        ("CÔNG ĐIỆN", "cong_dien"),
        ("TỜ TRÌNH", "to_trinh"),
        ("BÁO CÁO", "bao_cao"),
        ("THÔNG BÁO", "thong_bao"),
        ("HƯỚNG DẪN", "huong_dan"),
        ("GIẤY MỜI", "giay_moi"),
        ("QUY ĐỊNH", "quy_dinh"),
        ("QUY CHẾ", "quy_che"),
        ("ĐỀ ÁN", "de_an"),
        ("DỰ ÁN", "du_an"),
        ("LUẬT", "luat"),
        ("BỘ LUẬT", "luat"),
        ("CÔNG VĂN", "cong_van"),
        ("QUYẾT ĐỊNH SỐ", None),
        ("KÍNH GỬI", None),
        ("", None),
    ],
)
def test_doc_type_from_name(printed, code):
    text = f"Số: 12/QĐ-UBND\n{printed}\nV/v"
    start = text.index("\n") + 1
    assert subject.doc_type_from_name(text, (start, start + len(printed))) == code
