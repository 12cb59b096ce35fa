"""The tasks a letter assigns (SPEC §3), cut by its rules.

Each item of the body's tree (extractors.items) is read for a directive and
its assignees: "Giao Sở Nội vụ ...", "Đề nghị UBND các huyện ...",
"Sở Y tế có trách nhiệm ...", or the kế hoạch lines "Cơ quan thực hiện: X
chủ trì, phối hợp với Y". A heading that names assignees and ends with ":"
is no task itself; its sub-items inherit its assignees, modality and
deadline. Closing formulas, conditions and the issuer's own commitments are
not tasks. Task tables give one task per row.
"""
from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field, replace
from functools import cache

from extractors import assignees as agencies
from extractors import deadlines, items, lexicon
from extractors.base import Candidate
from extractors.text import collapse, fold

log = logging.getLogger("congvan")
# The model's second opinion is taken only when it is sure of both: a task, and who it is for.
MODEL_TASK_SCORE = 0.9
MODEL_ASSIGNEE_SCORE = 0.8
MODEL_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Context:
    """What an item inherits from the heading (or the preamble) above it."""

    assignees: tuple = ()       # ((name, role), ...)
    modality: str = "assign"
    deadline: dict | None = None


@dataclass
class Reading:
    """One item read for a task."""

    assignees: list = field(default_factory=list)
    modality: str | None = None
    action: str = ""
    span: tuple[int, int] = (0, 0)
    deadline: dict | None = None
    heading: bool = False
    own: bool = False          # the item names its assignees itself (a directive of its own)
    by_model: bool = False     # the rules found no directive; the model did (see _ask_model)


def _data() -> dict:
    return lexicon.load("directives")


@cache
def _phrases(key: str, sub: str | None = None) -> tuple[str, ...]:
    items_ = _data()[key] if sub is None else _data()[key][sub]
    return tuple(sorted((fold(w) for w in items_), key=len, reverse=True))


def find(text: str, body: tuple[int, int], recipients: list[str], doc_id: str = "",
         issued=None, received=None, issuer: str | None = None,
         implementers: list[str] | None = None, model=None) -> list[Candidate]:
    """Tasks in the body ``text[body[0]:body[1]]``, in reading order.

    ``implementers``: the Nơi nhận entries noted "để thực hiện", the addressees
    of a task heading when the letter has no Kính gửi. ``model``: an
    ``extractors.model.Model`` asked about the items in which the rules find
    no directive (None: rules only)."""
    root = items.parse(text, *body)
    env = {"text": text, "recipients": recipients, "issued": issued, "received": received, "doc_id": doc_id,
           "issuer": issuer, "addressees": recipients or implementers or [], "model": model}
    out: list[Candidate] = []
    context = Context()
    for child in root.children:
        context = _visit(child, context, env, out)
    return out + _table_rows(text, body, env)


def _visit(item: items.Item, context: Context, env: dict, out: list) -> Context:
    """Read one item, emit its task, visit its children; return the context for its next siblings."""
    _absorb_attribute_children(item, env["text"])
    reading = _read(item, context, env)
    if not reading.assignees and not reading.heading and env.get("model") is not None:
        _ask_model(item, reading, env)
    if reading.assignees and _informative(reading.action):
        return context
    # Sub-items inherit a deadline only from a heading: a task's own deadline stays with it.
    inherited = reading.deadline if reading.heading else context.deadline
    own = Context(tuple(reading.assignees), reading.modality or context.modality,
                  inherited or context.deadline) if reading.assignees else context
    if reading.assignees and not reading.heading:
        for part in _split_at_second_directive(reading, env):
            if _is_task(part, env):
                out.append(_candidate(item, part, env))
    child_context = own
    for child in item.children:
        _visit(child, child_context, env, out)
    if item.kind == "para" and reading.heading and reading.assignees:
        return own  # a preamble sentence "... đề nghị các Cục Thuế thực hiện:" governs the items after it
    return context


