"""extractors/tables.py and the task rows of obligations (SPEC §3 rule 7).

The normalizer writes a table row as one line, cells joined by " | " and an
empty cell as an empty string: "1 | Rà soát | Sở Tư pháp |  | Quý II/2024"
(a row whose last cell is empty ends in " |" once the line is stripped).
"""
from __future__ import annotations

import datetime as dt

import pytest

from extractors import obligations, tables


def bug(reason: str):
    return pytest.mark.xfail(reason=f"BUG: {reason}", strict=True)


RECIPIENTS = ["Các Sở, ban, ngành thuộc tỉnh", "Ủy ban nhân dân các huyện, thành phố"]

HEADER = "STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành"

PLAN = f"""\
Ủy ban nhân dân tỉnh ban hành danh mục nhiệm vụ cải cách hành chính năm 2024 như sau:
{HEADER}
I | Cải cách thể chế |  |  |
1 | Rà soát văn bản quy phạm pháp luật do tỉnh ban hành | Sở Tư pháp | Các sở, ban, ngành | Quý II/2024
2 | Xây dựng kế hoạch kiểm tra công tác cải cách hành chính | Sở Nội vụ | Văn phòng UBND tỉnh, Sở Tài chính | Tháng 6/2024
II | Cải cách thủ tục hành chính
3 | Công khai thủ tục hành chính trên Cổng dịch vụ công | Văn phòng UBND tỉnh | UBND các huyện, thành phố | Thường xuyên
4 | Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính | Sở Thông tin và Truyền thông |  | trước ngày 30/9/2024

Bảng tổng hợp số liệu giải quyết hồ sơ:
STT | Đơn vị | Số hồ sơ | Tỷ lệ đúng hạn
1 | Sở Tư pháp | 120 | 98%
2 | Sở Nội vụ | 80 | 95%"""


def _rows(text: str) -> list[dict]:
    return tables.task_rows(text, 0, len(text))


def _tasks(text: str) -> list[dict]:
    found = obligations.find(text, (0, len(text)), RECIPIENTS, "doc-1", issued=dt.date(2024, 1, 15),
                             issuer="Ủy ban nhân dân tỉnh Ninh Thuận")
    return [c.value for c in found]


# --- task_rows ----------------------------------------------------------------------------

def test_one_row_per_task_group_rows_and_other_tables_skipped():
    assert [(r["label"], r["content"], r["lead"], r["support"], r["deadline"]) for r in _rows(PLAN)] == [
        ("row 1", "Rà soát văn bản quy phạm pháp luật do tỉnh ban hành", "Sở Tư pháp", "Các sở, ban, ngành",
         "Quý II/2024"),
        ("row 2", "Xây dựng kế hoạch kiểm tra công tác cải cách hành chính", "Sở Nội vụ",
         "Văn phòng UBND tỉnh, Sở Tài chính", "Tháng 6/2024"),
        ("row 3", "Công khai thủ tục hành chính trên Cổng dịch vụ công", "Văn phòng UBND tỉnh",
         "UBND các huyện, thành phố", "Thường xuyên"),
        ("row 4", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "Sở Thông tin và Truyền thông", "",
         "trước ngày 30/9/2024"),
    ]


def test_a_row_span_is_its_line():
    for row in _rows(PLAN):
        line = PLAN[row["span"][0]:row["span"][1]]
        assert "\n" not in line and row["content"] in line


@pytest.mark.parametrize(
    "header",
    [
        "STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành",
        "TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn hoàn thành",
        "STT | Nội dung công việc | Cơ quan thực hiện | Cơ quan phối hợp | Thời gian thực hiện",
        "STT | Tên nhiệm vụ | Chủ trì | Phối hợp | Tiến độ",
        "**STT** | **Nội dung** | **Cơ quan chủ trì** | **Cơ quan phối hợp** | **Thời gian hoàn thành**",
    ],
)
def test_header_wordings_of_a_task_table(header):
    text = f"{header}\n1 | Xây dựng cơ sở dữ liệu cán bộ | Sở Nội vụ | Các sở, ngành | Năm 2024"
    assert [(r["content"], r["lead"], r["support"], r["deadline"]) for r in _rows(text)] == [
        ("Xây dựng cơ sở dữ liệu cán bộ", "Sở Nội vụ", "Các sở, ngành", "Năm 2024")]


