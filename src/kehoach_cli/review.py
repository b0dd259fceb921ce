"""The periodic report on a plan (báo cáo kết quả thực hiện, sơ kết, tổng kết): an
evaluation, a reporting period and a scope → one typed value holding every figure the
report prints. Pure: renderers (render/docx.py, html.py, reviewmd.py, xlsx.py) only lay it out.

Two kinds of figures, both judged as of the as-of date:

* **cumulative** — each task's status since the plan was issued: the same counts, rows
  and per-agency table as `kehoach status`, `tasks` and `targets` for that date (reused
  from `reports`, never recomputed);
* **in the period** — each obligation due inside the period (a recurring task's period,
  a milestone, a deadline), classified the same four ways.

Both rates are those the Government Office publishes (Báo cáo 1270/BC-TCTTTg, 2017):
the base is the work that has fallen due, i.e. done (on time or late) plus unfinished
and overdue; work still within its deadline is left out. *Tỷ lệ hoàn thành* = done ÷
base, *tỷ lệ hoàn thành đúng hạn* = done on time ÷ base, each truncated (not rounded)
to two decimals of a percent: 98.6297% is printed 98,62%.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from . import reports
from .agencies import Registry
from .errors import UsageProblem
from .evaluate import Evaluation, ObligationEval, Status, TargetEval, TaskEval
from .messages import msg
from .model import Agency, Amendment, Plan
from .reports import Counts, Meta, Scope, TaskRow
from .reports.status import Group

PeriodKind = Literal["year", "range", "review"]
Pace = Literal["no_data", "met", "missed", "on_pace", "behind", "unknown"]

_REVIEW = re.compile(r"^\s*(\d{1,2})\s*y\s*$", re.IGNORECASE)
MAX_REVIEW_YEARS = 30  # as model.Review.every_years


# --- the period --------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """The reporting period: a calendar year, a range of days, or the N-year review that
    ends with the as-of date's year (sơ kết 3 năm, tổng kết 5 năm)."""

    kind: PeriodKind
    start: dt.date
    end: dt.date
    years: int = 1  # a review's N
    review_kind: str | None = None  # the plan's own word for an N-year review ("sơ kết"), if it sets one

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def following(self) -> Period:
        """The period the report's outlook (IV. Phương hướng) covers: the next calendar year
        after a year or a review, the same number of days after a range."""
        if self.kind == "range":
            start = self.end + dt.timedelta(days=1)
            return Period("range", start, start + dt.timedelta(days=self.days - 1))
        year = self.end.year + 1
        return Period("year", dt.date(year, 1, 1), dt.date(year, 12, 31))


def resolve_period(
    plan: Plan,
    today: dt.date,
    as_of: dt.date | None = None,
    *,
    year: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    review: str | None = None,
) -> tuple[Period, dt.date]:
    """`--year Y | --from D --to D | --review Ny` and `--as-of` → the period and the as-of date.

    Without `--as-of`, a year or range is judged at its end, or today if that comes first
    (a report on 2026 written in 2027 counts what was done by 31/12/2026). A review ends
    with the as-of date's year. Without any period option the period is the as-of year.
    """
    chosen = [name for name, given in (("--year", year), ("--from/--to", start or end), ("--review", review)) if given]
    if len(chosen) > 1:
        raise UsageProblem(msg("{options} both give the period: choose one", options=" & ".join(chosen)))
    if (start is None) != (end is None):
        raise UsageProblem(msg("--from and --to go together: give both days of the period"))
    if start is not None and end is not None:
        if end < start:
            raise UsageProblem(msg("--from {start} is after --to {end}", start=start.isoformat(), end=end.isoformat()))
        period = Period("range", start, end)
    elif review is not None:
        period = _review(plan, as_of or today, review)
    else:
        y = year if year is not None else (as_of or today).year
        if not 1900 <= y <= 2200:
            raise UsageProblem(msg("--year {year}: choose a year in 1900–2200, as the plan's own dates", year=y))
        period = Period("year", dt.date(y, 1, 1), dt.date(y, 12, 31))
    date = as_of if as_of is not None else min(today, period.end)
    if date < period.start:
        raise UsageProblem(
            msg(
                "the period starts on {start}, after the as-of date {date}: nothing in it can be judged yet",
                start=period.start.isoformat(),
                date=date.isoformat(),
            )
        )
    return period, date


def _review(plan: Plan, as_of: dt.date, text: str) -> Period:
    match = _REVIEW.match(text)
    n = int(match.group(1)) if match else 0
    if not 1 <= n <= MAX_REVIEW_YEARS:
        raise UsageProblem(msg("--review {value}: write the review's length in years, e.g. 3y or 5y", value=repr(text)))
    first = max(as_of.year - n + 1, plan.plan.first_year)
    kind = next((r.kind for r in plan.plan.reviews if r.every_years == n), None)
    return Period("review", dt.date(first, 1, 1), dt.date(as_of.year, 12, 31), n, kind)