def _ask_model(item: items.Item, reading: Reading, env: dict) -> None:
    """The fallback chain's second step: rules found no directive and no inherited assignees in this
    item, so the model is asked. It must say "task" with a high score and mark an assignee span, which
    the rules then read into canonical names (the issuer itself is dropped); the rules' deadline
    grammar reads the deadline. The why goes to the log."""
    if not _mentions_agency(reading.action):
        return  # nothing the rules could read as an assignee: the model's answer could not be used
    label, score = env["model"].directive(reading.action)
    if label == "none" or score < MODEL_TASK_SCORE:
        return
    spans = [(s, e) for kind, s, e, p in env["model"].spans(reading.action)
             if kind == "ASSIGNEE" and p >= MODEL_ASSIGNEE_SCORE]
    names = [n for s, e in spans for n in _names(reading.action[s:e], env)]
    if not names:
        log.debug("item %s: model says %s %.3f but marks no assignee the rules can read", item.path, label, score)
        return
    reading.assignees = [(n, "lead") for n in dict.fromkeys(names)]
    reading.modality = "assign" if label == "task_assign" else "request"
    reading.by_model = True
    log.info("item %s: no directive the rules know; model %s %.3f, assignees from spans %s",
             item.path, label, score, [reading.action[s:e] for s, e in spans])


@cache
def _agency_pattern() -> re.Pattern:
    openers = agencies.openers()
    return re.compile(r"(?<![a-z])(?:" + "|".join(map(re.escape, openers)) + r")(?![a-z])")


def _mentions_agency(action: str) -> bool:
    """Some word of the item opens an agency's name ("Sở", "UBND", "Phòng" ...)."""
    return bool(_agency_pattern().search(fold(action)))


def _task_heading(action: str) -> bool:
    key = fold(action)
    if len(key.split()) > 25:
        return False
    return any(re.search(r"(?<![a-z])" + re.escape(w) + r"(?![a-z])", key) for w in _phrases("task_heading_words"))


def _absorb_attribute_children(item: items.Item, text: str) -> None:
    """"- Cơ quan thực hiện: ..." written as a sub-item belongs to its item's attributes."""
    labels = [w for key in ("lead", "support", "deadline") for w in _phrases("attribute_lines", key)]
    keep = []
    for child in item.children:
        key = fold(text[child.start:child.end].strip(" -+"))
        if not child.children and any(re.match(re.escape(w) + r"\s*:", key) for w in labels):
            item.rows += child.rows
            item.end = max(item.end, child.end)
        else:
            keep.append(child)
    item.children = keep


def _informative(action: str) -> bool:
    key = fold(action)
    return bool(re.search(r"(?:" + "|".join(map(re.escape, _phrases("informative_actions"))) + r")\s+(?:nhung|cac|mot so)?"
                          r"[^.]{0,120}(?:sau|nhu sau|sau day)\s*:\s*$", key))


def _read(item: items.Item, context: Context, env: dict) -> Reading:
    text = env["text"]
    body, attributes = _split_attributes(item, text)
    action = collapse(body)
    reading = Reading(action=action, span=(item.start, item.end))
    reading.heading = bool(re.search(r"(?::|như sau|sau đây)\s*$", action)) and (
        len(action) < 400 or action.rstrip().endswith(":")) or (
        bool(item.children) and len(action) < 160 and not re.search(r"[.;]\s*$", action))
    found, said = _directive(action, env), action
    for clause in ((_last_sentence(action), _last_clause(action)) if reading.heading and not found else ()):
        found, said = _directive(clause, env), clause  # the heading's own deadline is in that clause only
        if found:
            break
    if not found:
        found, said = (_agency_heading(action, env) if reading.heading else None), action
    if found:
        reading.assignees, reading.modality = found
        reading.own = True
    elif attributes.get("lead"):
        lead = attributes["lead"]
        reading.assignees = [(n, "lead") for n in _names(lead[:agencies.phrase_end(lead, 0, len(lead))], env)]
        reading.assignees += [(n, "support") for n in _supports(lead, env)]
    elif reading.heading and not context.assignees and env.get("addressees") and _task_heading(action):
        reading.assignees = [(n, "lead") for n in env["addressees"]]  # a task heading that names nobody
    elif item.kind != "para" and context.assignees and _issuer_speaks(action, env):
        pass  # "Tổng cục Thuế sẽ nâng cấp ...": the issuer's own commitment is no task (SPEC §3 rule 5)
    elif item.kind != "para" and context.assignees and not _imperative(action) and not item.children:
        pass  # a sub-item that describes ("Các doanh nghiệp có ...") rather than instructs is no task
    elif item.kind != "para" and context.assignees and not _imperative(action):
        reading.assignees, reading.modality = list(context.assignees), context.modality
        reading.heading = True  # "I. Phạm vi ...": a section title over sub-items passes its context on
    elif item.kind != "para" and context.assignees:
        reading.assignees, reading.modality = list(context.assignees), context.modality
        opening = fold(action[:40])
        if re.search(r"(?:^|\s)(?:chu tri|phoi hop)", opening):  # "Chủ trì, phối hợp với Y" / "Tiếp tục phối hợp với Y"
            first_sentence = re.split(r"(?<=[.;])\s", action, maxsplit=1)[0]
            reading.assignees += [(n, "support") for n in _supports(first_sentence, env)]
    if attributes.get("support"):
        reading.assignees += [(n, "support") for n in _names(attributes["support"], env)]
    reading.deadline = _deadline(said if found else action, attributes.get("deadline"), env) or (
        context.deadline if not found else None)
    return reading


