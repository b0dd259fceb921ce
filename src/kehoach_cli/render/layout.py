"""Report values → a language-specific document of headings, paragraphs, fields and grids.

The human formats (table and markdown) both draw this document, so they always say the
same thing in the same words; they differ only in how they lay it out. All text here is
plain: renderers escape it for their own syntax.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from kehoach_cli import labels as L
from kehoach_cli.agencies import Answerer
from kehoach_cli.asof import Window
from kehoach_cli.evaluate import STATUS_ORDER, ObligationEval, Status, TargetEval, TaskEval
from kehoach_cli.reports import (
    AgenciesReport,
    Counts,
    Meta,
    Report,
    Scope,
    ShowReport,
    StatusReport,
    Succeeded,
    TargetsReport,
    TaskList,
    TaskRow,
)
from kehoach_cli.safe import ARGUMENT_LIMIT, cap
from kehoach_cli.schedule import unit_label
from kehoach_cli.vocab import Lang

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    from kehoach_cli.model import (
        Agency,
        Milestone,
        PlanMeta,
        RecurringSchedule,
        Section,
        SingleSchedule,
    )


ColKind = Literal["id", "text", "num", "date", "status"]
Tone = Literal["plain", "muted", "strong", "warn"]

TITLE_LINES = 3  # a list shows at most this many lines of a task's title; `show` prints it whole


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Para:
    text: str
    tone: Tone = "plain"


@dataclass(frozen=True)
class Fields:
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Column:
    label: str
    kind: ColKind = "text"
    weight: int = 1  # share of the spare width among text columns
    max_lines: int | None = None  # cut longer cells with an ellipsis (tables only)
    secondary: bool = False  # a narrow table may fold it under the first text column, labelled
    abbr: str | None = None  # the heading a narrow table uses instead, explained in a legend


@dataclass(frozen=True)
class Cell:
    text: str
    tone: str | None = None  # a status slug, or a Tone


@dataclass(frozen=True)
class Grid:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    empty: str = ""
    footer: tuple[str, ...] = field(default=())


Block = Heading | Para | Fields | Bullets | Grid


def build(report: Report, lang: Lang) -> list[Block]:
    if isinstance(report, StatusReport):
        return _status(report, lang)
    if isinstance(report, TaskList):
        return _task_list(report, lang)
    if isinstance(report, ShowReport):
        return _show(report, lang)
    if isinstance(report, AgenciesReport):
        return _agencies(report, lang)
    return _targets(report, lang)


# --- shared pieces ------------------------------------------------------------------------


def _head(meta: Meta, lang: Lang, title_key: str, scope: Scope | None = None) -> list[Block]:
    number = meta.number or f"({L.word('unnumbered', lang)})"
    out: list[Block] = [
        Heading(L.word(title_key, lang)),
        Para(
            f"{L.word('plan', lang)} {number} {L.word('of_date', lang)} {L.date(meta.date, lang)} · {meta.issuer}",
            "muted",
        ),
        Para(f"{L.word('as_of', lang)} {L.date(meta.as_of, lang)}", "muted"),
    ]
    if scope is not None and scope.window is not None:
        out.append(Para(L.word("period_window", lang, text=_window_text(scope.window, lang)), "muted"))
    if scope is not None and scope.agency is not None:
        role = L.word(f"role.{scope.role}", lang)
        text = f"{L.word('agency', lang)}: {scope.agency.name} ({role})"
        for s in scope.succeeded:
            text += "; " + _succession_text(s, lang)
        out.append(Para(text, "strong"))
    return out


def _window_text(w: Window, lang: Lang) -> str:
    if w.start is not None and w.end is not None:
        return L.word("window_between", lang, start=L.date(w.start, lang), end=L.date(w.end, lang))
    if w.start is not None:
        return L.word("window_from", lang, start=L.date(w.start, lang))
    return L.word("window_until", lang, end=L.date(w.end, lang))


def _succession_text(s: Succeeded, lang: Lang) -> str:
    when = L.date(s.effective, lang)
    if not s.successors:
        return L.word("dissolved_on", lang, date=when)
    return L.word("succeeded_by", lang, names="; ".join(a.name for a in s.successors), date=when)


def _succession_short(s: Succeeded, lang: Lang) -> str:
    when = L.date(s.effective, lang)
    if not s.successors:
        return L.word("dissolved_short", lang, date=when)
    return L.word("succeeded_short", lang, names="; ".join(a.name for a in s.successors), date=when)


def _names(agencies: Sequence[Agency]) -> str:
    return "; ".join(a.name for a in agencies) or "—"


def _answerers(answerers: Sequence[Answerer], lang: Lang, dissolved: Sequence[Agency] = ()) -> str:
    parts = []
    for a in answerers:
        if a.inherited_from is not None:
            parts.append(f"{a.agency.name} ({L.word('inherited_from', lang, names=a.inherited_from.name)})")
        else:
            parts.append(a.agency.name)
    parts += [f"{a.name} ({L.word('dissolved', lang)})" for a in dissolved]
    return "; ".join(parts) or "—"


def _title(ev: TaskEval, lang: Lang) -> str:
    """The title in the report's language; in English without one, the Vietnamese, marked."""
    if lang == "vi":
        return ev.task.title
    return ev.task.title_en or f"{L.word('in_vietnamese', lang)} {ev.task.title}"


