"""Two versions of a plan → what the edit changes, in plan terms (pure: no I/O).

``compare(old, new)`` returns a `Diff`: typed `Change` values (tasks added or removed,
deadlines earlier or later, leads and partners, targets stronger or weaker, text,
amendments, event dates) and the `Problem` values they raise.

Section III.4 of the plan routes every adjustment through a decision of the People's
Committee, so a *weakening* change (the task owes less, or later, or nobody leads it) must
be covered by an amendment: an entry of ``amendments:`` that is new in this version and
whose ``changes`` name the task with the matching field (``schedule`` for deadlines,
``targets``, ``lead``, ``removed``). An uncovered weakening change is an error located at
the changed line of the new file. When a change cannot be ordered (a target's unit or
comparator changes meaning, a task waits for a different event), it counts as weakening:
a reviewer, not the tool, should decide, and the amendment records who did.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from .agencies import Registry
from .amendments import original_due
from .model import (
    Amendment,
    EventSchedule,
    MilestonesSchedule,
    NoSchedule,
    Plan,
    RecurringSchedule,
    Schedule,
    SpanSchedule,
    Target,
    Task,
)
from .problems import Location, Problem, YamlPath
from .schedule import end_of_year, final_due, obligations
from .textnorm import fold
from .units import convert
from .yamlio import SourceDoc

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .loader import Loaded

AmendField = Literal["schedule", "lead", "partners", "targets", "title", "removed", "added"]


class Kind(enum.StrEnum):
    task_added = "task-added"
    task_removed = "task-removed"
    deadline_earlier = "deadline-earlier"
    deadline_later = "deadline-later"
    deadline_added = "deadline-added"
    deadline_removed = "deadline-removed"
    schedule_changed = "schedule-changed"
    lead_added = "lead-added"
    lead_removed = "lead-removed"
    partner_added = "partner-added"
    partner_removed = "partner-removed"
    target_added = "target-added"
    target_removed = "target-removed"
    target_stronger = "target-stronger"
    target_weaker = "target-weaker"
    target_changed = "target-changed"
    text_changed = "text-changed"
    event_changed = "event-changed"
    amendment_added = "amendment-added"
    amendment_changed = "amendment-changed"
    amendment_removed = "amendment-removed"


# (English, Vietnamese) label of each kind, for humans.
LABELS: Mapping[Kind, tuple[str, str]] = {
    Kind.task_added: ("task added", "thêm nhiệm vụ"),
    Kind.task_removed: ("task removed", "bỏ nhiệm vụ"),
    Kind.deadline_earlier: ("deadline earlier", "rút ngắn thời hạn"),
    Kind.deadline_later: ("deadline later", "lùi thời hạn"),
    Kind.deadline_added: ("deadline added", "thêm thời hạn"),
    Kind.deadline_removed: ("deadline removed", "bỏ thời hạn"),
    Kind.schedule_changed: ("schedule changed", "đổi tiến độ"),
    Kind.lead_added: ("lead added", "thêm cơ quan chủ trì"),
    Kind.lead_removed: ("lead removed", "bỏ cơ quan chủ trì"),
    Kind.partner_added: ("partner added", "thêm cơ quan phối hợp"),
    Kind.partner_removed: ("partner removed", "bỏ cơ quan phối hợp"),
    Kind.target_added: ("target added", "thêm chỉ tiêu"),
    Kind.target_removed: ("target removed", "bỏ chỉ tiêu"),
    Kind.target_stronger: ("target stronger", "nâng chỉ tiêu"),
    Kind.target_weaker: ("target weaker", "hạ chỉ tiêu"),
    Kind.target_changed: ("target changed", "đổi chỉ tiêu"),
    Kind.text_changed: ("text changed", "sửa câu chữ"),
    Kind.event_changed: ("event date changed", "đổi ngày sự kiện"),
    Kind.amendment_added: ("amendment added", "thêm văn bản điều chỉnh"),
    Kind.amendment_changed: ("amendment changed", "sửa văn bản điều chỉnh"),
    Kind.amendment_removed: ("amendment removed", "bỏ văn bản điều chỉnh"),
}

# The `fields` value of an amendment change that covers each kind of task change.
FIELDS: Mapping[Kind, AmendField] = {
    Kind.task_added: "added",
    Kind.task_removed: "removed",
    Kind.deadline_earlier: "schedule",
    Kind.deadline_later: "schedule",
    Kind.deadline_added: "schedule",
    Kind.deadline_removed: "schedule",
    Kind.schedule_changed: "schedule",
    Kind.lead_added: "lead",
    Kind.lead_removed: "lead",
    Kind.partner_added: "partners",
    Kind.partner_removed: "partners",
    Kind.target_added: "targets",
    Kind.target_removed: "targets",
    Kind.target_stronger: "targets",
    Kind.target_weaker: "targets",
    Kind.target_changed: "targets",
    Kind.text_changed: "title",
}

UNCOVERED = "uncovered-"  # code prefix of the error an uncovered weakening change raises

_SCHEDULE_KINDS = frozenset(k for k, f in FIELDS.items() if f == "schedule")


@dataclass(frozen=True)
class Change:
    """One change between the versions, located in the new file (a removed task: where
    it was removed from, with `was_at` in the old file)."""

    kind: Kind
    task: str | None  # None for plan-level changes (amendments, events)
    aspect: str | None  # which part, when the kind alone does not say: "milestone 2", a metric
    before: str | None
    after: str | None
    weakening: bool
    location: Location
    path: YamlPath
    covered_by: str | None = None  # number of the new amendment that covers it
    original_due: dt.date | None = None  # the task's deadline before its first amendment
    note: str | None = None
    was_at: Location | None = None  # in the old file, for a removed task

    @property
    def field(self) -> AmendField | None:
        return FIELDS.get(self.kind)

    @property
    def uncovered(self) -> bool:
        return self.weakening and self.covered_by is None

    @property
    def label(self) -> str:
        return LABELS[self.kind][0]

    @property
    def label_vi(self) -> str:
        return LABELS[self.kind][1]

    def describe(self) -> str:
        """One line, e.g. "deadline later: 2020-12-31 → 2021-12-31"."""
        head = self.label + (f" ({self.aspect})" if self.aspect else "")
        if self.before is not None and self.after is not None:
            return f"{head}: {self.before} → {self.after}"
        value = self.after if self.after is not None else self.before
        return f"{head}: {value}" if value is not None else head


@dataclass(frozen=True)
class Version:
    """One side of the comparison: the plan and its source map (for locations)."""

    plan: Plan
    source: SourceDoc

    @property
    def label(self) -> str:
        return self.source.file


@dataclass(frozen=True)
class Diff:
    old_label: str
    new_label: str
    changes: tuple[Change, ...] = ()
    problems: tuple[Problem, ...] = ()
    titles: Mapping[str, str] = field(default_factory=dict)  # task id → title, for display
    compared: bool = True  # False when a version could not be read as a plan
    old_missing: bool = False  # the file did not exist in the old version: every task is new
    notes: tuple[str, ...] = ()
    sources: Mapping[str, SourceDoc] = field(default_factory=dict)  # for excerpts in messages

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    @property
    def uncovered(self) -> list[Change]:
        return [c for c in self.changes if c.uncovered]

    @property
    def tasks_changed(self) -> int:
        return len({c.task for c in self.changes if c.task is not None})


# --- entry points --------------------------------------------------------------------


def compare(old: Version | None, new: Version, *, old_label: str | None = None) -> Diff:
    """Compare two versions; `old` None means the plan file is new (every task added)."""
    n = _Side(new)
    if old is None:
        changes = [
            Change(Kind.task_added, t.id, None, None, None, False, n.at("tasks", j), ("tasks", j))
            for j, t in enumerate(new.plan.tasks)
        ]
        changes.extend(_amendment_changes(None, n))
        return Diff(
            old_label or "(none)",
            new.label,
            tuple(changes),
            titles={t.id: t.title for t in new.plan.tasks},
            old_missing=True,
            sources={new.label: new.source},
        )
    o = _Side(old)
    raw = [*_task_changes(o, n), *_event_changes(o, n), *_amendment_changes(o, n)]
    covering = _covering(old.plan, new.plan)
    changes = [_annotate(c, covering, new.plan) for c in raw]
    problems = [_uncovered_problem(c, o) for c in changes if c.uncovered]
    problems.extend(_previous_due_warnings(changes, o, n))
    titles = {t.id: t.title for t in old.plan.tasks} | {t.id: t.title for t in new.plan.tasks}
    sources = {old.label: old.source, new.label: new.source}
    return Diff(old.label, new.label, tuple(changes), tuple(problems), titles, sources=sources)


def from_loaded(old: Loaded | None, new: Loaded, *, old_label: str | None = None) -> Diff:
    """Compare loaded plans; a version that fails `check` is reported instead of compared.

    The new version must pass `check`. The old one only has to be a valid plan model:
    rules added to kehoach after it was written must not block the edit that fixes it.
    """
    new_label = next(iter(new.sources), str(new.path))
    label = next(iter(old.sources), str(old.path)) if old is not None else old_label or "(none)"
    if not new.ok or new.plan is None:
        return Diff(label, new_label, problems=tuple(new.problems), compared=False, sources=new.sources)
    new_version = Version(new.plan, new.sources[new_label])
    if old is None:
        return compare(None, new_version, old_label=label)
    if old.plan is None:
        return Diff(label, new_label, problems=tuple(old.problems), compared=False, sources=old.sources)
    diff = compare(Version(old.plan, old.sources[label]), new_version)
    if old.problems:
        count = len(old.problems)
        note = f"{label} has {count} problem{'s' if count != 1 else ''} under the current rules; compared anyway"
        diff = replace(diff, notes=(*diff.notes, note))
    return diff


# --- plumbing ------------------------------------------------------------------------


class _Side:
    def __init__(self, version: Version) -> None:
        self.plan = version.plan
        self.doc = version.source
        self.registry = Registry(version.plan)
        self.index: dict[str, int] = {}
        for i, t in enumerate(version.plan.tasks):
            self.index.setdefault(t.id, i)

    def at(self, *path: str | int) -> Location:
        return self.doc.locate(path)


@dataclass(frozen=True)
class _Where:
    """Where a task lives in the new file, to locate its changes."""

    side: _Side
    index: int

    def path(self, *rest: str | int) -> YamlPath:
        return ("tasks", self.index, *rest)

    def at(self, *rest: str | int) -> Location:
        return self.side.at(*self.path(*rest))


def _change(
    kind: Kind,
    task: str,
    where: _Where,
    path: tuple[str | int, ...],
    before: str | None,
    after: str | None,
    weakening: bool,
    aspect: str | None = None,
    note: str | None = None,
) -> Change:
    return Change(kind, task, aspect, before, after, weakening, where.at(*path), where.path(*path), note=note)


def _num(v: float | int) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return repr(v) if isinstance(v, float) else str(v)


def _date(d: dt.date | None) -> str:
    return d.isoformat() if d is not None else "none"


# --- tasks ---------------------------------------------------------------------------


def _task_changes(o: _Side, n: _Side) -> Iterator[Change]:
    for j, task in enumerate(n.plan.tasks):
        where = _Where(n, j)
        i = o.index.get(task.id)
        if i is None:
            yield _change(Kind.task_added, task.id, where, (), None, None, False)
            continue
        before = o.plan.tasks[i]
        yield from _schedule_changes(before, task, o.plan, n.plan, where)
        yield from _agency_changes(before.lead, task.lead, "lead", o, n, where, task.id)
        yield from _agency_changes(before.partners, task.partners, "partners", o, n, where, task.id)
        yield from _target_changes(before, task, o.plan, n.plan, where)
        for name in ("title", "title_en"):
            was, now = getattr(before, name), getattr(task, name)
            if was != now:
                yield _change(Kind.text_changed, task.id, where, (name,), was, now, False, aspect=name)
    for i, task in enumerate(o.plan.tasks):
        if task.id not in n.index:
            yield _removed(task, i, o, n)


def _removed(task: Task, i: int, o: _Side, n: _Side) -> Change:
    """Point at the task that now follows the gap (inside the edit's hunk), else `tasks:`."""
    following = (n.index[t.id] for t in o.plan.tasks[i + 1 :] if t.id in n.index)
    j = next(following, None)
    if j is not None:
        path: YamlPath = ("tasks", j)
        loc = n.at(*path)
    else:
        path = ("tasks",)
        loc = n.doc.locate(path, key=True)
    return Change(Kind.task_removed, task.id, None, None, None, True, loc, path, was_at=o.at("tasks", i))


def _agency_changes(
    was: list[str], now: list[str], role: Literal["lead", "partners"], o: _Side, n: _Side, where: _Where, tid: str
) -> Iterator[Change]:
    """Agencies compare by registry id, so a respelling ("Sở Tài Chính") is no change."""
    before = _agency_keys(was, o.registry)
    after = _agency_keys(now, n.registry)
    added, removed = (
        (Kind.lead_added, Kind.lead_removed) if role == "lead" else (Kind.partner_added, Kind.partner_removed)
    )
    for key, (name, _) in before.items():
        if key not in after:
            yield _change(removed, tid, where, (role,), name, None, role == "lead")
    for key, (name, k) in after.items():
        if key not in before:
            yield _change(added, tid, where, (role, k), None, name, False)


def _agency_keys(refs: list[str], registry: Registry) -> dict[str, tuple[str, int]]:
    out: dict[str, tuple[str, int]] = {}
    for k, ref in enumerate(refs):
        agency = registry.resolve(ref)
        key = agency.id if agency is not None else "?" + fold(ref)
        out.setdefault(key, (agency.name if agency is not None else ref, k))
    return out


# --- schedules -----------------------------------------------------------------------


def _schedule_changes(was: Task, now: Task, old: Plan, new: Plan, where: _Where) -> Iterator[Change]:
    a, b = was.schedule, now.schedule
    tid = now.id
    if isinstance(a, MilestonesSchedule) and isinstance(b, MilestonesSchedule):
        yield from _milestone_changes(a, b, tid, where)
    elif isinstance(a, RecurringSchedule) and isinstance(b, RecurringSchedule):
        yield from _recurring_changes(a, b, old, new, tid, where)
    elif isinstance(a, EventSchedule) and isinstance(b, EventSchedule):
        yield from _event_schedule_changes(a, b, tid, where)
    else:
        yield from _due_changes(a, b, old, new, tid, where)


def _due_path(s: Schedule) -> tuple[str, ...]:
    if isinstance(s, SpanSchedule):
        return ("schedule", "end")
    if isinstance(s, EventSchedule):
        return ("schedule", "offset_days")
    if isinstance(s, RecurringSchedule):
        return ("schedule", "last_year")
    return ("schedule", "by") if s.kind == "deadline" else ("schedule",)


def _due_changes(a: Schedule, b: Schedule, old: Plan, new: Plan, tid: str, where: _Where) -> Iterator[Change]:
    """Deadlines, spans, none, and any change of kind: compare the final deadline."""
    was, now = final_due(a, old), final_due(b, new)
    path = _due_path(b)
    emitted = False
    if isinstance(b, NoSchedule) and not isinstance(a, NoSchedule):
        yield _change(Kind.deadline_removed, tid, where, ("schedule",), _date(was), None, True, note="no schedule now")
        return
    if isinstance(a, NoSchedule) and not isinstance(b, NoSchedule):
        yield _change(Kind.deadline_added, tid, where, path, None, _date(now), False)
        return
    if was is not None and now is not None and was != now:
        kind = Kind.deadline_later if now > was else Kind.deadline_earlier
        yield _change(kind, tid, where, path, _date(was), _date(now), now > was)
        emitted = True
    elif was is not None and now is None:
        yield _change(Kind.deadline_removed, tid, where, path, _date(was), None, True, note=f"{b.kind}: no date yet")
        emitted = True
    elif was is None and now is not None:
        yield _change(Kind.deadline_added, tid, where, path, None, _date(now), False)
        emitted = True
    if isinstance(a, SpanSchedule) and isinstance(b, SpanSchedule) and a.start != b.start:
        yield _change(
            Kind.schedule_changed, tid, where, ("schedule", "start"), _date(a.start), _date(b.start), False, "start"
        )
    elif a.kind != b.kind and not emitted:
        # Same final deadline, different shape (a deadline became a span ending that day).
        yield _change(Kind.schedule_changed, tid, where, ("schedule", "kind"), a.kind, b.kind, False, "kind")


def _milestone_changes(a: MilestonesSchedule, b: MilestonesSchedule, tid: str, where: _Where) -> Iterator[Change]:
    before = {m.id: m for m in a.milestones}
    after = {m.id: (k, m) for k, m in enumerate(b.milestones)}
    for mid, (k, m) in after.items():
        aspect = f"milestone {mid}"
        path = ("schedule", "milestones", k, "by")
        if mid not in before:
            yield _change(Kind.deadline_added, tid, where, path, None, _date(m.by), False, aspect)
        elif m.by != before[mid].by:
            later = m.by > before[mid].by
            kind = Kind.deadline_later if later else Kind.deadline_earlier
            yield _change(kind, tid, where, path, _date(before[mid].by), _date(m.by), later, aspect)
    for mid, m0 in before.items():
        if mid not in after:
            yield _change(
                Kind.deadline_removed,
                tid,
                where,
                ("schedule", "milestones"),
                _date(m0.by),
                None,
                True,
                f"milestone {mid}",
            )


def _recurring_changes(
    a: RecurringSchedule, b: RecurringSchedule, old: Plan, new: Plan, tid: str, where: _Where
) -> Iterator[Change]:
    """Years owed: a year no longer owed is a dropped obligation; a longer period, fewer reports."""
    was, now = _years(a, old), _years(b, new)
    dropped, added = sorted(was - now), sorted(now - was)
    if dropped:
        path = (
            ("schedule", "first_year") if dropped[0] < min(now, default=dropped[0] + 1) else ("schedule", "last_year")
        )
        yield _change(
            Kind.deadline_removed, tid, where, path, _year_ranges(dropped), None, True, "years no longer owed"
        )
    if added:
        path = ("schedule", "first_year") if added[0] < min(was, default=added[0] + 1) else ("schedule", "last_year")
        yield _change(Kind.deadline_added, tid, where, path, None, _year_ranges(added), False, "years added")
    if a.every != b.every:
        yield _change(
            Kind.schedule_changed,
            tid,
            where,
            ("schedule", "every"),
            f"every {a.every} year(s)",
            f"every {b.every} year(s)",
            b.every > a.every,
            "frequency",
        )


def _years(s: RecurringSchedule, plan: Plan) -> set[int]:
    out: set[int] = set()
    for ob in obligations(s, plan):
        if ob.start is not None and ob.year is not None:
            out.update(range(ob.start.year, ob.year + 1))
    return out


def _year_ranges(years: list[int]) -> str:
    parts: list[str] = []
    start = prev = years[0]
    for y in [*years[1:], None]:
        if y is not None and y == prev + 1:
            prev = y
            continue
        parts.append(str(start) if start == prev else f"{start}–{prev}")
        if y is not None:
            start = prev = y
    return ", ".join(parts)


def _event_schedule_changes(a: EventSchedule, b: EventSchedule, tid: str, where: _Where) -> Iterator[Change]:
    if a.event != b.event:
        # Which event comes first is not knowable from the plan: a reviewer decides.
        yield _change(
            Kind.schedule_changed, tid, where, ("schedule", "event"), a.event, b.event, True, "waits for another event"
        )
        return
    path = ("schedule", "offset_days")
    x, y = a.offset_days, b.offset_days
    if x == y:
        return
    days = "{} days after {}".format
    if x is None:
        yield _change(Kind.deadline_added, tid, where, path, None, days(y, b.event), False)
    elif y is None:
        yield _change(Kind.deadline_removed, tid, where, ("schedule",), days(x, a.event), None, True)
    else:
        kind = Kind.deadline_later if y > x else Kind.deadline_earlier
        yield _change(kind, tid, where, path, days(x, a.event), days(y, b.event), y > x)


# --- targets -------------------------------------------------------------------------

_FAMILY = {">=": 1, ">": 1, "<=": -1, "<": -1, "=": 0}
_SYMBOL = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}


