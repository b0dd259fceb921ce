"""The rules `kehoach check` holds progress records to (and `kehoach record` applies first).

A report file declares its agency, which must be one the plan knows, and is named after it
(`<id>.yaml`, `<id>-<anything>.yaml`, or any name in a folder `<id>/`), wherever it is
listed; an agency reports only on tasks it leads or partners, directly or through
succession as of the record's date; completion is recorded by a lead (or its successor from
the day the succession takes effect), a partner records only what `plan.partners_may_report`
allows (default: started, value, occurred); an agency records nothing dated after it was dissolved,
and nothing at all once it has ceased (by `recorded_on`); the task, metric and milestone
exist; a value's unit converts to its target's and the value is not negative; completion
cites evidence with a visible character when the plan requires it; dates lie between the
plan's issue date and today, and `recorded_on` between the record's date and today; records
of recurring tasks say which year they cover; a record is not repeated, a task (milestone,
year) is completed once, and a year has one annual value per target. Inline `progress`
records in plan.yaml name their agency.

`check_record` judges one record and returns problems whose paths are relative to the
record, so the same code serves a record already in a file and one about to be written;
`repeats` finds a record that duplicates another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from kehoach_cli import units
from kehoach_cli.agencies import Registry
from kehoach_cli.messages import N_, Msg, msg
from kehoach_cli.model import (
    Agency,
    Goal,
    MilestonesSchedule,
    OccurrenceSchedule,
    OngoingSchedule,
    Plan,
    Record,
    RecurringSchedule,
    SeveralSchedule,
    Target,
    Task,
)
from kehoach_cli.problems import Location, Problem
from kehoach_cli.progress import Entry, collect
from kehoach_cli.rules.subject import Subject
from kehoach_cli.schedule import obligations
from kehoach_cli.textnorm import closest, did_you_mean, visible

E = TypeVar("E")

ID = "records"
SUMMARY = N_("progress records are authorised, dated, evidenced and measured in convertible units")
CODES = (
    "date-before-issue",
    "record-duplicate",
    "record-recorded-on",
    "record-value-conflict",
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
    for lr in loaded.reports:
        if lr.report is None:
            continue
        agency = registry.resolve(lr.report.agency)
        problem: Problem | None = None
        if agency is None:
            problem = unknown_agency(registry, lr.report.agency, ("agency",), msg("report file"))
        else:
            problem = _file_name(registry, lr.path, lr.doc.file, agency)
        if problem is not None:
            out.append(problem.at(lr.doc.locate(problem.path)))
    sound: list[Entry] = []  # records without errors of their own: only these can repeat each other
    for entry in collect(loaded, registry):
        doc = loaded.sources[entry.source]
        inline = entry.path[:1] == ("progress",)
        found = check_record(plan, registry, entry.record, entry.agency, on, inline=inline)
        for p in found:
            path = (*entry.path, *p.path)
            out.append(replace(p, path=path, location=doc.locate(path, key=p.code == "record-field-ignored")))
        if entry.agency is not None and not any(p.severity == "error" for p in found):
            sound.append(entry)
    seen: dict[tuple[object, ...], Entry] = {}
    for entry in sound:
        repeated = repeats(plan, entry.record, seen, lambda e: loaded.sources[e.source].locate(e.path))
        if repeated is not None:
            doc = loaded.sources[entry.source]
            out.append(replace(repeated, path=entry.path, location=doc.locate(entry.path)))
        for key in record_keys(plan, entry.record):
            seen.setdefault(key, entry)
    return out


def file_owner(registry: Registry, path: Path) -> Agency | None:
    """The agency a report file's name says it belongs to: `<id>.yaml`, `<id>-….yaml`
    (e.g. sct-2021.yaml), or a file in a folder named `<id>`; the longest id wins."""
    stem, folder = path.stem, path.parent.name
    by_stem = [a for a in registry.plan.agencies if stem == a.id or stem.startswith((f"{a.id}-", f"{a.id}_"))]
    if by_stem:
        return max(by_stem, key=lambda a: len(a.id))
    return next((a for a in registry.plan.agencies if folder == a.id), None)


def _file_name(registry: Registry, path: Path, shown: str, agency: Agency) -> Problem | None:
    owner = file_owner(registry, path)
    if owner is not None and owner.id == agency.id:
        return None
    says = (
        msg("its name says it is {owner}'s ({id})", owner=owner.name, id=owner.id)
        if owner is not None
        else msg("its name names no agency")
    )
    return Problem(
        "report-file-name",
        msg(
            "{file} reports for {agency}, but {says}: a report file is named after the agency that owns it",
            file=shown,
            agency=agency.name,
            says=says,
        ),
        ("agency",),
        msg(
            "rename it {id}.yaml or {id}-<anything>.yaml, or move it into a folder {id}/ "
            "(CODEOWNERS gives each agency's files its reviewers)",
            id=agency.id,
        ),
    )


def unknown_agency(registry: Registry, name: str, path: tuple[str, ...], what: Msg) -> Problem:
    near = registry.suggest(name)
    by_id = registry.by_id.get(name.strip())
    hint: Msg | None
    if by_id is not None:
        hint = msg("write the agency's name, not its id: {name}", name=repr(by_id.name))
    else:
        hint = did_you_mean(near[:1], msg("use an agency's name or alias from the plan's `agencies`"))
    return Problem(
        "record-agency-unknown", msg("{what} names an unknown agency {name}", what=what, name=repr(name)), path, hint
    )


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
                    msg("an inline progress record must name its reporting `agency`"),
                    (),
                    msg("add `agency: <name>`, or move the record to reports/<agency-id>.yaml"),
                )
            )
        else:
            agency = registry.resolve(rec.agency)
            if agency is None:
                out.append(unknown_agency(registry, rec.agency, ("agency",), msg("the record")))
    elif rec.agency is not None and agency is not None:
        named = registry.resolve(rec.agency)
        if named is None or named.id != agency.id:
            out.append(
                Problem(
                    "record-agency-mismatch",
                    msg(
                        "this file reports for {agency}; a record in it cannot report for {other}",
                        agency=agency.name,
                        other=repr(rec.agency),
                    ),
                    ("agency",),
                    msg("remove `agency:` (the file's agency reports), or move the record to that agency's own file"),
                )
            )
            agency = None
    out.extend(_dates(plan, rec, today, inline))
    task = _ids(plan).tasks.get(rec.task)
    goal = _ids(plan).goals.get(rec.task) if task is None else None
    if goal is not None:
        out.extend(_goal_record(plan, registry, goal, rec, agency))
        return out
    if task is None:
        near = closest(rec.task, [t.id for t in plan.tasks] + [g.id for g in plan.goals], n=1)
        out.append(
            Problem(
                "record-task-unknown",
                msg("unknown task {task}", task=repr(rec.task)),
                ("task",),
                did_you_mean(near[:1], msg("use a task id from plan.yaml, e.g. 2.a")),
            )
        )
        return out
    if agency is not None:
        out.extend(_authorised(plan, registry, task, agency, rec))
    if rec.kind == "done" and plan.plan.require_evidence and not (rec.evidence and visible(rec.evidence)):
        blank = rec.evidence is not None and rec.evidence != ""
        out.append(
            Problem(
                "record-evidence-missing",
                msg("completion of task {task} needs evidence: `evidence` has no visible character", task=task.id)
                if blank
                else msg("completion of task {task} needs evidence", task=task.id),
                ("evidence",) if blank else (),
                msg("add `evidence:` citing the document (e.g. 'Báo cáo số 123/BC-SCT ngày 15/12/2020') or a URL"),
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
            msg(
                "{goal} is a goal of the plan; a {kind} record means nothing for it", goal=goal.id, kind=repr(rec.kind)
            ),
            ("kind",),
            msg("record its value: kind value, with value and unit"),
        )
        return
    if agency is not None and goal.owner is not None:
        if not any(a.agency.id == agency.id for a in registry.answerers([goal.owner], rec.date)):
            yield Problem(
                "record-not-authorised",
                msg(
                    "{agency} does not answer for goal {goal} (owner: {owner})",
                    agency=agency.name,
                    goal=goal.id,
                    owner=registry.names([goal.owner])[0],
                ),
                ("task",),
                msg("the goal's owner reports its values"),
            )
    yield from _value(plan, goal.id, [goal], rec)


def _dates(plan: Plan, rec: Record, today: dt.date, inline: bool) -> Iterator[Problem]:
    issued = plan.plan.date
    # Inline records before the issue date are reported by the `dates` rule already.
    if rec.date < issued and not inline:
        yield Problem(
            "date-before-issue",
            msg(
                "record dated {date} is before the plan was issued ({issued})",
                date=rec.date.isoformat(),
                issued=issued.isoformat(),
            ),
            ("date",),
            msg("check the year; a record reports work done under the plan"),
        )
    if rec.date > today:
        yield Problem(
            "record-date-future",
            msg("record dated {date} is after today ({today})", date=rec.date.isoformat(), today=today.isoformat()),
            ("date",),
            msg("a record reports what has happened; check the date"),
        )
    if rec.recorded_on is not None and rec.recorded_on < rec.date:
        yield Problem(
            "record-recorded-on",
            msg(
                "recorded on {recorded}, before the day it reports ({date})",
                recorded=rec.recorded_on.isoformat(),
                date=rec.date.isoformat(),
            ),
            ("recorded_on",),
            msg("a record is written on or after the day it reports; check both dates"),
        )
    elif rec.recorded_on is not None and rec.recorded_on > today:
        yield Problem(
            "record-recorded-on",
            msg(
                "recorded on {recorded}, after today ({today})",
                recorded=rec.recorded_on.isoformat(),
                today=today.isoformat(),
            ),
            ("recorded_on",),
            msg("`recorded_on` is the day the record was written; check the date"),
        )


def _authorised(plan: Plan, registry: Registry, task: Task, agency: Agency, rec: Record) -> Iterator[Problem]:
    on = rec.date
    path = ("task",)
    leads = registry.answerers(task.lead, on, task)
    partners = registry.answerers(task.partners, on, task)
    if any(a.agency.id == agency.id for a in leads):
        yield from _ceased(registry, task, agency, rec)
        return
    if any(a.agency.id == agency.id for a in partners):
        lead = ", ".join(a.agency.name for a in leads) or msg("no lead")
        if rec.kind == "done":
            yield Problem(
                "record-not-authorised",
                msg(
                    "{agency} partners task {task}; only its lead ({lead}) records its completion",
                    agency=agency.name,
                    task=task.id,
                    lead=lead,
                ),
                ("kind",),
                msg("the lead records `done`; a partner records `started` or a value"),
            )
        elif rec.kind not in plan.plan.partners_may_report:
            allowed = ", ".join(plan.plan.partners_may_report) or msg("nothing")
            yield Problem(
                "record-not-authorised",
                msg(
                    "{agency} partners task {task}; the plan lets partners record only: {allowed}",
                    agency=agency.name,
                    task=task.id,
                    allowed=allowed,
                ),
                ("kind",),
                msg(
                    "the lead ({lead}) records this, or the plan adds {kind} to `plan.partners_may_report`",
                    lead=lead,
                    kind=repr(rec.kind),
                ),
            )
        else:
            yield from _ceased(registry, task, agency, rec)
        return
    refs = [*task.lead, *task.partners]
    later = _answers_from(registry, task, agency, on)
    if later is not None:
        yield Problem(
            "record-not-authorised",
            msg(
                "{agency} answers for task {task} only from {later} (through succession); "
                "a record dated {date} belongs to its predecessor",
                agency=agency.name,
                task=task.id,
                later=later.isoformat(),
                date=on.isoformat(),
            ),
            path,
            msg("the predecessor's own report file holds work done before the succession"),
        )
        return
    ended = [d for d, to in registry.successor_record(agency) if d <= on and not to]
    if ended and any(
        a.agency.id == agency.id for a in registry.answerers(refs, min(ended) - dt.timedelta(days=1), task)
    ):
        yield Problem(
            "record-not-authorised",
            msg(
                "{agency} was dissolved on {ended}; it records nothing dated after that (this record: {date})",
                agency=agency.name,
                ended=min(ended).isoformat(),
                date=on.isoformat(),
            ),
            ("date",),
            msg("check the date; work after the dissolution is reported by whoever took the task over"),
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
            msg(
                "{agency} no longer answers for task {task} on {date}: {successors} took over its tasks",
                agency=agency.name,
                task=task.id,
                date=on.isoformat(),
                successors=", ".join(successors),
            ),
            path,
            msg("the successor reports from the date the succession took effect"),
        )
        return
    leads_named = ", ".join(registry.names(task.lead)) or msg("none")
    partners_named = ", ".join(registry.names(task.partners)) or msg("none")
    yield Problem(
        "record-not-authorised",
        msg(
            "{agency} neither leads nor partners task {task} (lead: {lead}; partners: {partners})",
            agency=agency.name,
            task=task.id,
            lead=leads_named,
            partners=partners_named,
        ),
        path,
        msg("an agency reports only on its own tasks; check the task id"),
    )


def _ceased(registry: Registry, task: Task, agency: Agency, rec: Record) -> Iterator[Problem]:
    """An agency that no longer exists writes nothing: a record it made (`recorded_on`) on or
    after its succession or dissolution is refused, even about earlier work."""
    if rec.recorded_on is None:
        return
    ended = sorted(d for d, _ in registry.successor_record(agency) if d <= rec.recorded_on)
    if not ended:
        return
    took = [a.name for d, to in registry.successor_record(agency) if d == ended[0] for a in to]
    by = msg("its tasks went to {names}", names=", ".join(took)) if took else msg("it was dissolved")
    yield Problem(
        "record-not-authorised",
        msg(
            "{agency} ceased on {ended} ({by}); a record it wrote on {recorded} is not accepted",
            agency=agency.name,
            ended=ended[0].isoformat(),
            by=by,
            recorded=rec.recorded_on.isoformat(),
        ),
        ("recorded_on",),
        msg("records are written while the agency exists; its successor reports now")
        if took
        else msg("records are written while the agency exists; nobody can"),
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
                    msg(
                        "`{key}` belongs to records of kind 'value'; this is a {kind} record",
                        key=key,
                        kind=repr(rec.kind),
                    ),
                    (key,),
                    msg("remove `{key}`", key=key),
                    severity="warning",
                )
        return
    assert rec.value is not None and rec.unit is not None
    if rec.value < 0:
        yield Problem(
            "record-value",
            msg("a measured value cannot be negative ({value} {unit})", value=rec.value, unit=rec.unit),
            ("value",),
            msg("values are amounts (a level, a total, or one year's amount); check the sign"),
        )
    metrics = [t.metric for t in targets]
    if not targets:
        yield Problem(
            "record-metric",
            msg("task {task} has no targets; a 'value' record measures a target", task=owner),
            ("kind",),
            msg("record 'started' or 'done' instead, or add the target to the task in plan.yaml"),
        )
        return
    if rec.metric is None:
        if len(targets) > 1:
            yield Problem(
                "record-metric",
                msg(
                    "task {task} has several targets ({metrics}); say which one this value measures",
                    task=owner,
                    metrics=", ".join(metrics),
                ),
                (),
                msg("add `metric: <name>`"),
            )
            return
        target = targets[0]
    else:
        found = next((t for t in targets if t.metric == rec.metric), None)
        if found is None:
            near = closest(rec.metric, metrics, n=1)
            yield Problem(
                "record-metric",
                msg("goal {task} has no target {metric}", task=owner, metric=repr(rec.metric))
                if isinstance(targets[0], Goal)
                else msg("task {task} has no target {metric}", task=owner, metric=repr(rec.metric)),
                ("metric",),
                did_you_mean(near[:1], msg("use one of: {choices}", choices=", ".join(metrics))),
            )
            return
        target = found
    vocabulary = units.for_plan(plan)
    if vocabulary.convert(float(rec.value), rec.unit, target.unit) is None:
        if vocabulary.lookup(rec.unit) is None:
            near = vocabulary.suggest(rec.unit)
            yield Problem(
                "unit-unknown",
                msg("unknown unit {unit}", unit=repr(rec.unit)),
                ("unit",),
                did_you_mean(near[:1], msg("report the value in {unit}", unit=repr(target.unit))),
            )
        else:
            yield Problem(
                "record-unit",
                msg(
                    "unit {unit} does not convert to {target_unit}, the unit of target {metric}",
                    unit=repr(rec.unit),
                    target_unit=repr(target.unit),
                    metric=repr(target.metric),
                ),
                ("unit",),
                msg("report the value in {unit} or a unit of the same kind", unit=repr(target.unit)),
            )
    if target.measure == "cumulative" and rec.basis is None:
        yield Problem(
            "record-basis",
            msg(
                "target {metric} adds up over the years: say whether {value} {unit} is the total "
                "so far or one year's amount",
                metric=repr(target.metric),
                value=rec.value,
                unit=rec.unit,
            ),
            (),
            msg("add `basis:` cumulative (the total so far) or annual (one year's amount, with `year:`)"),
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
                msg(
                    "task {task} does not recur; `year` means nothing on a {kind} record",
                    task=task.id,
                    kind=repr(rec.kind),
                ),
                ("year",),
                msg("remove `year`"),
                severity="warning",
            )
        elif rec.year is not None and rec.year > rec.date.year:
            yield Problem(
                "record-year-range",
                msg("a record dated {date} cannot measure the year {year}", date=rec.date.isoformat(), year=rec.year),
                ("year",),
                msg("check the year"),
            )
        return
    periods = obligations(recurring, plan, max(today, rec.date))
    first = min((o.start or rec.date).year for o in periods) if periods else rec.date.year
    last = max(o.year or rec.date.year for o in periods) if periods else rec.date.year
    if rec.year is None:
        yield Problem(
            "record-year-missing",
            msg(
                "task {task} recurs ({first}–{last}); say which year this record covers",
                task=task.id,
                first=first,
                last=last,
            ),
            (),
            msg("add `year: <yyyy>`"),
        )
        return
    period = next((o for o in periods if o.start and o.start.year <= rec.year <= (o.year or rec.year)), None)
    if period is None:
        yield Problem(
            "record-year-range",
            msg(
                "task {task} recurs from {first} to {last}; {year} is outside",
                task=task.id,
                first=first,
                last=last,
                year=rec.year,
            ),
            ("year",),
            msg("check the year"),
        )
        return
    if period.start is not None and rec.date < period.start:
        yield Problem(
            "record-year-range",
            msg(
                "a record dated {date} cannot report on {period}, which starts {start}",
                date=rec.date.isoformat(),
                period=period.period,
                start=period.start.isoformat(),
            ),
            ("year",),
            msg("check the year and the date"),
        )


def _occurred(task: Task, rec: Record) -> Iterator[Problem]:
    if rec.kind != "occurred":
        return
    s = task.schedule
    parts = s.parts if isinstance(s, SeveralSchedule) else [s]
    if not any(isinstance(p, OccurrenceSchedule) for p in parts):
        yield Problem(
            "record-occurred",
            msg(
                "task {task} is not a duty 'khi có phát sinh'; an 'occurred' record means nothing for it", task=task.id
            ),
            ("kind",),
            msg("give the task an `occurrence` schedule, or record 'started' or 'done'"),
        )


def _milestone(task: Task, rec: Record) -> Iterator[Problem]:
    if rec.milestone is None:
        return
    s = task.schedule
    if not isinstance(s, MilestonesSchedule):
        yield Problem(
            "record-milestone",
            msg("task {task} has no milestones", task=task.id),
            ("milestone",),
            msg("remove `milestone`"),
        )
        return
    ids = [m.id for m in s.milestones]
    if rec.milestone not in ids:
        near = closest(rec.milestone, ids, n=1)
        yield Problem(
            "record-milestone",
            msg("task {task} has no milestone {milestone}", task=task.id, milestone=repr(rec.milestone)),
            ("milestone",),
            did_you_mean(near[:1], msg("use one of: {choices}", choices=", ".join(ids))),
        )


@dataclass(frozen=True)
class _Ids:
    plan: Plan
    tasks: dict[str, Task]
    goals: dict[str, Goal]


_last_ids: _Ids | None = None


def _ids(plan: Plan) -> _Ids:
    """Tasks and goals by id, for the plan last asked about: every record names one, and a
    scan of the task list per record made `check` quadratic (10,000 tasks, 6,600 records).
    The plan is frozen and held here, so identity tells it is the same one."""
    global _last_ids
    if _last_ids is None or _last_ids.plan is not plan:
        tasks: dict[str, Task] = {}
        goals: dict[str, Goal] = {}
        for t in plan.tasks:
            tasks.setdefault(t.id, t)
        for g in plan.goals:
            goals.setdefault(g.id, g)
        _last_ids = _Ids(plan, tasks, goals)
    return _last_ids


def record_keys(plan: Plan, rec: Record) -> list[tuple[object, ...]]:
    """What makes `rec` one of a kind: the record itself; a completion of its task (and
    milestone, and year); one year's annual value of a target."""
    keys: list[tuple[object, ...]] = [
        ("same", rec.task, rec.kind, rec.date, rec.value, rec.unit, rec.metric, rec.basis, rec.year, rec.milestone)
    ]
    task = _ids(plan).tasks.get(rec.task)
    if rec.kind == "done" and task is not None and _done_once(task):
        keys.append(("done", rec.task, rec.milestone, rec.year))
    if rec.kind == "value" and rec.basis == "annual" and rec.year is not None:
        metric = rec.metric or (task.targets[0].metric if task is not None and len(task.targets) == 1 else None)
        keys.append(("annual", rec.task, metric, rec.year))
    return keys


