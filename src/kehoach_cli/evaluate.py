"""Plan + as-of date + progress records → each task's status and each target's attainment.

Pure: no printing, no clock. The classification is the one of Vietnamese government
task monitoring (QĐ 42/2014/QĐ-TTg): done on time, done late, open (not yet due),
overdue; plus ongoing (a standing duty, "thường xuyên", never overdue by date), waiting
(the deadline hangs on an event that has not happened, or on something arising) and no
deadline.

How a schedule is judged:

* every obligation (schedule.obligations) is judged on its own; a task is as bad as its
  worst counted obligation (overdue > open > waiting > ongoing > done late > done on time
  > no deadline);
* overdue starts the day *after* the due date;
* a recurring task counts only the periods that have started by the as-of date, and each
  missed period stays overdue on its own; without a horizon or an end, its periods run to
  the as-of date;
* an on-occurrence duty owes one obligation per ``occurred`` record (due ``within_days``
  after it); before any, it waits (not counted when the schedule has other parts);
* an event's date counts only once the as-of date has reached it;
* a ``done`` record dated on or before the as-of date completes an obligation (for
  milestones the record's ``milestone`` picks which, none means all; for yearly recurring
  tasks the record's ``year``, else the year of its date, picks the period; for shorter
  periods, ``several`` parts and occurrences the record completes the earliest obligation
  not yet completed that had begun by its date, within its ``year`` when it gives one);
  records dated after the as-of date do not exist yet;
* a target's pace is a straight line from its baseline (at the end of the baseline's year,
  else the plan's date) to its value at its date; without a baseline there is no pace
  before the date. Counts are never expected in fractions: the line is rounded up.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import cast

from kehoach_cli import units
from kehoach_cli.agencies import Answerer, Registry
from kehoach_cli.amendments import original_due
from kehoach_cli.progress import Entry
from kehoach_cli.schedule import Obligation, obligations

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    from kehoach_cli.model import (
        Agency,
        Goal,
        Plan,
        Record,
        Schedule,
        SingleSchedule,
        Target,
        Task,
    )


class Status(enum.StrEnum):
    done_on_time = "done_on_time"
    done_late = "done_late"
    open = "open"
    overdue = "overdue"
    ongoing = "ongoing"
    waiting = "waiting"
    no_deadline = "no_deadline"

    @property
    def severity(self) -> int:
        """Higher is worse; a task takes the status of its worst obligation."""
        return _SEVERITY[self]

    @property
    def done(self) -> bool:
        return self in (Status.done_on_time, Status.done_late)


_SEVERITY = {
    Status.no_deadline: 0,
    Status.done_on_time: 1,
    Status.done_late: 2,
    Status.ongoing: 3,
    Status.waiting: 4,
    Status.open: 5,
    Status.overdue: 6,
}

# The order used for counts and columns everywhere.
STATUS_ORDER: tuple[Status, ...] = (
    Status.done_on_time,
    Status.done_late,
    Status.open,
    Status.overdue,
    Status.ongoing,
    Status.waiting,
    Status.no_deadline,
)


@dataclass(frozen=True)
class ObligationEval:
    obligation: Obligation
    status: Status
    counted: bool  # counts toward the task's status (recurring periods not started yet do not)
    done: dt.date | None = None
    evidence: str | None = None
    days_overdue: int | None = None  # not done and past due
    days_left: int | None = None  # not done and not yet past due (0 on the due date)
    days_late: int | None = None  # done after the due date
    waiting_for: str | None = None  # event id

    @property
    def due(self) -> dt.date | None:
        return self.obligation.due

    @property
    def period(self) -> str | None:
        """A recurring period ("2021", "2026-Q2"), an occurrence's day, a `several` part's period."""
        return self.obligation.period

    @property
    def milestone(self) -> str | None:
        return self.obligation.milestone


@dataclass(frozen=True)
class TaskEval:
    task: Task
    status: Status
    obligations: tuple[ObligationEval, ...]
    focus: ObligationEval  # the obligation the task's status, due and days come from
    leads: tuple[Answerer, ...]  # who answers as lead as of the date
    partners: tuple[Answerer, ...]
    assigned_leads: tuple[Agency, ...]  # as the plan names them
    assigned_partners: tuple[Agency, ...]
    dissolved_leads: tuple[Agency, ...]  # assigned leads with no successor as of the date
    dissolved_partners: tuple[Agency, ...]
    in_progress: bool
    started: dt.date | None
    current_due: dt.date | None
    original_due: dt.date | None  # before an amendment moved it (gia hạn); None if never moved
    status_vs_original: Status | None  # the status judged against original_due
    days_overdue_vs_original: int | None
    history: tuple[Entry, ...]  # this task's records dated on or before the as-of date
    section: str = ""  # the section the task belongs to ("2")
    full_ref: str = ""  # the document's own reference ("II.2.đ.1")

    @property
    def id(self) -> str:
        return self.task.id

    @property
    def missed(self) -> tuple[ObligationEval, ...]:
        """Overdue obligations, oldest first (a recurring task's missing years)."""
        return tuple(o for o in self.obligations if o.status is Status.overdue)

    @property
    def unowned(self) -> bool:
        """Nobody answers as lead: none named, or all dissolved without a successor."""
        return not self.leads


@dataclass(frozen=True)
class TargetEval:
    task: Task | None  # None for a plan-level goal
    target: Target  # a Goal for a plan-level goal
    by: dt.date | None
    actual: float | None  # None: no data (distinct from a reported zero)
    actual_date: dt.date | None
    records: int  # value records used
    unconverted: int  # value records whose unit does not convert to the target's (or not to a finite number)
    attainment: float | None  # actual / required
    met: bool | None
    expected: float | None  # on a straight line from the baseline to the target date; None: no pace
    on_pace: bool | None
    owners: tuple[Answerer, ...] = ()  # a goal's owner as of the date (after successions)

    @property
    def id(self) -> str:
        """The task's id, or the goal's."""
        if self.task is not None:
            return self.task.id
        return cast("Goal", self.target).id  # a row without a task is a goal's (see `evaluate`)

    @property
    def goal(self) -> Goal | None:
        return cast("Goal", self.target) if self.task is None else None


@dataclass(frozen=True)
class Evaluation:
    plan: Plan
    as_of: dt.date
    tasks: tuple[TaskEval, ...]
    targets: tuple[TargetEval, ...]
    by_id: dict[str, TaskEval] = field(default_factory=dict)

    def task(self, task_id: str) -> TaskEval:
        return self.by_id[task_id]


def evaluate(plan: Plan, registry: Registry, as_of: dt.date, entries: Iterable[Entry] = ()) -> Evaluation:
    by_task: dict[str, list[Entry]] = {}
    for e in entries:
        if e.record.date <= as_of:
            by_task.setdefault(e.record.task, []).append(e)
    for history in by_task.values():
        history.sort(key=lambda e: e.record.date)
    vocabulary = units.for_plan(plan)
    # Only a task some amendment names can have had its deadline moved: asking the
    # amendments about every task scanned them all 10,000 times.
    amended = {c.task for a in plan.amendments for c in a.changes}
    tasks = tuple(_task(plan, registry, as_of, t, by_task.get(t.id, []), t.id in amended) for t in plan.tasks)
    targets = tuple(
        _target(plan, as_of, t, target, by_task.get(t.id, []), len(t.targets), vocabulary)
        for t in plan.tasks
        for target in t.targets
    ) + tuple(
        replace(
            _target(plan, as_of, None, g, by_task.get(g.id, []), 1, vocabulary),
            owners=tuple(registry.answerers([g.owner], as_of)) if g.owner else (),
        )
        for g in plan.goals
    )
    return Evaluation(plan, as_of, tasks, targets, {te.id: te for te in tasks})


# --- tasks ---------------------------------------------------------------------------


def _task(
    plan: Plan, registry: Registry, as_of: dt.date, task: Task, history: list[Entry], amended: bool = True
) -> TaskEval:
    schedule = task.schedule
    done_records = [e.record for e in history if e.record.kind == "done"]
    started_records = [e.record for e in history if e.record.kind == "started"]
    occurred = [e.record.date for e in history if e.record.kind == "occurred"]
    obs = []
    for ob in obligations(schedule, plan, as_of, occurred) or [Obligation(None)]:
        if ob.waiting_for is None and ob.start is not None and ob.start > as_of and _after_event(schedule, ob):
            # The event has a date, but it had not happened yet as of the date.
            ob = Obligation(None, waiting_for=_event_of(schedule, ob), period=ob.period, part=ob.part)
        obs.append(ob)
    several = schedule.kind == "several"
    done = _completions(schedule, obs, done_records)
    evals: list[ObligationEval] = []
    for ob, rec in zip(obs, done, strict=True):
        # Periods that have not begun, and duties that have not arisen beside other parts, do not count yet.
        begun = not (ob.year is not None and ob.start is not None and ob.start > as_of)
        pending = ob.occurrence and ob.start is None and (several and len(obs) > 1)
        evals.append(_judge(ob, as_of, begun and not pending, rec.date if rec else None, rec.evidence if rec else None))
    focus = _focus([o for o in evals if o.counted] or evals)
    started = started_records[0].date if started_records else None
    # "Đang thực hiện" is a progress fact: only a started record says it. A span whose start
    # has passed is merely within its period, which the status already tells.
    in_progress = not focus.status.done and started is not None

    leads = tuple(registry.answerers(task.lead, as_of, task))
    assigned_leads = tuple(a for r in task.lead if (a := registry.resolve(r)) is not None)
    assigned_partners = tuple(a for r in task.partners if (a := registry.resolve(r)) is not None)
    dissolved = tuple(a for a in assigned_leads if not registry.successors(a, as_of, task))
    dissolved_partners = tuple(a for a in assigned_partners if not registry.successors(a, as_of, task))

    # The deadline as known on the as-of date: an event's deadline is not known before the
    # event happens (its obligation above is then waiting, with no due date).
    dues = [o.due for o in evals if o.due is not None]
    current = max(dues) if dues else None
    orig = original_due(plan, task.id) if amended else None
    vs_original: Status | None = None
    overdue_original: int | None = None
    if orig is not None:
        last = evals[-1]
        judged = _judge(Obligation(orig), as_of, True, last.done, last.evidence)
        vs_original, overdue_original = judged.status, judged.days_overdue

    return TaskEval(
        task=task,
        status=focus.status,
        obligations=tuple(evals),
        focus=focus,
        leads=leads,
        partners=tuple(registry.answerers(task.partners, as_of, task)),
        assigned_leads=assigned_leads,
        assigned_partners=assigned_partners,
        dissolved_leads=dissolved,
        dissolved_partners=dissolved_partners,
        in_progress=in_progress,
        started=started,
        current_due=current,
        original_due=orig,
        status_vs_original=vs_original,
        days_overdue_vs_original=overdue_original,
        history=tuple(history),
        section=plan.section_of(task),
        full_ref=plan.full_ref(task),
    )


def _part(schedule: Schedule, ob: Obligation) -> Schedule | SingleSchedule:
    return schedule.parts[ob.part] if schedule.kind == "several" and ob.part is not None else schedule


def _after_event(schedule: Schedule, ob: Obligation) -> bool:
    return _part(schedule, ob).kind == "event"


def _event_of(schedule: Schedule, ob: Obligation) -> str:
    part = _part(schedule, ob)
    assert part.kind == "event"
    return part.event


def _completions(schedule: Schedule, obs: Sequence[Obligation], done: Sequence[Record]) -> list[Record | None]:
    """The done record completing each obligation (None: not done)."""
    if schedule.kind in ("several", "occurrence") or (schedule.kind == "recurring" and schedule.unit != "year"):
        return _in_turn(obs, done)
    return [
        next(
            (r for r in done if _covers(schedule, ob, r.milestone, r.year if r.year is not None else r.date.year)), None
        )
        for ob in obs
    ]


def _in_turn(obs: Sequence[Obligation], done: Sequence[Record]) -> list[Record | None]:
    """Each done record, oldest first, completes the earliest-due obligation not yet
    completed that had begun by the record's date (within the record's year or milestone)."""
    out: list[Record | None] = [None] * len(obs)
    order = sorted(range(len(obs)), key=lambda i: (obs[i].due or dt.date.max, i))
    for r in done:
        for i in order:
            ob = obs[i]
            if out[i] is not None or ob.waiting_for is not None or (ob.occurrence and ob.start is None):
                continue
            if ob.start is not None and ob.start > r.date:
                continue
            if r.year is not None and ob.year is not None and not (ob.start or r.date).year <= r.year <= ob.year:
                continue
            if r.milestone is not None and ob.milestone != r.milestone:
                continue
            out[i] = r
            break
    return out


def _covers(schedule: Schedule, ob: Obligation, milestone: str | None, year: int) -> bool:
    """Does a done record (its milestone, the year it covers) complete this obligation?"""
    if schedule.kind == "milestones":
        return milestone is None or milestone == ob.milestone
    if schedule.kind == "recurring":
        assert ob.start is not None and ob.year is not None
        return ob.start.year <= year <= ob.year
    return True


def _judge(ob: Obligation, as_of: dt.date, counted: bool, done: dt.date | None, evidence: str | None) -> ObligationEval:
    due = ob.due
    if done is not None:
        late = due is not None and done > due
        return ObligationEval(
            ob,
            Status.done_late if late else Status.done_on_time,
            counted,
            done=done,
            evidence=evidence,
            days_late=(done - due).days if late and due is not None else None,
        )
    if ob.waiting_for is not None:
        return ObligationEval(ob, Status.waiting, counted, waiting_for=ob.waiting_for)
    if ob.ongoing:
        return ObligationEval(ob, Status.ongoing, counted)
    if ob.occurrence and ob.start is None:
        return ObligationEval(ob, Status.waiting, counted)
    if due is None:
        return ObligationEval(ob, Status.no_deadline, counted)
    if as_of > due:
        return ObligationEval(ob, Status.overdue, counted, days_overdue=(as_of - due).days)
    return ObligationEval(ob, Status.open, counted, days_left=(due - as_of).days)


def _focus(evals: Sequence[ObligationEval]) -> ObligationEval:
    """The worst obligation; among equals the one due first (the oldest overdue, the next open)."""
    worst = max(o.status.severity for o in evals)
    tied = [o for o in evals if o.status.severity == worst]
    if tied[0].status.done:
        return max(tied, key=lambda o: (o.days_late or 0, o.done or dt.date.min))
    return min(tied, key=lambda o: o.due or dt.date.max)


# --- targets -------------------------------------------------------------------------


def _target(
    plan: Plan,
    as_of: dt.date,
    task: Task | None,
    target: Target,
    history: list[Entry],
    n_targets: int,
    vocabulary: units.Vocabulary,
) -> TargetEval:
    # A target without a date in the source has none here: its pace cannot be judged
    # (never borrow the task's deadline: 2.đ.1's 2019 date is for site clearance).
    by = target.by
    points: list[tuple[dt.date, int, float, str | None, int]] = []  # date, order, value, basis, year
    unconverted = 0
    for i, e in enumerate(history):
        r = e.record
        if r.kind != "value" or r.value is None or r.unit is None:
            continue
        if r.metric != target.metric and not (r.metric is None and n_targets == 1):
            continue
        value = _converted(vocabulary, r.value, r.unit, target.unit)
        if value is None:
            unconverted += 1
            continue
        points.append((r.date, i, value, r.basis, r.year if r.year is not None else r.date.year))
    actual, actual_date = _actual(target, points)
    if actual is not None and not math.isfinite(actual):
        actual, actual_date = None, None  # a total beyond any float is no data, never "Infinity"
    required = float(target.value)
    attainment = _finite(actual / required) if actual is not None and required != 0 else None
    met = _compare(actual, target.op, required) if actual is not None else None
    expected = _finite(_expected(plan, target, by, as_of, vocabulary.is_count(target.unit)))
    on_pace: bool | None
    if actual is None:
        on_pace = None
    elif by is None or expected is None:
        on_pace = True if met else None
    elif as_of >= by:
        on_pace = met
    else:
        base = target.baseline
        rising = target.op in (">=", ">") or (target.op == "=" and (base is None or required >= float(base.value)))
        on_pace = actual >= expected if rising else actual <= expected
    return TargetEval(
        task=task,
        target=target,
        by=by,
        actual=actual,
        actual_date=actual_date,
        records=len(points),
        unconverted=unconverted,
        attainment=attainment,
        met=met,
        expected=expected,
        on_pace=on_pace,
    )


def _converted(vocabulary: units.Vocabulary, value: float, from_unit: str, to_unit: str) -> float | None:
    """A record's value in the target's unit; None when it does not convert to a finite number."""
    try:
        out = vocabulary.convert(float(value), from_unit, to_unit)
    except OverflowError:  # an int beyond any float
        return None
    return _finite(out)


def _finite(x: float | None) -> float | None:
    return x if x is not None and math.isfinite(x) else None


def _actual(
    target: Target, points: list[tuple[dt.date, int, float, str | None, int]]
) -> tuple[float | None, dt.date | None]:
    if not points:
        return None, None
    points.sort()
    if target.measure != "cumulative":
        last = points[-1]
        return last[2], last[0]
    # A cumulative target: a running total (basis cumulative, or unstated) covers every year
    # up to its own; per-year amounts (basis annual) of later years add to it, the latest
    # report of each year counting once.
    totals = [p for p in points if p[3] != "annual"]
    base, base_year = (totals[-1][2], totals[-1][4]) if totals else (0.0, None)
    per_year: dict[int, float] = {}
    for p in points:
        if p[3] == "annual" and (base_year is None or p[4] > base_year):
            per_year[p[4]] = p[2]
    return base + sum(per_year.values()), points[-1][0]


def _compare(actual: float, op: str, required: float) -> bool:
    if op == ">=":
        return actual >= required
    if op == ">":
        return actual > required
    if op == "<=":
        return actual <= required
    if op == "<":
        return actual < required
    return abs(actual - required) <= 1e-9 * max(1.0, abs(required))


def _expected(plan: Plan, target: Target, by: dt.date | None, as_of: dt.date, count: bool) -> float | None:
    """Where the pace line stands as of the date: the target itself from its date on;
    before, a straight line from the baseline, or nothing without one (never a line from 0)."""
    if by is None:
        return None
    required = float(target.value)
    if as_of >= by:
        return required
    base = target.baseline
    if base is None:
        return None
    start = dt.date(base.year, 12, 31) if base.year is not None else plan.plan.date
    value = float(base.value)
    if by <= start:
        return required
    if as_of > start:
        value += (required - value) * (as_of - start).days / (by - start).days
    # A count is never expected in fractions (0,65 of a plant): round up.
    return float(math.ceil(value - 1e-9)) if count else value