def _level(t: Target) -> str:
    return f"{_SYMBOL[t.op]} {_num(t.value)} {t.unit}"


def _target_changes(was: Task, now: Task, old: Plan, new: Plan, where: _Where) -> Iterator[Change]:
    """Targets match by metric (unique within a task, see rules/ids)."""
    before: dict[str, Target] = {}
    for t in was.targets:
        before.setdefault(t.metric, t)
    metrics = {t.metric for t in now.targets}
    tid = now.id
    for k, t in enumerate(now.targets):
        o = before.get(t.metric)
        if o is None:
            yield _change(Kind.target_added, tid, where, ("targets", k), None, _level(t), False, t.metric)
            continue
        yield from _one_target(o, t, k, old, new, tid, where)
    for metric, o in before.items():
        if metric not in metrics:
            yield _change(Kind.target_removed, tid, where, ("targets",), _level(o), None, True, metric)


def _one_target(o: Target, t: Target, k: int, old: Plan, new: Plan, tid: str, where: _Where) -> Iterator[Change]:
    base = ("targets", k)
    level = _compare_level(o, t)
    if level is not None:
        kind, weaker, field_name, note = level
        yield _change(kind, tid, where, (*base, field_name), _level(o), _level(t), weaker, t.metric, note)
    # A target without `by` is due by the end of the plan's horizon.
    was_by = o.by or end_of_year(old.plan.horizon)
    now_by = t.by or end_of_year(new.plan.horizon)
    if was_by != now_by:
        later = now_by > was_by
        kind = Kind.target_weaker if later else Kind.target_stronger
        yield _change(kind, tid, where, (*base, "by"), _date(was_by), _date(now_by), later, f"{t.metric}, date")
    if o.basis != t.basis:
        weaker = t.basis == "forecast"
        kind = Kind.target_weaker if weaker else Kind.target_stronger
        yield _change(kind, tid, where, (*base, "basis"), o.basis, t.basis, weaker, f"{t.metric}, basis")
    if o.measure != t.measure:
        yield _change(
            Kind.target_changed,
            tid,
            where,
            (*base, "measure"),
            o.measure,
            t.measure,
            True,
            f"{t.metric}, measure",
            "values now add up differently; not comparable",
        )


