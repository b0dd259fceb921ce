"""The three shapes plans give their tasks, read from the document's outline.

* **Labelled lines** (the Quảng Ngãi 2019 plan): a numbered item, then "- Thời gian thực
  hiện: …", "- Cơ quan chủ trì: …", "- Cơ quan phối hợp: …". An item with such lines is a
  task; its numbered children, if any, are tasks sharing them; an item without lines
  that has children is a heading; a leaf without lines is a task nobody was given.
* **Agency-grouped prose** ("V. Tổ chức thực hiện — 1. Sở Tài chính: a) Chủ trì, phối hợp
  với …; b) Phối hợp với …"): the heading names the agency, a role sub-heading (or the
  item's own first words) gives its role, and partners are the bodies named after
  "phối hợp với". A sentence that opens with agencies ("Bộ Y tế chủ trì …") names its
  own lead.
* **Appendix tables** (STT / Nhiệm vụ / Cơ quan chủ trì / … / Thời gian): see `tables.py`.

Sections of purpose, requirements, scope or funding hold no tasks; goals sections give
plan-level targets. Measures sections ("Nhiệm vụ, giải pháp") without any agency line
are imported only when the plan assigns its work nowhere else.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..messages import Msg, msg
from . import targets as target_finder
from . import timephrase
from .agencies import Book, Registry
from .blocks import Cell, Origin, Para, Row
from .draft import DraftTask
from .outline import Label, Node
from .tables import Grid, Record, looks_like_number

# Words of a section title → what the section holds.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("agency", re.compile(r"TỔ CHỨC THỰC HIỆN|PHÂN CÔNG|TRÁCH NHIỆM|CHẾ ĐỘ BÁO CÁO", re.I)),
    ("measures", re.compile(r"NHIỆM VỤ|GIẢI PHÁP|NỘI DUNG|HOẠT ĐỘNG|CHƯƠNG TRÌNH, DỰ ÁN|DỰ ÁN", re.I)),
    ("goals", re.compile(r"MỤC TIÊU|CHỈ TIÊU", re.I)),
)
_ENUMERATION = re.compile(
    r"(?:cụ\s+thể|như\s+sau|sau\s+đây|các\s+nhiệm\s+vụ\s+sau|gồm\s+các\s+nhiệm\s+vụ)\s*:\s*$", re.I
)
_ROLE = re.compile(r"^(?P<role>chủ\s+trì|phối\s+hợp)\b", re.I)
_PARTNERS = re.compile(r"phối\s+hợp(?:\s+chặt\s+chẽ)?(?:\s+(?:với|cùng))?\s+", re.I)
_REQUEST = re.compile(r"^(?:Đề\s+nghị|Khuyến\s+khích|Giao|Yêu\s+cầu)\s+", re.I)
# Said of a task whose lead is the subject of its own sentence ("Bộ Y tế chủ trì …").
_SUBJECT_NOTE = msg("The agency is named in the text itself (the subject of the sentence).")


def section_kind(title: str) -> str:
    for kind, pattern in _KINDS:
        if pattern.search(title):
            return kind
    return "other"


@dataclass
class Role:
    lead: list[str]
    partners: list[str]
    printed: str | None = None
    reviews: list[Msg] = field(default_factory=list)


@dataclass
class Context:
    book: Book
    registry: Registry
    plan_date: dt.date | None
    tasks: list[DraftTask] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)
    goals: list[dict[str, Any]] = field(default_factory=list)
    goal_reviews: dict[str, list[Msg]] = field(default_factory=dict)
    events: dict[str, str] = field(default_factory=dict)
    count_units: set[str] = field(default_factory=set)
    skipped: list[str] = field(default_factory=list)
    _ids: set[str] = field(default_factory=set)

    def unique(self, ident: str) -> str:
        out, n = ident, 2
        while out in self._ids:
            out = f"{ident}-{n}"
            n += 1
        self._ids.add(out)
        return out


# --- ids ---------------------------------------------------------------------------------


def assign_ids(root: Node) -> dict[int, str]:
    """A unique id for every node: the printed numbering along its path ("II.2.đ")."""
    ids: dict[int, str] = {}
    used: set[str] = set()

    def visit(node: Node, prefix: str) -> None:
        for child in node.children:
            key = child.key
            if child.style == "dieu" or (child.style == "part" and not key):
                ident = prefix
            else:
                ident = f"{prefix}.{key}" if prefix else key
                base, n = ident, 2
                while ident in used:
                    ident = _bump(base, n)
                    n += 1
                used.add(ident)
            ids[id(child)] = ident
            visit(child, ident)

    visit(root, "")
    return ids


def _bump(ident: str, n: int) -> str:
    return f"{ident}-{n}"


# --- the walk ------------------------------------------------------------------------------


def extract(root: Node, ctx: Context) -> None:
    ids = assign_ids(root)
    tops = [n for n in root.walk() if n.style in ("roman", "part")]
    has_table = any(_grid_of(n, ctx) is not None for n in root.walk() if n.rows)
    for node in root.walk():
        if node.style in ("roman", "part") or (node.children and node.style != "root" and node.style != "dieu"):
            if ids.get(id(node)) and (node.text or (node.style == "part" and node.key)):
                _section(ctx, node, ids)
    for top in tops or [root]:
        if top.style == "root" and tops:
            continue
        kind = section_kind(top.text) if top.style != "root" else "measures"
        ident = ids.get(id(top), "")
        if top.rows:
            _tables(top, ident, ctx)
        for sub in top.walk()[1:]:
            if sub.rows:
                _tables(sub, ids.get(id(sub), ident), ctx)
        if kind == "agency":
            _agency_section(top, ids, ctx)
        elif kind == "measures":
            labelled = any(n.labels for n in top.walk())
            if labelled or not has_table:
                _labelled_section(top, ids, ctx, labelled)
            elif top.children:
                ctx.skipped.append(
                    f"{ident} ({_short(top.text)}): {len(_leaves(top))} items without agencies, not tasks "
                    "(the plan's appendix table assigns this work)"
                )
        elif kind == "goals":
            _goals(top, ids, ctx)
    for node in root.walk():
        if node.style == "dieu" and re.match(r"^Giao\s", node.text):
            ids[id(node)] = "QĐ." + re.sub(r"\D", "", node.key)
            _prose_task(ctx, node, ids, _full_text(node), None, None)
    known = {s["id"] for s in ctx.sections}
    for task in ctx.tasks:
        section = task.section
        while section and section not in known:
            section = section.rsplit(".", 1)[0] if "." in section else None
        task.section = section
    ctx.tasks = [t for t in ctx.tasks if t.title.strip(" .;:*")]
    ctx.tasks.sort(key=lambda t: t.line)


def _short(text: str, n: int = 50) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _leaves(node: Node) -> list[Node]:
    return [n for n in node.walk()[1:] if not n.children]


def _section(ctx: Context, node: Node, ids: dict[int, str]) -> None:
    ident = ids[id(node)]
    if any(s["id"] == ident for s in ctx.sections):
        return
    entry: dict[str, Any] = {"id": ident}
    parent = node.parent
    while parent is not None and parent.style in ("dieu",):
        parent = parent.parent
    if parent is not None and ids.get(id(parent)) and ids[id(parent)] != ident:
        entry["parent"] = ids[id(parent)]
    entry["number_as_printed"] = node.mark if node.style != "part" else node.key
    if node.style == "part":
        entry["title"] = " – ".join(p.text for p in node.paras[:2])
    else:
        entry["title"] = node.text.rstrip(":")
    if not entry["title"]:
        entry["title"] = " ".join(p.text for p in node.cont[:1]) or node.mark
    ctx.sections.append(entry)


def _origin_of(node: Node) -> Origin:
    paras = node.paras + [lab.para for lab in node.labels] + [p for lab in node.labels for p in lab.items]
    first = paras[0].origin
    last = max((p.origin for p in paras), key=lambda o: o.last)
    return first.span(last)


def _ref(ident: str, origin: Origin, where: str | None = None) -> str:
    return f"{ident} ({where or origin.label()})" if ident else origin.label()


def _new_task(ctx: Context, ident: str, title: str, origin: Origin, section: str | None) -> DraftTask:
    task = DraftTask(id=ctx.unique(ident or "task"), title=title, ref=_ref(ident, origin), section=section)
    task.line = _sort_key(origin)
    return task


def _sort_key(origin: Origin) -> int:
    page = origin.page or 0
    table = origin.table or 0
    if page and table:  # a PDF table row: `first` is its place among the page's lines
        return page * 1_000_000 + origin.first
    return (
        page * 1_000_000 + table * 10_000 + (origin.row or 0) * 10 + origin.first
        if table
        else page * 1_000_000 + origin.first
    )


def _section_of(node: Node, ids: dict[int, str]) -> str | None:
    parent = node.parent
    while parent is not None and parent.style == "dieu":
        parent = parent.parent
    return ids.get(id(parent)) if parent is not None else None


# --- agencies on a task ---------------------------------------------------------------


_QUALIFIER = re.compile(r"^(?P<name>.*\S)\s*\((?P<q>[^()]{3,120})\)$")


def _names(ctx: Context, text: str, where: str, task: DraftTask | None = None) -> list[str]:
    """The agencies of a printed list, each added to the registry.

    With `task`, a closing parenthesis that says what part the agency takes ("Bộ Y tế
    (chủ trì phần chuyên môn)", "UBND các tỉnh (mạng lưới địa phương)") is not part of
    its name: the name is kept without it and the parenthesis goes into the task's notes.
    """
    out: list[str] = []
    for name in ctx.book.split(text):
        name = name.strip(" .;,:")
        q = _QUALIFIER.match(name) if task is not None else None
        if q and task is not None and ctx.book.looks_like_agency(q.group("name")):
            name = q.group("name")
            task.notes.append(
                msg('Printed "{printed}": the parenthesis says what part {name} takes.', printed=q.group(0), name=name)
            )
        if name and name not in out:
            ctx.registry.add(name, where)
            out.append(name)
    return out


def _set_owners(ctx: Context, task: DraftTask, lead: list[str], partners: list[str], where: str) -> None:
    for name in lead + partners:
        ctx.registry.add(name, where)
    lead_keys = [ctx.registry.add(n, where).id for n in lead]
    kept: list[str] = []
    for p in partners:
        agency = ctx.registry.add(p, where)
        if agency.id in lead_keys:
            task.notes.append(msg('"{name}" is printed both as lead and as partner; kept as lead only.', name=p))
            task.review("partners", "owner", msg('"{name}" printed as lead and as partner', name=p))
        elif agency.id in [ctx.registry.add(k, where).id for k in kept]:
            task.notes.append(msg('"{name}" is printed twice among the partners.', name=p))
        else:
            kept.append(p)
    uniq_lead: list[str] = []
    for n in lead:
        if ctx.registry.add(n, where).id not in [ctx.registry.add(u, where).id for u in uniq_lead]:
            uniq_lead.append(n)
    task.lead, task.partners = uniq_lead, kept


# --- schedules, targets -------------------------------------------------------------------


def _apply_schedule(ctx: Context, task: DraftTask, reading: timephrase.Reading, source: str) -> None:
    sched = dict(reading.schedule)
    for rev in reading.reviews:
        task.review("schedule", "time", rev)
    for ev_id, ev_name in reading.events:
        ctx.events.setdefault(ev_id, ev_name)
    due = timephrase.due_date(sched)
    if due is not None and ctx.plan_date is not None and due < ctx.plan_date:
        task.review(
            "schedule",
            "time",
            msg("'{text}' falls due {due}, before the plan's date", text=sched.get("text"), due=due.isoformat()),
        )
        task.notes.append(
            msg(
                'Time printed "{text}" ({where}); it ends before the plan was issued.',
                text=sched.get("text"),
                where=source,
            )
        )
        sched = {"kind": "none", "text": sched.get("text")}
    if sched.get("kind") == "relative" and sched.get("from") == "received":
        task.notes.append(msg("Counted from the day the plan is received (plan.received); without it, from plan.date."))
    task.schedule = sched


def _apply_targets(ctx: Context, task: DraftTask, text: str, by: dt.date | None) -> None:
    year = re.search(r"(?:đến|vào|trong)\s+năm\s+((?:19|20)\d\d)", timephrase.mask_citations(text))
    when = by if by is not None else (dt.date(int(year.group(1)), 12, 31) if year else None)
    for found in target_finder.find(text, when.isoformat() if when else None):
        if any(t["value"] == found.target["value"] and t["unit"] == found.target["unit"] for t in task.targets):
            continue
        metric = found.target["metric"]
        n = 2
        while any(t["metric"] == found.target["metric"] for t in task.targets):
            found.target["metric"] = f"{metric}_{n}"
            n += 1
        task.targets.append(found.target)
        for rev in found.reviews:
            task.review("targets", "target", rev)
        if found.count_unit:
            ctx.count_units.add(found.count_unit)


# --- labelled lines -------------------------------------------------------------------


def _labelled_section(top: Node, ids: dict[int, str], ctx: Context, labelled: bool) -> None:
    for child in top.children:
        _labelled(child, ids, ctx, inherited=[], labelled=labelled)


def _labelled(node: Node, ids: dict[int, str], ctx: Context, inherited: list[Label], labelled: bool) -> None:
    labels = node.labels or inherited
    children = [c for c in node.children]
    if node.labels and children:
        # "b) … các chương trình, kế hoạch cụ thể sau đây:" — each child shares the lines.
        for child in children:
            _labelled(child, ids, ctx, inherited=node.labels, labelled=labelled)
        return
    if children and not node.labels:
        for child in children:
            _labelled(child, ids, ctx, inherited=inherited, labelled=labelled)
        return
    ident = ids[id(node)]
    title, heading = _title(node)
    origin = _origin_of(node)
    task = _new_task(ctx, ident, title, origin, _section_of(node, ids))
    where = origin.label()
    if heading:
        task.notes.append(
            msg(
                'Under the sub-heading "{mark} {heading}" ({where}).',
                mark=node.mark,
                heading=heading,
                where=node.head.origin.label() if node.head else where,
            )
        )
    if inherited and not node.labels:
        parent = node.parent
        intro = parent.text if parent else ""
        task.notes.append(
            msg(
                'One of the items listed under "{intro}"; the time and agency lines of that item apply.',
                intro=_short(intro, 90),
            )
        )
        task.ref = _ref(ident, origin.span(inherited[-1].para.origin) if inherited else origin)
    if node.style.startswith("bullet") and node.parent is not None and len(node.parent.children) == 1:
        task.notes.append(
            msg('The only item "{mark}" under {parent}.', mark=node.mark, parent=ids.get(id(node.parent), ""))
        )
    _fill_from_labels(ctx, task, labels, title, where)
    if not any(lab.kind in ("lead",) for lab in labels):
        names, _ = ctx.book.names_in_sentence(_REQUEST.sub("", title))
        if names and labelled is False:
            _set_owners(ctx, task, _names(ctx, " ; ".join(names), where), [], where)
            task.notes.append(_SUBJECT_NOTE)
        elif names and re.match(r"^(?:Các|Thủ trưởng)\b", title) is None and labelled:
            task.review(
                "lead", "owner", msg("no agency line; the sentence opens with an agency name: check whether it leads")
            )
        if names and labelled and re.match(r"^(?:Các|Thủ trưởng)\b", title):
            _set_owners(ctx, task, _names(ctx, " ; ".join(names), where), [], where)
            task.notes.append(_SUBJECT_NOTE)
        if not task.lead:
            task.review("lead", "owner", msg("the source names no agency for this item (lead: [])"))
    ctx.tasks.append(task)


def _title(node: Node) -> tuple[str, str | None]:
    """The task's text, and the sub-heading it sits under when the item is one."""
    text = node.text
    cont = [p.text for p in node.cont]
    words = len(text.split())
    if cont and words <= 12 and not re.search(r"[.;:!?]$", text):
        return " ".join(cont), text
    return " ".join([text, *cont]).strip(), None


def _fill_from_labels(ctx: Context, task: DraftTask, labels: list[Label], title: str, where: str) -> None:
    time = next((lab for lab in labels if lab.kind == "time"), None)
    lead = [lab for lab in labels if lab.kind == "lead"]
    partners = [lab for lab in labels if lab.kind == "partners"]
    lead_names: list[str] = []
    partner_names: list[str] = []
    for lab in lead:
        lead_names += _names(ctx, lab.value, where, task)
        if re.search(r"thực\s+hiện", lab.printed, re.I) and not re.search(r"chủ\s+trì", lab.printed, re.I):
            task.notes.append(msg('The agency line is printed "{printed}"; encoded as the lead.', printed=lab.printed))
    for lab in partners:
        partner_names += _names(ctx, lab.value, where, task)
    _set_owners(ctx, task, lead_names, partner_names, where)
    if lead and not lead_names:
        task.review("lead", "owner", msg('the line "{text}" names no agency', text=lead[0].printed))
    for lab in labels:
        if lab.kind == "product" and lab.value:
            task.product = lab.value.rstrip(".;")
        elif lab.kind == "funding" and lab.value:
            task.funding = lab.value.rstrip(".;")
    by: dt.date | None = None
    if time is not None and time.items:
        _milestones(ctx, task, time)
        by = timephrase.due_date(task.schedule)
    elif time is not None:
        reading = timephrase.parse(time.value)
        _apply_schedule(ctx, task, reading, time.para.origin.label())
        if time.qualifier:
            task.notes.append(
                msg(
                    'The time line is printed "{printed}: {value}".', printed=time.printed, value=time.value.rstrip(".")
                )
            )
            task.review("schedule", "time", msg('the time line says what it is for: "{text}"', text=time.printed))
        by = timephrase.due_date(task.schedule)
        _apply_targets(ctx, task, time.value, by)
    else:
        found = timephrase.find_in_sentence(title)
        if found is not None:
            _apply_schedule(ctx, task, found[1], where)
        by = timephrase.due_date(task.schedule)
    _apply_targets(ctx, task, title, None)


def _milestones(ctx: Context, task: DraftTask, time: Label) -> None:
    milestones = []
    for i, item in enumerate(time.items, start=1):
        text = re.sub(r"^[+•]\s*", "", item.text).rstrip(" ;.")
        reading = timephrase.parse(text)
        due = timephrase.due_date(reading.schedule)
        if due is None:
            task.review("schedule", "time", msg("milestone '{text}' has no date", text=_short(text)))
            continue
        phrase = re.search(r"(?:trong|đến|trước)?\s*năm\s+\d{4}|quý\s+\S+\s*(?:/|năm)\s*\d{4}", text, re.I)
        milestones.append({"id": str(i), "title": text, "by": due, "text": phrase.group(0).strip() if phrase else text})
        _apply_targets(ctx, task, text, due)
    if milestones:
        task.schedule = {"kind": "milestones", "milestones": milestones}
        task.notes.append(msg('The time is printed as "+" sub-items; each is a milestone.'))
    else:
        task.schedule = {"kind": "none", "text": " ".join(p.text for p in time.items)}


# --- agency-grouped prose ---------------------------------------------------------------


def _agency_section(top: Node, ids: dict[int, str], ctx: Context) -> None:
    for child in top.children:
        _agency_child(child, ids, ctx)
    if top.cont and not top.children:
        _prose_task(ctx, top, ids, " ".join(p.text for p in top.cont), None, None)


def _heading_agency(ctx: Context, node: Node) -> tuple[list[str], str] | None:
    """The agencies a heading names, and the task text printed after them on its line."""
    where = node.head.origin.label() if node.head else ""
    lead = node.head.bold_lead if node.head else None
    if lead:
        bare = re.sub(r"^(?:[IVXL]+\.|\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\))\s*", "", lead).strip().rstrip(":")
        rest = node.text[len(node.text) - len(node.head.text) + len(lead) :] if node.head else ""
        rest = node.head.text[len(lead) :].strip() if node.head and node.head.text.startswith(lead) else rest
        if bare and ctx.book.looks_like_agency(_REQUEST.sub("", bare)):
            return _names(ctx, _REQUEST.sub("", bare), where), rest
    text = _REQUEST.sub("", node.text).strip()
    bare = text.rstrip(":").strip()
    if not bare:
        return None
    names, end = ctx.book.names_in_sentence(bare)
    if names and end >= len(bare.rstrip(" .")) - 1:
        return _names(ctx, " ; ".join(names), where), ""
    head_colon = re.match(r"^(?P<who>[^:]{3,200}):\s*(?P<rest>.+)$", text)
    if head_colon and ctx.book.looks_like_agency(head_colon.group("who")):
        who, end2 = ctx.book.names_in_sentence(head_colon.group("who"))
        if who and end2 >= len(head_colon.group("who").rstrip()) - 1:
            return _names(ctx, " ; ".join(who), where), head_colon.group("rest")
    return None


def _where(node: Node) -> str:
    """Where `node` is printed ("dòng 12–14"), for the notes of the agencies it names."""
    return node.head.origin.label() if node.head else ""


def _agency_child(node: Node, ids: dict[int, str], ctx: Context) -> None:
    owners = _heading_agency(ctx, node)
    if owners is None:
        # Not an agency: a sub-heading ("2. Phân công thực hiện Kế hoạch") or a task whose
        # sentence names its own lead.
        subject, _ = ctx.book.names_in_sentence(_REQUEST.sub("", node.text))
        if node.children and subject:
            # "m) Ủy ban nhân dân các tỉnh … chịu trách nhiệm …, cụ thể:" and its bullets.
            owners_of_children = _names(ctx, " ; ".join(subject), _where(node))
            if not _ENUMERATION.search(node.text) or len(node.text.split()) > 25:
                _prose_task(ctx, node, ids, " ".join([node.text, *[p.text for p in node.cont]]), None, None)
            for child in node.children:
                _agency_item(child, ids, ctx, owners_of_children, None)
            return
        if node.children:
            if node.cont:
                _prose_task(ctx, node, ids, " ".join(p.text for p in node.cont), None, None)
            for child in node.children:
                _agency_child(child, ids, ctx)
            return
        _prose_task(ctx, node, ids, _full_text(node), None, None)
        return
    agency, inline = owners
    if inline:
        text = " ".join([inline, *[p.text for p in node.cont]])
        _prose_task(ctx, node, ids, text, agency, None)
        for child in node.children:
            _agency_item(child, ids, ctx, agency, None)
        return
    intro_role: Role | None = None
    free: list[Para] = []
    for p in node.cont:
        role = _role_heading(ctx, p.text, agency, p.origin.label()) if node.children else None
        if role is not None:
            intro_role = role
        elif not (node.children and p.text.rstrip().endswith(":")):
            free.append(p)
    if free:
        _prose_task(ctx, node, ids, " ".join(p.text for p in free), agency, None, paras=free)
    for child in node.children:
        _agency_item(child, ids, ctx, agency, intro_role)


def _full_text(node: Node) -> str:
    parts = [node.text, *[p.text for p in node.cont]]
    for child in node.children:
        parts.append(f"{child.mark} {_full_text(child)}")
    return " ".join(x for x in parts if x)


def _role_heading(ctx: Context, text: str, agency: list[str], where: str) -> Role | None:
    """ "Chủ trì, phối hợp với các sở, ngành …" with nothing after the names: a role."""
    body = re.sub(r"^(?:[a-zđ]\)|[-+•*])\s*", "", text).strip().rstrip(":").strip()
    m = _ROLE.match(body)
    if not m:
        return None
    rest = body[m.end() :].lstrip(" ,")
    named: list[str] = []
    p = _PARTNERS.search(body)
    if p:
        tail = body[p.end() :]
        names, end = ctx.book.names_in_sentence(tail)
        if tail.strip() and end < len(tail.rstrip(" .")) - 1:
            return None
        named = _names(ctx, " ; ".join(names), where)
    elif rest:
        return None
    if m.group("role").lower().startswith("chủ"):
        return Role(list(agency), named, body)
    return Role(named, list(agency), body, [] if named else [msg("'Phối hợp' under this agency names no lead")])


def _agency_item(node: Node, ids: dict[int, str], ctx: Context, agency: list[str], role: Role | None) -> None:
    text = " ".join([node.text, *[p.text for p in node.cont]]).strip()
    sub_role = _role_heading(ctx, text, agency, _where(node))
    if sub_role is not None and node.children:
        for child in node.children:
            _agency_item(child, ids, ctx, agency, sub_role)
        return
    if node.children and _ENUMERATION.search(text):
        subject, _ = ctx.book.names_in_sentence(_REQUEST.sub("", node.text))
        owners = _names(ctx, " ; ".join(subject), _where(node)) if subject else agency
        for child in node.children:
            _agency_item(child, ids, ctx, owners, role)
        return
    if node.children:
        text = _full_text(node)
    _prose_task(ctx, node, ids, text, agency, role)


def _prose_task(
    ctx: Context,
    node: Node,
    ids: dict[int, str],
    text: str,
    agency: list[str] | None,
    role: Role | None,
    paras: list[Para] | None = None,
) -> None:
    text = text.strip()
    if not text:
        return
    ident = ids.get(id(node), "")
    origin = _origin_of(node) if paras is None else paras[0].origin.span(paras[-1].origin)
    where = origin.label()
    task = _new_task(ctx, ident, text, origin, _section_of(node, ids) if paras is None else ident)
    body = _REQUEST.sub("", re.sub(r"^(?:[a-zđ]\)|[-+•*])\s*", "", text))
    subject, _ = ctx.book.names_in_sentence(body)
    lead: list[str] = []
    partners: list[str] = []
    if role is not None:
        lead, partners = role.lead, role.partners
        task.role_as_printed = role.printed
        own = _partners_in(ctx, body, where)
        if own and role.partners == list(agency or []):
            # "b) Phối hợp với …" then "- Chủ động phối hợp với các Sở, ngành …": the item names its lead.
            lead = own
        for r in role.reviews:
            task.review("lead", "owner", r)
        if not role.lead:
            task.notes.append(msg('The role sub-heading says "Phối hợp" and names no lead (lead: []).'))
    elif subject and not _ROLE.match(body):
        lead = _names(ctx, " ; ".join(subject), where)
        task.notes.append(_SUBJECT_NOTE)
        partners = _partners_in(ctx, body, where)
    elif agency is not None:
        m = _ROLE.match(body)
        if m and m.group("role").lower().startswith("phối"):
            after = _PARTNERS.match(body)
            named = ctx.book.names_in_sentence(body[after.end() :])[0] if after else []
            lead = _names(ctx, " ; ".join(named), where) if named else []
            partners = list(agency)
            task.role_as_printed = "Phối hợp với" if after and "với" in after.group(0) else "Phối hợp"
            if not lead:
                task.notes.append(msg('"Phối hợp" under this agency, and no lead is named (lead: []).'))
                task.review("lead", "owner", msg("a 'Phối hợp' item names no lead"))
        else:
            lead = list(agency)
            partners = _partners_in(ctx, body, where)
    if agency is None and not subject:
        task.review("lead", "owner", msg("the source names no agency for this item (lead: [])"))
    _set_owners(ctx, task, lead, partners, where)
    found = timephrase.find_in_sentence(body)
    if found is not None:
        _apply_schedule(ctx, task, found[1], where)
    _apply_targets(ctx, task, body, timephrase.due_date(task.schedule))
    ctx.tasks.append(task)


def _partners_in(ctx: Context, body: str, where: str) -> list[str]:
    m = _PARTNERS.search(body)
    if not m:
        return []
    names, _ = ctx.book.names_in_sentence(body[m.end() :])
    return _names(ctx, " ; ".join(names), where) if names else []


# --- goals ----------------------------------------------------------------------------


_GOAL_WORDS = re.compile(r"mục\s+tiêu|chỉ\s+tiêu|định\s+hướng|tầm\s+nhìn", re.I)


def _goals(top: Node, ids: dict[int, str], ctx: Context) -> None:
    for node in top.walk()[1:]:
        text = " ".join([node.text, *[p.text for p in node.cont]])
        parent = node.parent
        if (
            node.style == "bullet:-"
            and not node.children
            and parent is not None
            and parent is not top
            and not _GOAL_WORDS.search(parent.text)
            and not target_finder.find(text)
        ):
            # "3. Phát triển dịch vụ hỗ trợ xuất khẩu" under the targets: measures, not goals.
            _prose_task(ctx, node, ids, text, None, None)
            continue
        if node.children and not re.search(r"\d", node.text):
            continue
        year = re.search(r"đến\s+năm\s+((?:19|20)\d\d)", timephrase.mask_citations(text)) or _heading_year(node)
        by = f"{year.group(1)}-12-31" if year else None
        for i, found in enumerate(target_finder.find(text, by), start=1):
            ident = ctx.unique(
                f"{ids[id(node)]}.{i}" if i > 1 or len(target_finder.find(text, by)) > 1 else ids[id(node)]
            )
            goal = {"id": ident, **found.target, "ref": _ref(ids[id(node)], _origin_of(node))}
            goal.pop("metric", None)
            goal = {"id": ident, "metric": found.target["metric"], **{k: v for k, v in goal.items() if k != "id"}}
            ctx.goals.append(goal)
            if found.reviews:
                ctx.goal_reviews[ident] = found.reviews
            if found.count_unit:
                ctx.count_units.add(found.count_unit)


def _heading_year(node: Node) -> re.Match[str] | None:
    parent = node.parent
    while parent is not None:
        m = re.search(r"đến\s+năm\s+((?:19|20)\d\d)", parent.text)
        if m:
            return m
        parent = parent.parent
    return None


# --- tables ---------------------------------------------------------------------------


def _scorer(ctx: Context) -> Any:
    def score(col: str, cell: Cell) -> float:
        text = cell.text
        first = cell.lines[0] if cell.lines else text
        if col in ("lead", "partners"):
            return 2.5 if ctx.book.looks_like_agency(first) and len(text) < 400 else -2.0
        if col == "time":
            ok = len(text) < 220 and timephrase.parse(text).kind != "none"
            return 3.0 if ok else -1.5
        if col == "status":
            return (
                1.5
                if re.search(r"thực\s+hiện\s+mới|chuyển\s+tiếp|đang\s+(?:triển\s+khai|thực\s+hiện)", text, re.I)
                else -1.0
            )
        if col == "funding":
            return 1.5 if re.search(r"ngân\s+sách|nguồn|vốn|^[IVX]+(?:\s*,\s*[IVX]+)*$", text) else -1.0
        if col in ("task", "content", "product"):
            return 0.5 if not ctx.book.looks_like_agency(first) or len(text) > 150 else -0.5
        return 0.2

    return score


def _grid_of(node: Node, ctx: Context) -> Grid | None:
    for row in node.rows:
        grid = Grid.detect(row, _scorer(ctx))
        if grid is not None:
            return grid
    return None


def _tables(node: Node, prefix: str, ctx: Context) -> None:
    by_table: dict[int, list[Row]] = {}
    for row in node.rows:
        by_table.setdefault(row.table, []).append(row)
    for rows in by_table.values():
        _table(rows, prefix, ctx)
    node.rows = []


def _table(rows: list[Row], prefix: str, ctx: Context) -> None:
    score = _scorer(ctx)
    grid: Grid | None = None
    records: list[Record] = []
    for row in rows:
        if grid is None:
            grid = Grid.detect(row, score)
            continue
        if grid.is_header_again(row):
            continue
        records.extend(grid.read(row))
    if grid is None:
        return
    stack: list[tuple[str, str]] = []  # (style, id)
    groups: list[tuple[str, list[Record]]] = []
    unnumbered = 0
    for rec in records:
        if rec.kind == "section":
            label = (rec.number or "").rstrip(".")
            style = _label_style(label)
            while stack and (stack[-1][0] == style or _deeper(stack[-1][0], style)):
                stack.pop()
            parent = stack[-1][1] if stack else prefix
            ident = f"{parent}.{label}" if parent else label
            stack.append((style, ident))
            title = rec.cells["task"].text
            if not any(s["id"] == ident for s in ctx.sections):
                entry = {"id": ident, "parent": parent, "number_as_printed": label, "title": title}
                if not parent:
                    entry.pop("parent")
                ctx.sections.append(entry)
            continue
        base = stack[-1][1] if stack else prefix
        if rec.number is not None:
            groups.append((f"{base}.{rec.number}" if base else rec.number, [rec]))
        elif rec.continues and groups:
            groups[-1][1].append(rec)
        else:
            unnumbered += 1
            groups.append((f"{base}.row-{unnumbered}" if base else f"row-{unnumbered}", [rec]))
    for ident, recs in groups:
        for i, rec in enumerate(recs, start=1):
            _table_task(ctx, f"{ident}.{i}" if len(recs) > 1 else ident, rec, recs[0], i, len(recs))


_STYLE_ORDER = ("upper", "roman", "arabic")


def _label_style(label: str) -> str:
    if re.fullmatch(r"[IVXL]+", label):
        return "roman"
    if re.fullmatch(r"[A-ZĐ]", label):
        return "upper"
    return "arabic"


def _deeper(open_style: str, new: str) -> bool:
    """Whether the open section is deeper than a new one of style `new` (so it closes)."""
    if open_style in _STYLE_ORDER and new in _STYLE_ORDER:
        return _STYLE_ORDER.index(open_style) > _STYLE_ORDER.index(new)
    return False


_COLUMN_WORDS = {
    "lead": "chủ trì",
    "partners": "phối hợp",
    "group": "nhóm",
    "time": "thời gian",
    "product": "sản phẩm",
    "funding": "kinh phí",
    "content": "nội dung",
    "status": "tình trạng",
    "task": "nhiệm vụ",
}


def _table_task(ctx: Context, ident: str, rec: Record, first: Record, n: int, of: int) -> None:
    cells = rec.cells
    title = cells["task"].text
    origin = rec.origin
    where = f"bảng {rec.table}, {origin.label()}" if origin.table is None else origin.label()
    section = ident.rsplit(".", 1)[0] if "." in ident else None
    task = _new_task(ctx, ident, title, origin, section)
    task.ref = f"{ident} ({where})"
    task.line = _sort_key(origin)
    lead = _names(ctx, " ; ".join(cells["lead"].lines or [cells["lead"].text]), where, task) if "lead" in cells else []
    partners = (
        _names(ctx, " ; ".join(cells["partners"].lines or [cells["partners"].text]), where, task)
        if "partners" in cells
        else []
    )
    _set_owners(ctx, task, lead, partners, where)
    if rec.inherited:
        row_of = first.origin.label()
        cols = ", ".join(_COLUMN_WORDS.get(c, c) for c in rec.inherited)
        task.notes.append(
            msg(
                "Continuation row {number} of {count}: the merged cells ({columns}) of the row at {row} apply to it.",
                number=n,
                count=of,
                columns=cols,
                row=row_of,
            )
        )
    if not lead:
        task.review("lead", "owner", msg("no lead cell read for this row"))
    if "time" in cells:
        _apply_schedule(ctx, task, timephrase.parse(cells["time"].text), cells["time"].origin.label())
    else:
        task.review("schedule", "time", msg("no time cell read for this row"))
    due = timephrase.due_date(task.schedule)
    if "product" in cells:
        task.product = cells["product"].text
        _apply_targets(ctx, task, cells["product"].text, due)
    if "funding" in cells:
        task.funding = cells["funding"].text
    if "content" in cells:
        # the column's own label, translated; the cell's text stays as printed
        task.notes.append(msg("Main content: {text}", text=cells["content"].text))
        _apply_targets(ctx, task, cells["content"].text, due)
    if "group" in cells:
        task.notes.append(msg("Task group: {text}", text=cells["group"].text))
    if "status" in cells:
        task.notes.append(msg("Status: {text}", text=cells["status"].text))
    for r in rec.reviews:
        task.review("title", "structure", r)
    if looks_like_number(title):
        task.review("title", "structure", msg("the task cell holds only a number"))
    ctx.tasks.append(task)
