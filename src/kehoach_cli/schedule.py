"""Schedules → obligations: each dated thing a task owes.

A deadline or span owes one thing; a recurring task owes one per period (a missed year
stays missed on its own); milestones owe one each; an event schedule owes one once its
event has a date and the plan gives a period after it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kehoach_cli.model import (
    DeadlineSchedule,
    EventSchedule,
    MilestonesSchedule,
    NoSchedule,
    Plan,
    RecurringSchedule,
    Schedule,
    SpanSchedule,
)


@dataclass(frozen=True)
class Obligation:
    """One dated thing a task owes. `due` None: no deadline (yet)."""

    due: dt.date | None
    start: dt.date | None = None
    period: str | None = None  # recurring: "2021" or "2019–2021"; milestones: milestone id
    year: int | None = None  # recurring: the last year of the period
    waiting_for: str | None = None  # event id when the event has not happened


def end_of_year(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def obligations(schedule: Schedule, plan: Plan) -> list[Obligation]:
    if isinstance(schedule, DeadlineSchedule):
        return [Obligation(schedule.by)]
    if isinstance(schedule, SpanSchedule):
        return [Obligation(schedule.end, start=schedule.start)]
    if isinstance(schedule, RecurringSchedule):
        first = schedule.first_year or plan.plan.first_year
        last = schedule.last_year or plan.plan.horizon
        out = []
        year = first
        while year <= last:
            end = min(year + schedule.every - 1, last)
            label = str(year) if end == year else f"{year}–{end}"
            out.append(Obligation(end_of_year(end), dt.date(year, 1, 1), label, end))
            year = end + 1
        return out
    if isinstance(schedule, MilestonesSchedule):
        return [Obligation(m.by, period=m.id) for m in schedule.milestones]
    if isinstance(schedule, EventSchedule):
        event = next((e for e in plan.events if e.id == schedule.event), None)
        if event is None or event.date is None:
            return [Obligation(None, waiting_for=schedule.event)]
        if schedule.offset_days is None:
            return [Obligation(None, start=event.date)]
        return [Obligation(event.date + dt.timedelta(days=schedule.offset_days), event.date)]
    assert isinstance(schedule, NoSchedule)
    return [Obligation(None)]


def final_due(schedule: Schedule, plan: Plan) -> dt.date | None:
    """The last deadline of the schedule, or None when it has none (yet)."""
    dues = [o.due for o in obligations(schedule, plan) if o.due is not None]
    return max(dues) if dues else None