def _compare_level(o: Target, t: Target) -> tuple[Kind, bool, str, str | None] | None:
    """Compare comparator and value (in the old unit): kind, weakening, field, note."""
    value = t.value if t.unit == o.unit else convert(t.value, t.unit, o.unit)
    if value is None:
        return Kind.target_changed, True, "unit", f"{t.unit} cannot be compared with {o.unit}"
    family = _FAMILY[o.op]
    if family != _FAMILY[t.op]:
        return Kind.target_changed, True, "op", "the comparator changed direction"
    same_value = math.isclose(value, o.value, rel_tol=1e-9, abs_tol=1e-12)
    if family == 0:
        if same_value:
            return None
        return Kind.target_changed, True, "value", "an exact target moved; neither stronger nor weaker"
    if same_value:
        if o.op == t.op:
            return None
        stricter = t.op in (">", "<")  # same direction, strictness changed
        return (Kind.target_stronger if stricter else Kind.target_weaker), not stricter, "op", None
    stronger = (value - o.value) * family > 0
    return (Kind.target_stronger if stronger else Kind.target_weaker), not stronger, "value", None


# --- plan level ----------------------------------------------------------------------


def _event_changes(o: _Side, n: _Side) -> Iterator[Change]:
    """An event's date is a fact with its own `basis`, not a plan adjustment: shown, not judged."""
    before = {e.id: e for e in o.plan.events}
    for k, e in enumerate(n.plan.events):
        was = before.get(e.id)
        if was is None or was.date == e.date:
            continue
        waiting = [t.id for t in n.plan.tasks if isinstance(t.schedule, EventSchedule) and t.schedule.event == e.id]
        note = f"moves the deadlines of tasks {', '.join(waiting)}" if waiting else None
        path: YamlPath = ("events", k, "date")
        yield Change(
            Kind.event_changed, None, e.id, _date(was.date), _date(e.date), False, n.at(*path), path, note=note
        )


