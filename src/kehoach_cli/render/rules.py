"""`kehoach rules`: the checks as text or as a Markdown page.

Summaries and headings follow --lang; each rule's documentation (its module docstring, the
source of docs/rules.md) is written in English, and is marked so in Vietnamese output.
"""

from __future__ import annotations

from collections.abc import Sequence

from kehoach_cli.messages import msg, translations
from kehoach_cli.render.registry import RenderOptions
from kehoach_cli.rules.catalogue import CheckInfo


def render_text(checks: Sequence[CheckInfo], opts: RenderOptions) -> str:
    out = []
    words = translations(opts.lang)
    codes = msg("codes").text(opts.lang)
    english = _english_note(opts)
    for c in checks:
        out.append(f"{c.id}: {words.gettext(c.summary)}")
        out.append(f"  {codes}: {', '.join(c.codes)}")
        if english and c.doc:
            out.append(f"  {english}")
        out.extend(f"  {line}" if line else "" for line in c.doc.splitlines())
        out.append("")
    return "\n".join(out)


def render_markdown(checks: Sequence[CheckInfo], opts: RenderOptions) -> str:
    words = translations(opts.lang)
    out = ["# " + msg("Rules of `kehoach check`").text(opts.lang), ""]
    english = _english_note(opts)
    for c in checks:
        out.append(f"## `{c.id}`: {words.gettext(c.summary)}")
        out.append("")
        out.append(msg("Codes: {codes}", codes=", ".join(f"`{code}`" for code in c.codes)).text(opts.lang))
        out.append("")
        if c.doc:
            if english:
                out += [f"*{english}*", ""]
            out.append(c.doc)
            out.append("")
    return "\n".join(out)


def _english_note(opts: RenderOptions) -> str | None:
    """The mark on English documentation in output of another language (None in English)."""
    return None if opts.lang == "en" else msg("(documentation in English)").text(opts.lang)
