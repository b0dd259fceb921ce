"""load_plan(path) or load_text(text, name) → the plan, its report files, every problem found.

The steps run in order and all problems are collected, never only the first:
bytes → text (encoding) → data + source map (yamlio) → models (pydantic). Nothing here
judges the plan: the semantic rules are the next stage (`kehoach_cli.rules`), and they
locate their problems through `locate` with the same source map.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kehoach_cli.errors import UnreadableInput
from kehoach_cli.load.access import DEFAULT_MAX_SIZE, read_file, repository_root, unsafe_relative, within
from kehoach_cli.load.loaded import Loaded, LoadedReport
from kehoach_cli.load.source import SourceDoc, display_name
from kehoach_cli.load.yamlio import PARSER_CODES, Vocabulary, decode, parse
from kehoach_cli.messages import msg
from kehoach_cli.problems import Location, Problem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kehoach_cli.model import Plan


# After these the data is incomplete or unsafe to validate; other YAML problems
# (duplicate keys, anchors, tags) still leave data worth checking in the same run.
_FATAL = frozenset({"yaml-syntax", "yaml-multiple-documents", "yaml-too-deep", "yaml-conflict-marker", "encoding"})


def read_text(
    path: Path, name: str, root: Path | None = None, max_size: int = DEFAULT_MAX_SIZE
) -> tuple[str | None, list[Problem]]:
    """The text of a plan or report file inside `root` (default: the file's repository)."""
    raw = read_file(path, name, root or repository_root(path.parent), max_size)
    return decode(raw, name)


def parse_file(
    path: Path, name: str | None = None, root: Path | None = None, max_size: int = DEFAULT_MAX_SIZE
) -> tuple[SourceDoc | None, list[Problem]]:
    name = name or display_name(path)
    text, problems = read_text(path, name, root, max_size)
    if text is None:
        return None, problems
    doc, more = parse(text, name, vocabulary())
    return doc, problems + more


def load_plan(
    path: Path, name: str | None = None, *, with_reports: bool = True, max_size: int = DEFAULT_MAX_SIZE
) -> Loaded:
    """Read the plan file at `path` (and, by default, its report files)."""
    name = name or display_name(path)
    root = repository_root(path.parent)
    text, problems = read_text(path, name, root, max_size)
    if text is None:
        return Loaded(path, None, problems, root)
    return load_text(text, name, path, with_reports=with_reports, problems=problems, max_size=max_size)


def load_bytes(data: bytes, name: str, path: Path, *, with_reports: bool = True) -> Loaded:
    """Load a plan's bytes from elsewhere (a git revision), shown as `name`."""
    text, problems = decode(data, name)
    if text is None:
        return Loaded(path, None, problems, repository_root(path.parent))
    return load_text(text, name, path, with_reports=with_reports, problems=problems)


def load_text(
    text: str,
    name: str,
    path: Path,
    *,
    with_reports: bool = True,
    problems: list[Problem] | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
) -> Loaded:
    """Load a plan given as text, shown as `name` (e.g. a git revision: "main:plan.yaml");
    `path` is where it stands, whose directory holds its report files."""
    from kehoach_cli.load.validation import validate
    from kehoach_cli.model import Plan

    doc, more = parse(text, name, vocabulary())
    problems = [*(problems or []), *more]
    loaded = Loaded(path, None, problems, repository_root(path.parent))
    loaded.sources[name] = doc
    if any(p.code in _FATAL for p in problems):
        locate(loaded.problems, doc)
        return loaded
    if doc.data is None:
        loaded.problems.append(
            Problem(
                "schema-empty",
                msg("the plan file is empty"),
                hint=msg("start from the bundled plan.yaml"),
                location=Location(name, 1, 1),
            )
        )
        return loaded
    if not isinstance(doc.data, dict):
        loaded.problems.append(
            Problem(
                "schema",
                msg("the plan must be a mapping with keys plan, agencies, tasks"),
                hint=msg("see the format in README.md"),
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
        _load_reports(loaded, plan, max_size)
    return loaded


def vocabulary() -> Vocabulary:
    """The key names of plan and report files, for the parser's hints."""
    global _VOCABULARY
    if _VOCABULARY is None:
        from pydantic import BaseModel

        from kehoach_cli import model

        keys: set[str] = set()
        for obj in vars(model).values():
            if isinstance(obj, type) and issubclass(obj, BaseModel) and obj.__module__ == model.__name__:
                keys.update(f.alias or n for n, f in obj.model_fields.items())
        _VOCABULARY = Vocabulary(frozenset(keys), _PROSE & frozenset(keys))
    return _VOCABULARY


_VOCABULARY: Vocabulary | None = None
# Keys holding sentences, where an unquoted ' #' silently ends the text.
_PROSE = frozenset({"title", "title_en", "label", "label_en", "text", "note", "notes", "summary", "evidence", "basis"})


def _load_reports(loaded: Loaded, plan: Plan, max_size: int) -> None:
    from kehoach_cli.load.validation import validate
    from kehoach_cli.model import ReportFile

    base = loaded.path.parent
    root = loaded.root
    plan_doc = next(iter(loaded.sources.values()))
    # (path, the plan.reports entry that lists it, if any)
    paths: list[tuple[Path, int | None]] = []
    for i, entry in enumerate(plan.plan.reports):
        if unsafe_relative(entry):
            loaded.problems.append(
                Problem(
                    "report-path",
                    msg("report file {file} is not a path inside the repository", file=repr(entry)),
                    ("plan", "reports", i),
                    msg("list report files by a path relative to plan.yaml, without '..', e.g. reports/sct-2021.yaml"),
                    location=plan_doc.locate(("plan", "reports", i)),
                )
            )
            continue
        paths.append((base / entry, i))
    default_dir = base / "reports"
    if default_dir.is_dir():
        if within(default_dir, root):
            paths.extend((p, None) for p in sorted(default_dir.glob("*.yaml")))
        else:
            name = display_name(default_dir)
            loaded.problems.append(
                Problem(
                    "report-unreadable",
                    msg(
                        "{folder}/ leads outside the repository ({root}); its files are not read",
                        folder=name,
                        root=str(root),
                    ),
                    hint=msg("reports/ must be a folder of the repository, not a link to elsewhere"),
                    location=Location(name, 0, 0),
                )
            )
    loaded.read = [p for p, _ in paths]
    seen: set[Path] = set()
    for p, listed in paths:
        real = p.resolve()
        if real in seen:
            continue
        seen.add(real)
        name = display_name(p)
        try:
            doc, problems = parse_file(p, name, root, max_size)
        except UnreadableInput as exc:
            if listed is not None:
                where, hint = plan_doc.locate(("plan", "reports", listed)), msg("fix the path in `plan.reports`")
            else:
                where, hint = Location(name, 1, 1), msg("report files in reports/ must be readable YAML files")
            loaded.problems.append(Problem("report-unreadable", exc.message, hint=hint, location=where))
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

    return [p for p in problems if p.code.startswith(PARSER_CODES) or not shadowed(p)]


def locate(problems: list[Problem], doc: SourceDoc) -> None:
    """Give every problem that has only a YAML path its file:line:col in `doc` (in place)."""
    for i, p in enumerate(problems):
        if p.location is None:
            key = p.code in ("schema-unknown-key", "yaml-duplicate-key")
            p = p.at(doc.locate(p.path, key=key))
        if p.see:
            p = replace(p, related=(*p.related, *(doc.locate(s) for s in p.see)), see=())
        problems[i] = p