def _amendment_key(a: Amendment) -> tuple[str, dt.date]:
    return (a.number, a.date)


def _amendment_changes(o: _Side | None, n: _Side) -> Iterator[Change]:
    before = {_amendment_key(a): a for a in o.plan.amendments} if o is not None else {}
    after = {_amendment_key(a) for a in n.plan.amendments}
    for k, a in enumerate(n.plan.amendments):
        path: YamlPath = ("amendments", k)
        text = f"{a.number} ({a.date.isoformat()}, {a.issuer})"
        was = before.get(_amendment_key(a))
        if was is None:
            yield Change(Kind.amendment_added, None, None, None, text, False, n.at(*path), path, note=a.summary)
        elif was != a:
            yield Change(Kind.amendment_changed, None, None, None, text, False, n.at(*path), path, note=a.summary)
    if o is not None:
        for key, a in before.items():
            if key not in after:
                text = f"{a.number} ({a.date.isoformat()}, {a.issuer})"
                loc = n.doc.locate(("amendments",), key=True)
                yield Change(Kind.amendment_removed, None, None, text, None, False, loc, ("amendments",))


# --- coverage ------------------------------------------------------------------------


def _entries(plan: Plan) -> set[tuple[str, str, str, str]]:
    return {(a.number, a.date.isoformat(), c.task, f) for a in plan.amendments for c in a.changes for f in c.fields}


