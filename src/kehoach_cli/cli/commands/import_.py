"""`kehoach import`: a draft plan.yaml from the plan's own document."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from kehoach_cli.cli.app import app
from kehoach_cli.cli.options import LangOpt
from kehoach_cli.cli.outcome import Outcome
from kehoach_cli.messages import N_, language, msg
from kehoach_cli.vocab import Lang


class ImportFormat(enum.StrEnum):
    yaml = "yaml"
    json = "json"


@app.command("import", help=N_("draft a plan.yaml from the plan's document (every uncertain field flagged)."))
def import_(
    source: Annotated[
        str,
        typer.Argument(metavar="DOCUMENT", help=N_(".txt, .md, .docx, .pdf or .html file, or - for standard input")),
    ],
    output: Annotated[
        Optional[Path],
        typer.Option(
            "-o", "--output", metavar="FILE", help=N_("write the draft here (default, or -: standard output)")
        ),
    ] = None,
    fmt: Annotated[
        ImportFormat, typer.Option("--format", help=N_("yaml (with review comments) or json"))
    ] = ImportFormat.yaml,
    against: Annotated[
        Optional[Path],
        typer.Option(
            "--against", metavar="PLAN", help=N_("a hand-made plan.yaml: list where the draft disagrees with it")
        ),
    ] = None,
    agencies: Annotated[
        Optional[Path],
        typer.Option(
            "--agencies", metavar="FILE", help=N_("your own agency data file (same shape as the shipped co-quan.yaml)")
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=N_("overwrite an existing -o file"))] = False,
    lang: LangOpt = Lang.vi,
) -> Outcome:
    from kehoach_cli.importer import ScannedPdf, SourceError, import_document, summary_text

    if output is not None and str(output) == "-":  # as every command's -o: standard output
        output = None
    if output is not None and output.exists() and not force:
        exists = msg("{file} exists; not overwritten (use --force to replace it)", file=str(output))
        sys.stderr.write(f"kehoach: {exists.text(language())}\n")
        return Outcome.usage
    try:
        result = import_document(source, against=against, agencies_file=agencies, fmt=fmt.value, lang=language())
    except ScannedPdf as exc:
        sys.stderr.write(f"kehoach: {exc}\n")
        return Outcome.usage
    except SourceError as exc:
        sys.stderr.write(f"kehoach: {exc}\n")
        return Outcome.usage
    if output is None:
        sys.stdout.write(result.text)
    else:
        from kehoach_cli.cli.output import write_file

        # Never over the document it was made from, even with --force.
        read = [] if source == "-" else [Path(source)]
        write_file(output, result.text.encode("utf-8"), read, replace=force)
    for problem in result.problems:
        sys.stderr.write(f"kehoach: {problem}\n")
    for line in result.disagreements:
        sys.stderr.write(line + "\n")
    sys.stderr.write(summary_text(result.summary, language()))
    return Outcome.ok
