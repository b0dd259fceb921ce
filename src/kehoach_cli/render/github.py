"""Problems as GitHub Actions workflow commands (annotations on the changed lines).

``::error file=plan.yaml,line=37,col=36,title=kehoach deadline-later::message``. The
escaping follows the runner's own toolkit (``@actions/core``, ``command.ts``): in the
message ``%``, CR and LF are percent-encoded; in properties ``:`` and ``,`` as well.
A message may span lines that way (the hint goes on its own line). Paths must be
relative to the repository root for GitHub to attach the annotation to the file: inside a
git work tree, the CLI gives the renderer each file's path from the root (`RenderOptions.paths`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from kehoach_cli.load.result import CheckResult
from kehoach_cli.messages import msg
from kehoach_cli.problems import Location, Problem
from kehoach_cli.render.problems import sort, summary_line
from kehoach_cli.render.registry import RenderOptions
from kehoach_cli.safe import one_line, terminal


def wanted(env: Mapping[str, str]) -> bool:
    """Running inside GitHub Actions (the runner sets GITHUB_ACTIONS=true)."""
    return env.get("GITHUB_ACTIONS") == "true"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(p: Problem, lang: str) -> str:
    props: list[tuple[str, str]] = []
    loc = p.location
    if loc is not None:
        props.append(("file", one_line(loc.file)))
        if loc.line > 0:
            props.append(("line", str(loc.line)))
            if loc.col > 0:
                props.append(("col", str(loc.col)))
    props.append(("title", f"kehoach {p.code}"))
    # Line breaks are percent-encoded below; control and bidi characters are escaped here.
    hint = p.hint_text(lang)
    label = msg("help").text(lang)
    message = terminal(p.text(lang)) + (f"\n{label}: {terminal(hint)}" if hint else "")
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{p.severity} {head}::{escape_data(message)}"


def from_repo_root(problems: list[Problem], paths: Mapping[str, str]) -> list[Problem]:
    """Problems located by their file's path from the root of its git work tree, when it
    is in one (`kehoach check` run in a subdirectory names `plan.yaml`, GitHub needs
    `sub/plan.yaml`). Other names (a file at a revision, `HEAD:plan.yaml`) are kept."""
    if not paths:
        return problems

    def moved(loc: Location) -> Location:
        return replace(loc, file=paths.get(loc.file, loc.file))

    return [
        replace(p, location=moved(p.location), related=tuple(moved(r) for r in p.related))
        if p.location is not None
        else p
        for p in problems
    ]


def as_github(problems: list[Problem], paths: Mapping[str, str], lang: str) -> str:
    return "".join(annotation(p, lang) + "\n" for p in sort(from_repo_root(problems, paths)))


def render_check(result: CheckResult, opts: RenderOptions) -> str:
    """Annotations, then the one-line summary for the log."""
    return as_github(list(result.problems), opts.paths, opts.lang) + summary_line(result, opts.lang)
