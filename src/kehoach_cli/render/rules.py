"""`kehoach rules`: the checks as text or as a Markdown page."""

from __future__ import annotations

from collections.abc import Sequence

from kehoach_cli.render.registry import RenderOptions
from kehoach_cli.rules.catalogue import CheckInfo


def render_text(checks: Sequence[CheckInfo], opts: RenderOptions) -> str:
    out = []
    for c in checks:
        out.append(f"{c.id}: {c.summary}")
        out.append(f"  codes: {', '.join(c.codes)}")
        out.extend(f"  {line}" if line else "" for line in c.doc.splitlines())
        out.append("")
    return "\n".join(out)


def render_markdown(checks: Sequence[CheckInfo], opts: RenderOptions) -> str:
    out = ["# Rules of `kehoach check`", ""]
    for c in checks:
        out.append(f"## `{c.id}`: {c.summary}")
        out.append("")
        out.append("Codes: " + ", ".join(f"`{code}`" for code in c.codes))
        out.append("")
        if c.doc:
            out.append(c.doc)
            out.append("")
    return "\n".join(out)
