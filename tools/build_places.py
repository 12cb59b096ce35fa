"""Generate extractors/data/provinces.csv and extractors/data/districts.csv.

Source: the PyPI package ``vietnamadminunits`` 1.0.4 (MIT License,
Copyright (c) 2025 Tran Ngoc Minh Hieu, https://github.com/tranngocminhhieu/vietnamadminunits):
its ``data/dataset.db`` (tables ``admin_units_legacy``: the 63 provinces and
696 district-level units as of mid-2025; ``admin_units``: the 34 provinces
from 1 July 2025) and ``data/converter_2025.json`` (``DICT_PROVINCE``: which
old provinces make up each new one, Resolution 202/2025/QH15).

The package is used only here, never at run time. Install it without its
dependencies (shapely, geopy are not needed to read the files) and run:

    pip install --no-deps --target /tmp/vau vietnamadminunits==1.0.4
    python tools/build_places.py --package-dir /tmp/vau/vietnamadminunits

Added by hand below, checked against the General Statistics Office lists of
February 2021 and 2025: units that existed before the 2025 snapshot (merged
away, renamed or upgraded since 2014), Thừa Thiên Huế before it became the
centrally-run city of Huế (1 January 2025), spelling variants seen in letters,
and two spellings the package writes differently from the letters
("Phan Rang - Tháp Chàm", "Phú Quí").
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import re
import sqlite3
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "extractors" / "data"
MERGER_DAY_BEFORE = "2025-06-30"

# --- hand-kept facts -------------------------------------------------------

# Provinces created on 1 January 2004 (Resolution 22/2003/QH11); the centrally
# run city of Huế from 1 January 2025 (Resolution 1314/NQ-UBTVQH15).
PROVINCE_VALID_FROM = {
    "Điện Biên": "2004-01-01",
    "Lai Châu": "2004-01-01",
    "Đắk Nông": "2004-01-01",
    "Hậu Giang": "2004-01-01",
    "Huế": "2025-01-01",
}
# (name, kind, valid_from, valid_to, merged_into) of units gone before the snapshot.
FORMER_PROVINCES = [
    ("Thừa Thiên Huế", "tinh", "", "2024-12-31", "Huế"),
]
PROVINCE_ALIASES = {
    "Hồ Chí Minh": ["TP.HCM", "TP. HCM", "TP HCM", "TPHCM", "HCM"],
    "Hà Nội": ["Hanoi"],
    "Thừa Thiên Huế": ["Thừa Thiên-Huế", "Thừa Thiên - Huế", "TT-Huế", "TT Huế", "Thua Thien - Hue"],
    "Huế": ["Thành phố Huế", "TP. Huế", "TP Huế"],
    "Bà Rịa - Vũng Tàu": ["Bà Rịa-Vũng Tàu", "Bà Rịa Vũng Tàu", "BR-VT", "BRVT", "Ba Ria-Vung Tau"],
    "Đắk Lắk": ["Đắc Lắc", "Đăk Lăk", "Đắk Lăk", "Daklak", "Dak Lak"],
    "Đắk Nông": ["Đắc Nông", "Daknong", "Dak Nong"],
    "Bắc Kạn": ["Bắc Cạn"],
    "Kon Tum": ["Kontum"],
}
# Canonical spelling where the package differs from the letters.
DISTRICT_RENAMES = {
    ("Ninh Thuận", "Phan Rang - Tháp Chàm"): "Phan Rang-Tháp Chàm",
    ("Bình Thuận", "Phú Quí"): "Phú Quý",
}
DISTRICT_ALIASES = {
    ("Ninh Thuận", "Phan Rang-Tháp Chàm"): [
        "Phan Rang - Tháp Chàm", "Phan Rang Tháp Chàm", "Phan Rang–Tháp Chàm",
    ],
    ("Bình Thuận", "Phú Quý"): ["Phú Quí"],
    ("Lào Cai", "Sa Pa"): ["Sapa"],
    ("Kon Tum", "Ia H'Drai"): ["Ia H' Drai"],
    ("Kon Tum", "Đăk Hà"): ["Đắk Hà"],
    ("Gia Lai", "Đak Đoa"): ["Đăk Đoa", "Đắk Đoa"],
    ("Gia Lai", "KBang"): ["Kbang", "K'Bang"],
    ("Đắk Lắk", "Krông A Na"): ["Krông Ana"],
    ("Hồ Chí Minh", "Thủ Đức"): ["TP. Thủ Đức", "TP Thủ Đức"],
}
# District-level units gone, renamed or of another kind before the 2025
# snapshot: (province at the time, name, kind, successor(s) separated by ";").
# A successor of the same name records a change of kind (huyện → thị xã ...).
FORMER_DISTRICTS = [
    ("Hà Nội", "Từ Liêm", "huyen", "Bắc Từ Liêm;Nam Từ Liêm"),  # 2014
    ("Cao Bằng", "Thông Nông", "huyen", "Hà Quảng"),  # 2020
    ("Cao Bằng", "Phục Hòa", "huyen", "Quảng Hòa"),  # 2020
    ("Cao Bằng", "Quảng Uyên", "huyen", "Quảng Hòa"),  # 2020
    ("Lào Cai", "Sa Pa", "huyen", "Sa Pa"),  # 2019
    ("Sơn La", "Mộc Châu", "huyen", "Mộc Châu"),  # 2025
    ("Hòa Bình", "Kỳ Sơn", "huyen", "Hòa Bình"),  # 2020
    ("Thái Nguyên", "Sông Công", "thi_xa", "Sông Công"),  # 2015
    ("Thái Nguyên", "Phổ Yên", "thi_xa", "Phổ Yên"),  # 2022
    ("Quảng Ninh", "Hoành Bồ", "huyen", "Hạ Long"),  # 2019
    ("Quảng Ninh", "Đông Triều", "thi_xa", "Đông Triều"),  # 2025
    ("Bắc Giang", "Yên Dũng", "huyen", "Bắc Giang"),  # 2025
    ("Bắc Giang", "Việt Yên", "huyen", "Việt Yên"),  # 2024
    ("Vĩnh Phúc", "Phúc Yên", "thi_xa", "Phúc Yên"),  # 2018
    ("Bắc Ninh", "Từ Sơn", "thi_xa", "Từ Sơn"),  # 2021
    ("Bắc Ninh", "Quế Võ", "huyen", "Quế Võ"),  # 2023
    ("Bắc Ninh", "Thuận Thành", "huyen", "Thuận Thành"),  # 2023
    ("Hải Dương", "Chí Linh", "thi_xa", "Chí Linh"),  # 2019
    ("Hải Dương", "Kinh Môn", "huyen", "Kinh Môn"),  # 2019
    ("Hải Phòng", "Thủy Nguyên", "huyen", "Thủy Nguyên"),  # 2025
    ("Hải Phòng", "An Dương", "huyen", "An Dương"),  # 2025
    ("Hưng Yên", "Mỹ Hào", "huyen", "Mỹ Hào"),  # 2019
    ("Hà Nam", "Duy Tiên", "huyen", "Duy Tiên"),  # 2020
    ("Hà Nam", "Kim Bảng", "huyen", "Kim Bảng"),  # 2025
    ("Nam Định", "Mỹ Lộc", "huyen", "Nam Định"),  # 2025
    ("Ninh Bình", "Ninh Bình", "thanh_pho", "Hoa Lư"),  # 2025
    ("Ninh Bình", "Hoa Lư", "huyen", "Hoa Lư"),  # 2025
    ("Thanh Hóa", "Tĩnh Gia", "huyen", "Nghi Sơn"),  # 2020
    ("Thanh Hóa", "Đông Sơn", "huyen", "Thanh Hóa"),  # 2024
    ("Thanh Hóa", "Sầm Sơn", "thi_xa", "Sầm Sơn"),  # 2017
    ("Nghệ An", "Cửa Lò", "thi_xa", "Vinh"),  # 2025
    ("Hà Tĩnh", "Lộc Hà", "huyen", "Thạch Hà"),  # 2025
    ("Thừa Thiên Huế", "Huế", "thanh_pho", "Phú Xuân;Thuận Hóa"),  # 2025
    ("Thừa Thiên Huế", "Phong Điền", "huyen", "Phong Điền"),  # 2025
    ("Thừa Thiên Huế", "Nam Đông", "huyen", "Phú Lộc"),  # 2025
    ("Quảng Nam", "Nông Sơn", "huyen", "Quế Sơn"),  # 2025
    ("Quảng Ngãi", "Tây Trà", "huyen", "Trà Bồng"),  # 2020
    ("Quảng Ngãi", "Đức Phổ", "huyen", "Đức Phổ"),  # 2020
    ("Bình Định", "Hoài Nhơn", "huyen", "Hoài Nhơn"),  # 2020
    ("Phú Yên", "Đông Hòa", "huyen", "Đông Hòa"),  # 2020
    ("Đắk Nông", "Gia Nghĩa", "thi_xa", "Gia Nghĩa"),  # 2019
    ("Lâm Đồng", "Đạ Tẻh", "huyen", "Đạ Huoai"),  # 2025
    ("Lâm Đồng", "Cát Tiên", "huyen", "Đạ Huoai"),  # 2025
    ("Bình Phước", "Đồng Xoài", "thi_xa", "Đồng Xoài"),  # 2018
    ("Bình Phước", "Chơn Thành", "huyen", "Chơn Thành"),  # 2022
    ("Tây Ninh", "Hòa Thành", "huyen", "Hòa Thành"),  # 2020
    ("Tây Ninh", "Trảng Bàng", "huyen", "Trảng Bàng"),  # 2020
    ("Bình Dương", "Dĩ An", "thi_xa", "Dĩ An"),  # 2020
    ("Bình Dương", "Thuận An", "thi_xa", "Thuận An"),  # 2020
    ("Bình Dương", "Bến Cát", "thi_xa", "Bến Cát"),  # 2023
    ("Bình Dương", "Tân Uyên", "thi_xa", "Tân Uyên"),  # 2023
    ("Đồng Nai", "Long Khánh", "thi_xa", "Long Khánh"),  # 2019
    ("Bà Rịa - Vũng Tàu", "Tân Thành", "huyen", "Phú Mỹ"),  # 2018
    ("Bà Rịa - Vũng Tàu", "Phú Mỹ", "thi_xa", "Phú Mỹ"),  # 2025
    ("Bà Rịa - Vũng Tàu", "Long Điền", "huyen", "Long Đất"),  # 2025
    ("Bà Rịa - Vũng Tàu", "Đất Đỏ", "huyen", "Long Đất"),  # 2025
    ("Hồ Chí Minh", "Quận 2", "quan", "Thủ Đức"),  # 2021
    ("Hồ Chí Minh", "Quận 9", "quan", "Thủ Đức"),  # 2021
    ("Hồ Chí Minh", "Thủ Đức", "quan", "Thủ Đức"),  # 2021
    ("Tiền Giang", "Gò Công", "thi_xa", "Gò Công"),  # 2024
    ("Đồng Tháp", "Hồng Ngự", "thi_xa", "Hồng Ngự"),  # 2020
    ("An Giang", "Tịnh Biên", "huyen", "Tịnh Biên"),  # 2023
    ("Kiên Giang", "Hà Tiên", "thi_xa", "Hà Tiên"),  # 2018
    ("Kiên Giang", "Phú Quốc", "huyen", "Phú Quốc"),  # 2021
    ("Hậu Giang", "Ngã Bảy", "thi_xa", "Ngã Bảy"),  # 2020
]
FORMER_DISTRICT_ALIASES = {
    ("Lâm Đồng", "Đạ Tẻh"): ["Đạ Teh"],
    ("Lào Cai", "Sa Pa"): ["Sapa"],
}

# --- spelling rules used to derive aliases ---------------------------------

_TONES = "\u0300\u0301\u0303\u0309\u0323"
_NOT_LETTER_AFTER = r"(?![^\W\d_]|[\u0300-\u036f])"
_MODERN = re.compile(rf"(?<![qQ])(?:([oO])([aAeE])|([uU])([yY]))([{_TONES}]){_NOT_LETTER_AFTER}")
_OLD = re.compile(rf"(?<![qQ])(?:([oO])([{_TONES}])([aAeE])|([uU])([{_TONES}])([yY])){_NOT_LETTER_AFTER}")
_DAK = re.compile(r"\b(Đắk|Đăk|Đak)\b")


def modern_tones(text: str) -> str:
    """'Hoà' → 'Hòa', 'Thuỷ' → 'Thủy' (the project's placement), NFC."""
    decomposed = unicodedata.normalize("NFD", text)
    fixed = _MODERN.sub(lambda m: (m[1] or m[3]) + m[5] + (m[2] or m[4]), decomposed)
    return unicodedata.normalize("NFC", fixed)


def old_tones(text: str) -> str:
    """'Hòa' → 'Hoà': the other placement, as older letters write it."""
    decomposed = unicodedata.normalize("NFD", text)
    fixed = _OLD.sub(lambda m: (m[1] or m[4]) + (m[3] or m[6]) + (m[2] or m[5]), decomposed)
    return unicodedata.normalize("NFC", fixed)


def without_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def spelling_variants(name: str) -> list[str]:
    """Old tone placement, Đắk/Đăk, hyphen spacing: spellings of the same name."""
    out = [old_tones(name)]
    if _DAK.search(name):
        out += [_DAK.sub(alt, name) for alt in ("Đắk", "Đăk")]
    if " - " in name:
        out.append(name.replace(" - ", "-"))
    elif re.search(r"\w-\w", name):
        out.append(name.replace("-", " - "))
    return out


def unique(values: list[str], exclude: str) -> list[str]:
    seen, out = {exclude}, []
    for value in values:
        value = unicodedata.normalize("NFC", value)
        if value not in seen:
            seen.add(value)
            out.append(value)
    return out


# --- reading the package ---------------------------------------------------

_KINDS = {"tỉnh": "tinh", "thành phố": "thanh_pho", "huyện": "huyen", "quận": "quan", "thị xã": "thi_xa"}


def kind_of(full_name: str) -> str:
    lowered = full_name.lower()
    for prefix, kind in _KINDS.items():
        if lowered.startswith(prefix + " "):
            return kind
    raise ValueError(f"no unit kind at the start of {full_name!r}")


def short_name(full_name: str, kind: str) -> str:
    """'Thành phố Cao Lãnh' → 'Cao Lãnh'; 'Quận 1' keeps its word: a bare number is no name."""
    prefix = next(p for p, k in _KINDS.items() if k == kind)
    rest = full_name[len(prefix) + 1:].strip()
    return full_name.strip() if rest.isdigit() else rest


def read_package(package_dir: Path) -> tuple[list[tuple], list[tuple], dict[str, list[str]]]:
    db = sqlite3.connect(package_dir / "data" / "dataset.db")
    legacy = db.execute(
        "SELECT DISTINCT provinceCode, province, provinceShort, provinceKey FROM admin_units_legacy ORDER BY provinceCode"
    ).fetchall()
    districts = db.execute(
        "SELECT DISTINCT provinceCode, provinceShort, districtCode, district FROM admin_units_legacy ORDER BY districtCode"
    ).fetchall()
    new = db.execute("SELECT DISTINCT provinceKey FROM admin_units").fetchall()
    converter = json.loads((package_dir / "data" / "converter_2025.json").read_text(encoding="utf-8"))
    merges = converter["DICT_PROVINCE"]
    if sorted(k for (k,) in new) != sorted(merges):
        raise SystemExit("converter_2025.json and admin_units disagree on the 34 provinces")
    return legacy, districts, merges


def province_rows(legacy: list[tuple], merges: dict[str, list[str]]) -> list[dict]:
    by_key = {key: (modern_tones(short), kind_of(full)) for _, full, short, key in legacy}
    successor = {old: new for new, olds in merges.items() for old in olds}
    formers = {former[4]: dict(zip(("name", "kind", "valid_from", "valid_to", "merged_into"), former))
               for former in FORMER_PROVINCES}
    rows = []
    for key, (name, kind) in by_key.items():
        if name in formers:  # the unit it became follows it
            rows.append(formers[name])
        continues = successor[key] == key
        rows.append({
            "name": name,
            "kind": kind,
            "valid_from": PROVINCE_VALID_FROM.get(name, ""),
            "valid_to": "" if continues else MERGER_DAY_BEFORE,
            "merged_into": "" if continues else by_key[successor[key]][0],
        })
    for row in rows:
        variants = [without_diacritics(row["name"]), *spelling_variants(row["name"])]
        if row["kind"] == "thanh_pho":
            variants += [f"Thành phố {row['name']}", f"TP. {row['name']}", f"TP {row['name']}"]
        variants += PROVINCE_ALIASES.get(row["name"], [])
        row["aliases"] = ";".join(unique(variants, row["name"]))
    return rows


def district_rows(districts: list[tuple]) -> list[dict]:
    rows = []
    code_of = {}
    for province_code, province, district_code, full in districts:
        province = modern_tones(province)
        kind = kind_of(full)
        name = modern_tones(short_name(full, kind))
        name = DISTRICT_RENAMES.get((province, name), name)
        extra = DISTRICT_ALIASES.get((province, name), [])
        if name.startswith("Quận ") and name[5:].isdigit():
            extra = extra + [f"Q.{name[5:]}", f"Q{name[5:]}"]
        code_of[province] = province_code
        rows.append({"name": name, "kind": kind, "province": province, "code": (province_code, 0, district_code),
                     "aliases": ";".join(unique(spelling_variants(name) + extra, name)), "successor": ""})
    code_of["Thừa Thiên Huế"] = code_of["Huế"]
    for province, name, kind, successor in FORMER_DISTRICTS:
        extra = FORMER_DISTRICT_ALIASES.get((province, name), [])
        rows.append({"name": name, "kind": kind, "province": province, "code": (code_of[province], 1, ""),
                     "aliases": ";".join(unique(spelling_variants(name) + extra, name)), "successor": successor})
    # Former units follow the current ones of their province (Thừa Thiên Huế's those of Huế).
    rows.sort(key=lambda row: row["code"])
    for row in rows:
        del row["code"]
    return rows


def write(path: Path, rows: list[dict], columns: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package-dir", type=Path, help="the installed vietnamadminunits package folder")
    args = parser.parse_args()
    package_dir = args.package_dir
    if package_dir is None:
        spec = importlib.util.find_spec("vietnamadminunits")
        if spec is None or not spec.submodule_search_locations:
            raise SystemExit("vietnamadminunits is not installed: see this script's docstring")
        package_dir = Path(next(iter(spec.submodule_search_locations)))
    legacy, districts, merges = read_package(package_dir)
    provinces = province_rows(legacy, merges)
    write(DATA / "provinces.csv", provinces, ["name", "kind", "valid_from", "valid_to", "merged_into", "aliases"])
    rows = district_rows(districts)
    write(DATA / "districts.csv", rows, ["name", "kind", "province", "aliases", "successor"])
    print(f"{len(provinces)} provinces, {len(rows)} districts written to {DATA}")


if __name__ == "__main__":
    main()
