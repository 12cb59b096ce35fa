"""Run the stages: ingest → normalize → segment → extract → validated record.

``extract_path`` is the library call every front end uses; ``extract_batch``
never stops at a bad file: each input ends as a record or an error entry.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from extractors import (appendices, dates, distribution, issuer, marks, model, number, obligations, recipients,
                        references, signer, subject)
from pydantic import ValidationError

from pipeline.ingest import IngestError, ingest
from pipeline.ocr import OcrOptions
from pipeline.normalize import normalize
from pipeline.segment import segment
from schemas import Document, Part, Record

log = logging.getLogger("congvan")
# The obligation model, the rules' fallback, runs with CONGVAN_MODEL=on (or inside use_model(True)).
# It is off by default: on the evaluation set it adds 0.003 obligations F1 and costs 4x the CPU time
# (see README, "Accuracy"), so the clerk's batch runs on rules unless asked.
_model_on = os.environ.get("CONGVAN_MODEL", "off").lower() in ("on", "1", "yes", "model")


@contextlib.contextmanager
def use_model(on: bool):
    """Run the pipeline with (True) or without (False) the obligation model inside the block."""
    global _model_on
    before, _model_on = _model_on, on
    try:
        yield
    finally:
        _model_on = before


@dataclass(frozen=True)
class Failure:
    """An input that gave no record, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def extract_path(path: Path | str, received: dt.date | None = None,
                 ocr_options: OcrOptions | None = None) -> Record:
    """One file to its validated record; raises IngestError when the file cannot be read.

    ``received``: the day the office received the letter; relative deadlines
    ("trong 05 ngày làm việc kể từ ngày nhận được") are resolved from it.
    ``ocr_options``: how scanned pages are recognized (workers, deskew, on/off)."""
    doc = ingest(path, ocr_options)
    if received is not None:
        doc = doc.model_copy(update={"received": received})
    return process(doc)


def process(doc: Document) -> Record:
    """A freshly ingested document through every stage to its record."""
    for stage in (normalize, segment, extract_header):
        doc = stage(doc)
    try:
        return doc.to_record()
    except ValidationError as error:
        return _salvage(doc, error)


def _salvage(doc: Document, error: ValidationError) -> Record:
    """Keep the record when one extracted item breaks the contract: drop that item, say so in warnings."""
    fields = dict(doc.fields)
    notes = []
    for problem in error.errors():
        where = problem["loc"]
        if len(where) >= 2 and isinstance(where[1], int) and where[0] in fields:
            notes.append(f"{where[0]}[{where[1]}] dropped: {problem['msg']} at {'.'.join(map(str, where[2:]))}")
            fields[where[0]] = [item for i, item in enumerate(fields[where[0]]) if i != where[1]]
        else:
            raise error
    log.warning("%s: %s", doc.source.path, "; ".join(notes))
    return doc.model_copy(update={"fields": fields}).warn(*notes).to_record()


def extract_batch(paths: Iterable[Path | str], received: dt.date | None = None,
                  ocr_options: OcrOptions | None = None) -> Iterator[Record | Failure]:
    """Records and failures, one per input, in order; a bad input never stops the batch."""
    for path in paths:
        try:
            yield extract_path(path, received, ocr_options)
        except IngestError as error:
            yield Failure(str(path), error.reason)
        except Exception as error:  # a bug must not lose the rest of the batch
            log.exception("extraction failed for %s", path)
            yield Failure(str(path), f"internal error: {type(error).__name__}: {error}")


def extract_header(doc: Document) -> Document:
    """Fill every header field of SPEC §1 from the segments."""
    text = doc.text
    spans = {part: [(s.start, s.end) for s in doc.parts(part)] for part in Part}
    fields: dict = {}
    warnings: list[str] = []
    for fill in (_issuer, _number_and_type, _place_and_date, _subject, _marks,
                 _recipients, _signer, _distribution, _appendices):
        found, notes = fill(text, spans, doc)
        fields.update(found)
        warnings += notes
    fields.setdefault("doc_type", None)
    fields["references"] = _references(text, doc, fields.get("number_symbol"))
    fields["obligations"] = _obligations(text, doc, fields)
    doc = doc.with_fields(**fields)
    return doc.warn(*warnings) if warnings else doc