def _status_cell(status: Status, lang: Lang, detail: str = "") -> Cell:
    text = L.status_name(status, lang)
    return Cell(f"{text} ({detail})" if detail else text, str(status))


def _years(obligations: Sequence[ObligationEval]) -> str:
    """Periods as text, runs of single years joined: 2019–2021, 2023."""
    out: list[str] = []
    run: list[int] = []
    for o in obligations:
        p = o.period
        if p is None:
            continue
        if p.isdigit() and (not run or int(p) == run[-1] + 1):
            run.append(int(p))
            continue
        if run:
            out.append(L.year_runs(run))
        run = [int(p)] if p.isdigit() else []
        if not p.isdigit():
            out.append(p)
    if run:
        out.append(L.year_runs(run))
    return ", ".join(out)


def _detail(row: TaskRow, lang: Lang) -> str:
    """What a status cell adds: days overdue or left, days late, missing years."""
    ob = row.ob
    if not row.by_obligation and row.ev.missed and row.ev.missed[0].period is not None:
        return L.word("missing_n", lang, years=_years(row.ev.missed))
    return _days(ob, lang)


def _days(ob: ObligationEval, lang: Lang) -> str:
    if ob.days_overdue is not None:
        return L.days(ob.days_overdue, lang)
    if ob.days_left is not None:
        return L.word("days_left_n", lang, days=L.days(ob.days_left, lang))
    if ob.days_late is not None:
        return L.word("late_by", lang, days=L.days(ob.days_late, lang))
    return ""


def _period(ob: ObligationEval, lang: Lang, milestones: Sequence[Milestone] = ()) -> str:
    """A recurring period, or a milestone (with its title when `milestones` are given)."""
    if ob.period is not None:
        return ob.period
    if ob.milestone is None:
        return ""
    text = L.word("milestone", lang, id=ob.milestone)
    for m in milestones:
        if m.id == ob.milestone:
            text += ": " + (m.title_en or m.title if lang == "en" else m.title)
    return text


def _lead_cell(row: TaskRow, lang: Lang) -> str:
    text = _answerers(row.ev.leads, lang, row.ev.dissolved_leads)
    if row.via_group:
        text += f" · {L.word('via_group', lang, names=_names(row.via_group))}"
    return text


def _count(n: int | None, lang: Lang, tone: str | None = None) -> Cell:
    """A count or a number of days, grouped as the language writes it (2.528, 2,528)."""
    return Cell("—" if n is None else L.integer(n, lang), tone)


