"""The rules `kehoach check` holds progress records to (and `kehoach record` applies first).

A report file declares its agency, which must be one the plan knows; an agency reports
only on tasks it leads or partners, directly or through succession as of the record's
date; the task, metric and milestone exist; a value's unit converts to its target's;
completion cites evidence when the plan requires it; dates lie between the plan's issue
date and today; records of recurring tasks say which year they cover. Inline `progress`
records in plan.yaml name their agency.

`check_record` judges one record and returns problems whose paths are relative to the
record, so the same code serves a record already in a file and one about to be written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import replace

from kehoach_cli import units
from kehoach_cli.agencies import Registry
from kehoach_cli.model import (
    Agency,
    Goal,
    MilestonesSchedule,
    OccurrenceSchedule,
    Plan,
    Record,
    RecurringSchedule,
    SeveralSchedule,
    Target,
    Task,
)
from kehoach_cli.problems import Problem
from kehoach_cli.progress import collect
from kehoach_cli.rules.subject import Subject
from kehoach_cli.schedule import obligations
from kehoach_cli.textnorm import closest, did_you_mean

ID = "records"
SUMMARY = "progress records are authorised, dated, evidenced and measured in convertible units"
CODES = (
    "date-before-issue",
    "record-agency-mismatch",
    "record-agency-missing",
    "record-agency-unknown",
    "record-basis",
    "record-date-future",
    "record-evidence-missing",
    "record-field-ignored",
    "record-goal-kind",
    "record-metric",
    "record-milestone",
    "record-not-authorised",
    "record-occurred",
    "record-task-unknown",
    "record-unit",
    "record-year-missing",
    "record-year-range",
    "report-file-name",
    "unit-unknown",
    "encoding-tcvn3",
    "record-agency",
    "record-file",
    "record-text",
    "record-value",
)


def check(subject: Subject) -> list[Problem]:
    """Every record of a valid plan, located in its file; `today` defaults to today in Việt Nam."""
    from kehoach_cli import asof

    if subject.loaded is None:
        return []
    loaded, plan, registry = subject.loaded, subject.plan, subject.registry
    on = subject.today if subject.today is not None else asof.today()
    out: list[Problem] = []
    listed = {(loaded.path.parent / p).resolve() for p in plan.plan.reports}
    for lr in loaded.reports:
        if lr.report is None:
            continue
        agency = registry.resolve(lr.report.agency)
        problem: Problem | None = None
        if agency is None:
            problem = unknown_agency(registry, lr.report.agency, ("agency",), "report file")
        elif lr.path.resolve() not in listed and lr.path.stem != agency.id:
            problem = Problem(
                "report-file-name",
                f"{lr.doc.file} reports for {agency.name}, but a file in reports/ is named after the "
                f"agency that owns it: reports/{agency.id}.yaml",
                ("agency",),
                f"rename the file to reports/{agency.id}.yaml (CODEOWNERS gives each file its agency's reviewers), "
                "or list it in `plan.reports`",
            )
        if problem is not None:
            out.append(problem.at(lr.doc.locate(problem.path)))
    for entry in collect(loaded, registry):
        doc = loaded.sources[entry.source]
        inline = entry.path[:1] == ("progress",)
        for p in check_record(plan, registry, entry.record, entry.agency, on, inline=inline):
            path = (*entry.path, *p.path)
            out.append(replace(p, path=path, location=doc.locate(path, key=p.code == "record-field-ignored")))
    return out


def unknown_agency(registry: Registry, name: str, path: tuple[str, ...], what: str) -> Problem:
    near = registry.suggest(name)
    by_id = registry.by_id.get(name.strip())
    if by_id is not None:
        hint = f"write the agency's name, not its id: {by_id.name!r}"
    else:
        hint = did_you_mean(near[:1], "use an agency's name or alias from the plan's `agencies`") or ""
    return Problem("record-agency-unknown", f"{what} names an unknown agency {name!r}", path, hint)


def check_record(
    plan: Plan,
    registry: Registry,
    rec: Record,
    agency: Agency | None,
    today: dt.date,
    *,
    inline: bool = False,
) -> list[Problem]:
    """Problems of one record; `agency` is the reporting agency (a report file's, resolved).

    Paths are relative to the record: ``("task",)``, ``("evidence",)``, ``()``…
    """
    out: list[Problem] = []
    if inline:
        agency = None
        if rec.agency is None:
            out.append(
                Problem(
                    "record-agency-missing",
                    "an inline progress record must name its reporting `agency`",
                    (),
                    "add `agency: <name>`, or move the record to reports/<agency-id>.yaml",
                )
            )
        else:
            agency = registry.resolve(rec.agency)
            if agency is None:
                out.append(unknown_agency(registry, rec.agency, ("agency",), "the record"))
    elif rec.agency is not None and agency is not None:
        named = registry.resolve(rec.agency)
        if named is None or named.id != agency.id:
            out.append(
                Problem(
                    "record-agency-mismatch",
                    f"this file reports for {agency.name}; a record in it cannot report for {rec.agency!r}",
                    ("agency",),
                    "remove `agency:` (the file's agency reports), or move the record to that agency's own file",
                )
            )
            agency = None
    out.extend(_dates(plan, rec, today, inline))
    task = next((t for t in plan.tasks if t.id == rec.task), None)
    goal = next((g for g in plan.goals if g.id == rec.task), None) if task is None else None
    if goal is not None:
        out.extend(_goal_record(plan, registry, goal, rec, agency))
        return out
    if task is None:
        near = closest(rec.task, [t.id for t in plan.tasks] + [g.id for g in plan.goals], n=1)
        out.append(
            Problem(
                "record-task-unknown",
                f"unknown task {rec.task!r}",
                ("task",),
                did_you_mean(near[:1], "use a task id from plan.yaml, e.g. 2.a"),
            )
        )
        return out
    if agency is not None:
        out.extend(_authorised(registry, task, agency, rec.date))
    if rec.kind == "done" and plan.plan.require_evidence and not (rec.evidence and rec.evidence.strip()):
        out.append(
            Problem(
                "record-evidence-missing",
                f"completion of task {task.id} needs evidence",
                (),
                "add `evidence:` citing the document (e.g. 'Báo cáo số 123/BC-SCT ngày 15/12/2020') or a URL",
            )
        )
    out.extend(_value(plan, task.id, task.targets, rec))
    out.extend(_year(plan, task, rec, today))
    out.extend(_milestone(task, rec))
    out.extend(_occurred(task, rec))
    return out


def _goal_record(plan: Plan, registry: Registry, goal: Goal, rec: Record, agency: Agency | None) -> Iterator[Problem]:
    """A goal is measured, never started or done; its owner (any agency, when it has none) reports."""
    if rec.kind != "value":
        yield Problem(
            "record-goal-kind",
            f"{goal.id} is a goal of the plan; a {rec.kind!r} record means nothing for it",
            ("kind",),
            "record its value: kind value, with value and unit",
        )
        return
    if agency is not None and goal.owner is not None:
        if not any(a.agency.id == agency.id for a in registry.answerers([goal.owner], rec.date)):
            yield Problem(
                "record-not-authorised",
                f"{agency.name} does not answer for goal {goal.id} (owner: {registry.names([goal.owner])[0]})",
                ("task",),
                "the goal's owner reports its values",
            )
    yield from _value(plan, goal.id, [goal], rec)


def _dates(plan: Plan, rec: Record, today: dt.date, inline: bool) -> Iterator[Problem]:
    issued = plan.plan.date
    # Inline records before the issue date are reported by the `dates` rule already.
    if rec.date < issued and not inline:
        yield Problem(
            "date-before-issue",
            f"record dated {rec.date.isoformat()} is before the plan was issued ({issued.isoformat()})",
            ("date",),
            "check the year; a record reports work done under the plan",
        )
    if rec.date > today:
        yield Problem(
            "record-date-future",
            f"record dated {rec.date.isoformat()} is after today ({today.isoformat()})",
            ("date",),
            "a record reports what has happened; check the date",
        )


def _authorised(registry: Registry, task: Task, agency: Agency, on: dt.date) -> Iterator[Problem]:
    refs = [*task.lead, *task.partners]
    if any(a.agency.id == agency.id for a in registry.answerers(refs, on, task)):
        return
    path = ("task",)
    later = _answers_from(registry, task, agency, on)
    if later is not None:
        yield Problem(
            "record-not-authorised",
            f"{agency.name} answers for task {task.id} only from {later.isoformat()} (through succession); "
            f"a record dated {on.isoformat()} belongs to its predecessor",
            path,
            "the predecessor's own report file holds work done before the succession",
        )
        return
    successors = [
        a.agency.name
        for a in registry.answerers(refs, on, task)
        if a.inherited_from is not None and a.inherited_from.id == agency.id
    ]
    if successors:
        yield Problem(
            "record-not-authorised",
            f"{agency.name} no longer answers for task {task.id} on {on.isoformat()}: "
            f"{', '.join(successors)} took over its tasks",
            path,
            "the successor reports from the date the succession took effect",
        )
        return
    lead = ", ".join(registry.names(task.lead)) or "none"
    partners = ", ".join(registry.names(task.partners)) or "none"
    yield Problem(
        "record-not-authorised",
        f"{agency.name} neither leads nor partners task {task.id} (lead: {lead}; partners: {partners})",
        path,
        "an agency reports only on its own tasks; check the task id",
    )


def _answers_from(registry: Registry, task: Task, agency: Agency, on: dt.date) -> dt.date | None:
    """The first succession date after `on` from which `agency` answers for `task`."""
    refs = [*task.lead, *task.partners]
    for when in sorted({s.effective for s in registry.plan.successions if s.effective > on}):
        if any(a.agency.id == agency.id for a in registry.answerers(refs, when, task)):
            return when
    return None


def _value(plan: Plan, owner: str, targets: Sequence[Target], rec: Record) -> Iterator[Problem]:
    if rec.kind != "value":
        for key in ("metric", "basis"):
            if getattr(rec, key) is not None:
                yield Problem(
                    "record-field-ignored",
                    f"`{key}` belongs to records of kind 'value'; this is a {rec.kind!r} record",
                    (key,),
                    f"remove `{key}`",
                    severity="warning",
                )
        return
    assert rec.value is not None and rec.unit is not None
    metrics = [t.metric for t in targets]
    if not targets:
        yield Problem(
            "record-metric",
            f"task {owner} has no targets; a 'value' record measures a target",
            ("kind",),
            "record 'started' or 'done' instead, or add the target to the task in plan.yaml",
        )
        return
    if rec.metric is None:
        if len(targets) > 1:
            yield Problem(
                "record-metric",
                f"task {owner} has several targets ({', '.join(metrics)}); say which one this value measures",
                (),
                "add `metric: <name>`",
            )
            return
        target = targets[0]
    else:
        found = next((t for t in targets if t.metric == rec.metric), None)
        if found is None:
            near = closest(rec.metric, metrics, n=1)
            yield Problem(
                "record-metric",
                f"{'goal' if isinstance(targets[0], Goal) else 'task'} {owner} has no target {rec.metric!r}",
                ("metric",),
                did_you_mean(near[:1], "use one of: " + ", ".join(metrics)),
            )
            return
        target = found
    vocabulary = units.for_plan(plan)
    if vocabulary.convert(float(rec.value), rec.unit, target.unit) is None:
        if vocabulary.lookup(rec.unit) is None:
            near = vocabulary.suggest(rec.unit)
            yield Problem(
                "unit-unknown",
                f"unknown unit {rec.unit!r}",
                ("unit",),
                did_you_mean(near[:1], f"report the value in {target.unit!r}"),
            )
        else:
            yield Problem(
                "record-unit",
                f"unit {rec.unit!r} does not convert to {target.unit!r}, the unit of target {target.metric!r}",
                ("unit",),
                f"report the value in {target.unit!r} or a unit of the same kind",
            )
    if target.measure == "cumulative" and rec.basis is None:
        yield Problem(
            "record-basis",
            f"target {target.metric!r} adds up over the years: say whether {rec.value} {rec.unit} is the total "
            "so far or one year's amount",
            (),
            "add `basis:` cumulative (the total so far) or annual (one year's amount, with `year:`)",
        )


def _year(plan: Plan, task: Task, rec: Record, today: dt.date) -> Iterator[Problem]:
    s = task.schedule
    recurring = s if isinstance(s, RecurringSchedule) else None
    if recurring is None or recurring.unit != "year":
        periodic = recurring is not None or (
            isinstance(s, SeveralSchedule) and any(isinstance(p, RecurringSchedule) for p in s.parts)
        )
        if rec.year is not None and rec.kind != "value" and not periodic:
            yield Problem(
                "record-field-ignored",
                f"task {task.id} does not recur; `year` means nothing on a {rec.kind!r} record",
                ("year",),
                "remove `year`",
                severity="warning",
            )
        elif rec.year is not None and rec.year > rec.date.year:
            yield Problem(
                "record-year-range",
                f"a record dated {rec.date.isoformat()} cannot measure the year {rec.year}",
                ("year",),
                "check the year",
            )
        return
    periods = obligations(recurring, plan, max(today, rec.date))
    first = min((o.start or rec.date).year for o in periods) if periods else rec.date.year
    last = max(o.year or rec.date.year for o in periods) if periods else rec.date.year
    if rec.year is None:
        yield Problem(
            "record-year-missing",
            f"task {task.id} recurs ({first}–{last}); say which year this record covers",
            (),
            "add `year: <yyyy>`",
        )
        return
    period = next((o for o in periods if o.start and o.start.year <= rec.year <= (o.year or rec.year)), None)
    if period is None:
        yield Problem(
            "record-year-range",
            f"task {task.id} recurs from {first} to {last}; {rec.year} is outside",
            ("year",),
            "check the year",
        )
        return
    if period.start is not None and rec.date < period.start:
        yield Problem(
            "record-year-range",
            f"a record dated {rec.date.isoformat()} cannot report on {period.period}, which starts "
            f"{period.start.isoformat()}",
            ("year",),
            "check the year and the date",
        )


def _occurred(task: Task, rec: Record) -> Iterator[Problem]:
    if rec.kind != "occurred":
        return
    s = task.schedule
    parts = s.parts if isinstance(s, SeveralSchedule) else [s]
    if not any(isinstance(p, OccurrenceSchedule) for p in parts):
        yield Problem(
            "record-occurred",
            f"task {task.id} is not a duty 'khi có phát sinh'; an 'occurred' record means nothing for it",
            ("kind",),
            "give the task an `occurrence` schedule, or record 'started' or 'done'",
        )


def _milestone(task: Task, rec: Record) -> Iterator[Problem]:
    if rec.milestone is None:
        return
    s = task.schedule
    if not isinstance(s, MilestonesSchedule):
        yield Problem(
            "record-milestone",
            f"task {task.id} has no milestones",
            ("milestone",),
            "remove `milestone`",
        )
        return
    ids = [m.id for m in s.milestones]
    if rec.milestone not in ids:
        near = closest(rec.milestone, ids, n=1)
        yield Problem(
            "record-milestone",
            f"task {task.id} has no milestone {rec.milestone!r}",
            ("milestone",),
            did_you_mean(near[:1], "use one of: " + ", ".join(ids)),
        )
