"""Targets use units the tool knows, so actual values can be converted and compared.

A target without a date inherits none: it is reported, but its pace cannot be judged.
"""

from __future__ import annotations

from collections.abc import Iterator

from kehoach_cli import units
from kehoach_cli.problems import Problem
from kehoach_cli.rules.subject import Subject
from kehoach_cli.textnorm import did_you_mean, quoted

ID = "targets"
SUMMARY = "target units are known; values are positive"
CODES = (
    "target-value",
    "unit-unknown",
)


def check(subject: Subject) -> Iterator[Problem]:
    plan = subject.plan
    for i, task in enumerate(plan.tasks):
        for j, t in enumerate(task.targets):
            path = ("tasks", i, "targets", j)
            if units.lookup(t.unit) is None:
                near = units.suggest(t.unit)
                hint = did_you_mean(near[:1], "known units: " + ", ".join(units.UNITS))
                yield Problem("unit-unknown", f"unknown unit {quoted(t.unit)}", (*path, "unit"), hint)
            if t.value < 0:
                yield Problem(
                    "target-value",
                    f"target value {t.value} is negative",
                    (*path, "value"),
                    "targets are amounts; check the sign",
                )
            if t.unit == "%" and t.value > 100:
                yield Problem(
                    "target-value", f"target {t.value}% is more than 100%", (*path, "value"), "a share is at most 100%"
                )