# --- task lists -----------------------------------------------------------------------------


def _task_list(report: TaskList, lang: Lang) -> list[Block]:
    out = _head(report.meta, lang, f"title.{report.kind}", report.scope)
    if report.filters:
        out.append(
            Para(
                f"{L.word('filters', lang)}: " + ", ".join(f"{k} {cap(v, ARGUMENT_LIMIT)}" for k, v in report.filters),
                "muted",
            )
        )
    id_col = Column(L.word("col.id", lang), "id")
    title_col = Column(L.word("col.title", lang), "text", 3, TITLE_LINES)
    lead_col = Column(L.word("col.lead", lang), "text", 2, secondary=True)
    due_col = Column(L.word("col.due", lang), "date")
    rows: list[tuple[Cell, ...]] = []
    columns: tuple[Column, ...]
    if report.kind == "overdue":
        columns = (id_col, title_col, lead_col, due_col, Column(L.word("col.days_overdue", lang), "num"))
        has_years = any(r.ev.missed and r.ev.missed[0].period for r in report.rows)
        if has_years:
            columns += (Column(L.word("col.missing", lang), "text", 1, secondary=True),)
        for r in report.rows:
            cells: tuple[Cell, ...] = (
                Cell(r.ev.id),
                Cell(_title(r.ev, lang)),
                Cell(_lead_cell(r, lang)),
                Cell(L.date(r.ob.due, lang)),
                _count(r.ob.days_overdue, lang, "overdue"),
            )
            if has_years:
                cells += (Cell(_years(r.ev.missed)),)
            rows.append(cells)
    elif report.kind == "upcoming":
        columns = (
            id_col,
            title_col,
            lead_col,
            due_col,
            Column(L.word("col.period", lang), "num"),
            Column(L.word("col.days_left", lang), "num"),
        )
        for r in report.rows:
            rows.append(
                (
                    Cell(r.ev.id),
                    Cell(_title(r.ev, lang)),
                    Cell(_lead_cell(r, lang)),
                    Cell(L.date(r.ob.due, lang)),
                    Cell(_period(r.ob, lang) or "—"),
                    _count(r.ob.days_left, lang),
                )
            )
    elif report.kind in ("unowned", "untimed"):
        columns = (
            id_col,
            title_col,
            Column(L.word("col.why", lang), "text", 1, secondary=True),
            lead_col,
            due_col,
            Column(L.word("col.status", lang), "status", 1),
        )
        for r in report.rows:
            why = "; ".join(L.word(f"flag.{f}", lang) for f in r.flags)
            if r.ev.dissolved_leads and report.kind == "unowned":
                why += f" ({_names(r.ev.dissolved_leads)})"
            rows.append(
                (
                    Cell(r.ev.id),
                    Cell(_title(r.ev, lang)),
                    Cell(why, "warn"),
                    Cell(_lead_cell(r, lang)),
                    Cell(L.date(r.ob.due, lang)),
                    _status_cell(r.status, lang),
                )
            )
    else:
        columns = (id_col, title_col, lead_col, due_col, Column(L.word("col.status", lang), "status", 2))
        for r in report.rows:
            rows.append(
                (
                    Cell(r.ev.id),
                    Cell(_title(r.ev, lang)),
                    Cell(_lead_cell(r, lang)),
                    Cell(L.date(r.ob.due, lang)),
                    _status_cell(r.status, lang, _detail(r, lang)),
                )
            )
    noun: Literal["tasks", "items"] = "items" if report.kind == "upcoming" else "tasks"
    footer = (L.count(len(report.rows), noun, lang),) if report.rows else ()
    out.append(Grid(columns, tuple(rows), L.word(f"empty.{report.kind}", lang), footer))
    return out


# --- counts tables ------------------------------------------------------------------------------


def _status_columns(lang: Lang) -> list[Column]:
    return [Column(L.heading(L.status_name(s, lang)), "num", abbr=L.status_abbr(s, lang)) for s in STATUS_ORDER]