def _references(text: str, doc: Document, own: str | None) -> list[dict]:
    """Citations in the subject and the body (the header's own number is not one)."""
    zones = [(s.start, s.end) for s in doc.segments if s.part in (Part.subject, Part.body, Part.appendix)]
    if not zones:
        zones = [(0, len(text))]
    found = []
    for start, end in zones:
        found += references.find(text, start, end, own=own)
    return [c.value for c in references.deduplicated(found)]


def _obligations(text: str, doc: Document, fields: dict) -> list[dict]:
    """Tasks of the body (and of an appendix's task table), with the recipients to resolve "Quý cơ quan"."""
    issued = (fields.get("issued") or {}).get("iso")
    names = [r["name"] for r in fields.get("recipients") or []]
    found = []
    for seg in doc.segments:
        if seg.part in (Part.body, Part.appendix):
            found += obligations.find(text, (seg.start, seg.end), names, doc.id,
                                      issued=dt.date.fromisoformat(issued) if issued else None,
                                      received=doc.received, issuer=(fields.get("issuer") or {}).get("name"),
                                      implementers=obligations.implementers(fields.get("distribution") or []),
                                      model=model.load() if _model_on else None)
    return [c.value for c in found]


def _issuer(text, spans, doc):
    found = issuer.find(text, spans[Part.issuer])
    if not found:
        return {}, ["issuer not found in the header"]
    return {"issuer": found.value}, list(found.warnings)


def _number_and_type(text, spans, doc):
    out, notes = {}, []
    type_span = spans[Part.doc_type]
    printed_type = subject.doc_type_from_name(text, type_span[0]) if type_span else None
    symbol_type = None
    if spans[Part.number]:
        found = number.find(text, spans[Part.number][0])
        if found:
            value = found.value
            out.update(number=value["number"], symbol=value["symbol"], number_symbol=value["number_symbol"])
            symbol_type = value["doc_type"]
            notes += found.warnings
    has_vv = bool(spans[Part.subject]) and not type_span
    out["doc_type"] = printed_type or ("cong_van" if has_vv else symbol_type) or (
        "cong_van" if out.get("symbol") else None)
    if out["doc_type"] is None and not spans[Part.motto]:
        out["doc_type"] = "other"
        notes.append("no Decree 30 header found: document type set to other")
    if printed_type and symbol_type and printed_type != symbol_type:
        notes.append(f"type name {printed_type} and number symbol ({symbol_type}) disagree")
    if not spans[Part.number]:
        notes.append("number and symbol not found in the header")
    return out, notes


def _place_and_date(text, spans, doc):
    if not spans[Part.place_date]:
        return {}, ["place and date of issue not found in the header"]
    start, end = spans[Part.place_date][0]
    found = dates.find_worded(text, start, end)
    out, notes = {}, []
    if found:
        place = text[start:found.span[0]].strip(" ,.")
        out["place"] = place or None
        out["issued"] = found.value.model_dump()
        notes += found.warnings
    return out, notes


def _subject(text, spans, doc):
    found = subject.find(text, spans[Part.subject])
    return ({"subject": found.value}, []) if found else ({}, ["subject (trích yếu) not found"])


def _marks(text, spans, doc):
    found = marks.find(text, spans[Part.marks])
    return {kind: c.value for kind, c in found.items()}, []


def _recipients(text, spans, doc):
    return {"recipients": [c.value for c in recipients.find(text, spans[Part.recipients])]}, []


def _signer(text, spans, doc):
    found = signer.find(text, spans[Part.signature])
    if not found:
        return {}, ["signature block not found"]
    return {"signer": found.value}, list(found.warnings)


def _distribution(text, spans, doc):
    segs = doc.parts(Part.distribution)
    entries = distribution.find(text, [(s.start, s.end, s.rule) for s in segs])
    out = {"distribution": [c.value for c in entries]}
    archive = [s for s in segs if s.rule == "archive"]
    if archive:
        out["archive"] = distribution.find_archive(text, (archive[0].start, archive[0].end)).value
    return out, []


def _appendices(text, spans, doc):
    found = [c.value for span in spans[Part.appendix] for c in appendices.find(text, span)]
    return {"appendices": found}, []
