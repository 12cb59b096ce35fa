"""schemas.record: the SPEC §1-§5 contract as strict models, and its JSON Schema."""
from __future__ import annotations

import copy
import importlib.util
import json
import re

import pytest
from pydantic import ValidationError

from pipeline.run import extract_path
from schemas import SCHEMA_VERSION, PartialDate, Record, json_schema

TEXT = (
    "ỦY BAN NHÂN DÂN\n"
    "TỈNH NINH THUẬN\n"
    "Số: 4554/UBND-VXNV\n"
    "Ninh Thuận, ngày 17 tháng 12 năm 2020\n"
    "Kính gửi: Các Sở, ban, ngành thuộc UBND tỉnh\n"
    "Giao Sở Nội vụ tổng hợp, báo cáo trước ngày 10/12/2021./."
)
ISSUER_RAW = "ỦY BAN NHÂN DÂN TỈNH NINH THUẬN"
ISSUER_SPAN = [0, TEXT.index("\nSố")]
RECIPIENT = "Các Sở, ban, ngành thuộc UBND tỉnh"
RECIPIENT_SPAN = [TEXT.index(RECIPIENT), TEXT.index(RECIPIENT) + len(RECIPIENT)]
ACTION = "Giao Sở Nội vụ tổng hợp, báo cáo trước ngày 10/12/2021./."


def valid() -> dict:
    """A complete record that satisfies every rule; tests break one rule at a time."""
    return {
        "schema_version": "1.0",
        "id": "a" * 64,
        "source": {"path": "letters/4554.txt", "media_type": "text/plain", "pages": None,
                   "ocr": False, "encoding_repaired": None},
        "text": TEXT,
        "issuer": {"name": "Ủy ban nhân dân tỉnh Ninh Thuận", "parent": None, "level": "province",
                   "raw": ISSUER_RAW, "span": ISSUER_SPAN},
        "number": 4554, "symbol": "UBND-VXNV", "number_symbol": "4554/UBND-VXNV",
        "doc_type": "cong_van", "place": "Ninh Thuận",
        "issued": {"year": 2020, "month": 12, "day": 17, "iso": "2020-12-17"},
        "subject": "tăng cường trách nhiệm tổ chức thực hiện nhiệm vụ công vụ",
        "urgency": None, "confidentiality": None,
        "recipients": [{"name": RECIPIENT, "raw": RECIPIENT, "span": RECIPIENT_SPAN}],
        "references": [{"doc_type": "quyet_dinh", "number": 2346, "year": None, "symbol": "QĐ-UBND",
                        "number_symbol": "2346/QĐ-UBND",
                        "issued": {"year": 2020, "month": 12, "day": 31, "iso": "2020-12-31"},
                        "issuer": "Ủy ban nhân dân tỉnh", "title": None, "pointer": None,
                        "raw": None, "span": None}],
        "obligations": [{"id": "0123456789abcdef", "section": "1",
                         "assignees": [{"name": "Sở Nội vụ", "role": "lead"}],
                         "action": ACTION, "deliver_to": [],
                         "deadline": {"kind": "date", "raw": "trước ngày 10/12/2021", "qualifier": "before",
                                      "due": "2021-12-10", "time": None, "period": None, "relative": None,
                                      "rrule": None, "reference": None},
                         "modality": "assign", "span": [TEXT.index(ACTION), len(TEXT)], "confidence": 0.9}],
        "signer": {"name": "Trần Quốc Nam", "title": "Chủ tịch", "authority": None, "on_behalf_of": None},
        "distribution": [{"name": "TT. Tỉnh ủy, TT. HĐND tỉnh", "note": "b/c", "raw": "- TT. Tỉnh ủy, TT. HĐND tỉnh (b/c);"}],
        "archive": {"units": ["VT", "VXNV"], "drafter": "ĐNĐ", "copies": None},
        "appendices": [],
        "warnings": [],
    }


def broken(path: str, value) -> dict:
    """``valid()`` with the value at a dotted path ("obligations.0.deadline.kind") replaced."""
    data = valid()
    *parents, last = path.split(".")
    target = data
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    target[int(last) if isinstance(target, list) else last] = value
    return data