def _rate_columns(lang: Lang) -> list[Column]:
    return [
        Column(L.word("col.completion_rate", lang), "num", abbr=L.word("abbr.completion_rate", lang)),
        Column(L.word("col.on_time_rate", lang), "num", abbr=L.word("abbr.on_time_rate", lang)),
    ]


def _counts_cells(counts: Counts, lang: Lang, strong: bool = False) -> tuple[Cell, ...]:
    """Every status's count, then both rates."""
    out = []
    for s in STATUS_ORDER:
        n = counts[s]
        out.append(Cell(L.integer(n, lang), "strong" if strong else str(s) if n and s is Status.overdue else None))
    out.append(Cell(L.rate(counts.completion_rate, lang), "strong" if strong else None))
    out.append(Cell(L.rate(counts.on_time_rate, lang), "strong" if strong else None))
    return tuple(out)


def _total_cell(lang: Lang) -> Cell:
    return Cell(L.word("col.total", lang), "strong")


def _counts_grid(first: str, groups: Sequence[tuple[Cell, Counts]], lang: Lang, max_lines: int | None = None) -> Grid:
    """Rows of counts (total, every status, both rates) and a total row that adds them up."""
    cols = (
        Column(first, "text", 2, max_lines),
        Column(L.word("col.total", lang), "num"),
        *_status_columns(lang),
        *_rate_columns(lang),
    )
    rows = [(key, Cell(L.integer(c.total, lang)), *_counts_cells(c, lang)) for key, c in groups]
    summed = Counts.sum([c for _, c in groups])
    rows.append((_total_cell(lang), Cell(L.integer(summed.total, lang), "strong"), *_counts_cells(summed, lang, True)))
    return Grid(cols, tuple(rows))


def _overall(counts: Counts, lang: Lang) -> Grid:
    """The headline counts: one row, the total first."""
    cols = (Column(L.word("col.total", lang), "num"), *_status_columns(lang), *_rate_columns(lang))
    return Grid(cols, ((Cell(L.integer(counts.total, lang), "strong"), *_counts_cells(counts, lang)),))


# --- status -----------------------------------------------------------------------------------


def _status(report: StatusReport, lang: Lang) -> list[Block]:
    out = _head(report.meta, lang, "title.status", report.scope)
    c = report.counts
    out.append(_overall(c, lang))
    out.append(Para(L.word("rates_formula", lang), "muted"))
    if report.full:
        out.append(Heading(L.word("h.by_section", lang), 2))
        sections = [(Cell(_section_name(g.key, g.section)), g.counts) for g in report.by_section]
        out.append(_counts_grid(L.word("col.section", lang), sections, lang, TITLE_LINES - 1))
        out.append(Heading(L.word("h.by_agency", lang), 2))
        keyed = [
            (Cell(g.key or L.word("nobody", lang), None if g.key else "muted"), g.counts) for g in report.by_agency
        ]
        grid = _counts_grid(L.word("col.agency", lang), keyed, lang)
        out.append(Grid(grid.columns, grid.rows, footer=(L.word("multiple_leads", lang),)))
        if report.targets:
            out.append(Heading(L.word("h.targets", lang), 2))
            out.append(_targets_grid([(t, None) for t in report.targets], lang, compact=True))
    n_overdue = c[Status.overdue]
    out.append(
        Heading(
            L.word("h.most_overdue_n", lang, n=L.integer(n_overdue, lang))
            if n_overdue
            else L.word("h.most_overdue", lang),
            2,
        )
    )
    worst = report.worst
    out.append(
        Grid(
            (
                Column(L.word("col.id", lang), "id"),
                Column(L.word("col.title", lang), "text", 3, 2 if report.full else 1),
                *((Column(L.word("col.lead", lang), "text", 2, secondary=True),) if report.full else ()),
                Column(L.word("col.due", lang), "date"),
                Column(L.word("col.days_overdue", lang), "num"),
            ),
            tuple(
                (
                    Cell(r.ev.id),
                    Cell(_title(r.ev, lang)),
                    *((Cell(_lead_cell(r, lang)),) if report.full else ()),
                    Cell(L.date(r.ob.due, lang)),
                    _count(r.ob.days_overdue, lang, "overdue"),
                )
                for r in worst
            ),
            L.word("empty.overdue", lang),
            (L.word("more", lang, n=L.integer(n_overdue - len(worst), lang)),) if n_overdue > len(worst) else (),
        )
    )
    if not report.full:
        out.append(Para(L.word("next", lang, commands=" · ".join(_next(report))), "muted"))
    return out


