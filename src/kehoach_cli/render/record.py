"""Messages of `kehoach record`: what was appended, or why nothing was."""

from __future__ import annotations

import re

from kehoach_cli.messages import Msg, msg
from kehoach_cli.record.outcome import RecordOutcome
from kehoach_cli.render.registry import RenderOptions
from kehoach_cli.safe import one_line

_OPTION_KEY = re.compile(r"`(\w+):[^`]*`")

# What a record says happened, as the receipt words it ("12.5 MW" stays as typed).
KINDS: dict[str, Msg] = {"done": msg("done"), "started": msg("started"), "occurred": msg("occurred")}


def render_text(outcome: RecordOutcome, opts: RenderOptions) -> str:
    """The confirmation line, or the refusal with its help lines (for stderr)."""
    lang = opts.lang
    if outcome.error is not None:
        return f"kehoach: {one_line(outcome.error.text(lang))}\n"
    if outcome.refused:
        out = []
        refused, helps = msg("refused").text(lang), msg("help").text(lang)
        for p in outcome.refused:
            out.append(f"kehoach: {refused}: {one_line(p.text(lang))}\n")
            hint = p.hint_text(lang)
            if hint:
                # Hints name the file's keys (`year: <yyyy>`); here they are options.
                options = _OPTION_KEY.sub(r"--\1", hint)
                out.append(f"  = {helps}: {one_line(options)}\n")
        return "".join(out)
    date = outcome.date.isoformat() if outcome.date else ""
    what = KINDS.get(outcome.what, outcome.what)
    line = msg(
        "{file}: recorded {task} {what} on {date} for {agency}",
        file=outcome.path,
        task=outcome.task,
        what=what,
        date=date,
        agency=outcome.agency,
    )
    return one_line(line.text(lang)) + "\n"


def notices(outcome: RecordOutcome, lang: str) -> str:
    """Warnings that accompany a written record (for stderr)."""
    warning = msg("warning").text(lang)
    out = [f"kehoach: {warning}: {one_line(p.text(lang))}\n" for p in outcome.warnings]
    if outcome.changed:
        changed = msg("{file} changed since it was read; checked again before appending", file=outcome.path)
        out.append(f"kehoach: {one_line(changed.text(lang))}\n")
    return "".join(out)
