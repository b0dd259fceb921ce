"""Messages of `kehoach record`: what was appended, or why nothing was."""

from __future__ import annotations

import re

from kehoach_cli.record.outcome import RecordOutcome
from kehoach_cli.render.registry import RenderOptions
from kehoach_cli.safe import one_line

_OPTION_KEY = re.compile(r"`(\w+):[^`]*`")


def render_text(outcome: RecordOutcome, opts: RenderOptions) -> str:
    """The confirmation line, or the refusal with its help lines (for stderr)."""
    if outcome.error is not None:
        return f"kehoach: {one_line(outcome.error)}\n"
    if outcome.refused:
        out = []
        for p in outcome.refused:
            out.append(f"kehoach: refused: {one_line(p.message)}\n")
            if p.hint:
                # Hints name the file's keys (`year: <yyyy>`); here they are options.
                hint = _OPTION_KEY.sub(r"--\1", p.hint)
                out.append(f"  = help: {one_line(hint)}\n")
        return "".join(out)
    date = outcome.date.isoformat() if outcome.date else ""
    what = f"{outcome.task} {outcome.what} on {date} for {outcome.agency}"
    return f"{one_line(outcome.path)}: recorded {one_line(what)}\n"


def notices(outcome: RecordOutcome) -> str:
    """Warnings that accompany a written record (for stderr)."""
    out = [f"kehoach: warning: {one_line(p.message)}\n" for p in outcome.warnings]
    if outcome.changed:
        out.append(f"kehoach: {one_line(outcome.path)} changed since it was read; checked again before appending\n")
    return "".join(out)