def test_the_valid_record_validates_and_dumps_codes_as_strings():
    record = Record.model_validate(valid())
    dumped = json.loads(record.model_dump_json())
    assert dumped["schema_version"] == SCHEMA_VERSION == "1.0"
    assert dumped["doc_type"] == "cong_van"
    assert dumped["issuer"]["level"] == "province"
    assert dumped["obligations"][0]["deadline"]["qualifier"] == "before"
    assert Record.model_validate_json(record.model_dump_json()) == record


def test_schema_version_defaults_to_1_0_and_no_other_is_accepted():
    data = valid()
    del data["schema_version"]
    assert Record.model_validate(data).schema_version == "1.0"
    with pytest.raises(ValidationError, match="schema_version"):
        Record.model_validate(broken("schema_version", "1.1"))


# ----------------------------------------------------------------- unknown fields


@pytest.mark.parametrize("path, name", [
    ("", "author"),
    ("", "so_ky_hieu"),
    ("source", "size"),
    ("issuer", "acronym"),
    ("issued", "weekday"),
    ("recipients.0", "email"),
    ("references.0", "url"),
    ("references.0.issued", "lunar"),
    ("obligations.0", "priority"),
    ("obligations.0.assignees.0", "phone"),
    ("obligations.0.deadline", "note"),
    ("signer", "rank"),
    ("distribution.0", "copies"),
    ("archive", "box"),
])
def test_unknown_fields_are_rejected_at_every_level(path, name):
    data = valid()
    target = data
    for key in filter(None, path.split(".")):
        target = target[int(key)] if isinstance(target, list) else target[key]
    target[name] = "x"
    with pytest.raises(ValidationError, match=name):
        Record.model_validate(data)


# ----------------------------------------------------------------- codes


@pytest.mark.parametrize("path, value", [
    ("doc_type", "cv"),
    ("doc_type", "công văn"),
    ("doc_type", "QĐ"),
    ("issuer.level", "tinh"),
    ("urgency", "khẩn"),
    ("urgency", "KHAN"),
    ("confidentiality", "secret"),
    ("signer.authority", "K/T"),
    ("signer.authority", "kt"),
    ("source.encoding_repaired", "cp1258"),
    ("references.0.doc_type", "nghi-dinh"),
    ("obligations.0.modality", "giao"),
    ("obligations.0.assignees.0.role", "chu_tri"),
    ("obligations.0.deadline.kind", "soon"),
    ("obligations.0.deadline.qualifier", "after"),
])
def test_codes_outside_the_closed_lists_are_rejected(path, value):
    with pytest.raises(ValidationError):
        Record.model_validate(broken(path, value))


SPEC_DOC_TYPES = {
    "nghi_quyet", "quyet_dinh", "chi_thi", "quy_che", "quy_dinh", "thong_cao", "thong_bao", "huong_dan",
    "chuong_trinh", "ke_hoach", "phuong_an", "de_an", "du_an", "bao_cao", "bien_ban", "to_trinh", "hop_dong",
    "cong_dien", "ban_ghi_nho", "ban_thoa_thuan", "giay_uy_quyen", "giay_moi", "giay_gioi_thieu",
    "giay_nghi_phep", "phieu_gui", "phieu_chuyen", "phieu_bao", "cong_van", "luat", "nghi_dinh", "thong_tu",
    "thong_tu_lien_tich", "other",
}


@pytest.mark.parametrize("code", sorted(SPEC_DOC_TYPES))
def test_every_spec_doc_type_code_is_accepted(code):
    assert Record.model_validate(broken("doc_type", code)).doc_type == code


@pytest.mark.parametrize("path, value", [
    ("obligations.0.deadline.time", "16h00"),
    ("obligations.0.deadline.time", "4:00"),
    ("obligations.0.confidence", 1.5),
    ("obligations.0.confidence", -0.1),
    ("id", "A" * 64),
    ("id", "a" * 63),
    ("id", "sha256:" + "a" * 57),
])
def test_malformed_values_are_rejected(path, value):
    with pytest.raises(ValidationError):
        Record.model_validate(broken(path, value))


# ----------------------------------------------------------------- spans and raw


@pytest.mark.parametrize("path", ["issuer.span", "recipients.0.span", "obligations.0.span", "references.0.span"])
def test_spans_past_the_text_are_rejected(path):
    data = broken(path, [0, len(TEXT) + 1])
    if path.startswith("references"):
        data["references"][0]["raw"] = None
    with pytest.raises(ValidationError, match="runs past the text"):
        Record.model_validate(data)


