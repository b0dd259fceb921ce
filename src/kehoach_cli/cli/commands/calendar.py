"""`kehoach calendar`: every deadline as an RFC 5545 calendar to import or subscribe to.
Options only; the work is publish.calendar."""

from __future__ import annotations

from typing import Annotated

import typer

from kehoach_cli.cli.app import app
from kehoach_cli.cli.options import AgencyOpt, AsOfOpt, LangOpt, PlanOpt, RoleOpt
from kehoach_cli.cli.outcome import Outcome
from kehoach_cli.messages import N_
from kehoach_cli.vocab import Lang, Role


@app.command(
    help=N_(
        "deadlines, periods and milestones as all-day events (.ics), an alarm 7 days before.\n\nUIDs stay the same across exports, so a calendar client updates the events instead of adding copies; the status in each description is the one on the as-of date."
    )
)
def calendar(
    output: Annotated[
        str, typer.Option("-o", "--output", metavar="FILE", help=N_("file to write (default: - for stdout)"))
    ] = "-",
    todo: Annotated[
        bool, typer.Option("--todo", help=N_("VTODO items with DUE instead of events (task clients)"))
    ] = False,
    force: Annotated[bool, typer.Option("--force", help=N_("replace -o if it exists"))] = False,
    plan: PlanOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = Lang.vi,
    agency: AgencyOpt = None,
    role: RoleOpt = Role.lead,
) -> Outcome:
    from kehoach_cli.cli import publish

    data = publish.calendar(plan, as_of, agency, role, lang, todo=todo)
    return publish.deliver(data, output, force=force, text=True)