# --- rates ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    """numerator ÷ denominator, kept as integers so the truncation is exact."""

    numerator: int
    denominator: int

    @property
    def hundredths(self) -> int | None:
        """The percentage ×100, truncated: 16051/16274 → 9862 (98,62%); None when nothing is due."""
        if self.denominator == 0:
            return None
        return self.numerator * 10_000 // self.denominator

    @property
    def value(self) -> float | None:
        """The truncated rate as a fraction (0.9862), for spreadsheets."""
        h = self.hundredths
        return None if h is None else h / 10_000


@dataclass(frozen=True)
class Tally:
    """The four-way classification (plus waiting and no deadline) with both rates."""

    counts: Counts
    in_progress: int = 0  # not done, and a record says work has started

    def __getitem__(self, status: Status) -> int:
        return self.counts[status]

    @property
    def done(self) -> int:
        return self[Status.done_on_time] + self[Status.done_late]

    @property
    def due(self) -> int:
        """Fallen due: done, or unfinished and overdue (the rates' base)."""
        return self.done + self[Status.overdue]

    @property
    def completion(self) -> Rate:
        return Rate(self.done, self.due)

    @property
    def on_time(self) -> Rate:
        return Rate(self[Status.done_on_time], self.due)

    @classmethod
    def of(cls, statuses: Sequence[Status], in_progress: int = 0) -> Tally:
        return cls(Counts.of(statuses), in_progress)


# --- rows ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetLine:
    target: TargetEval
    row: TaskRow | None  # the task, with its lead as of the date; None for a goal of the plan
    evidence: str | None  # of the latest value record behind the actual
    pace: Pace

    @property
    def expected_share(self) -> float | None:
        """Where the straight-line pace stands, as a share of the target (the chart's mark)."""
        t = self.target
        required = float(t.target.value)
        if t.expected is None or required == 0:
            return None
        return t.expected / required


@dataclass(frozen=True)
class DueLine:
    """One obligation of a task (an overdue one, or one due in the next period)."""

    row: TaskRow
    ob: ObligationEval


@dataclass(frozen=True)
class ByAgency:
    """Lines grouped under one lead agency as of the date; `agency` None: nobody leads."""

    agency: Agency | None
    lines: tuple[DueLine, ...]


@dataclass(frozen=True)
class Inheritance:
    """The agency answers, from `effective` on, for tasks assigned to `predecessor`."""

    predecessor: Agency
    effective: dt.date


@dataclass(frozen=True)
class AgencyLine:
    """Phụ lục III: one lead agency's tasks as of the date (the `status` by_agency row)."""

    group: Group
    tally: Tally
    inherits: tuple[Inheritance, ...]


@dataclass(frozen=True)
class Letterhead:
    """Who writes, to whom, where and when: plan.reporting, overridden by options."""

    governing_body: str | None
    issuer: str
    symbol: str | None
    place: str | None
    date: dt.date
    recipient: str | None
    signature: tuple[str, ...]
    copies: tuple[str, ...]


@dataclass(frozen=True)
class ReviewReport:
    meta: Meta
    horizon: int | None  # the plan's last year (None: the plan sets none)
    letterhead: Letterhead
    period: Period
    following: Period
    scope: Scope
    cumulative: Tally  # tasks, as `kehoach status`
    in_period: Tally  # obligations due in the period
    period_lines: tuple[DueLine, ...]  # those obligations, by due date
    targets: tuple[TargetLine, ...]
    overdue: tuple[ByAgency, ...]
    overdue_tasks: int
    unowned: tuple[TaskRow, ...]
    amendments: tuple[Amendment, ...]  # decided in the period
    next_due: tuple[ByAgency, ...]  # unfinished obligations due in the following period
    tasks: tuple[TaskRow, ...]  # Phụ lục II, as `kehoach tasks`
    agencies: tuple[AgencyLine, ...]  # Phụ lục III, as `kehoach status` by_agency

    @property
    def as_of(self) -> dt.date:
        return self.meta.as_of


# --- building it -------------------------------------------------------------------------------


def letterhead(
    plan: Plan,
    date: dt.date,
    scope: Scope,
    *,
    issuer: str | None = None,
    governing_body: str | None = None,
) -> Letterhead:
    """The issuer is `--issuer`, else the `--agency` reporting its own part, else
    plan.reporting.issuer, else the plan's issuer; the governing body likewise, else the
    plan's issuer when someone else writes. The symbol (BC-SCT) belongs to the plan's
    reporting issuer only: another issuer's is left for the clerk."""
    rep = plan.plan.reporting
    own = rep.issuer if rep else None
    who = issuer or (scope.agency.name if scope.agency is not None else None) or own or plan.plan.issuer
    above = governing_body or (rep.governing_body if rep else None)
    if above is None and who != plan.plan.issuer:
        above = plan.plan.issuer
    return Letterhead(
        governing_body=above,
        issuer=who,
        symbol=rep.symbol if rep and who == own else None,
        place=(rep.place if rep else None) or plan.plan.place,
        date=date,
        recipient=(rep.recipient if rep and not issuer and scope.agency is None else None) or above,
        signature=tuple(rep.signature) if rep and who == own else (),
        copies=tuple(rep.copies) if rep and who == own else (),
    )


