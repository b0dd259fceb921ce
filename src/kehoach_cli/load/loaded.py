"""What loading gives: the plan, its report files, every problem, and the files behind them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kehoach_cli.load.source import SourceDoc
from kehoach_cli.problems import Problem, has_errors

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kehoach_cli.agencies import Registry
    from kehoach_cli.model import Plan, ReportFile


@dataclass
class LoadedReport:
    path: Path
    doc: SourceDoc
    report: ReportFile | None


@dataclass
class Loaded:
    path: Path  # the plan file as given; its directory holds reports/
    plan: Plan | None
    problems: list[Problem]
    root: Path = field(default_factory=Path)  # the repository: nothing outside it is read or written
    sources: dict[str, SourceDoc] = field(default_factory=dict)  # plan first, then report files
    reports: list[LoadedReport] = field(default_factory=list)
    data: object = None  # the plan's raw data, for rules on the valid part of an invalid plan
    # Every report file the load tried to read, whether it could or not (the plan cache
    # depends on each of them).
    read: list[Path] = field(default_factory=list)
    _registry: Registry | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.plan is not None and not has_errors(self.problems)

    @property
    def name(self) -> str:
        """The plan's display name (the first source)."""
        return next(iter(self.sources), str(self.path))

    @property
    def registry(self) -> Registry:
        """The agency registry, built once per loaded plan."""
        from kehoach_cli.agencies import Registry

        assert self.plan is not None
        if self._registry is None:
            self._registry = Registry(self.plan)
        return self._registry
