"""The rules stage: semantic checks of a loaded plan, one module per rule.

Each rule module has an ``ID``, a one-line ``SUMMARY``, a docstring that documents it for
users (``kehoach rules`` prints them), ``CODES`` (the problem codes it reports), and
``check(subject) -> Iterable[Problem]``. Problems carry YAML paths; `check` gives them
their file:line:col through the load stage's source map.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import replace
from types import ModuleType
from typing import TypeVar

from pydantic import BaseModel

from kehoach_cli.agencies import Registry
from kehoach_cli.load import Loaded, drop_shadowed, locate
from kehoach_cli.model import Agency, Event, Plan, PlanMeta
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

M = TypeVar("M", bound=BaseModel)

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

    On an invalid plan the plan rules still run on every part that validated, so one bad
    task, agency or metadata field does not hide the reference and date problems of the rest.
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


# A required field of `plan:` that failed validation is replaced by a value no rule can
# object to (the earliest issue date, the latest horizon), and rule problems about `plan:`
# itself are then dropped: the schema problem already names the field.
_META_FALLBACK: dict[str, object] = {
    "number": None,
    "number_as_printed": "?",
    "date": "1900-01-01",
    "issuer": "?",
    "title": "?",
    "horizon": 2200,
}


def _on_valid_part(data: dict[str, object]) -> list[Problem]:
    """The plan rules on the parts of an invalid plan that validate on their own."""
    from kehoach_cli.model import Amendment, Goal, Section, Succession, Task, UnitDecl

    if not isinstance(data.get("agencies"), list):
        return []  # without the registry every reference would look unknown
    meta, repaired = _meta(data.get("plan"))
    if meta is None:
        return []
    kept: dict[str, list[int]] = {}
    kept["agencies"], agencies = _valid_items(data.get("agencies"), Agency, _agency_stand_in)
    kept["events"], events = _valid_items(data.get("events"), Event, _event_stand_in)
    kept["successions"], successions = _valid_items(data.get("successions"), Succession)
    kept["sections"], sections = _valid_items(data.get("sections"), Section)
    kept["units"], unit_list = _valid_items(data.get("units"), UnitDecl)
    kept["goals"], goals = _valid_items(data.get("goals"), Goal)
    kept["tasks"], tasks = _valid_items(data.get("tasks"), Task)
    kept["amendments"], amendments = _valid_items(data.get("amendments"), Amendment)
    given = data.get("tasks")
    if isinstance(given, list) and len(tasks) < len(given):
        # Amendments may name the tasks just dropped: checking them now would add false errors.
        kept["amendments"], amendments = [], []
    plan = Plan.model_construct(
        plan=meta,
        agencies=agencies,
        events=events,
        successions=successions,
        sections=sections,
        units=unit_list,
        goals=goals,
        tasks=tasks,
        amendments=amendments,
        progress=[],
    )
    out = []
    for p in run(Subject(plan, Registry(plan)), PLAN_RULES):
        if repaired and p.path[:1] == ("plan",):
            continue
        out.append(replace(p, path=_moved(p.path, kept), see=tuple(_moved(x, kept) for x in p.see)))
    return out


def _moved(path: tuple[str | int, ...], kept: dict[str, list[int]]) -> tuple[str | int, ...]:
    """A path into the partial plan as a path into the file."""
    if len(path) >= 2 and isinstance(path[0], str) and path[0] in kept and isinstance(path[1], int):
        return (path[0], kept[path[0]][path[1]], *path[2:])
    return path


def _known(model: type[BaseModel], item: object) -> object:
    """`item` without its unknown keys (reported already)."""
    if not isinstance(item, dict):
        return item
    known = {f.alias or n for n, f in model.model_fields.items()}
    return {k: v for k, v in item.items() if k in known}


def _valid_items(
    items: object, model: type[M], salvage: Callable[[int, object], M | None] | None = None
) -> tuple[list[int], list[M]]:
    from kehoach_cli.load.validation import validate

    if not isinstance(items, list):
        return [], []
    kept: list[int] = []
    usable: list[M] = []
    for i, item in enumerate(items):
        valid, _ = validate(model, _known(model, item))
        if valid is None and salvage is not None:
            valid = salvage(i, item)
        if valid is not None:
            kept.append(i)
            usable.append(valid)
    return kept, usable


def _meta(data: object) -> tuple[PlanMeta | None, bool]:
    """`plan:` as validated, or with its invalid required fields replaced (and True)."""
    from kehoach_cli.load.validation import validate

    raw = _known(PlanMeta, data if isinstance(data, dict) else {})
    assert isinstance(raw, dict)
    meta, problems = validate(PlanMeta, raw)
    if meta is not None:
        return meta, False
    fixed = dict(raw)
    for p in problems:
        field = p.path[0] if p.path else None
        if isinstance(field, str):
            fixed.pop(field, None)
    for field, value in _META_FALLBACK.items():
        fixed.setdefault(field, value)
    for field in list(fixed):  # anything still wrong inside a field goes too
        if field not in _META_FALLBACK and validate(PlanMeta, {**_META_FALLBACK, field: fixed[field]})[0] is None:
            del fixed[field]
    return validate(PlanMeta, fixed)[0], True


def _texts(value: object) -> list[str]:
    if isinstance(value, str) and value.strip():
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str) and v.strip()]
    return []


def _agency_stand_in(i: int, item: object) -> Agency | None:
    """An agency whose entry failed validation (a missing `name_en`, a bad `kind`) still
    names itself: references to it must not become "unknown agency" errors."""
    if not isinstance(item, dict):
        return None
    names = _texts(item.get("name")) + _texts(item.get("aliases"))
    if not names:
        return None
    ident = item.get("id")
    shown = ident if isinstance(ident, str) and ident.strip() else f"agencies[{i}]"
    return Agency.model_construct(id=shown, name=names[0], name_en="?", kind="other", aliases=names[1:])


def _event_stand_in(i: int, item: object) -> Event | None:
    """An event whose entry failed validation, kept by its id (without a date)."""
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        return None
    return Event.model_construct(id=item["id"], name="?", date=None)