def test_an_appendix_span_past_the_text_is_rejected():
    data = valid()
    data["appendices"] = [{"title": "Danh sách phân công cán bộ", "span": [10, len(TEXT) + 40]}]
    with pytest.raises(ValidationError, match="appendices"):
        Record.model_validate(data)


def test_a_span_ending_exactly_at_the_end_of_the_text_is_valid():
    assert Record.model_validate(broken("obligations.0.span", [0, len(TEXT)])).obligations[0].span == (0, len(TEXT))


@pytest.mark.parametrize("span", [[5, 2], [-1, 4]])
def test_spans_must_be_ordered_offsets(span):
    with pytest.raises(ValidationError, match="ordered pair"):
        Record.model_validate(broken("recipients.0.span", span))


@pytest.mark.parametrize("path, raw", [
    ("issuer.raw", "SỞ NỘI VỤ TỈNH NINH THUẬN"),          # a word not in the span
    ("issuer.raw", "TỈNH NINH THUẬN ỦY BAN NHÂN DÂN"),    # words out of order
    ("recipients.0.raw", "Các Sở, ban, ngành thuộc tỉnh Ninh Thuận"),
])
def test_raw_not_printed_within_its_span_is_rejected(path, raw):
    with pytest.raises(ValidationError, match="not printed within"):
        Record.model_validate(broken(path, raw))


def test_raw_printed_across_a_line_break_or_beside_another_column_is_accepted():
    text = "ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH NINH THUẬN  Độc lập - Tự do - Hạnh phúc"
    data = valid()
    data["text"] = text
    data["issuer"]["span"] = [0, len(text)]
    data["recipients"], data["obligations"] = [], []
    assert Record.model_validate(data).issuer.raw == ISSUER_RAW


# ----------------------------------------------------------------- dates


@pytest.mark.parametrize("parts, iso", [
    ((2020, 12, 17), "2020-12-17"),
    ((2024, 2, 29), "2024-02-29"),
    ((2021, 1, 5), "2021-01-05"),
])
def test_a_complete_date_gets_its_iso_form(parts, iso):
    year, month, day = parts
    assert PartialDate(year=year, month=month, day=day).iso == iso
    assert PartialDate(year=year, month=month, day=day, iso=iso).iso == iso


@pytest.mark.parametrize("parts", [(2023, 5, None), (2023, None, None), (None, 9, 15), (None, None, None)])
def test_a_partial_date_has_no_iso(parts):
    year, month, day = parts
    date = PartialDate(year=year, month=month, day=day)
    assert date.iso is None
    assert (date.year, date.month, date.day) == parts


@pytest.mark.parametrize("fields", [
    {"year": 2020, "month": 12, "day": 17, "iso": "2020-12-18"},
    {"year": 2020, "month": 12, "day": 17, "iso": "17/12/2020"},
    {"year": 2023, "month": 5, "day": None, "iso": "2023-05-01"},
    {"year": 2023, "month": 2, "day": 30},
    {"year": 2023, "month": 13, "day": 1},
    {"year": 2023, "month": 1, "day": 32},
])
def test_an_iso_that_disagrees_with_the_parts_or_an_impossible_date_is_rejected(fields):
    with pytest.raises(ValidationError):
        PartialDate(**fields)
    with pytest.raises(ValidationError):
        Record.model_validate(broken("issued", fields))
    with pytest.raises(ValidationError):
        Record.model_validate(broken("references.0.issued", fields))


# ----------------------------------------------------------------- JSON Schema


def test_json_schema_is_draft_2020_12_and_serializable():
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert json.loads(json.dumps(schema, ensure_ascii=False)) == schema
    check_schema_structure(schema)


