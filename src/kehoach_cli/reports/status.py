"""The status report: counts by status with the two rates, by section and by lead agency,


the most overdue.

The rates are those of Vietnamese government task monitoring (Báo cáo 1270/BC-TCTTTg):
tỷ lệ hoàn thành = (done on time + done late) ÷ (done + unfinished overdue) and tỷ lệ đúng
hạn = done on time ÷ the same base; tasks still within their deadline are left out.
They are exact fractions here: how they are cut to two decimals is the renderer's part.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

from kehoach_cli.evaluate import STATUS_ORDER, Evaluation, Status, TargetEval
from kehoach_cli.reports.common import Meta, Scope, iso, num
from kehoach_cli.reports.targets import goal_in_scope, target_record
from kehoach_cli.reports.tasklist import TaskRow, overdue, scoped_evals, sections
from kehoach_cli.textnorm import sort_key

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    from kehoach_cli.model import Agency, Section

MOST_OVERDUE = 5  # in the full breakdown
WORST = 3  # on the one screen


def rates(on_time: int, late: int, overdue: int) -> tuple[Fraction | None, Fraction | None]:
    """(completion rate, on-time rate); None when nothing is done or overdue yet."""
    base = on_time + late + overdue
    if not base:
        return None, None
    return Fraction(on_time + late, base), Fraction(on_time, base)


# --- status ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """Tasks by status, with the completion and on-time rates (see the module docstring)."""

    by_status: tuple[tuple[Status, int], ...]

    @classmethod
    def of(cls, statuses: Sequence[Status]) -> Counts:
        return cls(tuple((s, sum(1 for x in statuses if x is s)) for s in STATUS_ORDER))

    @classmethod
    def sum(cls, many: Sequence[Counts]) -> Counts:
        return cls(tuple((s, sum(c[s] for c in many)) for s in STATUS_ORDER))

    def __getitem__(self, status: Status) -> int:
        return dict(self.by_status)[status]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.by_status)

    @property
    def completion_rate(self) -> Fraction | None:
        return rates(self[Status.done_on_time], self[Status.done_late], self[Status.overdue])[0]

    @property
    def on_time_rate(self) -> Fraction | None:
        return rates(self[Status.done_on_time], self[Status.done_late], self[Status.overdue])[1]

    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = {str(s): n for s, n in self.by_status}
        out["total"] = self.total
        out["completion_rate"] = num(self.completion_rate)
        out["on_time_rate"] = num(self.on_time_rate)
        return out


@dataclass(frozen=True)
class Group:
    key: str  # a section id, or an agency name ("" for tasks nobody leads)
    counts: Counts
    agency: Agency | None = None
    section: Section | None = None  # the heading, when the plan lists its sections


@dataclass(frozen=True)
class StatusReport:
    meta: Meta
    scope: Scope
    counts: Counts
    by_section: tuple[Group, ...]
    by_agency: tuple[Group, ...]
    targets: tuple[TargetEval, ...]
    most_overdue: tuple[TaskRow, ...]
    overdue_obligations: int
    unowned: int
    full: bool = False  # the whole breakdown, not the one screen (human formats only)

    fields: ClassVar[tuple[str, ...]] = (
        "group",
        "key",
        "title",
        *(str(s) for s in STATUS_ORDER),
        "total",
        "completion_rate",
        "on_time_rate",
    )

    @property
    def worst(self) -> tuple[TaskRow, ...]:
        return self.most_overdue if self.full else self.most_overdue[:WORST]

    def data(self) -> dict[str, Any]:
        return {
            "plan": self.meta.data(),
            "as_of": iso(self.meta.as_of),
            "scope": self.scope.data(),
            "period": self.scope.window_data(),
            "counts": self.counts.data(),
            "overdue_obligations": self.overdue_obligations,
            "unowned": self.unowned,
            "by_section": [
                {"section": g.key, "title": g.section.title if g.section else None, **g.counts.data()}
                for g in self.by_section
            ],
            "by_agency": [{"agency": g.key or None, **g.counts.data()} for g in self.by_agency],
            "targets": [target_record(t, None) for t in self.targets],
            "most_overdue": [r.record() for r in self.most_overdue],
        }

    def records(self) -> list[dict[str, Any]]:
        rows = [{"group": "all", "key": "", "title": None, **self.counts.data()}]
        rows += [
            {"group": "section", "key": g.key, "title": g.section.title if g.section else None, **g.counts.data()}
            for g in self.by_section
        ]
        rows += [{"group": "agency", "key": g.key, "title": None, **g.counts.data()} for g in self.by_agency]
        return rows

    @property
    def overdue_items(self) -> int:
        return self.counts[Status.overdue]

    @property
    def unowned_items(self) -> int:
        return self.unowned


def status(ev: Evaluation, sc: Scope, *, full: bool = False) -> StatusReport:
    chosen = [x.te for x in scoped_evals(ev, sc)]
    by_section = [
        Group(s, Counts.of([te.status for te in chosen if te.section == s]), section=ev.plan.section(s))
        for s in sections(ev.plan)
    ]
    by_section = [g for g in by_section if g.counts.total]
    per_agency: dict[str, tuple[Agency, list[Status]]] = {}
    nobody: list[Status] = []
    for te in chosen:
        if not te.leads:
            nobody.append(te.status)
        for a in te.leads:
            per_agency.setdefault(a.agency.id, (a.agency, []))[1].append(te.status)
    # Most tasks first; equals in Vietnamese alphabetical order.
    by_agency = sorted(
        (Group(a.name, Counts.of(st), a) for a, st in per_agency.values()),
        key=lambda g: (-g.counts.total, sort_key(g.key)),
    )
    if nobody:
        by_agency.append(Group("", Counts.of(nobody)))
    ids = {te.id for te in chosen}
    rows = overdue(ev, sc).rows
    return StatusReport(
        meta=Meta.of(ev.plan, ev.as_of),
        scope=sc,
        counts=Counts.of([te.status for te in chosen]),
        by_section=tuple(by_section),
        by_agency=tuple(by_agency),
        targets=tuple(t for t in ev.targets if (t.id in ids if t.task is not None else goal_in_scope(t, sc))),
        most_overdue=rows[:MOST_OVERDUE],
        overdue_obligations=sum(len(te.missed) for te in chosen),
        unowned=sum(1 for te in chosen if te.unowned),
        full=full,
    )
