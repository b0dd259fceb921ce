"""Messages of `kehoach record`: what was appended, or why nothing was."""

from __future__ import annotations

import re

from kehoach_cli.record.outcome import RecordOutcome
from kehoach_cli.render.registry import RenderOptions

_OPTION_KEY = re.compile(r"`(\w+):[^`]*`")


def render_text(outcome: RecordOutcome, opts: RenderOptions) -> str:
    """The confirmation line, or the refusal with its help lines (for stderr)."""
    if outcome.error is not None:
        return f"kehoach: {outcome.error}\n"
    if outcome.refused:
        out = []
        for p in outcome.refused:
            out.append(f"kehoach: refused: {p.message}\n")
            if p.hint:
                # Hints name the file's keys (`year: <yyyy>`); here they are options.
                hint = _OPTION_KEY.sub(r"--\1", p.hint)
                out.append(f"  = help: {hint}\n")
        return "".join(out)
    date = outcome.date.isoformat() if outcome.date else ""
    return f"{outcome.path}: recorded {outcome.task} {outcome.what} on {date} for {outcome.agency}\n"


def notices(outcome: RecordOutcome) -> str:
    """Warnings that accompany a written record (for stderr)."""
    out = [f"kehoach: warning: {p.message}\n" for p in outcome.warnings]
    if outcome.changed:
        out.append(f"kehoach: {outcome.path} changed since it was read; checked again before appending\n")
    return "".join(out)
