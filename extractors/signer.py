"""The signature block: signing mark, the head signed for, the signer's title and name.

Decree 30/2020 Appendix I §II.7: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Văn A"
means the deputy signs for the head; TM. signs for a collective body; TL.,
TUQ. and Q. sign by order, by authorization and as acting head. When marks
are nested ("TL. BỘ TRƯỞNG / KT. VỤ TRƯỞNG"), the first one is the authority.
"""
from __future__ import annotations

import difflib
import re
from functools import cache

from extractors import lexicon
from extractors.base import Candidate
from extractors.names import canonical_agency
from extractors.text import capitalize_first, collapse, fold, is_upper


@cache
def _mark_re() -> re.Pattern:
    forms = sorted({re.escape(form) for form, _ in lexicon.signing_marks()}, key=len, reverse=True)
    return re.compile(r"^\W{0,3}(?P<mark>" + "|".join(forms) + r")(?:\s*[.,:]\s*|(?<=[/.][MTL])\s+)")


@cache
def _titles() -> list[str]:
    return sorted((fold(t) for t in lexicon.load("header")["titles"]), key=len, reverse=True)


@cache
def _title_forms() -> dict[str, str]:
    """Folded title → the title as written ("pho vu truong" → "phó vụ trưởng")."""
    forms = {fold(t): t for t in lexicon.load("header")["titles"]}
    forms.update({fold(v): v for v in lexicon.deputy_titles().values()})
    return forms


_SIGNED = re.compile(r"\s*\((?:đã ký|Đã ký|ĐÃ KÝ|ký|Ký|ký tên[^)]*|Ký tên[^)]*|đã ký và đóng dấu)\)\s*")


def find(text: str, spans: list[tuple[int, int]]) -> Candidate | None:
    parts = [p for s, e in spans for p in _split_marks(_SIGNED.sub(" ", collapse(text[s:e])).strip())]
    if not parts:
        return None
    state = {"authority": None, "behalf": None, "titles": [], "name": None, "last": None, "garbled": False,
             "caps": []}
    for part in parts:
        _read_part(part, state)
    if state["caps"] and state["name"] and not state["name"].isupper():
        # all-caps lines before a Title-case name are a title or mark that its column wrapped
        state["titles"] += [line for line, after_title in state["caps"] if after_title]
    elif state["caps"] and not state["name"]:
        state["name"] = state["caps"][-1][0]
    warnings: list[str] = []
    title = _title(state["titles"], state["last"], warnings)
    if title is None and state["garbled"]:
        title = _deputy_title(state["last"], warnings)
    if title is None and state["last"] and state["last"][0] == "Q":
        title = _case_title(state["last"][1])  # "Q. CHỦ TỊCH": the acting head signs as the head
    authority, behalf = state["authority"], state["behalf"]
    if authority is None and len(state["titles"]) >= 2 and _is_deputy_of(state["titles"][-1], state["titles"][-2]):
        authority, behalf = "KT", state["titles"][-2]
        warnings.append("signing mark KT. not printed: read from the head and deputy title lines")
    if not (authority or title or state["name"]):
        return None
    value = {"name": state["name"], "title": title, "authority": authority,
             "on_behalf_of": _behalf(behalf), "raw": None, "span": None}
    return Candidate(value=value, span=(spans[0][0], spans[-1][1]), rule="signature block",
                     confidence=0.9 if state["name"] and title else 0.6, warnings=tuple(warnings))


def _read_part(part: str, state: dict) -> None:
    """Fold one signature line into the state: a mark with its head, a title, a name."""
    m = _mark_re().match(part)
    if m:
        head, rest = _split_head(part[m.end():])
        mark = _authority(m.group("mark"))
        if state["authority"] is None:
            state["authority"], state["behalf"] = mark, head
        state["titles"], state["last"] = [], (mark, head)  # the signer's title comes after the last mark
        if not rest:
            return
        part = rest
    title, person = _split_name(part)
    if title:
        state["titles"].append(title)
    elif _TITLE_WORD.search(fold(part)) and is_upper(part, 0.6):
        state["garbled"] = True
    if person and person.isupper():
        state["caps"].append((person, bool(state["titles"])))  # a name in capitals, or a wrapped line
    elif person:
        state["name"] = person


