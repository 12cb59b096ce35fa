"""The working document that flows through the pipeline stages.

Each stage is a function ``Document -> Document`` that returns a copy
(``model_copy(update=...)``) and adds problems to ``warnings`` instead of
raising on a letter's content. ``to_record`` validates the final record.
"""
from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import BaseModel, ConfigDict

from schemas.record import Record, Source


class Part(str, Enum):
    """The parts of a letter under Decree 30/2020/NĐ-CP Art. 8."""

    issuer = "issuer"            # tên cơ quan ban hành (with the parent above it)
    motto = "motto"              # quốc hiệu and tiêu ngữ
    number = "number"            # số, ký hiệu
    place_date = "place_date"    # địa danh và thời gian ban hành
    marks = "marks"              # độ khẩn, độ mật
    doc_type = "doc_type"        # tên loại (QUYẾT ĐỊNH, KẾ HOẠCH ...)
    subject = "subject"          # trích yếu ("V/v ..." or the title after the type)
    recipients = "recipients"    # Kính gửi
    body = "body"                # nội dung
    closing = "closing"          # the closing formula ("./.")
    distribution = "distribution"  # Nơi nhận (with the Lưu line)
    signature = "signature"      # signing mark, title, name
    appendix = "appendix"        # phụ lục after the signature


class Segment(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    part: Part
    start: int
    end: int
    rule: str = ""

    def slice(self, text: str) -> str:
        return text[self.start:self.end]


class Document(BaseModel):
    """Source, text, segments, the record being filled and the problems found."""

    model_config = ConfigDict(extra="forbid")

    id: str
    source: Source
    raw_text: str = ""      # text as ingested (pages joined by form feeds)
    text: str = ""          # normalized text: every span indexes into it
    segments: list[Segment] = []
    fields: dict = {}       # record fields extracted so far, by name
    received: dt.date | None = None   # when the office received the letter (anchors relative deadlines)
    warnings: list[str] = []

    def parts(self, part: Part) -> list[Segment]:
        return [s for s in self.segments if s.part == part]

    def first(self, part: Part) -> Segment | None:
        found = self.parts(part)
        return found[0] if found else None

    def warn(self, *messages: str) -> "Document":
        return self.model_copy(update={"warnings": [*self.warnings, *messages]})

    def with_fields(self, **fields) -> "Document":
        return self.model_copy(update={"fields": {**self.fields, **fields}})

    def to_record(self) -> Record:
        data = {"id": self.id, "source": self.source, "text": self.text,
                "warnings": self.warnings, **self.fields}
        return Record.model_validate(data)
