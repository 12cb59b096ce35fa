"""registry.agencies: one agency however a letter names it, every printed name kept as an alias."""
from __future__ import annotations

import csv
import datetime as dt

import pytest
from sqlalchemy import select

from extractors.lexicon import DATA as EXTRACTOR_DATA
from registry import ingest_record, tasks
from registry.agencies import _localities, agency_key, issuer_places, qualified
from registry.models import Agency, Document
from tests.registry.letters import obligation, record

TODAY = dt.date(2024, 3, 1)
NINH_THUAN = {"tinh": "Ninh Thuận"}


@pytest.mark.parametrize("name, expected", [
    ("UBND tỉnh", "UBND tỉnh Ninh Thuận"),
    ("Hội Cựu chiến binh tỉnh.", "Hội Cựu chiến binh tỉnh Ninh Thuận"),
    ("Ủy ban nhân dân tỉnh Ninh Thuận", "Ủy ban nhân dân tỉnh Ninh Thuận"),
    ("Ủy ban nhân dân các tỉnh", "Ủy ban nhân dân các tỉnh"),
    ("Sở Y tế các tỉnh, thành phố trực thuộc Trung ương", "Sở Y tế các tỉnh, thành phố trực thuộc Trung ương"),
    ("UBND huyện", "UBND huyện"),                      # the issuer names no district
    ("Sở Nội vụ", "Sở Nội vụ"),
])
def test_bare_level_word_takes_the_issuers_place(name, expected):
    assert qualified(name, NINH_THUAN) == expected


@pytest.mark.parametrize("a, b", [
    ("UBND tỉnh Ninh Thuận", "Ủy ban nhân dân tỉnh Ninh Thuận"),
    ("ỦY BAN NHÂN DÂN TỈNH NINH THUẬN", "Uỷ ban nhân dân tỉnh Ninh Thuận"),
    ("Sở LĐTBXH", "Sở Lao động - Thương binh và Xã hội"),
    ("Sở  Nội vụ;", "sở nội vụ"),
])
def test_spellings_of_one_name_share_a_key(a, b):
    assert agency_key(a) == agency_key(b)


def test_issuer_places_from_name_parent_and_place():
    district = record("d", [], issuer="Ủy ban nhân dân huyện Ninh Sơn", level="district",
                      parent="Ủy ban nhân dân tỉnh Ninh Thuận")
    assert issuer_places(district) == {"huyen": "Ninh Sơn", "tinh": "Ninh Thuận"}
    department = record("s", [], issuer="Sở Y tế", issuer_raw="SỞ Y TẾ", place="Ninh Thuận")
    assert issuer_places(department) == {"tinh": "Ninh Thuận"}
    ministry = record("m", [], issuer="Bộ Tài chính", issuer_raw=None, level="ministry", place="Hà Nội")
    assert issuer_places(ministry) == {}


def test_ubnd_tinh_meets_the_full_name(session):
    ingest_record(session, record("a", [obligation("1", "Báo cáo tình hình", [("UBND tỉnh", "lead")])]), "a.txt")
    department = record("b", [obligation("1", "Tham mưu", [("Ủy ban nhân dân tỉnh Ninh Thuận", "support")])],
                        issuer="Sở Nội vụ", issuer_raw="SỞ NỘI VỤ", parent="Ủy ban nhân dân tỉnh Ninh Thuận")
    ingest_record(session, department, "b.txt")
    session.commit()
    (agency,) = session.scalars(select(Agency).where(Agency.key == "uy ban nhan dan tinh ninh thuan")).all()
    assert agency.name == "Ủy ban nhân dân tỉnh Ninh Thuận"
    assert {a.alias for a in agency.aliases} == {"Ủy ban nhân dân tỉnh Ninh Thuận", "ỦY BAN NHÂN DÂN TỈNH NINH THUẬN",
                                                 "UBND tỉnh"}
    assert session.get(Document, record("a", [obligation("1", "Báo cáo tình hình", [("UBND tỉnh", "lead")])]).id
                       ).issuer_id == agency.id
    assert {row.agency for row in tasks(session, today=TODAY)} == {"Ủy ban nhân dân tỉnh Ninh Thuận"}


def test_another_provinces_ubnd_tinh_stays_apart(session):
    ingest_record(session, record("a", [obligation("1", "Báo cáo", [("UBND tỉnh", "lead")])]), "a.txt")
    dak_nong = record("b", [obligation("1", "Báo cáo", [("UBND tỉnh", "lead")])], issuer="Sở Nội vụ",
                      issuer_raw=None, parent="Ủy ban nhân dân tỉnh Đắk Nông", place="Đắk Nông")
    ingest_record(session, dak_nong, "b.txt")
    session.commit()
    names = {row.agency for row in tasks(session, today=TODAY)}
    assert names == {"Ủy ban nhân dân tỉnh Ninh Thuận", "Ủy ban nhân dân tỉnh Đắk Nông"}


@pytest.mark.parametrize("query, found", [
    ("UBND tỉnh Ninh Thuận", 1),
    ("ỦY BAN NHÂN DÂN TỈNH NINH THUẬN", 1),
    ("ninh thuan", 2),                      # words of the name, any case, no diacritics needed
    ("UBND tỉnh", 1),
    ("Sở Nội vụ", 1),
    ("Thuậ", 0),                            # whole words only
    ("Bộ Tài chính", 0),
])
def test_tasks_by_assignee_name_or_alias(session, query, found):
    items = [obligation("1", "Báo cáo", [("UBND tỉnh", "lead")]),
             obligation("2", "Rà soát", [("Sở Nội vụ tỉnh Ninh Thuận", "lead")])]
    ingest_record(session, record("a", items), "a.txt")
    session.commit()
    assert len(tasks(session, assignee=query, today=TODAY)) == found


def test_level_words_name_kinds_the_place_data_has():
    kinds = set()
    for name in ("provinces.csv", "districts.csv"):
        with (EXTRACTOR_DATA / name).open(encoding="utf-8") as handle:
            kinds |= {row["kind"] for row in csv.DictReader(handle)}
    levels = _localities()["levels"]
    assert set(levels) == {"tinh", "thanh pho", "huyen", "quan", "thi xa"}
    assert all(kind in kinds for wanted in levels.values() for kind in wanted)
    assert "cac" in _localities()["plural"]
