"""Dates lie within the plan: deadlines between its issue date and the end of its horizon.

Spans, ongoing duties and recurring ranges are ordered (start before end); span starts
and recurring years are not before the plan's first year; relative deadlines and the
parts of a `several` schedule are held to the same bounds. A plan without a horizon has
no upper bound. Progress records are not dated before the plan was issued.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from kehoach_cli.messages import N_, Msg, msg
from kehoach_cli.model import (
    DeadlineSchedule,
    EventSchedule,
    MilestonesSchedule,
    OngoingSchedule,
    Plan,
    RecurringSchedule,
    RelativeSchedule,
    SeveralSchedule,
    SingleSchedule,
    SpanSchedule,
)
from kehoach_cli.problems import Problem, YamlPath
from kehoach_cli.rules.subject import Subject
from kehoach_cli.schedule import relative_base
from kehoach_cli.textnorm import quoted

ID = "dates"
SUMMARY = N_("deadlines fall between the issue date and the horizon; ranges are ordered")
CODES = (
    "date-after-horizon",
    "date-before-issue",
    "date-order",
    "id-duplicate",
)


# What a checked date belongs to, as messages made once (not once per task and schedule).
_TARGET_DATE = msg("target date")
_GOAL_DATE = msg("goal date")
_DEADLINE = msg("deadline")
_SPAN = msg("span")
_SPAN_END = msg("span end")
_ONGOING = msg("the ongoing duty")
_ONGOING_END = msg("end of the ongoing duty")
_RELATIVE = msg("the relative deadline")


def check(subject: Subject) -> Iterator[Problem]:
    plan = subject.plan
    meta = plan.plan
    issued = meta.date
    if meta.vision is not None and meta.horizon is not None and meta.vision < meta.horizon:
        yield Problem(
            "date-order",
            msg("vision {vision} is before horizon {horizon}", vision=meta.vision, horizon=meta.horizon),
            ("plan", "vision"),
            msg("the vision year comes after the horizon"),
        )
    if meta.start_year is not None and not (issued.year <= meta.start_year <= (meta.horizon or meta.start_year)):
        yield Problem(
            "date-after-horizon",
            msg(
                "start_year {year} is outside {first}–{last}",
                year=meta.start_year,
                first=issued.year,
                last=str(meta.horizon or "…"),
            ),
            ("plan", "start_year"),
            msg("remove start_year to use the issue year"),
        )
    if meta.received is not None and meta.received < issued:
        yield Problem(
            "date-before-issue",
            msg(
                "the plan is received {received}, before it was issued ({issued})",
                received=meta.received.isoformat(),
                issued=issued.isoformat(),
            ),
            ("plan", "received"),
            msg("check the date of receipt"),
        )
    for i, task in enumerate(plan.tasks):
        s = task.schedule
        base: YamlPath = ("tasks", i, "schedule")
        if isinstance(s, SeveralSchedule):
            for j, part in enumerate(s.parts):
                yield from _schedule(plan, part, (*base, "parts", j))
        else:
            yield from _schedule(plan, s, base)
        for j, t in enumerate(task.targets):
            if t.by is not None:
                yield from _within(plan, t.by, ("tasks", i, "targets", j, "by"), _TARGET_DATE)
    for i, g in enumerate(plan.goals):
        if g.by is not None:
            yield from _within(plan, g.by, ("goals", i, "by"), _GOAL_DATE)
    for i, r in enumerate(plan.progress):
        if r.date < issued:
            yield Problem(
                "date-before-issue",
                msg("record dated {date} is before the plan was issued", date=r.date.isoformat()),
                ("progress", i, "date"),
                msg("check the date"),
            )


def _within(plan: Plan, d: dt.date, path: YamlPath, what: Msg) -> Iterator[Problem]:
    meta = plan.plan
    if d < meta.date:
        yield Problem(
            "date-before-issue",
            msg(
                "{what} {date} is before the plan was issued ({issued})",
                what=what,
                date=d.isoformat(),
                issued=meta.date.isoformat(),
            ),
            path,
            msg("check the year; a plan cannot set a deadline before it exists"),
        )
    elif meta.horizon is not None and d > dt.date(meta.horizon, 12, 31):
        yield Problem(
            "date-after-horizon",
            msg(
                "{what} {date} is after the plan's horizon ({horizon})",
                what=what,
                date=d.isoformat(),
                horizon=meta.horizon,
            ),
            path,
            msg("check the year, or extend `plan.horizon` beyond {horizon}", horizon=meta.horizon),
        )


def _order(start: dt.date | None, end: dt.date | None, path: YamlPath, what: Msg) -> Iterator[Problem]:
    if start is not None and end is not None and start > end:
        yield Problem(
            "date-order",
            msg("{what} starts {start} after it ends {end}", what=what, start=start.isoformat(), end=end.isoformat()),
            path,
            msg("swap `start` and `end`"),
        )


def _schedule(plan: Plan, s: SingleSchedule, base: YamlPath) -> Iterator[Problem]:
    meta = plan.plan
    first = meta.first_year
    if isinstance(s, DeadlineSchedule):
        yield from _within(plan, s.by, (*base, "by"), _DEADLINE)
    elif isinstance(s, SpanSchedule):
        yield from _order(s.start, s.end, (*base, "start"), _SPAN)
        if s.start.year < first:
            yield Problem(
                "date-before-issue",
                msg(
                    "span start {start} is before the plan's first year {first}", start=s.start.isoformat(), first=first
                ),
                (*base, "start"),
                msg("check the year"),
            )
        yield from _within(plan, s.end, (*base, "end"), _SPAN_END)
    elif isinstance(s, OngoingSchedule):
        yield from _order(s.start, s.end, (*base, "start"), _ONGOING)
        if s.end is not None:
            yield from _within(plan, s.end, (*base, "end"), _ONGOING_END)
    elif isinstance(s, RelativeSchedule):
        due = relative_base(s, plan) + dt.timedelta(days=s.days)
        yield from _within(plan, due, (*base, "days"), _RELATIVE)
    elif isinstance(s, RecurringSchedule):
        yield from _recurring(plan, s, base)
    elif isinstance(s, EventSchedule) and s.offset_days is not None:
        event = next((e for e in plan.events if e.id == s.event), None)
        if event is not None and event.date is not None and meta.horizon is not None:
            due = event.date + dt.timedelta(days=s.offset_days)
            if due > dt.date(meta.horizon, 12, 31):
                yield Problem(
                    "date-after-horizon",
                    msg(
                        "the deadline after event {event} ({due}) is after the plan's horizon ({horizon})",
                        event=event.id,
                        due=due.isoformat(),
                        horizon=meta.horizon,
                    ),
                    (*base, "offset_days"),
                    msg("check the event's date and the offset"),
                )
    elif isinstance(s, MilestonesSchedule):
        for j, m in enumerate(s.milestones):
            yield from _within(plan, m.by, (*base, "milestones", j, "by"), msg("milestone {id}", id=m.id))
        ids = [m.id for m in s.milestones]
        for j, m in enumerate(s.milestones):
            if m.id in ids[:j]:
                yield Problem(
                    "id-duplicate",
                    msg("milestone id {id} is used twice", id=quoted(m.id)),
                    (*base, "milestones", j, "id"),
                    msg("number milestones 1, 2, …"),
                )


def _recurring(plan: Plan, s: RecurringSchedule, base: YamlPath) -> Iterator[Problem]:
    meta = plan.plan
    first = meta.first_year
    lo = s.start.year if s.start is not None else s.first_year or first
    hi = s.end.year if s.end is not None else s.last_year or meta.horizon
    if hi is not None and lo > hi:
        yield Problem(
            "date-order",
            msg("recurring years run backwards ({first}–{last})", first=lo, last=hi),
            base,
            msg("first_year comes before last_year") if s.start is None else msg("`start` comes before `end`"),
        )
    if lo < first:
        where = "start" if s.start is not None else "first_year"
        yield Problem(
            "date-before-issue",
            msg("{key} {year} is before the plan's first year {first}", key=where, year=lo, first=first),
            (*base, where),
            msg("check the year"),
        )
    if hi is not None and meta.horizon is not None and hi > meta.horizon:
        where = "end" if s.end is not None else "last_year"
        yield Problem(
            "date-after-horizon",
            msg("{key} {year} is after the horizon {horizon}", key=where, year=hi, horizon=meta.horizon),
            (*base, where),
            msg("check the year"),
        )