_TITLE_WORD = re.compile(r"\b(?:truong|chu tich|giam doc)\b")


def _is_deputy_of(title: str, head: str) -> bool:
    deputy = lexicon.deputy_titles().get(fold(head).strip(" ."))
    key = fold(title).strip(" .")
    return key == f"pho {fold(head).strip(' .')}" or (deputy is not None and key == fold(deputy))


def _deputy_title(last: tuple[str, str | None] | None, warnings: list[str]) -> str | None:
    """Decree 30/2020: "KT. <head>" is signed by the head's deputy; for a title line OCR garbled."""
    if not last or last[0] != "KT" or not last[1]:
        return None
    title = lexicon.deputy_titles().get(fold(last[1]).strip(" .,"))
    if not title:
        return None
    warnings.append(f"signer title garbled: read as {title!r} under the mark KT. {last[1]}")
    return _canonical_title(title)


def _split_marks(part: str) -> list[str]:
    """"TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH ..." → one part per signing mark."""
    forms = "|".join(sorted({re.escape(f) for f, _ in lexicon.signing_marks()}, key=len, reverse=True))
    pieces = re.split(r"\s(?=(?:(?:" + forms + r")\s*[.,:]|[TK][/.][MTL]\s)\s*[A-ZĐ])", part)
    return [p.strip() for p in pieces if p.strip()]


def ends_with_name(part: str) -> bool:
    """A signature line that is, or ends with, a person's name."""
    upper = _upper_prefix(part)
    rest = part[len(upper):].strip()
    return is_person_name(part) or (bool(upper) and is_person_name(rest))


def is_person_name(text: str) -> bool:
    return _is_name(text)


def _authority(mark: str) -> str:
    return dict(lexicon.signing_marks())[mark]


def _split_head(rest: str) -> tuple[str | None, str]:
    """"BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn A" → ("BỘ TRƯỞNG", "THỨ TRƯỞNG Nguyễn A")."""
    upper = _upper_prefix(rest)
    key = fold(upper)
    for title in _titles():
        if key.startswith(title) and len(key) > len(title) + 1 and fold(upper[len(title):]).strip():
            remainder = rest[len(title):].strip()
            if any(fold(remainder).startswith(t) for t in _titles()):
                return upper[:len(title)].strip(), remainder
    return (upper.strip(" .,") or None), rest[len(upper):].strip()


def _upper_prefix(text: str) -> str:
    words = text.split(" ")
    taken = []
    for n, word in enumerate(words):
        following = words[n + 1] if n + 1 < len(words) else ""
        if len(word) == 1 and following[:1].isupper() and any(c.islower() for c in following):
            break  # "Y Thông Bya": a one-letter given name opens the signer's name
        letters = [c for c in word if c.isalpha()]
        if letters and not all(c.isupper() for c in letters) and not (taken and word in ("và",)):
            break
        taken.append(word)
    return " ".join(taken)


def _split_name(part: str) -> tuple[str | None, str | None]:
    """A title line, a name line, or "PHÓ CHỦ TỊCH Nguyễn Văn A" holding both."""
    upper = _upper_prefix(part)
    rest = part[len(upper):].strip()
    if upper and _known_title(upper):
        return upper.strip(" .,"), (rest if _is_name(rest) else None)
    if _is_name(part):
        return None, part
    cleaned = _without_debris(part)
    if cleaned and is_upper(cleaned, 0.7) and _repair_title(cleaned):
        return cleaned, None
    return None, None


def _without_debris(part: str) -> str:
    """A signature line without OCR specks: tokens of one letter or with no letters."""
    words = [w for w in part.split() if sum(c.isalpha() for c in w) >= 2]
    return " ".join(words)


def _known_title(text: str) -> bool:
    key = fold(text).strip(" .,")
    return any(key.startswith(t) for t in _titles())