def _split_attributes(item: items.Item, text: str) -> tuple[str, dict]:
    """The item's own text without its "Cơ quan thực hiện: ..." / "Thời gian thực hiện: ..." lines."""
    body_lines, attributes = [], {}
    labels = {key: _phrases("attribute_lines", key) for key in ("lead", "support", "deadline")}
    for n, row in enumerate(item.rows):
        line = text[max(row.start, item.start) if n == 0 else row.start:row.end]
        key = fold(line.strip(" -+"))
        for name, words in labels.items():
            hit = next((w for w in words if re.match(re.escape(w) + r"\s*:", key)), None)
            if hit and n > 0:
                attributes[name] = line.strip(" -+")[line.strip(" -+").index(":") + 1:].strip()
                break
        else:
            body_lines.append(line)
    return "\n".join(body_lines), attributes


@cache
def _verbs() -> tuple[str, ...]:
    words = _data()["task_verbs"] + _data()["action_words"] + _data()["task_openers"]
    return tuple(sorted({fold(w) for w in words}, key=len, reverse=True))


def _imperative(action: str) -> bool:
    """The item opens with a verb, as an instruction does (after a "Về ...:" / "Đối với ...," lead-in)."""
    text = re.sub(r"^(?:về|đối với|riêng)\b[^:,.]{0,120}[:,]\s*", "", action.strip(), flags=re.IGNORECASE)
    text = fold(text.lstrip(" -+•*("))
    return any(text.startswith(v + " ") or text.startswith(v + ",") or text == v for v in _verbs())


def _issuer_speaks(action: str, env: dict) -> bool:
    issuer = env.get("issuer")
    return bool(issuer) and fold(action).startswith(fold(issuer) + " ")


def _split_at_second_directive(reading: Reading, env: dict) -> list[Reading]:
    """"...; đồng thời giao Sở Tài chính ..." starts a second task when its assignees differ (rule 3)."""
    key = fold(reading.action)
    for marker in _phrases("second_directive"):
        at = key.find(marker, 20)
        if at < 0:
            continue
        cut = at + 1 if marker.startswith((";", ".")) else at
        second_text = reading.action[cut:].strip()
        found = _directive(second_text, env)
        if not found or {n for n, _ in found[0]} == {n for n, _ in reading.assignees}:
            continue
        first = replace(reading, action=reading.action[:cut].strip(),
                        span=(reading.span[0], reading.span[0] + cut))
        first.deadline = _deadline(first.action, None, env) or (reading.deadline if not _deadline(second_text, None, env) else None)
        second = replace(reading, assignees=found[0], modality=found[1], action=second_text, own=True,
                         span=(reading.span[0] + cut, reading.span[1]), deadline=_deadline(second_text, None, env))
        return [first] + _split_at_second_directive(second, env)
    return [reading]


def _agency_heading(action: str, env: dict) -> tuple[list, str] | None:
    """A heading that is only the agencies it addresses ("1. Sở Y tế, UBND các huyện (sau đây gọi ...):")."""
    phrase = re.sub(r"\s*\([^)]*\)", "", action).rstrip(" :")
    if not agencies.opens_agency(phrase) or agencies.phrase_end(phrase, 0, len(phrase)) < len(phrase) - 2:
        return None
    names = _names(phrase, env)
    return ([(n, "lead") for n in names], "assign") if names else None


def _last_sentence(action: str) -> str:
    """The sentence (or ";"-clause) that a heading ends with: "... năm 2024; UBND huyện yêu cầu các cơ quan,
    đơn vị thực hiện một số nhiệm vụ, cụ thể như sau:"."""
    cut = max(action.rfind("; "), action.rfind(". "))
    return action[cut + 2:] if cut > 0 else action


def _last_clause(action: str) -> str:
    """The clause that a heading ends with ("..., Bộ GDĐT đề nghị các sở GDĐT thực hiện các nội dung sau:")."""
    cut = max(action.rfind(", ", 0, max(0, len(action) - 40)), action.rfind("; "), action.rfind(". "))
    return action[cut + 2:] if cut > 0 else action


