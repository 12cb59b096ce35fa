"""The letter record of SPEC §1-§4 as strict pydantic models.

Unknown fields are rejected, codes are enums, and every ``span`` is checked
against ``Record.text`` (and against ``raw`` where both are given).
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from schemas.codes import (
    Anchor,
    Authority,
    Confidentiality,
    DeadlineKind,
    DocType,
    EncodingRepaired,
    IssuerLevel,
    Modality,
    Qualifier,
    Role,
    TimeUnit,
    Urgency,
)

SCHEMA_VERSION = "1.0"

Span = Annotated[tuple[int, int], Field(description="[start, end) character offsets into Record.text")]


class Strict(BaseModel):
    """Base of every record model: unknown fields are an error, enums dump as strings."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True, validate_default=True)

    @field_validator("span", mode="after", check_fields=False)
    @classmethod
    def _span_ordered(cls, span):
        if span is not None and not 0 <= span[0] <= span[1]:
            raise ValueError(f"span {list(span)} is not an ordered pair of offsets")
        return span


class PartialDate(Strict):
    """A date as printed, parts missing where the letter leaves them blank."""

    year: int | None = None
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    iso: str | None = None

    @model_validator(mode="after")
    def _iso_matches_parts(self) -> "PartialDate":
        complete = None not in (self.year, self.month, self.day)
        if complete:
            expected = dt.date(self.year, self.month, self.day).isoformat()
            if self.iso not in (None, expected):
                raise ValueError(f"iso {self.iso!r} does not match {expected}")
            self.iso = expected
        elif self.iso is not None:
            raise ValueError("iso is only given for a complete date")
        return self


class PageInfo(Strict):
    """How one page's text was obtained."""

    number: int
    text_layer: bool
    ocr: bool = False
    ocr_confidence: float | None = None


class Source(Strict):
    path: str
    media_type: str
    pages: int | None = None
    ocr: bool = False
    encoding_repaired: EncodingRepaired | None = None
    page_info: list[PageInfo] = []


class Issuer(Strict):
    name: str
    parent: str | None = None
    level: IssuerLevel | None = None
    raw: str | None = None
    span: Span | None = None


class Recipient(Strict):
    name: str
    raw: str | None = None
    span: Span | None = None


class Reference(Strict):
    doc_type: DocType | None = None
    number: int | None = None
    year: int | None = None
    symbol: str | None = None
    number_symbol: str | None = None
    issued: PartialDate | None = None
    issuer: str | None = None
    title: str | None = None
    pointer: str | None = None
    raw: str | None = None
    span: Span | None = None


class Assignee(Strict):
    name: str
    role: Role = Role.lead


class Period(Strict):
    start: dt.date
    end: dt.date


class RelativeTerm(Strict):
    amount: int = Field(ge=0)
    unit: TimeUnit
    anchor: Anchor | None = None   # null when the letter does not say what the term counts from


class Deadline(Strict):
    kind: DeadlineKind
    raw: str
    qualifier: Qualifier | None = None
    due: dt.date | None = None
    time: str | None = Field(default=None, pattern=r"^\d{2}:\d{2}$")
    period: Period | None = None
    relative: RelativeTerm | None = None
    rrule: str | None = None
    reference: str | None = None


class Obligation(Strict):
    id: str
    section: str = ""
    assignees: list[Assignee] = []
    action: str
    deliver_to: list[str] = []
    deadline: Deadline | None = None
    modality: Modality
    span: Span | None = None
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)


class Signer(Strict):
    name: str | None = None
    title: str | None = None
    authority: Authority | None = None
    on_behalf_of: str | None = None
    raw: str | None = None
    span: Span | None = None


class DistributionEntry(Strict):
    name: str
    note: str | None = None
    raw: str | None = None


class Archive(Strict):
    units: list[str] = []
    drafter: str | None = None
    copies: int | None = None


class Appendix(Strict):
    title: str | None = None
    span: Span | None = None


class Record(Strict):
    """One letter, as SPEC §1 defines it."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    id: str = Field(pattern=r"^[0-9a-f]{64}$", description="sha256 of the source bytes (hex)")
    source: Source
    text: str
    issuer: Issuer | None = None
    number: int | None = None
    symbol: str | None = None
    number_symbol: str | None = None
    doc_type: DocType | None = None
    place: str | None = None
    issued: PartialDate | None = None
    subject: str | None = None
    urgency: Urgency | None = None
    confidentiality: Confidentiality | None = None
    recipients: list[Recipient] = []
    references: list[Reference] = []
    obligations: list[Obligation] = []
    signer: Signer | None = None
    distribution: list[DistributionEntry] = []
    archive: Archive | None = None
    appendices: list[Appendix] = []
    warnings: list[str] = []

    @model_validator(mode="after")
    def _spans_index_text(self) -> "Record":
        size = len(self.text)
        for where, item in self._spanned():
            start, end = item.span
            if end > size:
                raise ValueError(f"{where}: span {[start, end]} runs past the text ({size} characters)")
            raw = getattr(item, "raw", None)
            if raw is not None and not _printed_within(raw, self.text[start:end]):
                raise ValueError(f"{where}: raw {raw!r} is not printed within the span {[start, end]}")
        return self

    def _spanned(self) -> Iterator[tuple[str, Strict]]:
        singles = {"issuer": self.issuer, "signer": self.signer}
        for name, item in singles.items():
            if item is not None and item.span is not None:
                yield name, item
        for name in ("recipients", "references", "obligations", "appendices"):
            for i, item in enumerate(getattr(self, name)):
                if item.span is not None:
                    yield f"{name}[{i}]", item


def _printed_within(raw: str, printed: str) -> bool:
    """Every word of ``raw`` occurs in order in ``printed`` (a multi-line or two-column name
    is printed with line breaks, or with the other column's text, between its words)."""
    pos = 0
    for word in raw.split():
        pos = printed.find(word, pos)
        if pos < 0:
            return False
        pos += len(word)
    return True


def json_schema() -> dict:
    """The JSON Schema of the record: the machine form of SPEC.md."""
    schema = Record.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "congvan letter record"
    return schema