@pytest.mark.parametrize(
    "text",
    [
        "STT | Đơn vị | Số hồ sơ | Tỷ lệ đúng hạn\n1 | Sở Tư pháp | 120 | 98%",
        "STT | Họ và tên | Chức vụ | Đơn vị\n1 | Nguyễn Văn A | Phó Giám đốc | Sở Nội vụ",
        "STT | Nội dung | Kinh phí (triệu đồng)\n1 | Tập huấn cán bộ | 200",      # no lead column
        "Nội dung | Kinh phí\nRà soát văn bản | 200",                          # no lead column
        "1 | Rà soát văn bản | Sở Tư pháp |  | Quý II/2024",                  # rows without a header
    ],
)
def test_a_table_that_assigns_nothing_gives_no_rows(text):
    assert _rows(text) == []


def test_content_and_lead_columns_are_enough_for_a_task_table():
    assert [(r["content"], r["lead"], r["support"], r["deadline"]) for r in
            _rows("Nội dung | Cơ quan chủ trì\nRà soát văn bản | Sở Tư pháp")] == [
        ("Rà soát văn bản", "Sở Tư pháp", None, None)]


def test_a_blank_line_ends_the_table():
    text = f"{HEADER}\n1 | Rà soát văn bản | Sở Tư pháp |  | Quý II/2024\n\nGhi chú | Sở Nội vụ | Sở Y tế |  | 2024"
    assert [r["content"] for r in _rows(text)] == ["Rà soát văn bản"]


def test_a_row_with_an_empty_last_cell_is_still_a_task():
    text = f"{HEADER}\n2 | Kiểm tra công tác cải cách hành chính | Sở Nội vụ | Sở Tài chính |"
    assert [(r["content"], r["lead"], r["support"], r["deadline"] or None) for r in _rows(text)] == [
        ("Kiểm tra công tác cải cách hành chính", "Sở Nội vụ", "Sở Tài chính", None)]


# --- obligations from a task table ----------------------------------------------------------

def test_one_obligation_per_row_with_lead_and_support_roles():
    tasks = [t for t in _tasks(PLAN) if t["section"].startswith("row")]
    assert [(t["section"], t["action"], [(a["name"], a["role"]) for a in t["assignees"]]) for t in tasks] == [
        ("row 1", "Rà soát văn bản quy phạm pháp luật do tỉnh ban hành",
         [("Sở Tư pháp", "lead"), ("Các Sở, ban, ngành thuộc tỉnh", "support")]),
        ("row 2", "Xây dựng kế hoạch kiểm tra công tác cải cách hành chính",
         [("Sở Nội vụ", "lead"), ("Văn phòng Ủy ban nhân dân tỉnh", "support"), ("Sở Tài chính", "support")]),
        ("row 3", "Công khai thủ tục hành chính trên Cổng dịch vụ công",
         [("Văn phòng Ủy ban nhân dân tỉnh", "lead"), ("Ủy ban nhân dân các huyện, thành phố", "support")]),
        ("row 4", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", [("Sở Thông tin và Truyền thông", "lead")]),
    ]
    assert all(t["modality"] == "assign" for t in tasks)


def test_the_header_group_rows_and_the_data_table_give_no_obligation():
    assert all(t["section"].startswith("row") for t in _tasks(PLAN))
    assert len(_tasks(PLAN)) == 4


@pytest.mark.parametrize(
    ("cell", "kind", "due"),
    [
        ("Quý II/2024", "period", "2024-06-30"),
        ("Quý IV năm 2024", "period", "2024-12-31"),
        ("trước ngày 30/9/2024", "date", "2024-09-30"),
        ("Trước ngày 15/12/2024", "date", "2024-12-15"),
        ("Hằng quý", "recurring", None),
        ("Thường xuyên", None, None),
        pytest.param("Tháng 6/2024", "period", "2024-06-30"),
        pytest.param("Năm 2024", "period", "2024-12-31"),
    ],
)
def test_deadline_of_a_row_comes_from_its_last_column(cell, kind, due):
    text = f"{HEADER}\n1 | Rà soát văn bản quy phạm pháp luật | Sở Tư pháp | Sở Nội vụ | {cell}"
    (task,) = _tasks(text)
    deadline = task["deadline"]
    assert (deadline and deadline["kind"], deadline and deadline["due"]) == (kind, due)


def test_rows_have_stable_distinct_ids():
    first = [t["id"] for t in _tasks(PLAN)]
    assert first == [t["id"] for t in _tasks(PLAN)]
    assert len(set(first)) == len(first)
