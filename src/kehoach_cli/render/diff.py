"""A `Diff` as text (grouped by task), JSON, Markdown (a pull-request comment), GitHub
annotations or SARIF. Every renderer is ``(Diff) -> str``; `diff_cmd` picks one."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from kehoach_cli.diff import UNCOVERED, Change, Diff
from kehoach_cli.messages import Msg, msg, nmsg
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


def _text(value: str | Msg | None, lang: str) -> str | None:
    return value.text(lang) if isinstance(value, Msg) else value


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


def _counts(diff: Diff, lang: str) -> str:
    """ "3 changes in 2 tasks, amendment added: 1" """
    n = sum(1 for c in diff.changes if c.task is not None)
    t = diff.tasks_changed
    changes = msg(
        "{changes} in {tasks}",
        changes=nmsg("{n} change", "{n} changes", n),
        tasks=nmsg("{n} task", "{n} tasks", t),
    )
    parts = [changes.text(lang)] if n else []
    plan_level: dict[str, int] = {}
    for c in diff.changes:
        if c.task is None:
            label = c.label.text(lang)
            plan_level[label] = plan_level.get(label, 0) + 1
    parts.extend(f"{label}: {count}" for label, count in plan_level.items())
    return ", ".join(parts)


def _original(c: Change) -> str | None:
    """The first deadline of the task, when it differs from the one this edit replaces."""
    if c.original_due is None or c.original_due.isoformat() == c.before:
        return None
    return c.original_due.isoformat()


def verdict(diff: Diff, lang: str) -> tuple[bool, str]:
    if not diff.compared:
        return False, msg("not compared: a version has problems (run `kehoach check`)").text(lang)
    uncovered = len(diff.uncovered)
    if uncovered:
        return False, nmsg(
            "{n} weakening change without an amendment ({counts})",
            "{n} weakening changes without an amendment ({counts})",
            uncovered,
            counts=_counts(diff, lang),
        ).text(lang)
    if not diff.changes:
        return True, msg("no change in plan terms").text(lang)
    return True, msg("{counts}; no weakening change without an amendment", counts=_counts(diff, lang)).text(lang)


# --- text ----------------------------------------------------------------------------


def _summary_lines(diff: Diff, lang: str) -> list[str]:
    old, new = one_line(diff.old_label), one_line(diff.new_label)
    out = [f"kehoach diff: {old} → {new}"]
    if diff.old_missing:
        out.append(msg("{new} is new ({old} does not exist): every task is added", new=new, old=old).text(lang))
    note = msg("note").text(lang)
    out.extend(f"{note}: {n.text(lang)}" for n in diff.notes)
    for task, changes in _groups(diff):
        out.append("")
        title = diff.titles.get(task, "") if task is not None else ""
        out.append(f"{one_line(task)}  {_line(title, 70)}" if task is not None else msg("Plan").text(lang))
        for c in changes:
            mark = "✗" if c.uncovered else ("✓" if c.weakening else "·")
            line = f"  {mark} {_line(c.describe().text(lang), 110)}"
            extra = []
            if c.uncovered:
                extra.append(msg("no amendment").text(lang))
            elif c.covered_by:
                extra.append(msg("amendment {number}", number=c.covered_by).text(lang))
            if original := _original(c):
                extra.append(msg("original deadline {date}", date=original).text(lang))
            if c.note:
                extra.append(_line(_text(c.note, lang) or "", 70))
            out.append(line + (f" — {'; '.join(extra)}" if extra else ""))
    return out


def as_text(diff: Diff, lang: str) -> str:
    out = _summary_lines(diff, lang) if diff.compared else []
    if diff.problems:
        if out:
            out.append("")
        out.append(render_problems.as_text(list(diff.problems), diff.sources, lang).rstrip("\n"))
    ok, text = verdict(diff, lang)
    out.extend(["", f"{'✓' if ok else '✗'} {text}"])
    return "\n".join(out) + "\n"


# --- json ----------------------------------------------------------------------------


def _change_dict(c: Change, lang: str) -> dict[str, object]:
    return {
        "kind": c.kind.value,
        "task": c.task,
        "aspect": _text(c.aspect, lang),
        "before": _text(c.before, lang),
        "after": _text(c.after, lang),
        "weakening": c.weakening,
        "amendment_field": c.field,
        "covered_by": c.covered_by,
        "original_due": c.original_due.isoformat() if c.original_due else None,
        "note": _text(c.note, lang),
        "message": c.describe().text(lang),
        "file": c.location.file,
        "line": c.location.line,
        "col": c.location.col,
    }


def as_json(diff: Diff, lang: str) -> str:
    """Keys, kinds and codes stay English; messages, notes and kehoach's own words follow `lang`."""
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
        "notes": [n.text(lang) for n in diff.notes],
        "changes": [_change_dict(c, lang) for c in diff.changes],
        "problems": render_problems.as_dicts(list(diff.problems), lang),
    }
    return json_text(data) + "\n"


