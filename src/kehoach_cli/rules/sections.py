"""Sections name real headings: a parent is a listed section, and so is every section a
task or goal names.

A task without `section:` belongs to the section named by its id's first segment ("2.đ.1"
→ "2"); that section need not be listed (then reports show its id alone), but a `section:`
written out must name one of `sections:`. Parents form no cycle.
"""

from __future__ import annotations

from collections.abc import Iterator

from kehoach_cli.messages import N_, msg
from kehoach_cli.problems import Problem, YamlPath
from kehoach_cli.rules.subject import Subject
from kehoach_cli.textnorm import closest, did_you_mean, quoted

ID = "sections"
SUMMARY = N_("section parents and the sections tasks and goals name are listed under `sections:`")
CODES = (
    "section-cycle",
    "section-unknown",
)


def check(subject: Subject) -> Iterator[Problem]:
    plan = subject.plan
    known = [s.id for s in plan.sections]
    parents = {s.id: s.parent for s in plan.sections}
    for i, section in enumerate(plan.sections):
        if section.parent is not None:
            yield from _named(section.parent, known, ("sections", i, "parent"))
        seen = {section.id}
        up = section.parent
        while up is not None and up in parents:
            if up in seen:
                yield Problem(
                    "section-cycle",
                    msg("section {id} is its own ancestor", id=quoted(section.id)),
                    ("sections", i, "parent"),
                    msg("a section's parent is a heading above it"),
                )
                break
            seen.add(up)
            up = parents[up]
    for i, task in enumerate(plan.tasks):
        if task.section is not None:
            yield from _named(task.section, known, ("tasks", i, "section"))
    for i, goal in enumerate(plan.goals):
        if goal.section is not None:
            yield from _named(goal.section, known, ("goals", i, "section"))


def _named(section: str, known: list[str], path: YamlPath) -> Iterator[Problem]:
    if section in known:
        return
    near = closest(section, known, n=1)
    hint = did_you_mean(near, msg("list the heading under `sections:` with its title as printed"))
    yield Problem("section-unknown", msg("unknown section {id}", id=quoted(section)), path, hint)