def _covering(old: Plan, new: Plan) -> dict[tuple[str, str], str]:
    """(task, field) → number of an amendment entry that is new in this version.

    An entry counts when it is new, even inside an amendment that already existed: the
    log of a decision covering several tasks may be completed later, and the diff shows
    the amendment as changed so a reviewer sees it.
    """
    fresh = _entries(new) - _entries(old)
    out: dict[tuple[str, str], str] = {}
    for number, _, task, f in sorted(fresh, key=lambda e: (e[1], e[0])):
        out.setdefault((task, f), number)
    return out


def _annotate(c: Change, covering: Mapping[tuple[str, str], str], new: Plan) -> Change:
    if c.task is None or c.field is None:
        return c
    covered = covering.get((c.task, c.field))
    first = original_due(new, c.task) if c.kind in _SCHEDULE_KINDS else None
    return replace(c, covered_by=covered, original_due=first)


def _uncovered_problem(c: Change, o: _Side) -> Problem:
    entry = f"{{task: {c.task!r}, fields: [{c.field}]"
    if c.field == "schedule" and c.weakening and c.aspect is None and c.task in o.index:
        was = final_due(o.plan.tasks[o.index[c.task]].schedule, o.plan)
        if was is not None:
            entry += f", previous_due: {was.isoformat()}"
    entry += "}"
    return Problem(
        UNCOVERED + c.kind.value,
        f"task {c.task}: {c.describe()}, but no new amendment covers it",
        path=c.path,
        related=(c.was_at,) if c.was_at is not None else (),
        hint=(
            "weakening a task needs a decision (section III.4): add it under `amendments:` with its number, "
            f"date, issuer and summary, and changes: [{entry}]; otherwise undo the edit"
        ),
        location=c.location,
    )


