"""A `Diff` as text (grouped by task), JSON, Markdown (a pull-request comment), GitHub
annotations or SARIF. Every renderer is ``(Diff) -> str``; `diff_cmd` picks one."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from kehoach_cli.diff import UNCOVERED, Change, Diff
from kehoach_cli.render import github, sarif
from kehoach_cli.render import problems as render_problems
from kehoach_cli.render.markdown import escape
from kehoach_cli.render.registry import RenderOptions
from kehoach_cli.safe import json_text, one_line
from kehoach_cli.textnorm import shorten

# Printed in GitHub Actions logs, where a line starting with "::" is a command: user text
# is always flattened to one line.
_SPACE = re.compile(r"\s+")

MARKER = "<!-- kehoach-diff -->"  # lets a workflow find and update its own comment


def _line(text: str, limit: int = 80) -> str:
    return one_line(shorten(_SPACE.sub(" ", text).strip(), limit))


def _groups(diff: Diff) -> Iterator[tuple[str | None, list[Change]]]:
    """Changes by task, in the order they were found (new file order), plan-level last."""
    by_task: dict[str | None, list[Change]] = {}
    for c in diff.changes:
        by_task.setdefault(c.task, []).append(c)
    for task, changes in by_task.items():
        if task is not None:
            yield task, changes
    if None in by_task:
        yield None, by_task[None]


def _counts(diff: Diff) -> str:
    """ "3 changes in 2 tasks, amendment added: 1" """
    n = sum(1 for c in diff.changes if c.task is not None)
    t = diff.tasks_changed
    parts = [f"{n} change{'s' if n != 1 else ''} in {t} task{'s' if t != 1 else ''}"] if n else []
    plan_level: dict[str, int] = {}
    for c in diff.changes:
        if c.task is None:
            plan_level[c.label] = plan_level.get(c.label, 0) + 1
    parts.extend(f"{label}: {count}" for label, count in plan_level.items())
    return ", ".join(parts)


def _original(c: Change) -> str | None:
    """The first deadline of the task, when it differs from the one this edit replaces."""
    if c.original_due is None or c.original_due.isoformat() == c.before:
        return None
    return c.original_due.isoformat()


def verdict(diff: Diff) -> tuple[bool, str]:
    if not diff.compared:
        return False, "not compared: a version has problems (run `kehoach check`)"
    uncovered = len(diff.uncovered)
    if uncovered:
        s = "s" if uncovered != 1 else ""
        return False, f"{uncovered} weakening change{s} without an amendment ({_counts(diff)})"
    if not diff.changes:
        return True, "no change in plan terms"
    return True, f"{_counts(diff)}; no weakening change without an amendment"


# --- text ----------------------------------------------------------------------------


def _summary_lines(diff: Diff) -> list[str]:
    old, new = one_line(diff.old_label), one_line(diff.new_label)
    out = [f"kehoach diff: {old} → {new}"]
    if diff.old_missing:
        out.append(f"{new} is new ({old} does not exist): every task is added")
    out.extend(f"note: {n}" for n in diff.notes)
    for task, changes in _groups(diff):
        out.append("")
        title = diff.titles.get(task, "") if task is not None else ""
        out.append(f"{one_line(task)}  {_line(title, 70)}" if task is not None else "Plan")
        for c in changes:
            mark = "✗" if c.uncovered else ("✓" if c.weakening else "·")
            line = f"  {mark} {_line(c.describe(), 110)}"
            extra = []
            if c.uncovered:
                extra.append("no amendment")
            elif c.covered_by:
                extra.append(f"amendment {c.covered_by}")
            if original := _original(c):
                extra.append(f"original deadline {original}")
            if c.note:
                extra.append(_line(c.note, 70))
            out.append(line + (f" — {'; '.join(extra)}" if extra else ""))
    return out


def as_text(diff: Diff) -> str:
    out = _summary_lines(diff) if diff.compared else []
    if diff.problems:
        if out:
            out.append("")
        out.append(render_problems.as_text(list(diff.problems), diff.sources).rstrip("\n"))
    ok, text = verdict(diff)
    out.extend(["", f"{'✓' if ok else '✗'} {text}"])
    return "\n".join(out) + "\n"


# --- json ----------------------------------------------------------------------------


def _change_dict(c: Change) -> dict[str, object]:
    return {
        "kind": c.kind.value,
        "task": c.task,
        "aspect": c.aspect,
        "before": c.before,
        "after": c.after,
        "weakening": c.weakening,
        "amendment_field": c.field,
        "covered_by": c.covered_by,
        "original_due": c.original_due.isoformat() if c.original_due else None,
        "note": c.note,
        "message": c.describe(),
        "file": c.location.file,
        "line": c.location.line,
        "col": c.location.col,
    }


def as_json(diff: Diff) -> str:
    data = {
        "old": diff.old_label,
        "new": diff.new_label,
        "ok": diff.ok,
        "compared": diff.compared,
        "old_missing": diff.old_missing,
        "summary": {
            "changes": len(diff.changes),
            "tasks": diff.tasks_changed,
            "weakening": sum(1 for c in diff.changes if c.weakening),
            "uncovered": len(diff.uncovered),
        },
        "notes": list(diff.notes),
        "changes": [_change_dict(c) for c in diff.changes],
        "problems": render_problems.as_dicts(list(diff.problems)),
    }
    return json_text(data) + "\n"


# --- markdown ------------------------------------------------------------------------


def _md(text: str | None, limit: int = 80) -> str:
    return "" if text is None else escape(_line(text, limit))


def _code(text: str) -> str:
    return "`" + _line(text, 100).replace("`", "'") + "`"


def as_markdown(diff: Diff) -> str:
    ok, text = verdict(diff)
    out = [MARKER, "### Kế hoạch: thay đổi · plan changes", ""]
    out.append(f"{_code(diff.old_label)} → {_code(diff.new_label)}")
    out.append("")
    out.append(f"**{'✅' if ok else '❌'} {_md(text, 200)}**")
    if not ok and diff.compared:
        out.append("")
        out.append(
            "Each ❌ change needs an entry under `amendments:` citing the decision that allows it "
            "(số hiệu, ngày, cơ quan ban hành), or the edit should be undone."
        )
    if diff.old_missing:
        out += ["", f"{_code(diff.new_label)} is new ({_code(diff.old_label)} does not exist): every task is added."]
    out.extend(f"\n> {_md(n, 300)}" for n in diff.notes)
    if diff.compared and diff.changes:
        out += [
            "",
            "| | Nhiệm vụ · Task | Thay đổi · Change | Trước · Before | Sau · After | Căn cứ · Amendment |",
            "|:-:|---|---|---|---|---|",
        ]
        for task, changes in _groups(diff):
            for c in changes:
                out.append(_row(diff, task, c))
    # Uncovered changes are the ❌ rows above; list the other problems (warnings, or why
    # the versions could not be compared).
    others = [p for p in diff.problems if not p.code.startswith(UNCOVERED)]
    if others:
        out += ["", "| | Vị trí · Location | Vấn đề · Problem |", "|:-:|---|---|"]
        for p in render_problems.sort(others):
            mark = "❌" if p.severity == "error" else "⚠️"
            out.append(f"| {mark} | {_md(str(p.location or ''), 100)} | {_md(p.message, 300)} |")
    return "\n".join(out) + "\n"


def _row(diff: Diff, task: str | None, c: Change) -> str:
    mark = "❌" if c.uncovered else ("✅" if c.weakening else "")
    who = f"**{_md(task)}** {_md(diff.titles.get(task, ''), 50)}" if task is not None else "—"
    what = f"{c.label} · {c.label_vi}" + (f" ({c.aspect})" if c.aspect else "")
    after = _md(c.after)
    if original := _original(c):
        after += f" (ban đầu · originally {original})"
    if c.uncovered:
        basis = "**thiếu · missing**"
    else:
        basis = _md(c.covered_by) if c.covered_by else ""
    if c.note and not c.covered_by:
        basis = (basis + " " if basis else "") + f"_{_md(c.note, 80)}_"
    return f"| {mark} | {who} | {_md(what)} | {_md(c.before)} | {after} | {basis} |"


# --- CI formats ----------------------------------------------------------------------


def as_github(diff: Diff, paths: Mapping[str, str]) -> str:
    """The text summary for the log, annotations for the lines, and the verdict."""
    out = _summary_lines(diff) if diff.compared else []
    body = "\n".join([*out, ""]) + "\n" if out else ""
    ok, text = verdict(diff)
    return body + github.as_github(list(diff.problems), paths) + f"{'✓' if ok else '✗'} {text}\n"


# --- the renderer table's entries ----------------------------------------------------


def render_text(diff: Diff, opts: RenderOptions) -> str:
    return as_text(diff)


def render_json(diff: Diff, opts: RenderOptions) -> str:
    return as_json(diff)


def render_markdown(diff: Diff, opts: RenderOptions) -> str:
    return as_markdown(diff)


def render_github(diff: Diff, opts: RenderOptions) -> str:
    return as_github(diff, opts.paths)


def render_sarif(diff: Diff, opts: RenderOptions) -> str:
    return sarif.as_sarif(list(diff.problems), opts.paths)
