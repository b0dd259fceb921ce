"""load_plan(path) → the plan, its progress report files, and every problem found.

The stages run in order and all problems are collected, never only the first:
bytes → text (encoding) → data + source map (yamlio) → models (pydantic) → semantic
rules. Problems get their file:line:col from the source map at the end.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import UnreadableInput
from .problems import Location, Problem, has_errors
from .yamlio import SourceDoc, decode, parse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .agencies import Registry
    from .model import Plan, ReportFile


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
    path: Path
    plan: Plan | None
    problems: list[Problem]
    sources: dict[str, SourceDoc] = field(default_factory=dict)
    reports: list[LoadedReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.plan is not None and not has_errors(self.problems)

    @property
    def registry(self) -> Registry:
        from .agencies import Registry

        assert self.plan is not None
        return Registry(self.plan)


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


def load_plan(
    path: Path, name: str | None = None, *, with_reports: bool = True, today: dt.date | None = None
) -> Loaded:
    from .model import Plan
    from .validation import validate

    name = name or display_name(path)
    doc, problems = parse_file(path, name)
    loaded = Loaded(path, None, problems)
    if doc is None:
        return loaded
    loaded.sources[name] = doc
    if any(p.code in _FATAL for p in problems):
        _locate(loaded.problems, doc)
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
    plan, schema_problems = validate(Plan, doc.data)
    problems.extend(schema_problems)
    if plan is not None:
        from . import rules
        from .agencies import Registry

        problems.extend(rules.run(plan, Registry(plan)))
        loaded.plan = plan
    else:
        problems.extend(_rules_on_valid_part(doc.data))
    _locate(problems, doc)
    loaded.problems = _drop_shadowed(problems, doc)
    if plan is not None and with_reports:
        _load_reports(loaded, plan)
    if plan is not None:
        from . import record_rules

        loaded.problems.extend(record_rules.check(loaded, loaded.registry, today))
    return loaded


def _rules_on_valid_part(data: dict[str, object]) -> list[Problem]:
    """Run the semantic rules on the tasks that are valid, so one bad task does not hide
    the reference and date problems of all the others."""
    from . import rules
    from .agencies import Registry
    from .model import Plan, Task
    from .validation import validate

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
    for p in rules.run(plan, Registry(plan)):
        if p.path[:1] == ("tasks",) and isinstance(p.path[1], int):
            p = replace(p, path=("tasks", kept[p.path[1]], *p.path[2:]))
        out.append(p)
    return out


def _load_reports(loaded: Loaded, plan: Plan) -> None:
    from .model import ReportFile
    from .validation import validate

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
            _locate(problems, doc)
            loaded.reports.append(LoadedReport(p, doc, report))
        loaded.problems.extend(problems)


def _drop_shadowed(problems: list[Problem], doc: SourceDoc) -> list[Problem]:
    """A schema complaint at the very spot of a YAML problem (a tag, an alias) repeats it."""

    def shadowed(p: Problem) -> bool:
        loc = p.location
        return loc is not None and loc.file == doc.file and (loc.line, loc.col) in doc.flagged

    return [p for p in problems if p.code.startswith(("yaml-", "encoding")) or not shadowed(p)]


def _locate(problems: list[Problem], doc: SourceDoc) -> None:
    for i, p in enumerate(problems):
        if p.location is None:
            key = p.code in ("schema-unknown-key", "yaml-duplicate-key")
            problems[i] = p.at(doc.locate(p.path, key=key))
