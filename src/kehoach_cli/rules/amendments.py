"""Amendments name tasks of the plan and are dated within it.

A change naming a task must name one that exists, unless the change records the task's
removal (`fields: [removed]`). An amendment cannot predate the plan it amends.
"""

from __future__ import annotations

from collections.abc import Iterator

from kehoach_cli.messages import N_, msg
from kehoach_cli.problems import Problem
from kehoach_cli.rules.subject import Subject
from kehoach_cli.textnorm import closest, did_you_mean, quoted

ID = "amendments"
SUMMARY = N_("amendments refer to existing tasks and are dated after the plan")
CODES = (
    "date-before-issue",
    "task-unknown",
)


def check(subject: Subject) -> Iterator[Problem]:
    plan = subject.plan
    ids = [t.id for t in plan.tasks]
    known = set(ids)  # a look-up per change: `in` on the list made the rule quadratic (2.7 s at 100,000 tasks)
    for i, amendment in enumerate(plan.amendments):
        if amendment.date < plan.plan.date:
            yield Problem(
                "date-before-issue",
                msg(
                    "amendment {number} is dated {date}, before the plan",
                    number=amendment.number,
                    date=amendment.date.isoformat(),
                ),
                ("amendments", i, "date"),
                msg("check the date of the deciding document"),
            )
        for j, change in enumerate(amendment.changes):
            if change.task in known or "removed" in change.fields:
                continue
            near = closest(change.task, ids, n=1)
            hint = did_you_mean(near[:1], msg("name a task id of this plan"))
            yield Problem(
                "task-unknown",
                msg("amendment {number} names unknown task {task}", number=amendment.number, task=quoted(change.task)),
                ("amendments", i, "changes", j, "task"),
                hint,
            )
