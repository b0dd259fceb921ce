"""load_plan(path) or load_text(text, name) → the plan, its report files, every problem found.

The steps run in order and all problems are collected, never only the first:
bytes → text (encoding) → data + source map (yamlio) → models (pydantic). Nothing here
judges the plan: the semantic rules are the next stage (`kehoach_cli.rules`), and they
locate their problems through `locate` with the same source map.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from kehoach_cli.errors import UnreadableInput
from kehoach_cli.load.yamlio import SourceDoc, decode, parse
from kehoach_cli.problems import Location, Problem, has_errors

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kehoach_cli.agencies import Registry
    from kehoach_cli.model import Plan, ReportFile


# After these the data is incomplete or unsafe to validate; other YAML problems
# (duplicate keys, anchors, tags) still leave data worth checking in the same run.
_FATAL = frozenset({"yaml-syntax", "yaml-multiple-documents", "yaml-too-deep", "encoding"})


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
    sources: dict[str, SourceDoc] = field(default_factory=dict)  # plan first, then report files
    reports: list[LoadedReport] = field(default_factory=list)
    data: object = None  # the plan's raw data, for rules on the valid part of an invalid plan
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


def display_name(path: Path) -> str:
    """The path as the user gave it, shortened when it lies under the current directory."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def read_text(path: Path, name: str) -> tuple[str | None, list[Problem]]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableInput(f"{name}: no such file") from None
    except IsADirectoryError:
        raise UnreadableInput(f"{name}: is a directory, not a plan file") from None
    except PermissionError:
        raise UnreadableInput(f"{name}: permission denied") from None
    except OSError as exc:
        raise UnreadableInput(f"{name}: cannot read ({exc.strerror})") from None
    return decode(raw, name)


def parse_file(path: Path, name: str | None = None) -> tuple[SourceDoc | None, list[Problem]]:
    name = name or display_name(path)
    text, problems = read_text(path, name)
    if text is None:
        return None, problems
    doc, more = parse(text, name)
    return doc, problems + more


def load_plan(path: Path, name: str | None = None, *, with_reports: bool = True) -> Loaded:
    """Read the plan file at `path` (and, by default, its report files)."""
    name = name or display_name(path)
    text, problems = read_text(path, name)
    if text is None:
        return Loaded(path, None, problems)
    return load_text(text, name, path, with_reports=with_reports, problems=problems)


def load_bytes(data: bytes, name: str, path: Path, *, with_reports: bool = True) -> Loaded:
    """Load a plan's bytes from elsewhere (a git revision), shown as `name`."""
    text, problems = decode(data, name)
    if text is None:
        return Loaded(path, None, problems)
    return load_text(text, name, path, with_reports=with_reports, problems=problems)


def load_text(
    text: str, name: str, path: Path, *, with_reports: bool = True, problems: list[Problem] | None = None
) -> Loaded:
    """Load a plan given as text, shown as `name` (e.g. a git revision: "main:plan.yaml");
    `path` is where it stands, whose directory holds its report files."""
    from kehoach_cli.load.validation import validate
    from kehoach_cli.model import Plan

    doc, more = parse(text, name)
    problems = [*(problems or []), *more]
    loaded = Loaded(path, None, problems)
    loaded.sources[name] = doc
    if any(p.code in _FATAL for p in problems):
        locate(loaded.problems, doc)
        return loaded
    if doc.data is None:
        loaded.problems.append(
            Problem(
                "schema-empty",
                "the plan file is empty",
                hint="start from the bundled plan.yaml",
                location=Location(name, 1, 1),
            )
        )
        return loaded
    if not isinstance(doc.data, dict):
        loaded.problems.append(
            Problem(
                "schema",
                "the plan must be a mapping with keys plan, agencies, tasks",
                hint="see the format in README.md",
                location=doc.locate(()),
            )
        )
        return loaded
    loaded.data = doc.data
    plan, schema_problems = validate(Plan, doc.data)
    problems.extend(schema_problems)
    loaded.plan = plan
    locate(problems, doc)
    loaded.problems = drop_shadowed(problems, doc)
    if plan is not None and with_reports:
        _load_reports(loaded, plan)
    return loaded


def _load_reports(loaded: Loaded, plan: Plan) -> None:
    from kehoach_cli.load.validation import validate
    from kehoach_cli.model import ReportFile

    base = loaded.path.parent
    plan_doc = next(iter(loaded.sources.values()))
    # (path, the plan.reports entry that lists it, if any)
    paths: list[tuple[Path, int | None]] = [(base / p, i) for i, p in enumerate(plan.plan.reports)]
    default_dir = base / "reports"
    if default_dir.is_dir():
        paths.extend((p, None) for p in sorted(default_dir.glob("*.yaml")))
    seen: set[Path] = set()
    for p, listed in paths:
        real = p.resolve()
        if real in seen:
            continue
        seen.add(real)
        name = display_name(p)
        try:
            doc, problems = parse_file(p, name)
        except UnreadableInput as exc:
            if listed is not None:
                where, hint = plan_doc.locate(("plan", "reports", listed)), "fix the path in `plan.reports`"
            else:
                where, hint = Location(name, 1, 1), "report files in reports/ must be readable YAML files"
            loaded.problems.append(Problem("report-unreadable", str(exc), hint=hint, location=where))
            continue
        report = None
        if doc is not None:
            loaded.sources[name] = doc
            if not any(p.code in _FATAL for p in problems):
                report, more = validate(ReportFile, doc.data)
                problems.extend(more)
            locate(problems, doc)
            loaded.reports.append(LoadedReport(p, doc, report))
        loaded.problems.extend(problems)


def drop_shadowed(problems: list[Problem], doc: SourceDoc) -> list[Problem]:
    """A schema complaint at the very spot of a YAML problem (a tag, an alias) repeats it."""

    def shadowed(p: Problem) -> bool:
        loc = p.location
        return loc is not None and loc.file == doc.file and (loc.line, loc.col) in doc.flagged

    return [p for p in problems if p.code.startswith(("yaml-", "encoding")) or not shadowed(p)]


def locate(problems: list[Problem], doc: SourceDoc) -> None:
    """Give every problem that has only a YAML path its file:line:col in `doc` (in place)."""
    for i, p in enumerate(problems):
        if p.location is None:
            key = p.code in ("schema-unknown-key", "yaml-duplicate-key")
            problems[i] = p.at(doc.locate(p.path, key=key))