@cache
def _verb_patterns(modality: str) -> tuple[re.Pattern, ...]:
    """One pattern per directive verb, in the lexicon's order (its first verb with an agency after it wins)."""
    return tuple(re.compile(r"(?:^|(?<=[\s,;]))" + re.escape(verb) + r"\s+")
                 for verb in _phrases("before_assignee", modality))


def _directive(action: str, env: dict) -> tuple[list, str] | None:
    """Assignees and modality of a directive in the item's first clause, if it has one."""
    head = action[:400]
    key = fold(head)
    for modality in ("request", "assign"):
        for verb_pattern in _verb_patterns(modality):
            for m in verb_pattern.finditer(key):
                names = _agency_after(head, m.end(), env)
                if names:
                    return names, modality
    verbs = _phrases("after_assignee", "assign")
    m = re.match(r"^\s*(.{3,160}?)\s+(?:" + "|".join(map(re.escape, verbs)) + r")\b", key)
    if m and agencies.opens_agency(head[:m.end(1)]) and agencies.phrase_end(head, 0, m.end(1)) >= m.end(1) - 1:
        names = _names(head[:m.end(1)], env)
        if names:
            leads = [(n, "lead") for n in names]
            return leads + [(n, "support") for n in _supports(head, env)], "assign"
    return None


def _agency_after(head: str, at: int, env: dict) -> list:
    if not agencies.opens_agency(head[at:at + 40]):
        return []
    end = agencies.phrase_end(head, at, len(head))
    names = _names(head[at:end], env)
    if not names:
        return []
    return [(n, "lead") for n in names] + [(n, "support") for n in _supports(head[end:], env)]


def _names(phrase: str, env: dict) -> list[str]:
    """Canonical assignees of a phrase, "Quý cơ quan" and short forms resolved to the recipients.

    The issuing body itself is no assignee (SPEC §3 rule 5: what it says it
    will do is not a task)."""
    key = fold(phrase).strip()
    if any(key.startswith(w) for w in _phrases("addressing_recipients")) and env["recipients"]:
        return list(env["recipients"])
    out = []
    for name in agencies.split(phrase):
        if env.get("issuer") and fold(name) == fold(env["issuer"]):
            continue
        out.append(_resolve(name, env["recipients"]))
    return [n for n in dict.fromkeys(out) if n]


def _resolve(name: str, recipients: list[str]) -> str:
    """"UBND huyện" written for the one recipient "Ủy ban nhân dân huyện Tân Trụ"; a short or abbreviated
    form of exactly one recipient ("Phòng LĐTB &XH huyện") is that recipient."""
    key = fold(name)
    matches = [r for r in recipients if fold(r).startswith(key + " ")]
    if len(matches) == 1:
        return matches[0]
    words = set(key.split())
    close = [r for r in recipients if fold(r).split()[:1] == key.split()[:1] and len(words) >= 2
             and len(words & set(fold(r).split())) >= 0.75 * len(words)]
    return close[0] if len(close) == 1 else name


def _supports(text: str, env: dict) -> list[str]:
    key = fold(text)
    for marker in _phrases("support_markers"):
        m = re.search(r"(?:^|\s)" + re.escape(marker) + r"\s+", key)
        if m and agencies.opens_agency(text[m.end():m.end() + 40]):
            end = agencies.phrase_end(text, m.end(), min(len(text), m.end() + 300))
            return _names(text[m.end():end], env)
    return []


def _deadline(action: str, attribute: str | None, env: dict) -> dict | None:
    for source in (attribute, action):
        if source:
            found = deadlines.find(source, issued=env["issued"], received=env["received"])
            if found:
                return found.value
    return None


@cache
def _self_mention_pattern() -> re.Pattern:
    """The letter naming itself, with the words that lead into it: "căn cứ các nội dung chỉ đạo tại Công văn này"."""
    lead_ins = "|".join(re.escape(w) for w in _phrases("self_mention_lead_ins"))
    mentions = "|".join(re.escape(w) for w in _phrases("self_mentions"))
    return re.compile(r"(?:(?:" + lead_ins + r")\s+)*(?:" + mentions + r")")


