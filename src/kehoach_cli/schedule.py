"""Schedules → obligations: each dated thing a task owes.

A deadline, span or relative deadline owes one thing; a recurring task owes one per
period (year, half-year, quarter or month; a missed period stays missed on its own);
milestones owe one each; an event schedule owes one once its event has a date and the
plan gives a period after it; an ongoing duty owes one that is never due; an
on-occurrence duty owes one per time it arose; a `several` schedule owes what each of its
parts owes, each period named after its part ("6 tháng:2026").
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace

from kehoach_cli.derived import UNIT_MONTHS

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    from kehoach_cli.model import (
        Plan,
        RecurringSchedule,
        RelativeSchedule,
        Schedule,
        SingleSchedule,
    )


@dataclass(frozen=True)
class Obligation:
    """One dated thing a task owes. `due` None: no deadline (yet)."""

    due: dt.date | None
    start: dt.date | None = None
    # recurring: "2021", "2019–2021", "2026-H1", "2026-Q2", "2026-06"; occurrence: the day it
    # arose; several: "<label>:<that>" (a part with no period of its own: the label; no label: <that>)
    period: str | None = None
    year: int | None = None  # recurring: the year the period ends in
    milestone: str | None = None  # milestone id
    waiting_for: str | None = None  # event id when the event has not happened
    ongoing: bool = False  # never due by date ("thường xuyên")
    occurrence: bool = False  # on occurrence; with `start` None: it has not arisen yet
    part: int | None = None  # several: the index of the part it comes from


def end_of_year(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def obligations(
    schedule: Schedule,
    plan: Plan,
    until: dt.date | None = None,
    occurred: Sequence[dt.date] = (),
) -> list[Obligation]:
    """What the schedule owes. `until` bounds open-ended recurrences of a plan without a
    horizon (periods starting by then; without it, only the first period); `occurred` are
    the days an on-occurrence duty arose."""
    if schedule.kind == "several":
        out = []
        for i, part in enumerate(schedule.parts):
            for ob in _single(part, plan, until, occurred):
                inner = ob.period or ob.milestone
                # An unlabelled part is named by its own period alone (a dated part: none).
                if part.label is None:
                    period = inner
                else:
                    period = f"{part.label}:{inner}" if inner else part.label
                out.append(replace(ob, period=period, part=i))
        return out
    return _single(schedule, plan, until, occurred)


def _single(
    schedule: SingleSchedule, plan: Plan, until: dt.date | None, occurred: Sequence[dt.date]
) -> list[Obligation]:
    if schedule.kind == "deadline":
        return [Obligation(schedule.by)]
    if schedule.kind == "span":
        return [Obligation(schedule.end, start=schedule.start)]
    if schedule.kind == "recurring":
        return _periods(schedule, plan, until)
    if schedule.kind == "ongoing":
        return [Obligation(None, start=schedule.start, ongoing=True)]
    if schedule.kind == "occurrence":
        if not occurred:
            return [Obligation(None, occurrence=True)]
        days = schedule.within_days
        return [
            Obligation(None if days is None else d + dt.timedelta(days=days), d, d.isoformat(), occurrence=True)
            for d in sorted(set(occurred))
        ]
    if schedule.kind == "relative":
        base = relative_base(schedule, plan)
        return [Obligation(base + dt.timedelta(days=schedule.days), base)]
    if schedule.kind == "milestones":
        return [Obligation(m.by, milestone=m.id) for m in schedule.milestones]
    if schedule.kind == "event":
        event = next((e for e in plan.events if e.id == schedule.event), None)
        if event is None or event.date is None:
            return [Obligation(None, waiting_for=schedule.event)]
        if schedule.offset_days is None:
            return [Obligation(None, start=event.date)]
        return [Obligation(event.date + dt.timedelta(days=schedule.offset_days), event.date)]
    assert schedule.kind == "none"
    return [Obligation(None)]


def relative_base(schedule: RelativeSchedule, plan: Plan) -> dt.date:
    """The day a relative deadline counts from: receipt (when asked and known), else the plan's date."""
    if schedule.from_ == "received" and plan.plan.received is not None:
        return plan.plan.received
    return plan.plan.date


# --- recurring periods ---------------------------------------------------------------------
#
# A unit (year, half, quarter, month) is numbered by its first month counted from year 0,
# so that consecutive units are consecutive integers whatever their length.


