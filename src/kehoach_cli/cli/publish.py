"""The two commands that make documents — `kehoach report` and `kehoach calendar` — as
library calls: plan path and options → bytes, then bytes → the `-o` file.

load → evaluate → scope and period → report value (review.py, calendar.py) → renderer.
Nothing here prints a report; a plan with problems gives None after its problems are on
stderr (the command exits 1), bad options raise UsageProblem (exit 2).
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from kehoach_cli.cli.outcome import Outcome
from kehoach_cli.errors import UsageProblem
from kehoach_cli.messages import msg
from kehoach_cli.render.registry import REVIEW_SUFFIXES, ReviewFormat
from kehoach_cli.vocab import Lang, Role

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kehoach_cli.agencies import Registry
    from kehoach_cli.evaluate import Evaluation
    from kehoach_cli.load import Loaded


@dataclass(frozen=True)
class ReportRequest:
    plan: Path | None = None
    as_of: str | None = None
    year: int | None = None
    start: str | None = None
    end: str | None = None
    review: str | None = None
    agency: str | None = None
    role: Role = Role.lead
    lang: Lang = Lang.vi
    issuer: str | None = None
    governing_body: str | None = None
    date: str | None = None  # the date line; default: the as-of date


def report_format(fmt: ReviewFormat | None, output: str) -> ReviewFormat:
    """--format, else the ending of -o (report.docx → docx)."""
    if fmt is not None:
        return fmt
    found = REVIEW_SUFFIXES.get(Path(output).suffix.lower())
    if found is None:
        raise UsageProblem(msg("-o {file}: say which format with --format docx|html|markdown|xlsx", file=repr(output)))
    return found


def report(req: ReportRequest, fmt: ReviewFormat) -> bytes | None:
    from kehoach_cli import asof, review
    from kehoach_cli.render.registry import RenderOptions, render_review
    from kehoach_cli.reports import scope

    loaded = _load(req.plan)
    if loaded is None or loaded.plan is None:
        return None
    plan = loaded.plan
    given = asof.as_of(req.as_of) if req.as_of is not None else None
    start = asof.parse_date(req.start, "from") if req.start else None
    end = asof.parse_date(req.end, "to") if req.end else None
    period, as_of = review.resolve_period(
        plan, asof.today(), given, year=req.year, start=start, end=end, review=req.review
    )
    ev, registry = _evaluate(loaded, as_of)
    sc = scope(registry, as_of, req.agency, req.role)
    dated = asof.parse_date(req.date, "date") if req.date else as_of
    head = review.letterhead(plan, dated, sc, issuer=req.issuer, governing_body=req.governing_body)
    value = review.review(ev, registry, period, sc, head)
    return render_review(value, fmt, RenderOptions(req.lang))


def calendar(
    plan: Path | None, as_of: str | None, agency: str | None, role: Role, lang: Lang, *, todo: bool
) -> bytes | None:
    from kehoach_cli import asof
    from kehoach_cli.calendar import calendar as build
    from kehoach_cli.render.registry import Format, Kind, RenderOptions, render_bytes
    from kehoach_cli.reports import scope

    loaded = _load(plan)
    if loaded is None or loaded.plan is None:
        return None
    date = asof.as_of(as_of)
    ev, registry = _evaluate(loaded, date)
    value = build(ev, scope(registry, date, agency, role))
    return render_bytes(Kind.calendar, value, Format.ics_todo if todo else Format.ics, RenderOptions(lang))


def deliver(data: bytes | None, output: str, *, force: bool, text: bool) -> Outcome:
    """Write `data` to -o (`-` is stdout, for text only); never replace a file without --force."""
    if data is None:
        return Outcome.findings
    if output == "-":
        if not text:
            raise UsageProblem(msg("-o -: Word and Excel files are binary; give a file name"))
        sys.stdout.write(data.decode("utf-8"))
        return Outcome.ok
    from kehoach_cli.cli.output import write_file

    write_file(Path(output), data, replace=force)
    return Outcome.ok


def _load(plan: Path | None) -> Loaded | None:
    from kehoach_cli.cli.plan import load_valid

    return load_valid(plan)


def _evaluate(loaded: Loaded, as_of: dt.date) -> tuple[Evaluation, Registry]:
    from kehoach_cli.evaluate import evaluate
    from kehoach_cli.progress import collect

    assert loaded.plan is not None
    registry = loaded.registry
    return evaluate(loaded.plan, registry, as_of, collect(loaded, registry)), registry
