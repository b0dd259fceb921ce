"""The Typer application object (no business logic: commands are in `commands/`)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from kehoach_cli.cli.parsing import KehoachCommand, KehoachGroup
from kehoach_cli.messages import N_, msg

# Printed as written, line by line (click's \b), in the command line's language.
CONVENTIONS = N_(
    "\b\n"
    "Every command: -h/--help, --lang vi|en (or $KEHOACH_LANG; Vietnamese by default).\n"
    "Commands that print: -o FILE (atomic; -o - is standard output), --color auto|always|never\n"
    "(NO_COLOR, FORCE_COLOR), --no-pager (long output on a terminal goes through $PAGER,\n"
    "default less; never into a pipe). The plan: --plan FILE (check and diff also take it as an\n"
    "argument), else ./plan.yaml, $KEHOACH_PLAN, the bundled plan.\n"
    "Reports: --as-of DATE (2026-11-27 or 27/11/2026), --agency NAME|ID,\n"
    "--format table|json|csv|markdown (--excel: CSV with a byte-order mark); status, overdue,\n"
    "upcoming, tasks, agencies: --period 2026|2026q1|2026h2|2026-06 or --from/--to DATE;\n"
    "upcoming: --within 90d|12w|3m|2q|1h|1y. --status takes slugs or names in either language\n"
    '("quá hạn"); task ids take the document\'s reference (II.2.đ.1) and dd for đ.\n'
    "Completion: kehoach --install-completion, or `kehoach completion bash|zsh|fish`.\n"
    "Exit codes: 0 clean, 1 findings (--fail-on, problems), 2 usage, 3 bug, 130 interrupted."
)

app = typer.Typer(
    name="kehoach",
    cls=KehoachGroup,
    help=N_("plan compliance checker for implementation plans (kế hoạch)."),
    epilog=CONVENTIONS,
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    # -h as well as --help, on every command; help text wraps at the terminal, up to 100 columns.
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def _version(value: bool) -> None:
    if value:
        from kehoach_cli import __version__

        typer.echo(f"kehoach {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", help=N_("print kehoach's version and exit"), callback=_version, is_eager=True),
    ] = False,
    max_size: Annotated[
        Optional[str],
        typer.Option(
            "--max-size",
            envvar="KEHOACH_MAX_SIZE",
            help=N_("largest plan or report file read (default 20M; e.g. 100M, 1G)"),
            show_default=False,
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help=N_("neither read nor write the plan cache ($XDG_CACHE_HOME/kehoach; also KEHOACH_NO_CACHE=1)"),
        ),
    ] = False,
) -> None:
    """Options for every command, given before it: `kehoach --max-size 100M check`."""
    from kehoach_cli.cli import plan
    from kehoach_cli.errors import UsageProblem
    from kehoach_cli.load import cachedir
    from kehoach_cli.load.access import parse_size

    cachedir.enabled = not no_cache  # set on every run, as read_limit below
    size = None if max_size is None else parse_size(max_size)
    if max_size is not None and size is None:
        raise UsageProblem(msg("is not a size: write e.g. 20M, 500k or 1G"), "max_size", max_size)
    plan.read_limit = size  # set on every run: main() may run twice in one process (tests)


def finish() -> None:
    """Give every registered command kehoach's command class, which prints its help (given
    in English to `app.command(help=…)`) in the command line's language and never cuts its
    summary with "..." (typer would, at 45 characters)."""
    for info in app.registered_commands:
        info.cls = KehoachCommand