def _next(report: StatusReport) -> list[str]:
    """The commands that show more of what the one screen summarises."""
    c = report.counts
    out = []
    if c[Status.overdue]:
        out.append("overdue")
    if c[Status.open]:
        out.append("upcoming")
    if report.unowned:
        out.append("unowned")
    out += ["agencies", "status --full"]
    return out


def _section_name(key: str, section: Section | None) -> str:
    """'1. Phân bố không gian công nghiệp …' when the plan lists its headings, else the id."""
    if section is None:
        return key
    number = section.number_as_printed or f"{key}."
    return f"{number} {section.title}"


# --- show -------------------------------------------------------------------------------------


def _show(report: ShowReport, lang: Lang) -> list[Block]:
    ev = report.ev
    task = ev.task
    out: list[Block] = [Heading(f"{L.word('title.show', lang)} {task.id}"), Para(_title(ev, lang), "strong")]
    other = task.title_en if lang == "vi" else (task.title if task.title_en else None)
    if other:
        out.append(Para(other, "muted"))
    sc = report.scope
    if sc.agency is not None:
        text = f"{L.word('agency', lang)}: {sc.agency.name} ({L.word(f'role.{sc.role}', lang)})"
        for s in sc.succeeded:
            text += "; " + _succession_text(s, lang)
        if report.inherited_from and all(a.id != sc.agency.id for a in report.inherited_from):
            text += "; " + L.word("inherited_from", lang, names=_names(report.inherited_from))
        if report.via_group:
            text += "; " + L.word("via_group", lang, names=_names(report.via_group))
        out.append(Para(text, "strong"))
    row = TaskRow(ev, ev.focus)
    status = L.status_name(ev.status, lang)
    detail = _detail(row, lang)
    if ev.in_progress:
        detail = ", ".join(x for x in (L.word("in_progress", lang), detail) if x)
    fields: list[tuple[str, str]] = [
        (L.word("col.status", lang), f"{status} ({detail})" if detail else status),
        (L.word("as_of", lang), L.date(report.meta.as_of, lang)),
        (L.word("f.ref", lang), task.ref),
    ]
    if ev.full_ref != task.id:
        fields.append((L.word("f.full_ref", lang), ev.full_ref))
    if report.sections:
        fields.append((L.word("f.section", lang), " › ".join(_section_name(x.id, x) for x in report.sections)))
    fields.append((L.word("f.schedule", lang), _schedule(report, lang)))
    if task.role_as_printed:
        fields.append((L.word("f.role_as_printed", lang), task.role_as_printed))
    fields.append((L.word("f.lead_assigned", lang), _names(ev.assigned_leads)))
    now = _answerers(ev.leads, lang, ev.dissolved_leads)
    if now != _names(ev.assigned_leads):
        fields.append((L.word("f.lead_now", lang), now))
    fields.append((L.word("col.partners", lang), _answerers(ev.partners, lang, ev.dissolved_partners)))
    for agency, s in report.successions:
        fields.append((L.word("f.succession", lang), f"{agency.name}: {_succession_text(s, lang)}"))
    fields.append((L.word("f.current_due", lang), L.date(ev.current_due, lang)))
    if ev.original_due is not None:
        fields.append((L.word("f.original_due", lang), L.date(ev.original_due, lang)))
        if ev.status_vs_original is not None:
            vs = L.status_name(ev.status_vs_original, lang)
            if ev.days_overdue_vs_original:
                vs += f" ({L.days(ev.days_overdue_vs_original, lang)})"
            fields.append((L.word("f.vs_original", lang), vs))
    if ev.started is not None:
        fields.append((L.word("f.started", lang), L.date(ev.started, lang)))
    if task.product:
        fields.append((L.word("f.product", lang), task.product))
    if task.funding:
        fields.append((L.word("f.funding", lang), task.funding))
    out.append(Fields(tuple(fields)))

    out.append(Heading(L.word("h.obligations", lang), 2))
    events = {e.id: e for e in report.events}
    schedule = task.schedule
    milestones = schedule.milestones if schedule.kind == "milestones" else []
    ob_rows = []
    for o in ev.obligations:
        detail = ""
        if o.waiting_for is not None:
            event = events.get(o.waiting_for)
            name = (event.name_en or event.name) if event and lang == "en" else (event.name if event else o.waiting_for)
            detail = L.word("waiting_for", lang, event=name)
        elif o.obligation.occurrence and o.obligation.start is None:
            detail = L.word("waiting_occurrence", lang)
        else:
            detail = _days(o, lang)
        ob_rows.append(
            (
                Cell(_period(o, lang, milestones) or "—", None if o.counted else "muted"),
                Cell(L.date(o.due, lang)),
                _status_cell(o.status, lang, detail),
                Cell(L.date(o.done, lang) if o.done else "—"),
                Cell(o.evidence or "—"),
            )
        )
    out.append(
        Grid(
            (
                Column(L.word("col.period", lang), "text", 2 if milestones else 1),
                Column(L.word("col.due", lang), "date"),
                Column(L.word("col.status", lang), "status", 2),
                Column(L.word("col.done", lang), "date"),
                Column(L.word("col.evidence", lang), "text", 2),
            ),
            tuple(ob_rows),
        )
    )
    if report.targets:
        out.append(Heading(L.word("h.targets", lang), 2))
        out.append(_targets_grid([(t, None) for t in report.targets], lang, compact=False))
    out.append(Heading(L.word("h.history", lang), 2))
    hist = []
    for e in ev.history:
        r = e.record
        what = L.word(f"record.{r.kind}", lang)
        if r.kind == "value" and r.value is not None:
            what += f": {L.number(float(r.value), lang)} {r.unit or ''}".rstrip()
            if r.metric:
                what += f" ({r.metric})"
        if r.year is not None:
            what += f" · {r.year}"
        if r.milestone is not None:
            what += f" · {L.word('milestone', lang, id=r.milestone)}"
        hist.append(
            (
                Cell(L.date(r.date, lang)),
                Cell(what),
                Cell(e.agency.name if e.agency else (r.agency or "—")),
                Cell(r.evidence or "—"),
                Cell(r.note or ""),
            )
        )
    out.append(
        Grid(
            (
                Column(L.word("col.date", lang), "date"),
                Column(L.word("col.kind", lang), "text", 2),
                Column(L.word("col.reporter", lang), "text", 2),
                Column(L.word("col.evidence", lang), "text", 2),
                Column(L.word("col.note", lang), "text", 2),
            ),
            tuple(hist),
            L.word("empty.history", lang),
        )
    )
    if task.notes:
        out.append(Heading(L.word("h.notes", lang), 2))
        out.append(Bullets(tuple(task.notes)))
    return out