def review(ev: Evaluation, registry: Registry, period: Period, sc: Scope, head: Letterhead) -> ReviewReport:
    status = reports.status(ev, sc)
    task_list = reports.tasks(ev, sc)
    rows = task_list.rows
    chosen = [r.ev for r in rows]

    period_lines = sorted(
        (DueLine(r, o) for r in rows for o in r.ev.obligations if o.due is not None and o.due in period),
        key=lambda d: d.ob.due or dt.date.max,
    )
    following = period.following()
    upcoming = [
        DueLine(r, o)
        for r in rows
        for o in r.ev.obligations
        if o.due is not None and o.due in following and not o.status.done
    ]
    upcoming.sort(key=lambda d: d.ob.due or dt.date.max)
    overdue_rows = reports.overdue(ev, sc).rows

    return ReviewReport(
        meta=status.meta,
        horizon=ev.plan.plan.horizon,
        letterhead=head,
        period=period,
        following=following,
        scope=sc,
        cumulative=Tally(status.counts, sum(1 for te in chosen if te.in_progress)),
        in_period=Tally.of([d.ob.status for d in period_lines]),
        period_lines=tuple(period_lines),
        targets=tuple(_target_line(ev, t, row) for t, row in reports.targets(ev, sc).rows),
        overdue=_by_agency(ev.plan, [DueLine(r, r.ob) for r in overdue_rows]),
        overdue_tasks=len(overdue_rows),
        unowned=reports.unowned(ev, sc).rows,
        amendments=tuple(
            a
            for a in ev.plan.amendments
            if a.date in period and any(c.task in {te.id for te in chosen} for c in a.changes)
        ),
        next_due=_by_agency(ev.plan, upcoming),
        tasks=rows,
        agencies=tuple(_agency_line(g, chosen, registry, ev.as_of) for g in status.by_agency),
    )


def _target_line(ev: Evaluation, t: TargetEval, row: TaskRow | None) -> TargetLine:
    # A goal has no task whose history would name the evidence behind its actual.
    evidence = _evidence(ev.task(t.id), t) if t.task is not None else None
    return TargetLine(t, row, evidence, _pace(t, ev.as_of))


def _evidence(te: TaskEval, t: TargetEval) -> str | None:
    """The evidence of the latest value record dated on the actual's date for this target."""
    single = len(te.task.targets) == 1
    found = [
        e.record.evidence
        for e in te.history
        if e.record.kind == "value"
        and e.record.date == t.actual_date
        and (e.record.metric == t.target.metric or (e.record.metric is None and single))
    ]
    return found[-1] if found else None


def _pace(t: TargetEval, as_of: dt.date) -> Pace:
    if t.actual is None:
        return "no_data"
    if t.by is not None and as_of >= t.by:
        return "met" if t.met else "missed"
    if t.met:
        return "met"
    if t.on_pace is None:
        return "unknown"
    return "on_pace" if t.on_pace else "behind"


def _by_agency(plan: Plan, lines: Iterable[DueLine]) -> tuple[ByAgency, ...]:
    """Lines under each lead as of the date (a task with two leads under both); the
    agencies with most lines first, then in the registry's order; nobody's last."""
    order = {a.id: i for i, a in enumerate(plan.agencies)}
    groups: dict[str, tuple[Agency, list[DueLine]]] = {}
    nobody: list[DueLine] = []
    for line in lines:
        if not line.row.ev.leads:
            nobody.append(line)
        for a in line.row.ev.leads:
            groups.setdefault(a.agency.id, (a.agency, []))[1].append(line)
    out = [
        ByAgency(agency, tuple(ls))
        for agency, ls in sorted(groups.values(), key=lambda g: (-len(g[1]), order.get(g[0].id, 0)))
    ]
    if nobody:
        out.append(ByAgency(None, tuple(nobody)))
    return tuple(out)


def _agency_line(group: Group, chosen: Sequence[TaskEval], registry: Registry, as_of: dt.date) -> AgencyLine:
    if group.agency is None:
        held = [te for te in chosen if not te.leads]
    else:
        held = [te for te in chosen if any(a.agency.id == group.agency.id for a in te.leads)]
    inherits: list[Inheritance] = []
    for te in held:
        for a in te.leads:
            pred = a.inherited_from
            if group.agency is None or a.agency.id != group.agency.id or pred is None:
                continue
            if any(i.predecessor.id == pred.id for i in inherits):
                continue
            dates = [d for d, to in registry.successor_record(pred) if d <= as_of]
            inherits.append(Inheritance(pred, min(dates) if dates else as_of))
    return AgencyLine(group, Tally(group.counts, sum(1 for te in held if te.in_progress)), tuple(inherits))
