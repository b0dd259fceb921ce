"""Problems as text (compiler-style: location, excerpt with a caret, fix) or JSON, and `check`'s output."""

from __future__ import annotations

from collections.abc import Mapping

from kehoach_cli.messages import msg, nmsg
from kehoach_cli.problems import Problem
from kehoach_cli.safe import EXCERPT_LIMIT, json_text, one_line

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kehoach_cli.load.result import CheckResult
    from kehoach_cli.load.source import SourceDoc
    from kehoach_cli.render.registry import RenderOptions


def sort(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=Problem.sort_key)


# The severities as people read them (the JSON and SARIF `severity`/`level` stay English).
SEVERITY = {"error": msg("error"), "warning": msg("warning")}


def as_text(problems: list[Problem], sources: Mapping[str, SourceDoc], lang: str) -> str:
    out: list[str] = []
    at, see, helps = msg("at").text(lang), msg("see also").text(lang), msg("help").text(lang)
    for p in sort(problems):
        loc = p.location
        head = f"{one_line(str(loc))}: " if loc else ""
        out.append(f"{head}{SEVERITY[p.severity].text(lang)}[{p.code}]: {one_line(p.text(lang))}")
        doc = sources.get(loc.file) if loc is not None else None
        # A file that is not a plan (e.g. /etc/passwd named by mistake) never has a line
        # printed: in CI its content would go into a public log.
        if loc is not None and loc.line > 0 and doc is not None and doc.excerpts:
            line = doc.line_text(loc.line)
            if line is not None:
                gutter = str(loc.line)
                shown, caret = _window(line, loc.col - 1)
                out.append(f"  {gutter} | {shown}")
                out.append(f"  {' ' * len(gutter)} | {' ' * caret}^")
        if p.path:
            out.append(f"  = {at}: {one_line(p.dotted_path)}")
        for rel in p.related:
            out.append(f"  = {see}: {one_line(str(rel))}")
        hint = p.hint_text(lang)
        if hint:
            out.append(f"  = {helps}: {one_line(hint)}")
        out.append("")
    return "\n".join(out)


def _window(line: str, col: int, width: int = EXCERPT_LIMIT) -> tuple[str, int]:
    """At most `width` columns of `line` around `col`, every character shown safely (an
    escape sequence as ``\\x1b``), and the caret's offset in them."""
    if line.isprintable():  # the usual line: every character is one cell as it is (a tab is not printable)
        if len(line) <= width:
            return line, min(max(0, col), len(line))
        start = max(0, min(col - width // 2, len(line) - width))
        end = min(len(line), start + width)
        text = (
            ("…" if start > 0 else line[start])
            + line[start + 1 : end - 1]
            + ("…" if end < len(line) else line[end - 1])
        )
        return text, max(0, min(max(0, col - start), len(text) - 1))
    cells = [one_line(ch) for ch in line]
    if sum(len(c) for c in cells) <= width:
        return "".join(cells), sum(len(c) for c in cells[: max(0, col)])
    start = max(0, min(col - width // 2, len(cells) - width))
    end = min(len(cells), start + width)
    while sum(len(c) for c in cells[start:end]) > width:  # escapes are wider than one column
        if col - start > end - col:
            start += 1
        else:
            end -= 1
    shown = cells[start:end]
    if start > 0:
        shown[0] = "…"
    if end < len(cells):
        shown[-1] = "…"
    caret = sum(len(c) for c in shown[: max(0, col - start)])
    return "".join(shown), max(0, min(caret, sum(len(c) for c in shown) - 1))


def summary(problems: list[Problem], lang: str) -> str:
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    parts = []
    if errors:
        parts.append(nmsg("{n} error", "{n} errors", errors).text(lang))
    if warnings:
        parts.append(nmsg("{n} warning", "{n} warnings", warnings).text(lang))
    return ", ".join(parts)


def as_dicts(problems: list[Problem], lang: str) -> list[dict[str, object]]:
    """Problems as JSON: keys, codes and severities stay English; the message and hint are in `lang`."""
    return [
        {
            "code": p.code,
            "severity": p.severity,
            "message": p.text(lang),
            "hint": p.hint_text(lang),
            "file": p.location.file if p.location else None,
            "line": p.location.line if p.location else None,
            "col": p.location.col if p.location else None,
            "path": p.dotted_path or None,
            "related": [str(r) for r in p.related],
        }
        for p in sort(problems)
    ]


def as_json(file: str, problems: list[Problem], ok: bool, lang: str) -> str:
    return json_text({"file": file, "ok": ok, "problems": as_dicts(problems, lang)}) + "\n"


def summary_line(result: CheckResult, lang: str) -> str:
    """`plan.yaml: OK — 64 tasks, 25 agencies, 0 progress records`, or its problem counts."""
    name = one_line(result.name)
    if result.problems:
        return f"{name}: {summary(list(result.problems), lang)}\n"
    counts = msg(
        "OK — {tasks}, {agencies}, {records}",
        tasks=nmsg("{n} task", "{n} tasks", result.tasks),
        agencies=nmsg("{n} agency", "{n} agencies", result.agencies),
        records=nmsg("{n} progress record", "{n} progress records", result.records),
    )
    return f"{name}: {counts.text(lang)}\n"


def render_text(result: CheckResult, opts: RenderOptions) -> str:
    body = as_text(list(result.problems), result.sources, opts.lang) if result.problems else ""
    return body + summary_line(result, opts.lang)


def render_json(result: CheckResult, opts: RenderOptions) -> str:
    return as_json(result.name, list(result.problems), result.ok, opts.lang)
