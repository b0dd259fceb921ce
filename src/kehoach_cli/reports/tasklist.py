"""Task lists: overdue, upcoming, unowned, untimed and tasks, one row per task (or recurring period)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from kehoach_cli.errors import UsageProblem
from kehoach_cli.evaluate import STATUS_ORDER, Evaluation, ObligationEval, Status, TaskEval
from kehoach_cli.labels import STATUS, status_names, status_slug
from kehoach_cli.messages import msg
from kehoach_cli.reports.common import LEAD_DISSOLVED, NO_LEAD, NO_TIME, Meta, Scope, iso
from kehoach_cli.textnorm import closest, did_you_mean, fold

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    from kehoach_cli.model import Agency, Plan, Schedule


# --- task rows ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskRow:
    """One row of a task list: a task, seen through one of its obligations."""

    ev: TaskEval
    ob: ObligationEval
    inherited_from: tuple[Agency, ...] = ()
    flags: tuple[str, ...] = ()
    by_obligation: bool = False  # the row is one obligation (upcoming), not the whole task
    via_group: tuple[Agency, ...] = ()  # `--role any`: the groups through which the agency holds it

    @property
    def status(self) -> Status:
        return self.ob.status if self.by_obligation else self.ev.status

    def record(self) -> dict[str, Any]:
        ev, ob = self.ev, self.ob
        return {
            "id": ev.id,
            "section": ev.section,
            "full_ref": ev.full_ref,
            "title": ev.task.title,
            "title_en": ev.task.title_en,
            "lead": [a.agency.name for a in ev.leads],
            "lead_assigned": [a.name for a in ev.assigned_leads],
            "inherited_from": [a.name for a in self.inherited_from],
            "partners": [a.agency.name for a in ev.partners],
            "due": iso(ob.due),
            "period": ob.period,
            "milestone": ob.milestone,
            "status": str(self.status),
            "days_overdue": ob.days_overdue,
            "days_left": ob.days_left,
            "done": iso(ob.done),
            "days_late": ob.days_late,
            "in_progress": ev.in_progress,
            "missing_periods": [o.period for o in ev.missed if o.period is not None],
            "original_due": iso(ev.original_due),
            "flags": list(self.flags),
            "via_group": [a.name for a in self.via_group],
        }


TASK_FIELDS: tuple[str, ...] = (
    "id",
    "section",
    "full_ref",
    "title",
    "title_en",
    "lead",
    "lead_assigned",
    "inherited_from",
    "partners",
    "due",
    "period",
    "milestone",
    "status",
    "days_overdue",
    "days_left",
    "done",
    "days_late",
    "in_progress",
    "missing_periods",
    "original_due",
    "flags",
    "via_group",
)

ListKind = Literal["overdue", "upcoming", "unowned", "untimed", "tasks"]


@dataclass(frozen=True)
class TaskList:
    kind: ListKind
    meta: Meta
    scope: Scope
    rows: tuple[TaskRow, ...]
    filters: tuple[tuple[str, str], ...] = ()  # tasks: (option, value) as given

    fields: ClassVar[tuple[str, ...]] = TASK_FIELDS

    def data(self) -> list[dict[str, Any]]:
        return self.records()

    def records(self) -> list[dict[str, Any]]:
        return [r.record() for r in self.rows]

    @property
    def overdue_items(self) -> int:
        return sum(1 for r in self.rows if r.status is Status.overdue)

    @property
    def unowned_items(self) -> int:
        return sum(1 for r in self.rows if r.ev.unowned)


@dataclass(frozen=True)
class InScope:
    """A task in the scope of `--agency`/`--role`, and how the agency holds it."""

    te: TaskEval
    inherited: tuple[Agency, ...]
    via_group: tuple[Agency, ...]

    def row(self, ob: ObligationEval | None = None, flags: tuple[str, ...] = ()) -> TaskRow:
        """The task's row; given `ob`, the row of that one obligation."""
        return TaskRow(self.te, ob or self.te.focus, self.inherited, flags, ob is not None, self.via_group)


def scoped_evals(ev: Evaluation, sc: Scope) -> list[InScope]:
    """The tasks of the scope's agency and role that have a deadline in its window."""
    out = []
    for te in ev.tasks:
        ok, inherited, via = sc.match(te)
        if ok and sc.in_window(te):
            out.append(InScope(te, inherited, via))
    return out


def overdue(ev: Evaluation, sc: Scope) -> TaskList:
    """Overdue tasks, most days overdue first; in a window, each by its first missed deadline there."""
    rows = []
    for x in scoped_evals(ev, sc):
        if x.te.status is not Status.overdue:
            continue
        if sc.window is None:
            rows.append(x.row())
            continue
        missed = [o for o in x.te.missed if sc.window.contains(o.due)]
        if missed:
            rows.append(TaskRow(x.te, missed[0], x.inherited, via_group=x.via_group))
    rows.sort(key=lambda r: -(r.ob.days_overdue or 0))  # stable: plan order among equals
    return TaskList("overdue", Meta.of(ev.plan, ev.as_of), sc, tuple(rows))