def test_json_schema_lists_exactly_the_spec_fields_and_forbids_others():
    schema = json_schema()
    spec_fields = {"schema_version", "id", "source", "text", "issuer", "number", "symbol", "number_symbol",
                   "doc_type", "place", "issued", "subject", "urgency", "confidentiality", "recipients",
                   "references", "obligations", "signer", "distribution", "archive", "appendices", "warnings"}
    assert set(schema["properties"]) == spec_fields
    assert schema["additionalProperties"] is False
    assert schema["properties"]["schema_version"]["const"] == "1.0"
    for name, definition in schema["$defs"].items():
        if definition.get("type") == "object":
            assert definition.get("additionalProperties") is False, name
    defs = schema["$defs"]
    assert set(defs["DocType"]["enum"]) == SPEC_DOC_TYPES
    assert set(defs["IssuerLevel"]["enum"]) == {"central", "ministry", "province", "district", "commune", "other"}
    assert set(defs["Urgency"]["enum"]) == {"khan", "thuong_khan", "hoa_toc"}
    assert set(defs["Confidentiality"]["enum"]) == {"mat", "toi_mat", "tuyet_mat"}
    assert set(defs["Authority"]["enum"]) == {"TM", "KT", "TL", "TUQ", "Q"}
    assert set(defs["DeadlineKind"]["enum"]) == {"date", "period", "relative", "recurring", "referenced", "immediate"}
    # Nested objects carry at least the keys SPEC §1-§4 shows for them.
    for name, keys in {
        "Source": {"path", "media_type", "pages", "ocr", "encoding_repaired"},
        "Issuer": {"name", "parent", "level", "raw", "span"},
        "PartialDate": {"year", "month", "day", "iso"},
        "Signer": {"name", "title", "authority", "on_behalf_of"},
        "DistributionEntry": {"name", "note", "raw"},
        "Archive": {"units", "drafter", "copies"},
        "Reference": {"doc_type", "number", "year", "symbol", "number_symbol", "issued", "issuer", "title",
                      "pointer", "raw", "span"},
        "Obligation": {"id", "section", "assignees", "action", "deliver_to", "deadline", "modality", "span",
                       "confidence"},
        "Deadline": {"kind", "raw", "qualifier", "due", "time", "period", "relative", "rrule", "reference"},
    }.items():
        assert keys <= set(defs[name]["properties"]), name


def test_a_real_record_validates_against_the_json_schema(tmp_path):
    letter = tmp_path / "cong-van.txt"
    letter.write_text(
        "ỦY BAN NHÂN DÂN\nTỈNH NINH THUẬN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 4554/UBND-VXNV\nV/v tăng cường trách nhiệm thực hiện nhiệm vụ\n"
        "Ninh Thuận, ngày 17 tháng 12 năm 2020\n\nKính gửi:\n- Sở Nội vụ;\n- Sở Tài chính.\n\n"
        "Giao Sở Nội vụ tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 10/01/2021./.\n\n"
        "Nơi nhận:\n- Như trên;\n- TT Tỉnh ủy (b/c);\n- Lưu: VT, VXNV.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Quốc Nam\n",
        encoding="utf-8")
    instance = json.loads(extract_path(letter).model_dump_json())
    assert instance["issuer"] and instance["recipients"], "the letter must give a record with nested objects"
    schema = json_schema()
    assert schema_errors(schema, instance) == []
    assert schema_errors(schema, json.loads(Record.model_validate(valid()).model_dump_json())) == []


@pytest.mark.parametrize("path, value", [
    ("doc_type", "cv"),
    ("issuer.level", "tinh"),
    ("schema_version", "2.0"),
    ("obligations.0.assignees.0.role", "chu_tri"),
    ("recipients.0.span", [1, 2, 3]),
    ("number", "4554"),
])
def test_the_json_schema_rejects_what_the_models_reject(path, value):
    """The schema check above must be able to fail: a broken instance gives errors."""
    instance = json.loads(Record.model_validate(valid()).model_dump_json())
    target = instance
    *parents, last = path.split(".")
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    target[int(last) if isinstance(target, list) else last] = value
    assert schema_errors(json_schema(), instance)


def test_the_json_schema_rejects_an_unknown_nested_field():
    instance = json.loads(Record.model_validate(valid()).model_dump_json())
    instance["signer"]["rank"] = "Đại tá"
    assert schema_errors(json_schema(), instance)


# ---------------------------------------------------------- schema checking helpers
# jsonschema is not a dependency of the project; when it is installed it is the
# judge, otherwise a small validator covers the keywords pydantic emits.

HAS_JSONSCHEMA = importlib.util.find_spec("jsonschema") is not None
KEYWORDS = {"$schema", "$defs", "$ref", "title", "description", "default", "type", "properties", "required",
            "additionalProperties", "anyOf", "enum", "const", "items", "prefixItems", "minItems", "maxItems",
            "minimum", "maximum", "pattern", "format"}