def _previous_due_warnings(changes: list[Change], o: _Side, n: _Side) -> Iterator[Problem]:
    """A covering amendment that moves a single deadline should record the one it replaced."""
    for c in changes:
        if c.covered_by is None or c.kind not in (Kind.deadline_later, Kind.deadline_earlier) or c.aspect:
            continue
        i = o.index[c.task or ""]
        was = final_due(o.plan.tasks[i].schedule, o.plan)
        for k, a in enumerate(n.plan.amendments):
            if a.number != c.covered_by:
                continue
            for m, entry in enumerate(a.changes):
                if entry.task != c.task or "schedule" not in entry.fields or entry.previous_due == was:
                    continue
                path: YamlPath = ("amendments", k, "changes", m)
                if entry.previous_due is None:
                    msg = f"amendment {a.number} moves the deadline of task {c.task} but does not record it"
                    loc = n.at(*path)
                else:
                    msg = (
                        f"amendment {a.number} gives task {c.task} previous_due {entry.previous_due}, "
                        f"but the deadline was {_date(was)}"
                    )
                    path = (*path, "previous_due")
                    loc = n.at(*path)
                yield Problem(
                    "amendment-previous-due",
                    msg,
                    path=path,
                    hint=f"write previous_due: {_date(was)} so reports can judge lateness against the original deadline",
                    severity="warning",
                    location=loc,
                )
