"""Semantic checks of a schema-valid plan, one module per rule.

Each rule module has an ``ID``, a one-line ``SUMMARY``, a docstring that documents it
for users, and ``check(plan, registry) -> Iterable[Problem]``; problems carry YAML
paths and the loader turns them into file:line:col.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType

from ..agencies import Registry
from ..model import Plan
from ..problems import Problem
from . import agency_refs, amendments, dates, events, ids, roles, succession, targets

RULES: tuple[ModuleType, ...] = (ids, agency_refs, roles, dates, events, targets, succession, amendments)


def run(plan: Plan, registry: Registry) -> list[Problem]:
    out: list[Problem] = []
    for rule in RULES:
        checker: Iterable[Problem] = rule.check(plan, registry)
        out.extend(checker)
    return out
