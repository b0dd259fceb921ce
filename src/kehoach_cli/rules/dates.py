"""Dates lie within the plan: deadlines between its issue date and the end of its horizon.

Spans and recurring ranges are ordered (start before end); span starts and recurring
years are not before the plan's first year. Progress records are not dated before the
plan was issued.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from kehoach_cli.model import (
    DeadlineSchedule,
    EventSchedule,
    MilestonesSchedule,
    RecurringSchedule,
    SpanSchedule,
)
from kehoach_cli.problems import Problem, YamlPath
from kehoach_cli.rules.subject import Subject
from kehoach_cli.textnorm import quoted

ID = "dates"
SUMMARY = "deadlines fall between the issue date and the horizon; ranges are ordered"
CODES = (
    "date-after-horizon",
    "date-before-issue",
    "date-order",
    "id-duplicate",
)


def check(subject: Subject) -> Iterator[Problem]:
    plan = subject.plan
    meta = plan.plan
    issued = meta.date
    end = dt.date(meta.horizon, 12, 31)
    first = meta.first_year

    def within(d: dt.date, path: YamlPath, what: str) -> Iterator[Problem]:
        if d < issued:
            yield Problem(
                "date-before-issue",
                f"{what} {d.isoformat()} is before the plan was issued ({issued.isoformat()})",
                path,
                "check the year; a plan cannot set a deadline before it exists",
            )
        elif d > end:
            yield Problem(
                "date-after-horizon",
                f"{what} {d.isoformat()} is after the plan's horizon ({meta.horizon})",
                path,
                f"check the year, or extend `plan.horizon` beyond {meta.horizon}",
            )

    if meta.vision is not None and meta.vision < meta.horizon:
        yield Problem(
            "date-order",
            f"vision {meta.vision} is before horizon {meta.horizon}",
            ("plan", "vision"),
            "the vision year comes after the horizon",
        )
    if meta.start_year is not None and not (issued.year <= meta.start_year <= meta.horizon):
        yield Problem(
            "date-after-horizon",
            f"start_year {meta.start_year} is outside {issued.year}–{meta.horizon}",
            ("plan", "start_year"),
            "remove start_year to use the issue year",
        )
    for i, task in enumerate(plan.tasks):
        s = task.schedule
        base: YamlPath = ("tasks", i, "schedule")
        if isinstance(s, DeadlineSchedule):
            yield from within(s.by, (*base, "by"), "deadline")
        elif isinstance(s, SpanSchedule):
            if s.start > s.end:
                yield Problem(
                    "date-order",
                    f"span starts {s.start.isoformat()} after it ends {s.end.isoformat()}",
                    (*base, "start"),
                    "swap `start` and `end`",
                )
            if s.start.year < first:
                yield Problem(
                    "date-before-issue",
                    f"span start {s.start.isoformat()} is before the plan's first year {first}",
                    (*base, "start"),
                    "check the year",
                )
            yield from within(s.end, (*base, "end"), "span end")
        elif isinstance(s, RecurringSchedule):
            lo = s.first_year or first
            hi = s.last_year or meta.horizon
            if lo > hi:
                yield Problem(
                    "date-order",
                    f"recurring years run backwards ({lo}–{hi})",
                    base,
                    "first_year comes before last_year",
                )
            if lo < first:
                yield Problem(
                    "date-before-issue",
                    f"first_year {lo} is before the plan's first year {first}",
                    (*base, "first_year"),
                    "check the year",
                )
            if hi > meta.horizon:
                yield Problem(
                    "date-after-horizon",
                    f"last_year {hi} is after the horizon {meta.horizon}",
                    (*base, "last_year"),
                    "check the year",
                )
        elif isinstance(s, EventSchedule) and s.offset_days is not None:
            event = next((e for e in plan.events if e.id == s.event), None)
            if event is not None and event.date is not None:
                due = event.date + dt.timedelta(days=s.offset_days)
                if due > end:
                    yield Problem(
                        "date-after-horizon",
                        f"the deadline after event {event.id} ({due.isoformat()}) is after the plan's horizon ({meta.horizon})",
                        (*base, "offset_days"),
                        "check the event's date and the offset",
                    )
        elif isinstance(s, MilestonesSchedule):
            for j, m in enumerate(s.milestones):
                yield from within(m.by, (*base, "milestones", j, "by"), f"milestone {m.id}")
            ids = [m.id for m in s.milestones]
            for j, m in enumerate(s.milestones):
                if m.id in ids[:j]:
                    yield Problem(
                        "id-duplicate",
                        f"milestone id {quoted(m.id)} is used twice",
                        (*base, "milestones", j, "id"),
                        "number milestones 1, 2, …",
                    )
        for j, t in enumerate(task.targets):
            if t.by is not None:
                yield from within(t.by, ("tasks", i, "targets", j, "by"), "target date")
    for i, r in enumerate(plan.progress):
        if r.date < issued:
            yield Problem(
                "date-before-issue",
                f"record dated {r.date.isoformat()} is before the plan was issued",
                ("progress", i, "date"),
                "check the date",
            )
