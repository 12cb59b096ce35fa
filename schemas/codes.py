"""Closed code lists of the record contract (SPEC §1, §3, §4, §5).

The codes are identifiers, not Vietnamese words: the words that map to them
(type abbreviations, urgency marks...) live in ``extractors/data``.
"""
from __future__ import annotations

from enum import Enum


class DocType(str, Enum):
    """Document types of Decree 30/2020 Appendix III, plus the SPEC §5 extras."""

    nghi_quyet = "nghi_quyet"
    quyet_dinh = "quyet_dinh"
    chi_thi = "chi_thi"
    quy_che = "quy_che"
    quy_dinh = "quy_dinh"
    thong_cao = "thong_cao"
    thong_bao = "thong_bao"
    huong_dan = "huong_dan"
    chuong_trinh = "chuong_trinh"
    ke_hoach = "ke_hoach"
    phuong_an = "phuong_an"
    de_an = "de_an"
    du_an = "du_an"
    bao_cao = "bao_cao"
    bien_ban = "bien_ban"
    to_trinh = "to_trinh"
    hop_dong = "hop_dong"
    cong_dien = "cong_dien"
    ban_ghi_nho = "ban_ghi_nho"
    ban_thoa_thuan = "ban_thoa_thuan"
    giay_uy_quyen = "giay_uy_quyen"
    giay_moi = "giay_moi"
    giay_gioi_thieu = "giay_gioi_thieu"
    giay_nghi_phep = "giay_nghi_phep"
    phieu_gui = "phieu_gui"
    phieu_chuyen = "phieu_chuyen"
    phieu_bao = "phieu_bao"
    cong_van = "cong_van"
    luat = "luat"
    nghi_dinh = "nghi_dinh"
    thong_tu = "thong_tu"
    thong_tu_lien_tich = "thong_tu_lien_tich"
    other = "other"


class IssuerLevel(str, Enum):
    central = "central"
    ministry = "ministry"
    province = "province"
    district = "district"
    commune = "commune"
    other = "other"


class Urgency(str, Enum):
    khan = "khan"
    thuong_khan = "thuong_khan"
    hoa_toc = "hoa_toc"


class Confidentiality(str, Enum):
    mat = "mat"
    toi_mat = "toi_mat"
    tuyet_mat = "tuyet_mat"


class Authority(str, Enum):
    """Signing marks of Decree 30/2020 Appendix I §II.7 (party: T/M, K/T, T/L)."""

    TM = "TM"
    KT = "KT"
    TL = "TL"
    TUQ = "TUQ"
    Q = "Q"


class Role(str, Enum):
    lead = "lead"
    support = "support"


class Modality(str, Enum):
    assign = "assign"
    request = "request"


class DeadlineKind(str, Enum):
    date = "date"
    period = "period"
    relative = "relative"
    recurring = "recurring"
    referenced = "referenced"
    immediate = "immediate"


class Qualifier(str, Enum):
    before = "before"
    by = "by"
    on = "on"
    within = "within"


class TimeUnit(str, Enum):
    day = "day"
    working_day = "working_day"
    week = "week"
    month = "month"


class Anchor(str, Enum):
    receipt = "receipt"
    issue = "issue"
    other = "other"


class EncodingRepaired(str, Enum):
    tcvn3 = "tcvn3"
    vni = "vni"