# --- markdown ------------------------------------------------------------------------


def _md(text: str | Msg | None, limit: int = 80, lang: str = "en") -> str:
    shown = _text(text, lang)
    return "" if shown is None else escape(_line(shown, limit))


def _code(text: str) -> str:
    return "`" + _line(text, 100).replace("`", "'") + "`"


def as_markdown(diff: Diff, lang: str) -> str:
    ok, text = verdict(diff, lang)
    out = [MARKER, "### " + msg("Plan changes").text(lang), ""]
    out.append(f"{_code(diff.old_label)} → {_code(diff.new_label)}")
    out.append("")
    out.append(f"**{'✅' if ok else '❌'} {_md(text, 200)}**")
    if not ok and diff.compared:
        out.append("")
        out.append(
            msg(
                "Each ❌ change needs an entry under `amendments:` citing the decision that allows it "
                "(its number, date and issuer), or the edit should be undone."
            ).text(lang)
        )
    if diff.old_missing:
        new_is = msg(
            "{new} is new ({old} does not exist): every task is added.",
            new=_code(diff.new_label),
            old=_code(diff.old_label),
        )
        out += ["", new_is.text(lang)]
    out.extend(f"\n> {_md(n, 300, lang)}" for n in diff.notes)
    if diff.compared and diff.changes:
        heads = [m.text(lang) for m in (msg("Task"), msg("Change"), msg("Before"), msg("After"), msg("Amendment"))]
        out += ["", "| | " + " | ".join(heads) + " |", "|:-:|---|---|---|---|---|"]
        for task, changes in _groups(diff):
            for c in changes:
                out.append(_row(diff, task, c, lang))
    # Uncovered changes are the ❌ rows above; list the other problems (warnings, or why
    # the versions could not be compared).
    others = [p for p in diff.problems if not p.code.startswith(UNCOVERED)]
    if others:
        heads = [msg("Location").text(lang), msg("Problem").text(lang)]
        out += ["", "| | " + " | ".join(heads) + " |", "|:-:|---|---|"]
        for p in render_problems.sort(others):
            mark = "❌" if p.severity == "error" else "⚠️"
            out.append(f"| {mark} | {_md(str(p.location or ''), 100)} | {_md(p.text(lang), 300)} |")
    return "\n".join(out) + "\n"


def _row(diff: Diff, task: str | None, c: Change, lang: str) -> str:
    mark = "❌" if c.uncovered else ("✅" if c.weakening else "")
    who = f"**{_md(task)}** {_md(diff.titles.get(task, ''), 50)}" if task is not None else "—"
    after = _md(c.after, lang=lang)
    if original := _original(c):
        after += " " + escape(msg("(originally {date})", date=original).text(lang))
    if c.uncovered:
        basis = "**" + escape(msg("missing").text(lang)) + "**"
    else:
        basis = _md(c.covered_by) if c.covered_by else ""
    if c.note and not c.covered_by:
        basis = (basis + " " if basis else "") + f"_{_md(c.note, 80, lang)}_"
    return f"| {mark} | {who} | {_md(c.head, lang=lang)} | {_md(c.before, lang=lang)} | {after} | {basis} |"


# --- CI formats ----------------------------------------------------------------------


def as_github(diff: Diff, paths: Mapping[str, str], lang: str) -> str:
    """The text summary for the log, annotations for the lines, and the verdict."""
    out = _summary_lines(diff, lang) if diff.compared else []
    body = "\n".join([*out, ""]) + "\n" if out else ""
    ok, text = verdict(diff, lang)
    return body + github.as_github(list(diff.problems), paths, lang) + f"{'✓' if ok else '✗'} {text}\n"


# --- the renderer table's entries ----------------------------------------------------


def render_text(diff: Diff, opts: RenderOptions) -> str:
    return as_text(diff, opts.lang)


def render_json(diff: Diff, opts: RenderOptions) -> str:
    return as_json(diff, opts.lang)


def render_markdown(diff: Diff, opts: RenderOptions) -> str:
    return as_markdown(diff, opts.lang)


def render_github(diff: Diff, opts: RenderOptions) -> str:
    return as_github(diff, opts.paths, opts.lang)


def render_sarif(diff: Diff, opts: RenderOptions) -> str:
    return sarif.as_sarif(list(diff.problems), opts.paths, opts.lang)
