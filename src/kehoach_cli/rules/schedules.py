"""Schedules say what the source says, and the first period of a duty is a decision.

"Hằng năm" in a plan signed on 19/11 falls due six weeks later: whether that first period
counts is for the maintainer to decide, so a recurring duty whose first obligation falls
due less than 90 days after the plan's date, with no `start` or `first_year` (nor a
`plan.start_year`), is a warning. A `label` names a part of a `several` schedule and means
nothing elsewhere (a warning too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from kehoach_cli.messages import N_, msg, nmsg
from kehoach_cli.model import Plan, RecurringSchedule, SeveralSchedule
from kehoach_cli.problems import Problem, YamlPath
from kehoach_cli.rules.subject import Subject
from kehoach_cli.schedule import obligations

ID = "schedules"
SUMMARY = N_("a recurring duty falling due soon after signing says when it starts; labels only in `several`")

CODES = (
    "recurring-first-period",
    "schedule-label",
)

FIRST_PERIOD_DAYS = 90


def check(subject: Subject) -> Iterator[Problem]:
    plan = subject.plan
    for i, task in enumerate(plan.tasks):
        base: YamlPath = ("tasks", i, "schedule")
        s = task.schedule
        if isinstance(s, SeveralSchedule):
            parts: list[tuple[object, YamlPath]] = [(p, (*base, "parts", j)) for j, p in enumerate(s.parts)]
        else:
            parts = [(s, base)]
            if s.label is not None:
                yield Problem(
                    "schedule-label",
                    msg("`label` names a part of a `several` schedule; here it means nothing"),
                    (*base, "label"),
                    msg("remove `label`"),
                    severity="warning",
                )
        for part, path in parts:
            if isinstance(part, RecurringSchedule):
                yield from _first_period(plan, part, path)


def _first_period(plan: Plan, s: RecurringSchedule, path: YamlPath) -> Iterator[Problem]:
    if s.start is not None or s.first_year is not None or plan.plan.start_year is not None:
        return
    # A year on is enough to reach the first period of any unit.
    until = plan.plan.date + dt.timedelta(days=366)
    first = next((o for o in obligations(s, plan, until) if o.due is not None), None)
    if first is None or first.due is None:
        return
    days = (first.due - plan.plan.date).days
    if days < FIRST_PERIOD_DAYS:
        yield Problem(
            "recurring-first-period",
            nmsg(
                "the first period ({period}) falls due {due}, {n} day after the plan was signed ({signed})",
                "the first period ({period}) falls due {due}, {n} days after the plan was signed ({signed})",
                days,
                period=first.period,
                due=first.due.isoformat(),
                signed=plan.plan.date.isoformat(),
            ),
            path,
            msg(
                "say when the duty starts: `start:` (a date) or `first_year:`; e.g. the next period's first day "
                "if the first does not count"
            ),
            severity="warning",
        )
