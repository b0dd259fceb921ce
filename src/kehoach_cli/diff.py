"""Two versions of a plan → what the edit changes, in plan terms (pure: no I/O).

``compare(old, new)`` returns a `Diff`: typed `Change` values (tasks added or removed,
deadlines earlier or later, leads and partners, targets stronger or weaker, text,
amendments, event dates) and the `Problem` values they raise.

Section III.4 of the plan routes every adjustment through a decision of the People's
Committee, so a *weakening* change (the task owes less, or later, or nobody leads it) must
be covered by an amendment: an entry of ``amendments:`` that is new in this version and
whose ``changes`` name the task with the matching field (``schedule`` for deadlines,
``targets``, ``lead``, ``removed``). An uncovered weakening change is an error located at
the changed line of the new file. Changes reach a task indirectly too: a later event date
moves the deadlines of the tasks waiting for it, and a succession (plan-level or the
task's own ``succession:``) changes who answers for it; each such effect is a change of
the task, located at the line that caused it. When a change cannot be ordered (a target's unit or
comparator changes meaning, a task waits for a different event), it counts as weakening:
a reviewer, not the tool, should decide, and the amendment records who did.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, TypeVar

from .agencies import Registry
from .amendments import original_due
from .model import (
    Agency,
    Amendment,
    EventSchedule,
    MilestonesSchedule,
    NoSchedule,
    Plan,
    RecurringSchedule,
    Schedule,
    SpanSchedule,
    Succession,
    Target,
    Task,
    TaskSuccession,
)
from .problems import Location, Problem, YamlPath
from .schedule import end_of_year, final_due, obligations
from .textnorm import fold, nfc
from .units import convert
from .yamlio import SourceDoc

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .loader import Loaded

_K = TypeVar("_K", bound=Hashable)

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
    lead_changed = "lead-changed"
    partner_added = "partner-added"
    partner_removed = "partner-removed"
    target_added = "target-added"
    target_removed = "target-removed"
    target_stronger = "target-stronger"
    target_weaker = "target-weaker"
    target_changed = "target-changed"
    text_changed = "text-changed"
    event_changed = "event-changed"
    succession_added = "succession-added"
    succession_removed = "succession-removed"
    succession_changed = "succession-changed"
    setting_changed = "setting-changed"
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
    Kind.lead_changed: ("lead changed", "đổi cơ quan chủ trì"),
    Kind.partner_added: ("partner added", "thêm cơ quan phối hợp"),
    Kind.partner_removed: ("partner removed", "bỏ cơ quan phối hợp"),
    Kind.target_added: ("target added", "thêm chỉ tiêu"),
    Kind.target_removed: ("target removed", "bỏ chỉ tiêu"),
    Kind.target_stronger: ("target stronger", "nâng chỉ tiêu"),
    Kind.target_weaker: ("target weaker", "hạ chỉ tiêu"),
    Kind.target_changed: ("target changed", "đổi chỉ tiêu"),
    Kind.text_changed: ("text changed", "sửa câu chữ"),
    Kind.event_changed: ("event date changed", "đổi ngày sự kiện"),
    Kind.succession_added: ("succession added", "thêm kế thừa cơ quan"),
    Kind.succession_removed: ("succession removed", "bỏ kế thừa cơ quan"),
    Kind.succession_changed: ("succession changed", "đổi kế thừa cơ quan"),
    Kind.setting_changed: ("plan setting changed", "đổi thiết lập kế hoạch"),
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
    Kind.lead_changed: "lead",
    Kind.succession_added: "lead",  # a task's own `succession:` (plan-level ones have no task)
    Kind.succession_removed: "lead",
    Kind.succession_changed: "lead",
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
    successions = _succession_changes(_successions(o.plan.successions, o), _successions(n.plan.successions, n), n)
    raw = [
        *_task_changes(o, n, successions),
        *_event_changes(o, n),
        *(c for _, c in successions),
        *_setting_changes(o, n),
        *_amendment_changes(o, n),
    ]
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

    def gap(self, following: int | None, *rest: str | int) -> tuple[Location, YamlPath]:
        return _gap(self.side, self.path(*rest), following)


def _gap(side: _Side, list_path: YamlPath, following: int | None) -> tuple[Location, YamlPath]:
    """Where an item was removed from a list: the item that now follows the gap (inside the
    edit's hunk), else the list's key line."""
    if following is not None:
        path = (*list_path, following)
        return side.at(*path), path
    return side.doc.locate(list_path, key=True), list_path


def _following(i: int, old_keys: Sequence[_K], new_index: Mapping[_K, int]) -> int | None:
    """The new index of the first item after old item `i` that is still there."""
    return next((new_index[k] for k in old_keys[i + 1 :] if k in new_index), None)


def _pair(old: Sequence[tuple[Hashable, Hashable]], new: Sequence[tuple[Hashable, Hashable]]) -> dict[int, int]:
    """Match list items by (key, detail): new index → old index. Same key and detail first,
    then the same key alone, in order (so a re-dated item is the same item, changed)."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for exact in (True, False):
        for j, (key, detail) in enumerate(new):
            if j in pairs:
                continue
            for i, (key0, detail0) in enumerate(old):
                if i not in used and key0 == key and (detail0 == detail or not exact):
                    pairs[j] = i
                    used.add(i)
                    break
    return pairs


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


def _task_changes(o: _Side, n: _Side, successions: list[tuple[str, Change]]) -> Iterator[Change]:
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
        overrides = _succession_changes(
            _successions(before.succession, o), _successions(task.succession, n), n, where.path("succession"), task.id
        )
        yield from (c for _, c in overrides)
        yield from _answerer_changes(before, task, o, n, where, [*overrides, *successions])
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
    loc, path = _gap(n, ("tasks",), _following(i, [t.id for t in o.plan.tasks], n.index))
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
        out.setdefault(_agency_key(ref, registry), (agency.name if agency is not None else ref, k))
    return out


def _agency_key(ref: str, registry: Registry) -> str:
    agency = registry.resolve(ref)
    return agency.id if agency is not None else "?" + fold(ref)


# --- successions --------------------------------------------------------------------


@dataclass(frozen=True)
class _Succ:
    """A succession in comparable form: agencies by registry id, names for display."""

    source: str  # agency key of `from`
    name: str  # display name of `from`
    to: frozenset[str]
    to_names: tuple[str, ...]
    effective: dt.date | None  # None: a task's own override (no date of its own)
    basis: str | None

    @property
    def value(self) -> tuple[frozenset[str], dt.date | None, str | None]:
        return self.to, self.effective, self.basis

    @property
    def text(self) -> str:
        head = f"to {', '.join(self.to_names)}" if self.to_names else "dissolved"
        return head + (f" from {self.effective.isoformat()}" if self.effective is not None else "")


def _successions(items: Sequence[Succession | TaskSuccession], side: _Side) -> list[_Succ]:
    out = []
    for s in items:
        src = side.registry.resolve(s.from_)
        basis = " ".join(s.basis.split()) if isinstance(s, Succession) else None
        effective = s.effective if isinstance(s, Succession) else None
        out.append(
            _Succ(
                _agency_key(s.from_, side.registry),
                src.name if src is not None else s.from_,
                frozenset(_agency_key(t, side.registry) for t in s.to),
                tuple(side.registry.names(s.to)),
                effective,
                basis,
            )
        )
    return out


def _succession_changes(
    old: list[_Succ], new: list[_Succ], n: _Side, list_path: YamlPath = ("successions",), task: str | None = None
) -> list[tuple[str, Change]]:
    """Successions added, removed or changed (plan-level, or a task's own `succession:`),
    each with the agency key of its `from`. Shown, never weakening by themselves: the
    tasks whose answering lead they change carry that change."""
    pairs = _pair([(s.source, s.effective) for s in old], [(s.source, s.effective) for s in new])
    out: list[tuple[str, Change]] = []
    for j, s in enumerate(new):
        path = (*list_path, j)
        i = pairs.get(j)
        if i is None:
            change = Change(Kind.succession_added, task, s.name, None, s.text, False, n.at(*path), path, note=s.basis)
            out.append((s.source, change))
        elif old[i].value != s.value:
            before: str | None = old[i].text
            after: str | None = s.text
            if before == after:  # only the legal basis changed
                before, after = old[i].basis, s.basis
            out.append(
                (s.source, Change(Kind.succession_changed, task, s.name, before, after, False, n.at(*path), path))
            )
    kept = {i: j for j, i in pairs.items()}
    for i, s in enumerate(old):
        if i not in kept:
            loc, path = _gap(n, list_path, _following(i, range(len(old)), kept))
            out.append((s.source, Change(Kind.succession_removed, task, s.name, s.text, None, False, loc, path)))
    return out


def _answerer_changes(
    was: Task, now: Task, o: _Side, n: _Side, where: _Where, causes: list[tuple[str, Change]]
) -> Iterator[Change]:
    """Who answers for the task's lead over time, under the old and the new successions.

    The task's current lead is followed on both sides, so a direct edit of `lead` (shown as
    lead added/removed) does not show again here. Answers change only on effective dates;
    each period where they differ is a change: no agency left is "lead removed" (weakening),
    none before is "lead added", otherwise "lead changed".
    """
    leads = [a for ref in now.lead if (a := n.registry.resolve(ref)) is not None]
    dates = sorted({s.effective for s in (*o.plan.successions, *n.plan.successions)})
    if not leads or not dates:
        return

    def answering(side: _Side, task: Task, as_of: dt.date) -> tuple[str, ...]:
        out: dict[str, None] = {}
        for lead in leads:
            agency = side.registry.by_id.get(lead.id)
            if agency is None:
                out[lead.id] = None
                continue
            for a in side.registry.successors(agency, as_of, task):
                out[a.id] = None
        return tuple(out)

    periods: list[tuple[dt.date, dt.date | None, tuple[str, ...], tuple[str, ...]]] = []
    for k, day in enumerate(dates):
        end = dates[k + 1] - dt.timedelta(days=1) if k + 1 < len(dates) else None
        before, after = answering(o, was, day), answering(n, now, day)
        if periods and (set(periods[-1][2]), set(periods[-1][3])) == (set(before), set(after)):
            periods[-1] = (periods[-1][0], end, periods[-1][2], periods[-1][3])
        else:
            periods.append((day, end, before, after))
    changed = [p for p in periods if set(p[2]) != set(p[3])]
    if not changed:
        return
    loc, path = _answerer_cause(leads, o, n, was, now, causes, where)

    def names(ids: tuple[str, ...]) -> str:
        agencies = (n.registry.by_id.get(i) or o.registry.by_id.get(i) for i in ids)
        return ", ".join(a.name if a is not None else i for a, i in zip(agencies, ids, strict=True))

    for start, end, before, after in changed:
        aspect = f"by succession from {start.isoformat()}" if end is None else f"by succession {start} to {end}"
        if not after:
            kind, old_text, new_text, note = Kind.lead_removed, names(before), None, "no agency answers for the task"
        elif not before:
            kind, old_text, new_text, note = Kind.lead_added, None, names(after), None
        else:
            kind, old_text, new_text, note = Kind.lead_changed, names(before), names(after), None
        yield Change(kind, now.id, aspect, old_text, new_text, not after, loc, path, note=note)


def _answerer_cause(
    leads: list[Agency],
    o: _Side,
    n: _Side,
    was: Task,
    now: Task,
    causes: list[tuple[str, Change]],
    where: _Where,
) -> tuple[Location, YamlPath]:
    """The succession change on the task's chain (its own override first), else its `lead`."""
    edges: dict[str, set[str]] = {}
    for side, task in ((o, was), (n, now)):
        for s in (*_successions(side.plan.successions, side), *_successions(task.succession, side)):
            edges.setdefault(s.source, set()).update(s.to)
    reach = {a.id for a in leads}
    todo = list(reach)
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in reach:
                reach.add(nxt)
                todo.append(nxt)
    for source, change in causes:
        if source in reach:
            return change.location, change.path
    return where.at("lead"), where.path("lead")


# --- schedules -----------------------------------------------------------------------


def _schedule_changes(was: Task, now: Task, old: Plan, new: Plan, where: _Where) -> Iterator[Change]:
    a, b = was.schedule, now.schedule
    tid = now.id
    if isinstance(a, MilestonesSchedule) and isinstance(b, MilestonesSchedule):
        yield from _milestone_changes(a, b, tid, where)
    elif isinstance(a, RecurringSchedule) and isinstance(b, RecurringSchedule):
        yield from _recurring_changes(a, b, old, new, tid, where)
    elif isinstance(a, EventSchedule) and isinstance(b, EventSchedule):
        yield from _event_schedule_changes(a, b, old, new, tid, where)
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
    new_index = {mid: k for mid, (k, _) in after.items()}
    order = list(before)
    for i, (mid, m0) in enumerate(before.items()):
        if mid not in after:
            loc, gap = where.gap(_following(i, order, new_index), "schedule", "milestones")
            yield Change(Kind.deadline_removed, tid, f"milestone {mid}", _date(m0.by), None, True, loc, gap)


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


def _event_schedule_changes(
    a: EventSchedule, b: EventSchedule, old: Plan, new: Plan, tid: str, where: _Where
) -> Iterator[Change]:
    if a.event != b.event:
        # Which event comes first is not knowable from the plan: a reviewer decides.
        yield _change(
            Kind.schedule_changed, tid, where, ("schedule", "event"), a.event, b.event, True, "waits for another event"
        )
        return
    path = ("schedule", "offset_days")
    x, y = a.offset_days, b.offset_days
    days = "{} days after {}".format
    if x == y:
        pass
    elif x is None:
        yield _change(Kind.deadline_added, tid, where, path, None, days(y, b.event), False)
    elif y is None:
        yield _change(Kind.deadline_removed, tid, where, ("schedule",), days(x, a.event), None, True)
    else:
        kind = Kind.deadline_later if y > x else Kind.deadline_earlier
        yield _change(kind, tid, where, path, days(x, a.event), days(y, b.event), y > x)
    yield from _event_moved(b, old, new, tid, where)


def _event_moved(b: EventSchedule, old: Plan, new: Plan, tid: str, where: _Where) -> Iterator[Change]:
    """The event the task waits for got another date: its deadline moves with it (at the
    new offset; an edit of the offset is a change of its own). Located at the event's date."""
    k, now = next(((k, e) for k, e in enumerate(new.events) if e.id == b.event), (-1, None))
    was = next((e for e in old.events if e.id == b.event), None)
    if now is None or was is None or was.date == now.date or b.offset_days is None:
        return
    offset = dt.timedelta(days=b.offset_days)
    before = was.date + offset if was.date is not None else None
    after = now.date + offset if now.date is not None else None
    path: YamlPath = ("events", k, "date")
    loc = where.side.at(*path)
    aspect, note = f"event {b.event}", f"event date {_date(was.date)} → {_date(now.date)}"
    if before is not None and after is not None:
        kind = Kind.deadline_later if after > before else Kind.deadline_earlier
        yield Change(kind, tid, aspect, _date(before), _date(after), after > before, loc, path, note=note)
    elif before is not None:
        yield Change(Kind.deadline_removed, tid, aspect, _date(before), None, True, loc, path, note=note)
    else:
        yield Change(Kind.deadline_added, tid, aspect, None, _date(after), False, loc, path, note=note)


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
    new_index: dict[str, int] = {}
    for k, t in enumerate(now.targets):
        new_index.setdefault(t.metric, k)
    order = list(before)
    for i, (metric, o) in enumerate(before.items()):
        if metric not in metrics:
            loc, path = where.gap(_following(i, order, new_index), "targets")
            yield Change(Kind.target_removed, tid, metric, _level(o), None, True, loc, path)


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
    """An event's date is a fact with its own `basis`: shown here, with the tasks it moves.

    Its effect is judged per task (`_event_moved`): a later date moves the deadlines of the
    tasks waiting for it later, which needs an amendment naming them."""
    before = {e.id: e for e in o.plan.events}
    for k, e in enumerate(n.plan.events):
        was = before.get(e.id)
        if was is None or was.date == e.date:
            continue
        waiting = [
            t.id
            for t in n.plan.tasks
            if isinstance(t.schedule, EventSchedule) and t.schedule.event == e.id and t.schedule.offset_days is not None
        ]
        note = f"moves the deadlines of tasks {', '.join(waiting)}" if waiting else None
        path: YamlPath = ("events", k, "date")
        yield Change(
            Kind.event_changed, None, e.id, _date(was.date), _date(e.date), False, n.at(*path), path, note=note
        )


def _setting_changes(o: _Side, n: _Side) -> Iterator[Change]:
    """`plan.require_evidence`: whether a "done" record must cite evidence."""
    was, now = o.plan.plan.require_evidence, n.plan.plan.require_evidence
    if was != now:
        path: YamlPath = ("plan", "require_evidence")
        note = "a “done” record must cite evidence" if now else "a “done” record no longer has to cite evidence"
        yield Change(
            Kind.setting_changed,
            None,
            "require_evidence",
            str(was).lower(),
            str(now).lower(),
            False,
            n.at(*path),
            path,
            note=note,
        )


def number_key(number: str) -> str:
    """A document number as an identity: NFC, no whitespace, case-folded, so that
    "345/QĐ-UBND " or a decomposed spelling is the same decision."""
    return "".join(nfc(number).split()).casefold()


def _amendment_pairs(old: Sequence[Amendment], new: Sequence[Amendment]) -> dict[int, int]:
    """new index → old index. Numbers restart every year, so the same number with the same
    date pairs first; then the same number alone: a re-dated amendment is the same one, changed."""
    return _pair([(number_key(a.number), a.date) for a in old], [(number_key(a.number), a.date) for a in new])


def _amendment_text(a: Amendment) -> str:
    return f"{a.number.strip()} ({a.date.isoformat()}, {a.issuer})"


def _amendment_view(a: Amendment) -> tuple[object, ...]:
    return (number_key(a.number), a.date, a.issuer, a.summary, a.changes)


def _amendment_changes(o: _Side | None, n: _Side) -> Iterator[Change]:
    before = o.plan.amendments if o is not None else []
    after = n.plan.amendments
    pairs = _amendment_pairs(before, after)
    for k, a in enumerate(after):
        path: YamlPath = ("amendments", k)
        text = _amendment_text(a)
        i = pairs.get(k)
        if i is None:
            yield Change(Kind.amendment_added, None, None, None, text, False, n.at(*path), path, note=a.summary)
        elif _amendment_view(before[i]) != _amendment_view(a):
            was = _amendment_text(before[i])
            yield Change(
                Kind.amendment_changed,
                None,
                None,
                was if was != text else None,
                text,
                False,
                n.at(*path),
                path,
                note=a.summary,
            )
    kept = {i: j for j, i in pairs.items()}
    for i, a in enumerate(before):
        if i not in kept:
            loc, path = _gap(n, ("amendments",), _following(i, range(len(before)), kept))
            yield Change(Kind.amendment_removed, None, None, _amendment_text(a), None, False, loc, path)


# --- coverage ------------------------------------------------------------------------


def _covering(old: Plan, new: Plan) -> dict[tuple[str, str], str]:
    """(task, field) → number of an amendment entry that is new in this version.

    An entry counts when it is new, even inside an amendment that already existed: the
    log of a decision covering several tasks may be completed later, and the diff shows
    the amendment as changed so a reviewer sees it. An amendment is the same one across
    versions when its number is (see `number_key`), even re-dated or respelled.
    """
    pairs = _amendment_pairs(old.amendments, new.amendments)
    fresh: list[tuple[str, str, str, str]] = []
    for k, a in enumerate(new.amendments):
        i = pairs.get(k)
        had = {(c.task, f) for c in old.amendments[i].changes for f in c.fields} if i is not None else set()
        fresh.extend(
            (a.date.isoformat(), a.number, c.task, f) for c in a.changes for f in c.fields if (c.task, f) not in had
        )
    out: dict[tuple[str, str], str] = {}
    for _, number, task, f in sorted(fresh):
        out.setdefault((task, f), number)
    return out


def _annotate(c: Change, covering: Mapping[tuple[str, str], str], new: Plan) -> Change:
    if c.task is None or c.field is None:
        return c
    covered = covering.get((c.task, c.field))
    first = original_due(new, c.task) if c.kind in _SCHEDULE_KINDS else None
    return replace(c, covered_by=covered, original_due=first)


def _whole_deadline(c: Change) -> bool:
    """The change moves the task's one deadline (not a milestone, a year or a target date)."""
    return c.aspect is None or c.aspect.startswith("event ")


def _uncovered_problem(c: Change, o: _Side) -> Problem:
    entry = f"{{task: {c.task!r}, fields: [{c.field}]"
    if c.field == "schedule" and c.weakening and _whole_deadline(c) and c.task in o.index:
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
    seen: set[tuple[int, int]] = set()
    for c in changes:
        if c.covered_by is None or c.kind not in (Kind.deadline_later, Kind.deadline_earlier) or not _whole_deadline(c):
            continue
        i = o.index[c.task or ""]
        was = final_due(o.plan.tasks[i].schedule, o.plan)
        for k, a in enumerate(n.plan.amendments):
            if a.number != c.covered_by:
                continue
            for m, entry in enumerate(a.changes):
                if entry.task != c.task or "schedule" not in entry.fields or entry.previous_due == was:
                    continue
                if (k, m) in seen:
                    continue
                seen.add((k, m))
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