def _done_once(task: Task) -> bool:
    """Whether a task (or each of its milestones, or each year of a yearly duty) is completed
    once. Duties due each quarter or month, on each occurrence, or all along are completed
    again and again; which period a record covers is the evaluation's to judge."""
    s = task.schedule
    if isinstance(s, RecurringSchedule):
        return s.unit == "year"
    return not isinstance(s, SeveralSchedule | OccurrenceSchedule | OngoingSchedule)


def repeats(
    plan: Plan,
    rec: Record,
    seen: Mapping[tuple[object, ...], E],
    where: Callable[[E], Location],
) -> Problem | None:
    """The problem when `rec` repeats a record in `seen` (keyed by `record_keys`), with the
    first one's location from `where`; paths are the caller's to set."""
    for key in record_keys(plan, rec):
        first = seen.get(key)
        if first is None:
            continue
        related = (where(first),)
        if key[0] == "same":
            return Problem(
                "record-duplicate",
                msg("this {kind} record of task {task} repeats an earlier one", kind=repr(rec.kind), task=rec.task),
                (),
                msg("remove one of the two"),
                related=related,
            )
        if key[0] == "done":
            done = msg("task {task} is already recorded as done", task=rec.task)
            if rec.milestone and rec.year is not None:
                done = msg(
                    "milestone {milestone} of task {task} for {year} is already recorded as done",
                    milestone=rec.milestone,
                    task=rec.task,
                    year=rec.year,
                )
            elif rec.milestone:
                done = msg(
                    "milestone {milestone} of task {task} is already recorded as done",
                    milestone=rec.milestone,
                    task=rec.task,
                )
            elif rec.year is not None:
                done = msg("task {task} for {year} is already recorded as done", task=rec.task, year=rec.year)
            return Problem(
                "record-duplicate",
                done,
                (),
                msg("a task is completed once: remove one of the two records"),
                related=related,
            )
        return Problem(
            "record-value-conflict",
            msg(
                "a second annual value of {metric} of task {task} for {year}",
                metric=str(key[2]) if key[2] else msg("the target"),
                task=rec.task,
                year=rec.year,
            ),
            (),
            msg("keep one value per year, or report the total so far with `basis: cumulative`"),
            related=related,
        )
    return None
