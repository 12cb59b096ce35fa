"""Letters and records for the registry tests: hand-made records with exact content, and
variants of the corpus letters (new number, date and subject, so new bytes and a new hash)."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from schemas import Record

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus" / "letters"


def obligation(section: str, action: str, assignees=(("Sở Nội vụ", "lead"),), deadline: dict | None = None,
               modality: str = "assign", key: str | None = None) -> dict:
    """An obligation of a hand-made record; its id is derived when the record is built (or given)."""
    return {"id": key, "section": section, "assignees": [{"name": n, "role": r} for n, r in assignees],
            "action": action, "deadline": deadline, "modality": modality}


def date_deadline(due: str, raw: str | None = None, time: str | None = None) -> dict:
    return {"kind": "date", "raw": raw or f"trước ngày {due}", "qualifier": "before", "due": due, "time": time}


def record(tag: str, obligations: list[dict], issuer: str = "Ủy ban nhân dân tỉnh Ninh Thuận",
           issuer_raw: str | None = "ỦY BAN NHÂN DÂN TỈNH NINH THUẬN", parent: str | None = None,
           level: str = "province", place: str | None = "Ninh Thuận", issued: str | None = "2024-01-10",
           number_symbol: str = "12/UBND-VXNV", subject: str = "triển khai nhiệm vụ") -> Record:
    """A valid record whose id is the sha256 of a text made from ``tag`` (same tag, same letter)."""
    text = f"Letter {tag}\n" + "\n".join(o["action"] for o in obligations)
    doc_id = hashlib.sha256(text.encode("utf-8")).hexdigest()
    year, month, day = (int(p) for p in issued.split("-")) if issued else (None, None, None)
    items = []
    for o in obligations:
        names = "|".join(sorted(a["name"] for a in o["assignees"]))
        key = o["id"] or hashlib.sha256(f"{doc_id}|{o['section']}|{names}|{o['action']}".encode()).hexdigest()[:16]
        items.append({**o, "id": key})
    number, _, symbol = number_symbol.partition("/")
    return Record.model_validate({
        "id": doc_id, "source": {"path": f"{tag}.txt", "media_type": "text/plain"}, "text": text,
        "issuer": {"name": issuer, "raw": issuer_raw, "level": level, "parent": parent},
        "number": int(number) if number.isdigit() else None, "symbol": symbol, "number_symbol": number_symbol,
        "doc_type": "cong_van", "place": place,
        "issued": {"year": year, "month": month, "day": day}, "subject": subject, "obligations": items})


def vary(text: str, i: int) -> str:
    """The letter with number ``i``, another issue date and a subject that says which round it is."""
    text, numbered = re.subn(r"(Số:?\s*)\d*(\s*[-/])", lambda m: f"{m[1]}{1000 + i}{m[2]}", text, count=1)
    day, month = 1 + i % 28, 1 + (i // 28) % 12
    text = re.sub(r"ngày \d{1,2} tháng \d{1,2} năm (\d{4})", lambda m: f"ngày {day} tháng {month} năm {m[1]}",
                  text, count=1)
    text, subjects = re.subn(r"(V/v [^|\n<]*?)(\s*(?:\||<br>|\n))", lambda m: f"{m[1]} (đợt {i}){m[2]}", text, count=1)
    if not numbered:
        raise ValueError("a corpus letter without a 'Số:' line cannot be varied")
    return text


def varied_record(base: Record, text: str, i: int) -> Record:
    """The record the pipeline would give for ``vary(base's letter, i)``, without running it:
    the new bytes' hash as id, the new number, date and subject, obligation ids derived anew."""
    doc_id = hashlib.sha256(text.encode("utf-8")).hexdigest()
    data = base.model_dump(mode="json")
    year = base.issued.year if base.issued and base.issued.year else 2024
    day, month = 1 + i % 28, 1 + (i // 28) % 12
    data.update(id=doc_id, number=1000 + i, subject=f"{base.subject or ''} (đợt {i})",
                issued={"year": year, "month": month, "day": day})
    if base.symbol:
        data["number_symbol"] = f"{1000 + i}/{base.symbol}"
    for item in data["obligations"]:
        item["id"] = hashlib.sha256(f"{doc_id}|{item['id']}".encode()).hexdigest()[:16]
    return Record.model_validate(data)


def corpus_paths() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


def write_variants(directory: Path, count: int, sources: list[Path]) -> list[Path]:
    """``count`` distinct letters in ``directory``, made by varying ``sources`` in turn."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        source = sources[i % len(sources)]
        path = directory / f"{i:04d}-{source.name}"
        path.write_text(vary(source.read_text(encoding="utf-8"), i), encoding="utf-8")
        paths.append(path)
    return paths


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
