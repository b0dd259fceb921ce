"""`kehoach report`: the periodic report (báo cáo định kỳ, sơ kết, tổng kết) as Word, HTML,
Markdown or Excel. Options only; the work is publish.report."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from kehoach_cli.cli.app import app
from kehoach_cli.cli.options import AgencyOpt, AsOfOpt, LangOpt, PlanOpt, RoleOpt
from kehoach_cli.cli.outcome import Outcome
from kehoach_cli.messages import N_
from kehoach_cli.render.registry import ReviewFormat
from kehoach_cli.vocab import Lang, Role


@app.command(
    help=N_(
        "the periodic report to the People's Committee: Word (Nghị định 30/2020 layout), HTML, Excel.\n\nWithout --as-of a year or a range is judged at its end (or today, if earlier)."
    )
)
def report(
    output: Annotated[
        str, typer.Option("-o", "--output", metavar="FILE", help=N_("file to write; - for stdout (html, markdown)"))
    ],
    fmt: Annotated[
        Optional[ReviewFormat],
        typer.Option("--format", help=N_("docx, html, markdown or xlsx (default: from the -o file's ending)")),
    ] = None,
    year: Annotated[
        Optional[int], typer.Option("--year", metavar="YEAR", help=N_("the year reported on (default: the as-of year)"))
    ] = None,
    start: Annotated[
        Optional[str], typer.Option("--from", metavar="DATE", help=N_("first day of the period (with --to)"))
    ] = None,
    end: Annotated[
        Optional[str], typer.Option("--to", metavar="DATE", help=N_("last day of the period (with --from)"))
    ] = None,
    review: Annotated[
        Optional[str],
        typer.Option(
            "--review",
            metavar="3y|5y",
            help=N_("3y or 5y: sơ kết / tổng kết of the N years ending with the as-of year"),
        ),
    ] = None,
    issuer: Annotated[
        Optional[str], typer.Option("--issuer", metavar="NAME", help=N_("who reports (default: plan.reporting)"))
    ] = None,
    governing_body: Annotated[
        Optional[str],
        typer.Option("--governing-body", metavar="NAME", help=N_("the body above the issuer (header, first line)")),
    ] = None,
    date: Annotated[
        Optional[str], typer.Option("--date", metavar="DATE", help=N_("the date line (default: the as-of date)"))
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=N_("replace -o if it exists"))] = False,
    plan: PlanOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = Lang.vi,
    agency: AgencyOpt = None,
    role: RoleOpt = Role.lead,
) -> Outcome:
    from kehoach_cli.cli import publish

    kind = publish.report_format(fmt, output)
    request = publish.ReportRequest(
        plan, as_of, year, start, end, review, agency, role, lang, issuer, governing_body, date
    )
    return publish.deliver(publish.report(request, kind), output, force=force, text=kind.text)
