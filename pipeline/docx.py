"""Text of a DOCX body: paragraphs and tables in document order (python-docx).

Word letter templates lay out the header (issuer block | national motto) and
the signature block (Nơi nhận | signer) as borderless two-column tables
(Decree 30/2020/NĐ-CP, Appendix I). Such a table is read column by column,
so the issuer, number and "V/v" subject stay together, then the motto and
place/date. Any other table (a task table: STT | Nội dung | Cơ quan chủ trì
| ...) gives one line per row, cells joined by " | ".
"""
from __future__ import annotations

import io
from typing import Iterator

import docx
from docx.oxml.ns import qn

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Containers whose children are read as if they stood in the parent: content
# controls, custom XML, tracked insertions and moves, hyperlinks, smart tags,
# simple fields. Deleted text (w:del, w:moveFrom) is left out.
BLOCK_WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")}
RUN_WRAPPERS = BLOCK_WRAPPERS | {qn(t) for t in (
    "w:hyperlink", "w:ins", "w:moveTo", "w:smartTag", "w:fldSimple", "w:dir", "w:bdo")}
# A soft hyphen is kept: TCVN3 stores "ư" in its byte, which Word saves as <w:softHyphen/>
# (the normalizer removes a real soft hyphen later).
RUN_TEXT = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n",
            qn("w:noBreakHyphen"): "-", qn("w:softHyphen"): "\u00ad"}
NO_BORDER = {"nil", "none"}


class DocxUnreadable(Exception):
    """The DOCX cannot be opened (broken zip, missing or malformed parts)."""


def read_docx(data: bytes) -> str:
    """The body's text: one line per paragraph, layout tables column by column."""
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx, zipfile and lxml each raise their own
        raise DocxUnreadable(f"corrupt DOCX: {error}") from None
    styles = document.styles.element
    return "\n".join(_blocks(document.element.body, styles))


def _blocks(parent, styles) -> Iterator[str]:
    """Lines of the paragraphs and tables under ``parent``, in document order."""
    for child in parent:
        if child.tag == qn("w:p"):
            yield _paragraph(child)
        elif child.tag == qn("w:tbl"):
            yield from _table(child, styles)
        elif child.tag in BLOCK_WRAPPERS:
            yield from _blocks(child, styles)


def _paragraph(element) -> str:
    """A paragraph's text, including runs inside hyperlinks, insertions and fields
    (python-docx's ``Paragraph.text`` skips those)."""
    parts = []
    for child in element:
        if child.tag == qn("w:r"):
            for item in child:
                if item.tag in RUN_TEXT:
                    parts.append(RUN_TEXT[item.tag] or item.text or "")
        elif child.tag in RUN_WRAPPERS:
            parts.append(_paragraph(child))
    return "".join(parts)


def _cells(row) -> list:
    return [tc for tc in row if tc.tag == qn("w:tc")]


def _table(table, styles) -> Iterator[str]:
    rows = [_cells(tr) for tr in table if tr.tag == qn("w:tr")]
    if _is_layout(table, rows, styles):
        yield from _columns(rows, styles)
    else:
        for cells in rows:
            yield " | ".join(" ".join(_cell_lines(tc, styles)).strip() for tc in cells)


def _cell_lines(cell, styles) -> list[str]:
    return [line for line in _blocks(cell, styles) if line.strip()]


def _columns(rows: list[list], styles) -> Iterator[str]:
    """A layout table's left column, then its right column; a row that spans
    both columns ends the block above it and stands on its own."""
    left: list[str] = []
    right: list[str] = []
    for cells in rows:
        if len(cells) == 2:
            left += _cell_lines(cells[0], styles)
            right += _cell_lines(cells[1], styles)
            continue
        yield from left + right
        left, right = [], []
        for cell in cells:
            yield from _cell_lines(cell, styles)
    yield from left + right


def _is_layout(table, rows: list[list], styles) -> bool:
    """Two columns and no visible borders: a header or signature block, not data."""
    columns = table.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")
    widest = max((len(cells) for cells in rows), default=0)
    return (len(columns) == 2 or widest == 2) and widest <= 2 and not _has_borders(table, styles)


def _has_borders(table, styles) -> bool:
    """Whether the table's own properties or its style (and the styles it is
    based on) draw any border line."""
    properties = table.find(qn("w:tblPr"))
    style_id = None
    if properties is not None:
        borders = properties.find(qn("w:tblBorders"))
        if borders is not None:
            return any(b.get(qn("w:val")) not in NO_BORDER for b in borders)
        style = properties.find(qn("w:tblStyle"))
        style_id = style.get(qn("w:val")) if style is not None else None
    return _style_has_borders(styles, style_id)


def _style_has_borders(styles, style_id: str | None, depth: int = 0) -> bool:
    if style_id is None or depth > 8:
        return False
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) != style_id:
            continue
        borders = style.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
        if borders is not None:
            return any(b.get(qn("w:val")) not in NO_BORDER for b in borders)
        based_on = style.find(qn("w:basedOn"))
        parent = based_on.get(qn("w:val")) if based_on is not None else None
        return _style_has_borders(styles, parent, depth + 1)
    return False
