"""The value `kehoach check` renders: a checked plan's problems and what it holds."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kehoach_cli.load import Loaded
from kehoach_cli.load.source import SourceDoc
from kehoach_cli.problems import Problem


@dataclass(frozen=True)
class CheckResult:
    name: str  # the plan's display name
    ok: bool
    problems: tuple[Problem, ...]
    sources: Mapping[str, SourceDoc]  # for excerpts under each message
    tasks: int = 0
    agencies: int = 0
    records: int = 0


def result(loaded: Loaded) -> CheckResult:
    plan = loaded.plan
    records = sum(len(r.report.records) for r in loaded.reports if r.report) + (len(plan.progress) if plan else 0)
    return CheckResult(
        loaded.name,
        loaded.ok,
        tuple(loaded.problems),
        loaded.sources,
        len(plan.tasks) if plan else 0,
        len(plan.agencies) if plan else 0,
        records,
    )