def _is_title(text: str) -> bool:
    return _known_title(text) or (bool(_repair_title(text)) and is_upper(text))


def _is_name(text: str) -> bool:
    """A person's name: 2 to 5 words, most capitalized, no digits or marks."""
    words = text.split()
    if not 2 <= len(words) <= 5 or re.search(r"[\d/@:();,&.]", text):
        return False
    capitalized = sum(1 for w in words if w[:1].isupper())
    titled = sum(1 for w in words if w[:1].isupper() and any(c.islower() for c in w[1:]))
    caps = all(w.isupper() and len(w) >= 2 for w in words) and not any(fold(w) in _NOT_NAME_WORDS for w in words)
    if "viet nam" in fold(text):
        return False
    return capitalized == len(words) and (titled >= 2 or caps) and not _is_title(text)


_NOT_NAME_WORDS = frozenset({"tt", "bo", "kt", "tm", "tl", "vt", "ubnd", "so", "cuc", "vu"})


def _repair_title(text: str, last: tuple[str, str | None] | None = None) -> str | None:
    """The known title an OCR'd title line most resembles ("PHO pes CUC TRUONG" → phó tổng cục trưởng).

    Under "KT. <head>" the deputy's title is tried first: that is who signs.
    """
    key = " ".join(w for w in fold(text).strip(" .,").split() if len(w) >= 2)
    if last and last[0] == "KT" and last[1]:
        deputy = lexicon.deputy_titles().get(fold(last[1]).strip(" .,"))
        if deputy and difflib.SequenceMatcher(None, key, fold(deputy)).ratio() >= 0.6:
            return fold(deputy)
    if len(key.split()) < 2:
        return None
    best = difflib.get_close_matches(key, _titles(), n=1, cutoff=0.75)
    return best[0] if best else None


def _title(titles: list[str], last, warnings: list[str]) -> str | None:
    """The last title line, with the unit line under it ("CỤC TRƯỞNG" / "CỤC THANH TRA")."""
    if not titles:
        return None
    starts = [i for i, t in enumerate(titles) if any(fold(t).startswith(k) for k in _titles())]
    title = " ".join(titles[starts[-1]:] if starts else titles)
    key = fold(title)
    if not any(key.startswith(t) for t in _titles()) or (last and last[0] == "KT" and not key.startswith("pho") and not key.startswith("thu truong")):
        repaired = _repair_title(title, last)
        if repaired and repaired != key:
            title = _title_forms().get(repaired, repaired)
            warnings.append(f"signer title read as {title!r} from {titles[-1]!r}")
    return _case_title(title)


def _case_title(title: str) -> str:
    """"PHÓ CHỦ TỊCH" → "Phó Chủ tịch"; "VỤ TRƯỞNG VỤ CHÍNH SÁCH" → "Vụ trưởng Vụ Chính sách"."""
    key = fold(title)
    if not is_upper(title):
        known = next((t for t in _titles() if key == t), None)
        return _canonical_title(title) if known else capitalize_first(title)
    for t in _titles():
        if key.startswith(t):
            head = _canonical_title(title[:len(t)])
            rest = title[len(t):].strip()
            return f"{head} {canonical_agency(rest)}" if rest else head
    return capitalize_first(title.lower())


def _canonical_title(text: str) -> str:
    """Decree 30/2020 Appendix II: the office is capitalized after "Phó" / "Chánh" ("Phó Vụ trưởng",
    "Chánh Văn phòng", "Phó Tổng giám đốc"); otherwise only the first letter ("Thứ trưởng")."""
    words = text.lower().split()
    out = []
    for i, word in enumerate(words):
        prev = [fold(w) for w in words[:i]]
        if i == 0 or (prev and all(p in ("pho", "chanh") for p in prev) and i <= 2):
            word = word[:1].upper() + word[1:]
        out.append(word)
    return " ".join(out)


def _behalf(text: str | None) -> str | None:
    if not text:
        return None
    key = fold(text)
    if any(key.startswith(t) for t in _titles()):
        return _case_title(text)
    return canonical_agency(text)