def _unit_of(day: dt.date, months: int) -> int:
    return (day.year * 12 + day.month - 1) // months


def _unit_start(unit: int, months: int) -> dt.date:
    first = unit * months
    return dt.date(first // 12, first % 12 + 1, 1)


def _unit_label(unit: int, unit_name: str, months: int) -> str:
    start = _unit_start(unit, months)
    if unit_name == "year":
        return str(start.year)
    if unit_name == "half":
        return f"{start.year}-H{(start.month - 1) // 6 + 1}"
    if unit_name == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return f"{start.year}-{start.month:02d}"


def unit_label(day: dt.date, unit_name: str) -> str:
    """The label of the period of one unit that holds `day`: "2026", "2026-H1", "2026-Q2", "2026-06"."""
    months = UNIT_MONTHS[unit_name]
    return _unit_label(_unit_of(day, months), unit_name, months)


def _due(unit: int, due_month: int | None, due_day: int | None, months: int) -> dt.date:
    start = _unit_start(unit, months)
    month0 = start.month - 1 + (due_month or months) - 1
    year, month = start.year + month0 // 12, month0 % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(due_day or last, last))


def first_unit(s: RecurringSchedule, plan: Plan) -> int:
    months = UNIT_MONTHS[s.unit]
    if s.start is not None:
        return _unit_of(s.start, months)
    if s.first_year is not None:
        return _unit_of(dt.date(s.first_year, 1, 1), months)
    # Not before the plan's first year, nor before the period the plan was signed in.
    return max(_unit_of(dt.date(plan.plan.first_year, 1, 1), months), _unit_of(plan.plan.date, months))


def open_ended(schedule: RecurringSchedule, plan: Plan) -> bool:
    """Runs to the as-of date: no end of its own and no horizon to stop at."""
    return schedule.end is None and schedule.last_year is None and plan.plan.horizon is None


def _last_unit(s: RecurringSchedule, plan: Plan, until: dt.date | None, first: int) -> int:
    months = UNIT_MONTHS[s.unit]
    if s.end is not None:
        return _unit_of(s.end, months)
    if s.last_year is not None:
        return _unit_of(end_of_year(s.last_year), months)
    if plan.plan.horizon is not None:
        return _unit_of(end_of_year(plan.plan.horizon), months)
    return max(first, _unit_of(until, months)) if until is not None else first


def _periods(s: RecurringSchedule, plan: Plan, until: dt.date | None) -> list[Obligation]:
    first = first_unit(s, plan)
    last = _last_unit(s, plan, until, first)
    # A period due before the duty (or the plan) begins is not owed.
    begins = max(s.start or plan.plan.date, plan.plan.date)
    return list(_periods_between(s.unit, s.every, s.start, s.due_month, s.due_day, first, last, begins))


@functools.lru_cache(maxsize=4096)
def _periods_between(
    unit_name: str,
    every: int,
    duty_start: dt.date | None,
    due_month: int | None,
    due_day: int | None,
    first: int,
    last: int,
    begins: dt.date,
) -> tuple[Obligation, ...]:
    """The periods of units first..last, memoised: a plan repeats the same few cadences over
    thousands of tasks, and every rule and the evaluation ask for them again (a monthly duty
    over ten years is 120 periods, each a date computation)."""
    months = UNIT_MONTHS[unit_name]
    out = []
    unit = first
    while unit <= last:
        end = min(unit + every - 1, last)
        label = _unit_label(unit, unit_name, months)
        if end != unit:
            label += "–" + _unit_label(end, unit_name, months)
        due = _due(end, due_month, due_day, months)
        start = _unit_start(unit, months)
        if duty_start is not None and duty_start > start:
            start = duty_start
        if due >= begins:
            out.append(Obligation(due, start, label, due.year))
        unit = end + 1
    return tuple(out)


def final_due(schedule: Schedule, plan: Plan) -> dt.date | None:
    """The last deadline of the schedule, or None when it has none (yet) or runs on without end."""
    parts = schedule.parts if schedule.kind == "several" else [schedule]
    if any(p.kind == "recurring" and open_ended(p, plan) for p in parts):
        return None
    dues = [o.due for o in obligations(schedule, plan) if o.due is not None]
    return max(dues) if dues else None
