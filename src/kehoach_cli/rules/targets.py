"""Targets and goals use units the tool knows, so actual values can be converted and compared.

A physical unit is checked ("KWh" is an error: the unit is kWh). A counted noun is open:
kehoach knows the common ones ("lần", "văn bản", "doanh nghiệp"…) and a plan declares its
own under `units:` (``{name: "hợp tác xã", kind: count}``); any other unit is a warning,
with a suggestion, and values in it compare only with the same unit. A target without a
date inherits none: it is reported, but its pace cannot be judged. A target dated after its
task's last deadline is a warning (usually a typo in a year).
"""

from __future__ import annotations

from collections.abc import Iterator

from kehoach_cli import units
from kehoach_cli.messages import N_, msg
from kehoach_cli.model import Target
from kehoach_cli.problems import Problem, YamlPath
from kehoach_cli.rules.subject import Subject
from kehoach_cli.schedule import final_due
from kehoach_cli.textnorm import did_you_mean, quoted

ID = "targets"
SUMMARY = N_("target and goal units are known; values are positive; a target is not dated after its task's deadline")
CODES = (
    "target-after-deadline",
    "target-value",
    "unit-unknown",
)


def check(subject: Subject) -> Iterator[Problem]:
    plan = subject.plan
    vocabulary = units.for_plan(plan)
    for i, task in enumerate(plan.tasks):
        # Only a dated target is compared with the deadline: most tasks need no schedule walk.
        due = final_due(task.schedule, plan) if any(t.by is not None for t in task.targets) else None
        for j, t in enumerate(task.targets):
            path = ("tasks", i, "targets", j)
            if due is not None and t.by is not None and t.by > due:
                yield Problem(
                    "target-after-deadline",
                    msg(
                        "target {metric} is dated {by}, after its task's last deadline {due}",
                        metric=quoted(t.metric),
                        by=t.by.isoformat(),
                        due=due.isoformat(),
                    ),
                    (*path, "by"),
                    msg("check the years: a task's targets fall due by its deadline"),
                    severity="warning",
                )
            yield from _target(vocabulary, t, path)
    for i, goal in enumerate(plan.goals):
        yield from _target(vocabulary, goal, ("goals", i))


def _target(vocabulary: units.Vocabulary, t: Target, path: YamlPath) -> Iterator[Problem]:
    if vocabulary.lookup(t.unit) is None:
        yield unknown_unit(vocabulary, t.unit, (*path, "unit"))
    if t.value < 0:
        yield Problem(
            "target-value",
            msg("target value {value} is negative", value=t.value),
            (*path, "value"),
            msg("targets are amounts; check the sign"),
        )
    if t.unit == "%" and t.value > 100:
        yield Problem(
            "target-value",
            msg("target {value}% is more than 100%", value=t.value),
            (*path, "value"),
            msg("a share is at most 100%"),
        )


def unknown_unit(vocabulary: units.Vocabulary, name: str, path: YamlPath) -> Problem:
    """A physical unit written in the wrong case is an error; any other unknown unit a warning."""
    physical = vocabulary.miscased_physical(name)
    if physical is not None:
        return Problem("unit-unknown", msg("unknown unit {unit}", unit=quoted(name)), path, did_you_mean([physical]))
    near = vocabulary.suggest(name)
    declare = msg('or declare it: `units: [{{name: "{unit}", kind: count}}]`', unit=name.strip())
    suggestion = did_you_mean(near[:1])
    if suggestion is not None:
        hint = msg("{suggestion} {declare}", suggestion=suggestion, declare=declare)
    else:
        hint = msg("a unit kehoach does not know; {declare}", declare=declare)
    return Problem(
        "unit-unknown",
        msg("unknown unit {unit}: values compare only in this same unit", unit=quoted(name)),
        path,
        hint,
        severity="warning",
    )
