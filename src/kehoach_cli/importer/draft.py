"""The draft plan and how it is written: YAML by hand (comments kept), or JSON.

The YAML is written line by line rather than through a YAML library: ``yaml.safe_dump``
escapes Vietnamese as ``\\u…``, sorts keys and has no comments, and every uncertain
field here carries a ``# kiểm tra lại: …`` comment saying why. Strings are double-quoted
(only ``"`` and ``\\`` escaped), long ones folded (``>-``) at spaces, which YAML reads
back as the same single-spaced text.

Notes (on tasks, agencies and targets) are messages like review texts: the data holds
`Msg` values, and both writers render them in the command's language.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from kehoach_cli.messages import DEFAULT, Msg

REVIEW = "kiểm tra lại"

# Review kinds, for the summary: who (owner), when (time), how much (target), what
# (structure: task boundaries, ids, text), the registry (agency), the header (metadata).
KINDS = ("owner", "time", "target", "structure", "agency", "metadata")


@dataclass
class Review:
    kind: str
    text: Msg  # rendered in the command's language when the draft is written


@dataclass
class DraftTask:
    id: str
    title: str
    ref: str
    section: str | None = None
    lead: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    role_as_printed: str | None = None
    schedule: dict[str, Any] = field(default_factory=lambda: {"kind": "none"})
    targets: list[dict[str, Any]] = field(default_factory=list)
    product: str | None = None
    funding: str | None = None
    notes: list[Msg] = field(default_factory=list)  # rendered like review texts
    reviews: dict[str, list[Review]] = field(default_factory=dict)  # field → reviews
    line: int = 0  # first source line, for ordering and --against

    def review(self, fld: str, kind: str, text: Msg) -> None:
        self.reviews.setdefault(fld, []).append(Review(kind, text))


@dataclass
class DraftPlan:
    meta: dict[str, Any]
    meta_reviews: dict[str, list[Review]] = field(default_factory=dict)
    sections: list[dict[str, Any]] = field(default_factory=list)
    agencies: list[dict[str, Any]] = field(default_factory=list)
    agency_reviews: dict[str, list[Review]] = field(default_factory=dict)  # agency id → reviews
    events: list[dict[str, Any]] = field(default_factory=list)
    units: list[dict[str, Any]] = field(default_factory=list)
    goals: list[dict[str, Any]] = field(default_factory=list)
    goal_reviews: dict[str, list[Review]] = field(default_factory=dict)
    tasks: list[DraftTask] = field(default_factory=list)
    header: list[str] = field(default_factory=list)  # comment lines at the top

    def all_reviews(self) -> list[tuple[str, Review]]:
        out: list[tuple[str, Review]] = []
        for key, rs in self.meta_reviews.items():
            out += [(f"plan.{key}", r) for r in rs]
        for i, a in enumerate(self.agencies):
            out += [(f"agencies[{i}]", r) for r in self.agency_reviews.get(a["id"], [])]
        for i, g in enumerate(self.goals):
            out += [(f"goals[{i}]", r) for r in self.goal_reviews.get(g["id"], [])]
        for i, t in enumerate(self.tasks):
            for fld, rs in t.reviews.items():
                out += [(f"tasks[{i}].{fld}", r) for r in rs]
        return out

    def data(self) -> dict[str, Any]:
        """The plan as data (what the YAML says, without its comments); notes are `Msg` values."""
        out: dict[str, Any] = {"plan": self.meta}
        if self.sections:
            out["sections"] = self.sections
        if self.units:
            out["units"] = self.units
        out["agencies"] = self.agencies
        if self.events:
            out["events"] = self.events
        if self.goals:
            out["goals"] = self.goals
        out["tasks"] = [_task_data(t) for t in self.tasks]
        return out


def _task_data(t: DraftTask) -> dict[str, Any]:
    out: dict[str, Any] = {"id": t.id, "title": t.title, "ref": t.ref}
    if t.section:
        out["section"] = t.section
    out["lead"] = t.lead
    out["partners"] = t.partners
    if t.role_as_printed:
        out["role_as_printed"] = t.role_as_printed
    out["schedule"] = t.schedule
    if t.targets:
        out["targets"] = t.targets
    if t.product:
        out["product"] = t.product
    if t.funding:
        out["funding"] = t.funding
    if t.notes:
        out["notes"] = t.notes
    return out


# --- JSON -----------------------------------------------------------------------------


def to_json(plan: DraftPlan, summary: dict[str, Any], lang: str = DEFAULT) -> str:
    """The draft as JSON: English keys, review texts and notes in `lang`."""
    reviews = [{"path": p, "kind": r.kind, "text": r.text.text(lang)} for p, r in plan.all_reviews()]
    doc = {"draft": _rendered(plan.data(), lang), "reviews": reviews, "summary": summary}
    return json.dumps(doc, ensure_ascii=False, indent=2, default=_jsonable) + "\n"


def _rendered(value: Any, lang: str) -> Any:
    """`value` with every message in it (the notes) turned into its text in `lang`."""
    if isinstance(value, Msg):
        return value.text(lang)
    if isinstance(value, dict):
        return {k: _rendered(v, lang) for k, v in value.items()}
    if isinstance(value, list):
        return [_rendered(v, lang) for v in value]
    return value


def _jsonable(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


# --- YAML -----------------------------------------------------------------------------

WIDTH = 96


class _Writer:
    def __init__(self, lang: str) -> None:
        self.lines: list[str] = []
        self.lang = lang

    def comment(self, indent: int, text: str) -> None:
        for line in _wrap(text, WIDTH - indent - 2):
            self.lines.append(" " * indent + "# " + line)

    def reviews(self, indent: int, reviews: list[Review] | None) -> None:
        for r in reviews or []:
            self.comment(indent, f"{REVIEW}: {r.text.text(self.lang)}")

    def key(self, indent: int, key: str, value: Any, dash: bool = False) -> None:
        """`key: value` (`- key: value` with `dash`), nested values below."""
        prefix = " " * indent + ("- " if dash else "") + f"{key}:"
        inner = indent + (2 if dash else 0) + 2
        if isinstance(value, Msg):
            value = value.text(self.lang)
        if isinstance(value, dict):
            if not value:
                self.lines.append(prefix + " {}")
                return
            self.lines.append(prefix)
            self.mapping(inner, value)
        elif isinstance(value, list):
            if not value:
                self.lines.append(prefix + " []")
                return
            self.lines.append(prefix)
            self.sequence(inner, value)
        elif isinstance(value, str) and len(prefix) + len(value) + 3 > WIDTH and " " in value:
            self.lines.append(prefix + " >-")
            for line in _wrap(value, WIDTH - inner):
                self.lines.append(" " * inner + line)
        else:
            self.lines.append(prefix + " " + scalar(value))

    def mapping(self, indent: int, data: dict[str, Any], dash: bool = False) -> None:
        first = True
        for k, v in data.items():
            self.key(indent, k, v, dash=dash and first)
            if dash and first:
                indent += 2
            first = False

    def sequence(self, indent: int, items: list[Any]) -> None:
        for item in items:
            if isinstance(item, Msg):
                item = item.text(self.lang)
            if isinstance(item, dict):
                self.mapping(indent, item, dash=True)
            elif isinstance(item, str) and len(item) + indent + 4 > WIDTH and " " in item:
                self.lines.append(" " * indent + "- >-")
                for line in _wrap(item, WIDTH - indent - 2):
                    self.lines.append(" " * (indent + 2) + line)
            else:
                self.lines.append(" " * indent + "- " + scalar(item))


def scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _wrap(text: str, width: int) -> list[str]:
    """Break at single spaces only: a folded YAML scalar turns each break back into one."""
    words = text.split(" ")
    lines: list[str] = []
    current = ""
    for w in words:
        if current and len(current) + 1 + len(w) > width:
            lines.append(current)
            current = w
        else:
            current = f"{current} {w}" if current else w
    if current:
        lines.append(current)
    return lines or [""]


def to_yaml(plan: DraftPlan, lang: str = DEFAULT) -> str:
    """The draft as YAML, review comments' reasons and notes in `lang` (the marker stays "kiểm tra lại")."""
    w = _Writer(lang)
    for line in plan.header:
        w.lines.append("# " + line if line else "#")
    w.lines.append("")
    w.lines.append("plan:")
    for k, v in plan.meta.items():
        w.reviews(2, plan.meta_reviews.get(k))
        w.key(2, k, v)
    if plan.sections:
        w.lines += ["", "# --- Mục (sections, as numbered in the document) ---", "sections:"]
        for s in plan.sections:
            w.lines.append("  - {" + ", ".join(f"{k}: {scalar(v)}" for k, v in s.items()) + "}")
    if plan.units:
        w.lines += ["", "units:"]
        for u in plan.units:
            w.lines.append("  - {" + ", ".join(f"{k}: {scalar(v)}" for k, v in u.items()) + "}")
    w.lines += ["", "# --- Cơ quan (every name the document uses; spellings as aliases) ---", "agencies:"]
    for a in plan.agencies:
        w.reviews(2, plan.agency_reviews.get(a["id"]))
        w.mapping(2, a, dash=True)
    if plan.events:
        w.lines += ["", "events:"]
        for e in plan.events:
            w.mapping(2, e, dash=True)
    if plan.goals:
        w.lines += ["", "# --- Mục tiêu (plan-level targets) ---", "goals:"]
        for g in plan.goals:
            w.reviews(2, plan.goal_reviews.get(g["id"]))
            w.mapping(2, g, dash=True)
    w.lines += ["", "tasks:"]
    section = None
    for t in plan.tasks:
        if t.section != section and t.section:
            section = t.section
            w.lines.append("")
            w.comment(2, f"{section}")
        data = _task_data(t)
        first = True
        for k, v in data.items():
            w.reviews(4 if not first else 2, t.reviews.get(k))
            w.key(2 if first else 4, k, v, dash=first)
            first = False
    return "\n".join(w.lines) + "\n"
