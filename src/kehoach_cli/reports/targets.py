"""Each target's latest actual, required value, attainment and pace; the plan's goals too."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from kehoach_cli.evaluate import Evaluation, Status, TargetEval
from kehoach_cli.reports.common import Meta, Scope, iso, num
from kehoach_cli.reports.tasklist import TaskRow, scoped_evals
from kehoach_cli.vocab import Role

# --- targets ----------------------------------------------------------------------------------


def target_record(t: TargetEval, row: TaskRow | None, listed: bool = False) -> dict[str, Any]:
    """A target's fields; `row` (or `listed`, for a goal) adds its task's (a goal's: its
    owner as `lead`, no title, no status)."""
    goal = t.goal
    out: dict[str, Any] = {"id": t.id, "period": None, "goal": goal is not None}
    if row is not None:
        out.update(
            {
                "title": row.ev.task.title,
                "title_en": row.ev.task.title_en,
                "lead": [a.agency.name for a in row.ev.leads],
                "inherited_from": [a.name for a in row.inherited_from],
                "partners": [a.agency.name for a in row.ev.partners],
                "status": str(row.ev.status),
            }
        )
    elif goal is not None and listed:
        out.update(
            {
                "title": None,
                "title_en": None,
                "lead": [a.agency.name for a in t.owners],
                "inherited_from": [a.inherited_from.name for a in t.owners if a.inherited_from],
                "partners": [],
                "status": None,
            }
        )
    baseline = t.target.baseline
    out.update(
        {
            "metric": t.target.metric,
            "label": t.target.label,
            "label_en": t.target.label_en,
            "op": t.target.op,
            "value": num(float(t.target.value)),
            "unit": t.target.unit,
            "measure": t.target.measure,
            "basis": t.target.basis,
            "due": iso(t.by),
            "baseline": num(float(baseline.value)) if baseline else None,
            "baseline_year": baseline.year if baseline else None,
            "actual": num(t.actual),
            "actual_date": iso(t.actual_date),
            "attainment": num(t.attainment),
            "met": t.met,
            "expected": num(t.expected),
            "on_pace": t.on_pace,
            "no_data": t.actual is None,
        }
    )
    return out


TARGET_FIELDS: tuple[str, ...] = (
    "id",
    "period",
    "goal",
    "title",
    "title_en",
    "lead",
    "inherited_from",
    "partners",
    "status",
    "metric",
    "label",
    "label_en",
    "op",
    "value",
    "unit",
    "measure",
    "basis",
    "due",
    "baseline",
    "baseline_year",
    "actual",
    "actual_date",
    "attainment",
    "met",
    "expected",
    "on_pace",
    "no_data",
)


@dataclass(frozen=True)
class TargetsReport:
    meta: Meta
    scope: Scope
    rows: tuple[tuple[TargetEval, TaskRow | None], ...]  # no row: a goal of the plan

    fields: ClassVar[tuple[str, ...]] = TARGET_FIELDS

    def data(self) -> list[dict[str, Any]]:
        return self.records()

    def records(self) -> list[dict[str, Any]]:
        return [target_record(t, row, listed=True) for t, row in self.rows]

    @property
    def overdue_items(self) -> int:
        return len({row.ev.id for _, row in self.rows if row is not None and row.ev.status is Status.overdue})

    @property
    def unowned_items(self) -> int:
        return len({row.ev.id for _, row in self.rows if row is not None and row.ev.unowned})


def targets(ev: Evaluation, sc: Scope) -> TargetsReport:
    """The targets of the tasks in scope, then the plan's goals (with `--agency`, those it owns)."""
    held = {x.te.id: x for x in scoped_evals(ev, sc)}
    rows: list[tuple[TargetEval, TaskRow | None]] = []
    for t in ev.targets:
        if t.task is not None and t.id in held:
            rows.append((t, held[t.id].row()))
        elif t.task is None and goal_in_scope(t, sc):
            rows.append((t, None))
    return TargetsReport(Meta.of(ev.plan, ev.as_of), sc, tuple(rows))


def goal_in_scope(t: TargetEval, sc: Scope) -> bool:
    """A goal is in scope with no `--agency`, or when the agency answers for it (any role but partner)."""
    if sc.agency is None:
        return True
    return sc.role != Role.partner and any(a.agency.id == sc.agency.id for a in t.owners)