def upcoming(ev: Evaluation, sc: Scope) -> TaskList:
    """What falls due in the scope's window and is not yet due, soonest first."""
    rows = [
        x.row(ob)
        for x in scoped_evals(ev, sc)
        for ob in x.te.obligations
        if ob.status is Status.open and ob.due is not None and (sc.window is None or sc.window.contains(ob.due))
    ]
    rows.sort(key=lambda r: r.ob.due or dt.date.max)
    return TaskList("upcoming", Meta.of(ev.plan, ev.as_of), sc, tuple(rows))


def unowned(ev: Evaluation, sc: Scope) -> TaskList:
    """Tasks nobody answers for as lead: none named, or every lead dissolved."""
    rows = []
    for x in scoped_evals(ev, sc):
        if not x.te.task.lead:
            rows.append(x.row(flags=(NO_LEAD,)))
        elif x.te.unowned:
            rows.append(x.row(flags=(LEAD_DISSOLVED,)))
    return TaskList("unowned", Meta.of(ev.plan, ev.as_of), sc, tuple(rows))


def untimed(ev: Evaluation, sc: Scope) -> TaskList:
    """Tasks the source gives no time ("không có thời hạn"): schedule `none`. Ongoing duties,
    on-occurrence duties and deadlines after an event have a time and are not listed."""
    rows = [x.row(flags=(NO_TIME,)) for x in scoped_evals(ev, sc) if no_time(x.te.task.schedule)]
    return TaskList("untimed", Meta.of(ev.plan, ev.as_of), sc, tuple(rows))


def no_time(schedule: Schedule) -> bool:
    parts = schedule.parts if schedule.kind == "several" else [schedule]
    return all(p.kind == "none" for p in parts)


def sections(plan: Plan) -> list[str]:
    """Section ids in the order of the plan's `sections`, then those only tasks name."""
    used = {plan.section_of(t) for t in plan.tasks}
    out = [s.id for s in plan.sections if s.id in used]
    for t in plan.tasks:
        sec = plan.section_of(t)
        if sec not in out:
            out.append(sec)
    return out


def _section_key(plan: Plan, text: str) -> str:
    """`2`, `II.2` and `ii.2` all mean section 2; `III` is section III; a section's full
    reference (its ancestors' ids and its own) names it too."""
    wanted = text.strip().casefold()
    known = sections(plan)
    for s in known:
        full = ".".join(plan.section_chain(s))
        if wanted in (s.casefold(), f"ii.{s}".casefold(), full.casefold()):
            return s
    raise UsageProblem(msg(": the plan's sections are {sections}", sections=", ".join(known)), "section", text)


def tasks(
    ev: Evaluation,
    sc: Scope,
    statuses: Sequence[str] = (),
    section: str | None = None,
    search: str | None = None,
) -> TaskList:
    wanted: set[Status] = set()
    for s in statuses:
        slug = status_slug(s)
        if slug is None:
            near = did_you_mean(closest(s, status_names(), n=1))
            choose = msg(
                ": choose from {slugs}, or a status name in either language ({names})",
                slugs=", ".join(STATUS_ORDER),
                names=", ".join(vi for vi, _ in STATUS.values()),
            )
            if near is not None:
                choose = msg("{choose}; {suggestion}", choose=choose, suggestion=near)
            raise UsageProblem(choose, "status", s)
        wanted.add(Status(slug))
    sec = _section_key(ev.plan, section) if section is not None else None
    needle = fold(search) if search else None
    rows = []
    for x in scoped_evals(ev, sc):
        te = x.te
        if wanted and te.status not in wanted:
            continue
        if sec is not None and te.section != sec:
            continue
        if needle is not None and not any(needle in fold(text) for text in _searchable(te)):
            continue
        rows.append(x.row())
    filters = tuple(
        (k, v)
        for k, v in (
            ("--status", ", ".join(sorted(wanted, key=STATUS_ORDER.index))),
            ("--section", sec or ""),
            ("--search", search or ""),
        )
        if v
    )
    return TaskList("tasks", Meta.of(ev.plan, ev.as_of), sc, tuple(rows), filters=filters)


def _searchable(te: TaskEval) -> list[str]:
    """What `--search` looks in: the ID and full reference, both titles, the source
    reference, the schedule's wording and the targets' labels."""
    t = te.task
    out = [t.id, te.full_ref, t.title, t.title_en or "", t.ref, t.schedule.text or ""]
    out += [x.label for x in t.targets] + [x.label_en or "" for x in t.targets]
    return out