def _is_task(reading: Reading, env: dict) -> bool:
    """Not a closing formula, a condition, a courtesy, or a reply to a company or citizen."""
    key = fold(reading.action).strip(" ./")
    head = re.sub(r"[,()]", "", re.split(r"\.\s", key, maxsplit=1)[0][:160])
    if not key or any(head.startswith(p) or f" {p}" in head for p in _phrases("not_tasks")):
        return False
    if all(fold(n).startswith(_phrases("private_addressees")) for n, _ in reading.assignees):
        return False
    tail = fold(_after_assignees(reading.action)).strip(" ./")
    sentences = re.split(r"\.\s+", tail, maxsplit=1)
    if len(sentences) == 2 and len(sentences[1].split()) < 3:
        tail = sentences[0]  # a stray mark after the closing's full stop ("... thực hiện. gaa!" from OCR)
    tail = re.sub(r"\s+", " ", _self_mention_pattern().sub(" ", tail)).strip()
    words = tail.split()
    for closing in _phrases("closing_actions"):
        if reading.own and tail.endswith(closing) and len(words) <= len(closing.split()) + 4 and not reading.deadline:
            return False
    return len(key.split()) >= 4


def _after_assignees(action: str) -> str:
    """The action once its directive verb and agency phrase are taken off."""
    key = fold(action)
    m = re.match(r"^\W*(?:" + "|".join(map(re.escape, _phrases("before_assignee", "request") +
                                          _phrases("before_assignee", "assign"))) + r")\s+", key)
    start = m.end() if m else 0
    if agencies.opens_agency(action[start:start + 40]):
        start = agencies.phrase_end(action, start, len(action))
    return action[start:]


def _candidate(item: items.Item, reading: Reading, env: dict) -> Candidate:
    names = [{"name": n, "role": r} for n, r in reading.assignees]
    section = item.path
    key = "|".join([env["doc_id"], section, *sorted(n["name"] for n in names), reading.action])
    value = {"id": hashlib.sha256(key.encode("utf-8")).hexdigest()[:16], "section": section,
             "assignees": _unique(names), "action": reading.action, "deliver_to": _deliver_to(reading.action),
             "deadline": reading.deadline, "modality": reading.modality or "assign",
             "span": [reading.span[0], reading.span[1]],
             "confidence": MODEL_CONFIDENCE if reading.by_model else 0.7}
    if reading.by_model:
        return Candidate(value=value, span=reading.span, rule="model directive", confidence=MODEL_CONFIDENCE)
    return Candidate(value=value, span=reading.span, rule="item directive", confidence=0.7)


def _unique(names: list[dict]) -> list[dict]:
    seen, out = set(), []
    for n in names:
        if n["name"] not in seen:
            seen.add(n["name"])
            out.append(n)
    return out


def _deliver_to(action: str) -> list[str]:
    key = fold(action)
    for marker in _phrases("deliver_markers"):
        for m in re.finditer(r"(?:^|\s)" + re.escape(marker) + r"\s+", key):
            if agencies.opens_agency(action[m.end():m.end() + 30]) and action[m.end()].isupper():
                end = agencies.phrase_end(action, m.end(), min(len(action), m.end() + 200))
                cut = re.search(r"\s(?:trước|chậm nhất|trong|để|theo)\s", action[m.end():end])
                end = m.end() + cut.start() if cut else end
                return agencies.split(action[m.end():end])
    return []


def implementers(distribution: list[dict]) -> list[str]:
    """Nơi nhận entries whose note says they carry the letter out ("Tổng cục Thuế (để thực hiện)")."""
    notes = _phrases("implementer_notes")
    out = []
    for entry in distribution:
        note = fold(entry.get("note") or "").strip(" .")
        if note and any(note == n or note.startswith(n + " ") for n in notes):
            out.append(agencies.canonical(entry["name"]))
    return out


def _table_rows(text: str, body: tuple[int, int], env: dict) -> list[Candidate]:
    """Rows of a task table ("STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành")."""
    from extractors.tables import task_rows

    out = []
    for row in task_rows(text, *body):
        leads = [(n, "lead") for n in _names(row["lead"], env)] if row.get("lead") else []
        supports = [(n, "support") for n in _names(row["support"], env)] if row.get("support") else []
        if not leads:
            continue
        deadline = _deadline(row.get("deadline") or "", None, env) if row.get("deadline") else None
        reading = Reading(assignees=leads + supports, modality="assign", action=collapse(row["content"]),
                          span=row["span"], deadline=deadline)
        item = items.Item(kind="row", label=row["label"], start=row["span"][0], end=row["span"][1],
                          line_start=row["span"][0])
        out.append(_candidate(item, reading, env))
    return out
