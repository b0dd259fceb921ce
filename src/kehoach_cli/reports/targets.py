"""Each target's latest actual, required value, attainment and pace."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from kehoach_cli.evaluate import Evaluation, Status, TargetEval
from kehoach_cli.reports.common import Meta, Scope, iso, num
from kehoach_cli.reports.tasklist import TaskRow, scoped_evals

# --- targets ----------------------------------------------------------------------------------


def target_record(t: TargetEval, row: TaskRow | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if row is not None:
        out.update(
            {
                "id": row.ev.id,
                "title": row.ev.task.title,
                "title_en": row.ev.task.title_en,
                "lead": [a.agency.name for a in row.ev.leads],
                "inherited_from": [a.name for a in row.inherited_from],
                "partners": [a.agency.name for a in row.ev.partners],
                "status": str(row.ev.status),
            }
        )
    else:
        out["id"] = t.task.id
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
    rows: tuple[tuple[TargetEval, TaskRow], ...]

    fields: ClassVar[tuple[str, ...]] = TARGET_FIELDS

    def data(self) -> list[dict[str, Any]]:
        return self.records()

    def records(self) -> list[dict[str, Any]]:
        return [target_record(t, row) for t, row in self.rows]

    @property
    def overdue_items(self) -> int:
        return len({row.ev.id for _, row in self.rows if row.ev.status is Status.overdue})

    @property
    def unowned_items(self) -> int:
        return len({row.ev.id for _, row in self.rows if row.ev.unowned})


def targets(ev: Evaluation, sc: Scope) -> TargetsReport:
    inherited = {te.id: inh for te, inh in scoped_evals(ev, sc)}
    rows = tuple(
        (t, TaskRow(ev.task(t.task.id), ev.task(t.task.id).focus, inherited[t.task.id]))
        for t in ev.targets
        if t.task.id in inherited
    )
    return TargetsReport(Meta.of(ev.plan, ev.as_of), sc, rows)
