"""Task IDs are unique and follow the document's numbering.

``<section>.<letter>`` with the letter as printed (``2.đ.1``, never ``2.dd.1``),
``.1``, ``.2`` … for separate bullets inside one lettered item, ``8.1`` for unlettered
bullets, ``III.1`` for the organisational duties of section III. Agency and event ids,
agency names and aliases are unique too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kehoach_cli.problems import Problem
from kehoach_cli.rules.subject import Subject
from kehoach_cli.textnorm import exact_key, quoted

ID = "ids"
SUMMARY = "task ids are unique and follow the document's numbering"
CODES = (
    "agency-alias-clash",
    "id-duplicate",
    "id-format",
)

TASK_ID = re.compile(r"^(?:[1-9][0-9]*\.(?:[a-zđ](?:\.[1-9][0-9]*)*|[1-9][0-9]*)|[IVX]+\.[1-9][0-9]*)$")


def check(subject: Subject) -> Iterator[Problem]:
    plan = subject.plan
    seen: dict[str, int] = {}
    for i, task in enumerate(plan.tasks):
        if task.id in seen:
            yield Problem(
                "id-duplicate",
                f"task id {quoted(task.id)} is used by more than one task",
                ("tasks", i, "id"),
                "give each task its own id; a forgotten '- ' can merge or repeat tasks",
            )
        else:
            seen[task.id] = i
        if not TASK_ID.match(task.id):
            hint = "ids look like 1.a, 2.đ.1, 6.b.3, 8.1 or III.2"
            if "dd" in task.id:
                hint = f"write the letter as printed: {quoted(task.id.replace('dd', 'đ'))}"
            elif task.id != task.id.lower() and not task.id.startswith(("I", "V", "X")):
                hint = f"letters are lowercase: {quoted(task.id.lower())}"
            yield Problem(
                "id-format", f"task id {quoted(task.id)} does not follow the numbering", ("tasks", i, "id"), hint
            )
        metrics: set[str] = set()
        for j, target in enumerate(task.targets):
            if target.metric in metrics:
                yield Problem(
                    "id-duplicate",
                    f"metric {quoted(target.metric)} appears twice in task {task.id}",
                    ("tasks", i, "targets", j, "metric"),
                    "give each target its own metric name",
                )
            metrics.add(target.metric)
    yield from _unique_ids("agencies", [a.id for a in plan.agencies])
    yield from _unique_ids("events", [e.id for e in plan.events])
    owner: dict[str, str] = {}
    for i, agency in enumerate(plan.agencies):
        for j, name in enumerate((agency.name, *agency.aliases)):
            key = exact_key(name)
            other = owner.get(key)
            if other is not None and other != agency.id:
                path = ("agencies", i, "name") if j == 0 else ("agencies", i, "aliases", j - 1)
                yield Problem(
                    "agency-alias-clash",
                    f"{quoted(name)} names two agencies ({other} and {agency.id})",
                    path,
                    "an alias must point to one agency only",
                )
            owner.setdefault(key, agency.id)


def _unique_ids(section: str, ids: list[str]) -> Iterator[Problem]:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            yield Problem(
                "id-duplicate", f"{section} id {quoted(ident)} is used twice", (section, i, "id"), "ids must be unique"
            )
        seen.add(ident)
