"""The rules stage: semantic checks of a loaded plan, one module per rule.

Each rule module has an ``ID``, a one-line ``SUMMARY``, a docstring that documents it for
users (``kehoach rules`` prints them), ``CODES`` (the problem codes it reports), and
``check(subject) -> Iterable[Problem]``. Problems carry YAML paths; `check` gives them
their file:line:col through the load stage's source map.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from types import ModuleType

from kehoach_cli.agencies import Registry
from kehoach_cli.load import Loaded, drop_shadowed, locate
from kehoach_cli.model import Plan
from kehoach_cli.problems import Problem
from kehoach_cli.rules import (
    agency_refs,
    amendments,
    dates,
    events,
    ids,
    records,
    roles,
    schedules,
    sections,
    succession,
    targets,
)
from kehoach_cli.rules.subject import Subject

PLAN_RULES: tuple[ModuleType, ...] = (
    ids,
    agency_refs,
    roles,
    sections,
    dates,
    schedules,
    events,
    targets,
    succession,
    amendments,
)
RULES: tuple[ModuleType, ...] = (*PLAN_RULES, records)

__all__ = ["PLAN_RULES", "RULES", "Subject", "check", "run"]


def run(subject: Subject, rules: Iterable[ModuleType] = RULES) -> list[Problem]:
    out: list[Problem] = []
    for rule in rules:
        found: Iterable[Problem] = rule.check(subject)
        out.extend(found)
    return out


def check(loaded: Loaded, today: dt.date | None = None) -> Loaded:
    """`loaded` with the problems of every rule added and located.

    On an invalid plan the plan rules still run on the tasks that validated, so one bad task
    does not hide the reference and date problems of all the others.
    """
    doc = loaded.sources.get(loaded.name)
    if doc is None:
        return loaded
    if loaded.plan is not None:
        found = run(Subject(loaded.plan, loaded.registry, loaded, today))
    elif isinstance(loaded.data, dict):
        found = _on_valid_part(loaded.data)
    else:
        return loaded
    locate(found, doc)
    return replace(loaded, problems=[*loaded.problems, *drop_shadowed(found, doc)])


def _on_valid_part(data: dict[str, object]) -> list[Problem]:
    from kehoach_cli.load.validation import validate
    from kehoach_cli.model import Task

    tasks = data.get("tasks")
    if not isinstance(tasks, list):
        return []
    known = {f.alias or n for n, f in Task.model_fields.items()}
    kept: list[int] = []
    usable: list[object] = []
    for i, t in enumerate(tasks):
        if isinstance(t, dict):
            t = {k: v for k, v in t.items() if k in known}  # unknown keys are reported already
        if validate(Task, t)[0] is not None:
            kept.append(i)
            usable.append(t)
    # Amendments may name the tasks just dropped: checking them now would add false errors.
    partial = dict(
        data, tasks=usable, progress=[], amendments=[] if len(kept) < len(tasks) else data.get("amendments", [])
    )
    plan, _ = validate(Plan, partial)
    if plan is None:
        return []
    out = []
    for p in run(Subject(plan, Registry(plan)), PLAN_RULES):
        if p.path[:1] == ("tasks",) and isinstance(p.path[1], int):
            p = replace(p, path=("tasks", kept[p.path[1]], *p.path[2:]))
        out.append(p)
    return out
