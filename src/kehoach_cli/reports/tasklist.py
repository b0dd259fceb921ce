"""Task lists: overdue, upcoming, unowned and tasks, one row per task (or recurring period)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from kehoach_cli.errors import UsageProblem
from kehoach_cli.evaluate import STATUS_ORDER, Evaluation, ObligationEval, Status, TaskEval
from kehoach_cli.model import Agency, Plan
from kehoach_cli.reports.common import LEAD_DISSOLVED, NO_DEADLINE, NO_LEAD, Meta, Scope, iso
from kehoach_cli.textnorm import fold

# --- task rows ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskRow:
    """One row of a task list: a task, seen through one of its obligations."""

    ev: TaskEval
    ob: ObligationEval
    inherited_from: tuple[Agency, ...] = ()
    flags: tuple[str, ...] = ()
    by_obligation: bool = False  # the row is one obligation (upcoming), not the whole task

    @property
    def status(self) -> Status:
        return self.ob.status if self.by_obligation else self.ev.status

    def record(self) -> dict[str, Any]:
        ev, ob = self.ev, self.ob
        return {
            "id": ev.id,
            "section": ev.task.section,
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
        }


TASK_FIELDS: tuple[str, ...] = (
    "id",
    "section",
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
)

ListKind = Literal["overdue", "upcoming", "unowned", "tasks"]


@dataclass(frozen=True)
class TaskList:
    kind: ListKind
    meta: Meta
    scope: Scope
    rows: tuple[TaskRow, ...]
    until: dt.date | None = None  # upcoming: the last day of the window
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


def scoped_evals(ev: Evaluation, sc: Scope) -> list[tuple[TaskEval, tuple[Agency, ...]]]:
    out = []
    for te in ev.tasks:
        ok, inherited = sc.match(te)
        if ok:
            out.append((te, inherited))
    return out


def overdue(ev: Evaluation, sc: Scope) -> TaskList:
    rows = [TaskRow(te, te.focus, inh) for te, inh in scoped_evals(ev, sc) if te.status is Status.overdue]
    rows.sort(key=lambda r: -(r.ob.days_overdue or 0))  # stable: plan order among equals
    return TaskList("overdue", Meta.of(ev.plan, ev.as_of), sc, tuple(rows))


def upcoming(ev: Evaluation, sc: Scope, until: dt.date) -> TaskList:
    rows = [
        TaskRow(te, ob, inh, by_obligation=True)
        for te, inh in scoped_evals(ev, sc)
        for ob in te.obligations
        if ob.status is Status.open and ob.due is not None and ob.due <= until
    ]
    rows.sort(key=lambda r: r.ob.due or dt.date.max)
    return TaskList("upcoming", Meta.of(ev.plan, ev.as_of), sc, tuple(rows), until=until)


def unowned(ev: Evaluation, sc: Scope) -> TaskList:
    rows = []
    for te, inh in scoped_evals(ev, sc):
        flags = []
        if not te.task.lead:
            flags.append(NO_LEAD)
        elif te.unowned:
            flags.append(LEAD_DISSOLVED)
        if te.current_due is None and not te.status.done:
            flags.append(NO_DEADLINE)
        if flags:
            rows.append(TaskRow(te, te.focus, inh, tuple(flags)))
    return TaskList("unowned", Meta.of(ev.plan, ev.as_of), sc, tuple(rows))


def sections(plan: Plan) -> list[str]:
    out: list[str] = []
    for t in plan.tasks:
        if t.section not in out:
            out.append(t.section)
    return out


def _section_key(plan: Plan, text: str) -> str:
    """`2`, `II.2` and `ii.2` all mean section 2; `III` is section III."""
    wanted = text.strip()
    known = sections(plan)
    for s in known:
        if wanted.casefold() in (s.casefold(), f"ii.{s}".casefold()):
            return s
    raise UsageProblem(f": the plan's sections are {', '.join(known)}", "section", text)


def tasks(
    ev: Evaluation,
    sc: Scope,
    statuses: Sequence[str] = (),
    section: str | None = None,
    search: str | None = None,
) -> TaskList:
    wanted: set[Status] = set()
    for s in statuses:
        try:
            wanted.add(Status(s))
        except ValueError:
            raise UsageProblem(f": choose from {', '.join(STATUS_ORDER)}", "status", s) from None
    sec = _section_key(ev.plan, section) if section is not None else None
    needle = fold(search) if search else None
    rows = []
    for te, inh in scoped_evals(ev, sc):
        if wanted and te.status not in wanted:
            continue
        if sec is not None and te.task.section != sec:
            continue
        if needle is not None and not any(needle in fold(text) for text in _searchable(te)):
            continue
        rows.append(TaskRow(te, te.focus, inh))
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
    """What `--search` looks in: the ID, both titles, the source reference, the schedule's
    wording and the targets' labels."""
    t = te.task
    out = [t.id, t.title, t.title_en, t.ref, t.schedule.text or ""]
    out += [x.label for x in t.targets] + [x.label_en or "" for x in t.targets]
    return out
