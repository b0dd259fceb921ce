"""Problems as text (compiler-style: location, excerpt with a caret, fix) or JSON, and `check`'s output."""

from __future__ import annotations

import json
from collections.abc import Mapping

from kehoach_cli.load.yamlio import SourceDoc
from kehoach_cli.problems import Problem
from kehoach_cli.render.registry import RenderOptions
from kehoach_cli.rules.result import CheckResult


def sort(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=Problem.sort_key)


def as_text(problems: list[Problem], sources: Mapping[str, SourceDoc]) -> str:
    out: list[str] = []
    for p in sort(problems):
        loc = p.location
        head = f"{loc}: " if loc else ""
        out.append(f"{head}{p.severity}[{p.code}]: {p.message}")
        if loc is not None and loc.line > 0 and loc.file in sources:
            line = sources[loc.file].line_text(loc.line)
            if line is not None:
                gutter = str(loc.line)
                shown, caret = _window(line, loc.col - 1)
                out.append(f"  {gutter} | {shown}")
                out.append(f"  {' ' * len(gutter)} | {' ' * caret}^")
        if p.path:
            out.append(f"  = at: {p.dotted_path}")
        for rel in p.related:
            out.append(f"  = see also: {rel}")
        if p.hint:
            out.append(f"  = help: {p.hint}")
        out.append("")
    return "\n".join(out)


def _window(line: str, col: int, width: int = 100) -> tuple[str, int]:
    """At most `width` characters of `line` around `col`, and the caret's offset in them."""
    if len(line) <= width:
        return line, min(col, len(line))
    start = max(0, min(col - width // 2, len(line) - width))
    shown = line[start : start + width]
    caret = col - start
    if start > 0:
        shown, caret = "…" + shown[1:], caret
    if start + width < len(line):
        shown = shown[:-1] + "…"
    return shown, max(0, min(caret, width - 1))


def summary(problems: list[Problem]) -> str:
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    parts = []
    if errors:
        parts.append(f"{errors} error" + ("s" if errors != 1 else ""))
    if warnings:
        parts.append(f"{warnings} warning" + ("s" if warnings != 1 else ""))
    return ", ".join(parts)


def as_dicts(problems: list[Problem]) -> list[dict[str, object]]:
    return [
        {
            "code": p.code,
            "severity": p.severity,
            "message": p.message,
            "hint": p.hint,
            "file": p.location.file if p.location else None,
            "line": p.location.line if p.location else None,
            "col": p.location.col if p.location else None,
            "path": p.dotted_path or None,
            "related": [str(r) for r in p.related],
        }
        for p in sort(problems)
    ]


def as_json(file: str, problems: list[Problem], ok: bool) -> str:
    return json.dumps({"file": file, "ok": ok, "problems": as_dicts(problems)}, ensure_ascii=False, indent=2) + "\n"


def summary_line(result: CheckResult) -> str:
    """`plan.yaml: OK — 64 tasks, 25 agencies, 0 progress records`, or its problem counts."""
    if result.problems:
        return f"{result.name}: {summary(list(result.problems))}\n"
    return f"{result.name}: OK — {result.tasks} tasks, {result.agencies} agencies, {result.records} progress records\n"


def render_text(result: CheckResult, opts: RenderOptions) -> str:
    body = as_text(list(result.problems), result.sources) if result.problems else ""
    return body + summary_line(result)


def render_json(result: CheckResult, opts: RenderOptions) -> str:
    return as_json(result.name, list(result.problems), result.ok)
