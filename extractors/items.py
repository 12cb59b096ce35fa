"""The item tree of a letter's body: "I.", "1.", "1.1.", "a)", "-", "+", "(1)", "Điều 1.".

The first kind of marker met is the outermost level; a kind met again closes
the levels opened after it (the way readers follow a numbered list). Lines
without a marker continue the item above them, or stand as paragraphs
before the first item. Dashes and pluses are numbered by their position
among their siblings, so a path reads "1.d.2".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.text import Line, lines

_MARKERS = [
    ("article", re.compile(r"^(?:Điều|ĐIỀU)\s+(\d{1,2})\s*[.:]\s*")),
    ("roman", re.compile(r"^([IVX]{1,5})\s*[./)-]\s+")),
    ("dotted", re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+")),
    ("number", re.compile(r"^(\d{1,2})\s*(?:[.)]|/(?=\s))\s*(?=\S)")),
    ("letter", re.compile(r"^([a-zđ])\s*[)]\s*")),
    ("paren", re.compile(r"^\((\d{1,2}|[a-zđ])\)\s*")),
    ("dash", re.compile(r"^[-–•~*]\s*(?=\S)")),
    ("plus", re.compile(r"^\+\s*(?=\S)")),
]


@dataclass
class Item:
    kind: str                 # article | roman | dotted | number | letter | paren | dash | plus | para
    label: str                # "II", "1.2", "a", "(1)", "Điều 2"; dashes get their position
    start: int                # first character of the item's own text (marker excluded)
    end: int                  # end of the item's own text (before the first child)
    line_start: int
    parent: "Item | None" = None
    children: list["Item"] = field(default_factory=list)
    rows: list[Line] = field(default_factory=list)

    @property
    def path(self) -> str:
        labels = []
        node: Item | None = self
        while node is not None and node.kind != "root":
            if node.kind != "para":
                labels.append(node.label)
            node = node.parent
        return ".".join(reversed(labels))

    def text(self, source: str) -> str:
        return source[self.start:self.end]

    def text_of_rows(self) -> str:
        return self.rows[-1].text.rstrip() if self.rows else ""


def parse(text: str, start: int, end: int) -> Item:
    """The body's items under a root (whose children are the top level)."""
    root = Item(kind="root", label="", start=start, end=start, line_start=start)
    stack: list[Item] = [root]
    for row in lines(text, start, end):
        if not row.stripped:
            continue
        marker = _marker(row.text.lstrip())
        if marker is None:
            _continue(stack, row, root)
            continue
        kind, label, width = marker
        offset = row.start + len(row.text) - len(row.text.lstrip())
        parent = _parent_for(stack, kind)
        item = Item(kind=kind, label=_label(kind, label, parent), start=offset + width, end=row.end,
                    line_start=row.start, parent=parent, rows=[row])
        parent.children.append(item)
        stack = stack[:stack.index(parent) + 1] + [item]
    return root


def _marker(line: str) -> tuple[str, str, int] | None:
    for kind, pattern in _MARKERS:
        m = pattern.match(line)
        if m:
            return kind, (m.group(1) if m.groups() else ""), m.end()
    return None


def _parent_for(stack: list[Item], kind: str) -> Item:
    """A kind already open closes what came after it; a new kind nests under the deepest item."""
    for i, item in enumerate(stack):
        if item.kind == kind:
            return stack[i - 1]
    if kind == "dotted":
        for i, item in enumerate(stack):
            if item.kind == "number":
                return item
    return stack[-1]


def _label(kind: str, label: str, parent: Item) -> str:
    if kind in ("dash", "plus"):
        return str(sum(1 for c in parent.children if c.kind == kind) + 1)
    if kind == "paren":
        return f"({label})"
    if kind == "article":
        return f"Điều {label}"
    if kind == "dotted" and parent.kind == "number" and label.startswith(parent.label + "."):
        return label[len(parent.label) + 1:]
    return label


def _continue(stack: list[Item], row: Line, root: Item) -> None:
    """A line without a marker continues the deepest item; before any item, or when it opens a
    new statement ("Đề nghị ...", "Trong quá trình ..."), it is a paragraph of its own."""
    last = stack[-1]
    para = root.children[-1] if root.children and root.children[-1].kind == "para" else None
    if last is root and para is not None and not re.search(r"[.;:!?]\W?$", para.text_of_rows()):
        para.end = row.end  # a sentence that the page wrapped before a capitalized word
        para.rows.append(row)
        return
    if last is root or _opens_paragraph(row.text):
        para = Item(kind="para", label="", start=row.start, end=row.end, line_start=row.start, parent=root,
                    rows=[row])
        root.children.append(para)
        return
    if last.children:
        return
    last.end = row.end
    last.rows.append(row)


def _opens_paragraph(line: str) -> bool:
    from extractors import lexicon
    from extractors.text import fold

    key = fold(line.strip())
    return line.strip()[:1].isupper() and any(key.startswith(fold(w) + " ") for w in lexicon.load("directives")["paragraph_openers"])


def walk(item: Item):
    for child in item.children:
        yield child
        yield from walk(child)