def _schedule(report: ShowReport, lang: Lang) -> str:
    """The schedule in words, then the source's own wording in quotes."""
    s = report.ev.task.schedule
    if s.kind == "several":
        parts = []
        for i, part in enumerate(s.parts):
            obs = [o for o in report.ev.obligations if o.obligation.part == i]
            words = _describe(part, report, lang, obs)
            parts.append(
                f"{part.label or i + 1}: {words} — “{part.text}”" if part.text else f"{part.label or i + 1}: {words}"
            )
        text = L.word("sched.several", lang, n=len(s.parts), parts="; ".join(parts))
    else:
        text = _describe(s, report, lang, report.ev.obligations)
    return f"{text} — “{s.text}”" if s.text else text


def _describe(s: SingleSchedule, report: ShowReport, lang: Lang, obs: Sequence[ObligationEval]) -> str:
    plan = report.plan
    if s.kind == "deadline":
        return L.word("sched.deadline", lang, date=L.date(s.by, lang))
    if s.kind == "span":
        return L.word("sched.span", lang, start=L.date(s.start, lang), end=L.date(s.end, lang))
    if s.kind == "recurring":
        return _recurring(s, plan, lang, obs)
    if s.kind == "ongoing":
        start, end = L.date(s.start, lang), L.date(s.end, lang)
        if s.start and s.end:
            return L.word("sched.ongoing_span", lang, start=start, end=end)
        if s.start or s.end:
            return L.word("sched.ongoing_from" if s.start else "sched.ongoing_until", lang, start=start, end=end)
        return L.word("sched.ongoing", lang)
    if s.kind == "occurrence":
        if s.within_days is None:
            return L.word("sched.occurrence", lang)
        return L.word("sched.occurrence_days", lang, days=s.within_days)
    if s.kind == "relative":
        due = obs[0].due if obs else None
        base = L.word(f"sched.from.{s.from_}", lang)
        return L.word("sched.relative", lang, date=L.date(due, lang), days=s.days, base=base)
    if s.kind == "event":
        event = next((e for e in report.events if e.id == s.event), None)
        name = s.event if event is None else (event.name_en or event.name) if lang == "en" else event.name
        if s.offset_days is None:
            return L.word("sched.event", lang, event=name)
        return L.word("sched.event_days", lang, days=s.offset_days, event=name)
    if s.kind == "milestones":
        return L.word("sched.milestones", lang, n=len(s.milestones))
    return L.word("sched.none", lang)