TYPES = {"object", "array", "string", "integer", "number", "boolean", "null"}


def check_schema_structure(schema: dict) -> None:
    if HAS_JSONSCHEMA:
        import jsonschema

        jsonschema.Draft202012Validator.check_schema(schema)
    defs = schema["$defs"]

    def walk(node, where):
        if isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, f"{where}[{i}]")
            return
        if not isinstance(node, dict):
            return
        unknown = set(node) - KEYWORDS
        assert not unknown, f"{where}: keywords the validator below does not know: {unknown}"
        if "type" in node:
            assert node["type"] in TYPES, where
        if "$ref" in node:
            assert re.fullmatch(r"#/\$defs/\w+", node["$ref"]) and node["$ref"].split("/")[-1] in defs, where
        if "enum" in node:
            assert node["enum"] and len(set(node["enum"])) == len(node["enum"]), where
        if "required" in node:
            assert set(node["required"]) <= set(node["properties"]), where
        for key in ("properties", "$defs"):
            for name, sub in node.get(key, {}).items():
                walk(sub, f"{where}.{name}")
        for key in ("anyOf", "prefixItems", "items", "additionalProperties"):
            if key in node:
                walk(node[key], f"{where}.{key}")

    walk(schema, "#")


def schema_errors(schema: dict, instance) -> list[str]:
    if HAS_JSONSCHEMA:
        import jsonschema

        return [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(instance)]
    return _errors(schema, schema, instance, "#")


def _type_ok(kind: str, value) -> bool:
    return {
        "object": isinstance(value, dict), "array": isinstance(value, list), "string": isinstance(value, str),
        "integer": isinstance(value, int) and not isinstance(value, bool),
        "number": isinstance(value, (int, float)) and not isinstance(value, bool),
        "boolean": isinstance(value, bool), "null": value is None,
    }[kind]


def _errors(root: dict, node: dict, value, where: str) -> list[str]:
    if "$ref" in node:
        node = {**root["$defs"][node["$ref"].split("/")[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
    out: list[str] = []
    if "anyOf" in node and all(_errors(root, option, value, where) for option in node["anyOf"]):
        out.append(f"{where}: {value!r} matches no option")
    if "type" in node and not _type_ok(node["type"], value):
        return out + [f"{where}: {value!r} is not {node['type']}"]
    if "const" in node and value != node["const"]:
        out.append(f"{where}: {value!r} != {node['const']!r}")
    if "enum" in node and value not in node["enum"]:
        out.append(f"{where}: {value!r} not in enum")
    if "pattern" in node and isinstance(value, str) and not re.search(node["pattern"], value):
        out.append(f"{where}: {value!r} does not match {node['pattern']}")
    if "minimum" in node and isinstance(value, (int, float)) and value < node["minimum"]:
        out.append(f"{where}: {value} < minimum")
    if "maximum" in node and isinstance(value, (int, float)) and value > node["maximum"]:
        out.append(f"{where}: {value} > maximum")
    if isinstance(value, dict):
        properties = node.get("properties", {})
        out += [f"{where}: missing {name}" for name in node.get("required", []) if name not in value]
        for name, item in value.items():
            if name in properties:
                out += _errors(root, properties[name], item, f"{where}.{name}")
            elif node.get("additionalProperties") is False:
                out.append(f"{where}: unknown field {name}")
    if isinstance(value, list):
        if "minItems" in node and len(value) < node["minItems"]:
            out.append(f"{where}: fewer than {node['minItems']} items")
        if "maxItems" in node and len(value) > node["maxItems"]:
            out.append(f"{where}: more than {node['maxItems']} items")
        prefix = node.get("prefixItems", [])
        for i, item in enumerate(value):
            sub = prefix[i] if i < len(prefix) else node.get("items")
            if isinstance(sub, dict):
                out += _errors(root, sub, item, f"{where}[{i}]")
    return out


def test_the_fallback_validator_agrees_on_a_copy_with_a_wrong_type():
    """The fallback validator itself: a wrong type deep in the record is found."""
    instance = json.loads(Record.model_validate(valid()).model_dump_json())
    bad = copy.deepcopy(instance)
    bad["obligations"][0]["deadline"]["due"] = 20211210
    assert _errors(json_schema(), json_schema(), instance, "#") == []
    assert _errors(json_schema(), json_schema(), bad, "#")