def _recurring(s: RecurringSchedule, plan: PlanMeta, lang: Lang, obs: Sequence[ObligationEval]) -> str:
    open_ended = s.end is None and s.last_year is None and plan.horizon is None
    if s.unit == "year" and s.start is None and s.end is None and not open_ended:
        first, last = s.first_year or plan.first_year, s.last_year or plan.horizon
        key = "sched.recurring" if s.every == 1 else "sched.recurring_n"
        return L.word(key, lang, n=s.every, first=first, last=last)
    if s.every == 1:
        every = L.word(f"sched.unit.{s.unit}", lang)
    elif s.unit == "half":
        every = L.word("sched.units.month", lang, n=6 * s.every)
    else:
        every = L.word(f"sched.units.{s.unit}", lang, n=s.every)
    start, due = (obs[0].obligation.start, obs[-1].due) if obs else (None, None)
    first_p = unit_label(start, s.unit) if start else "—"
    last_p = unit_label(due, s.unit) if due else "—"
    if open_ended:
        return L.word("sched.onwards", lang, every=every, first=first_p)
    return L.word("sched.periods", lang, every=every, first=first_p, last=last_p)


# --- agencies -------------------------------------------------------------------------------


def _agencies(report: AgenciesReport, lang: Lang) -> list[Block]:
    out = _head(report.meta, lang, "title.agencies", report.scope)
    if report.scope.role != "lead":
        out.append(Para(L.word("scorecard_role", lang, role=L.word(f"role.{report.scope.role}", lang)), "muted"))
    cols = (
        Column(L.word("col.agency", lang), "text", 3),
        Column(L.word("col.agency_id", lang), "id", secondary=True),
        Column(L.word("col.lead_count", lang), "num", abbr=L.word("abbr.lead_count", lang)),
        Column(L.word("col.partner_count", lang), "num", abbr=L.word("abbr.partner_count", lang)),
        *_status_columns(lang),
        *_rate_columns(lang),
        Column(L.word("col.agency_notes", lang), "text", 2, secondary=True),
        *((Column(L.word("col.aliases", lang), "text", 2, secondary=True),) if report.aliases else ()),
    )
    rows = []
    for r in report.rows:
        notes = [_succession_short(s, lang) for s in r.succeeded]
        if r.lead_inherited:
            notes.append(L.word("n_inherited", lang, n=L.integer(r.lead_inherited, lang)))
        rows.append(
            (
                Cell(r.agency.name, "muted" if r.succeeded else None),
                Cell(r.agency.id),
                Cell(L.integer(r.lead, lang)),
                Cell(L.integer(r.partner, lang)),
                *_counts_cells(r.counts, lang),
                Cell("; ".join(notes)),
                *((Cell("; ".join(r.agency.aliases)),) if report.aliases else ()),
            )
        )
    if len(report.rows) > 1:
        summed = Counts.sum([r.counts for r in report.rows])
        rows.append(
            (
                _total_cell(lang),
                Cell(""),
                Cell(L.integer(sum(r.lead for r in report.rows), lang), "strong"),
                Cell(L.integer(sum(r.partner for r in report.rows), lang), "strong"),
                *_counts_cells(summed, lang, True),
                Cell(""),
                *((Cell(""),) if report.aliases else ()),
            )
        )
    footer = (L.word("multiple_leads", lang),) if len(report.rows) > 1 else ()
    out.append(Grid(cols, tuple(rows), L.word("empty.agencies", lang), footer))
    out.append(Para(L.word("rates_formula", lang), "muted"))
    return out


# --- targets --------------------------------------------------------------------------------


def _targets_grid(items: Sequence[tuple[TargetEval, TaskRow | None]], lang: Lang, compact: bool) -> Grid:
    cols = [
        Column(L.word("col.id", lang), "id"),
        Column(L.word("col.target", lang), "text", 3, 2 if compact else None),
        Column(L.word("col.required", lang), "text", 1),
        Column(L.word("col.actual", lang), "text", 1),
        Column(L.word("col.attainment", lang), "num"),
    ]
    if not compact:
        cols.append(Column(L.word("col.expected", lang), "num", secondary=True))
    cols.append(Column(L.word("col.on_pace", lang), "num"))
    rows = []
    for t, _ in items:
        target = t.target
        label = target.label if lang == "vi" else (target.label_en or target.label)
        if t.goal is not None:
            label = f"{L.word('goal', lang).capitalize()}: {label}"
        required = f"{L.COMPARATOR_SYMBOLS[target.op]} {L.number(float(target.value), lang)} {target.unit}"
        if t.by is not None:
            required += f" ({L.date(t.by, lang)})"
        if t.actual is None:
            actual = Cell(L.word("no_data", lang), "muted")
        else:
            actual = Cell(f"{L.number(t.actual, lang)} {target.unit} ({L.date(t.actual_date, lang)})")
        pace = "—" if t.on_pace is None else L.word("yes" if t.on_pace else "no", lang)
        cells = [Cell(t.id), Cell(label), Cell(required), actual, Cell(L.percent(t.attainment, lang))]
        if not compact:
            cells.append(Cell("—" if t.expected is None else f"{L.number(t.expected, lang)} {target.unit}"))
        cells.append(Cell(pace, None if t.on_pace is None else ("done_on_time" if t.on_pace else "overdue")))
        rows.append(tuple(cells))
    return Grid(tuple(cols), tuple(rows), L.word("empty.targets", lang))


def _targets(report: TargetsReport, lang: Lang) -> list[Block]:
    out = _head(report.meta, lang, "title.targets", report.scope)
    out.append(_targets_grid(report.rows, lang, compact=False))
    return out
