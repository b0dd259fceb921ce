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
SUMMARY = "progress records are authorised, dated, evidenced and measured in convertible units"
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
            problem = unknown_agency(registry, lr.report.agency, ("agency",), "report file")
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
    says = f"its name says it is {owner.name}'s ({owner.id})" if owner is not None else "its name names no agency"
    return Problem(
        "report-file-name",
        f"{shown} reports for {agency.name}, but {says}: a report file is named after the agency that owns it",
        ("agency",),
        f"rename it {agency.id}.yaml or {agency.id}-<anything>.yaml, or move it into a folder {agency.id}/ "
        "(CODEOWNERS gives each agency's files its reviewers)",
    )


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
                f"unknown task {rec.task!r}",
                ("task",),
                did_you_mean(near[:1], "use a task id from plan.yaml, e.g. 2.a"),
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
                f"completion of task {task.id} needs evidence"
                + (": `evidence` has no visible character" if blank else ""),
                ("evidence",) if blank else (),
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
    if rec.recorded_on is not None and rec.recorded_on < rec.date:
        yield Problem(
            "record-recorded-on",
            f"recorded on {rec.recorded_on.isoformat()}, before the day it reports ({rec.date.isoformat()})",
            ("recorded_on",),
            "a record is written on or after the day it reports; check both dates",
        )
    elif rec.recorded_on is not None and rec.recorded_on > today:
        yield Problem(
            "record-recorded-on",
            f"recorded on {rec.recorded_on.isoformat()}, after today ({today.isoformat()})",
            ("recorded_on",),
            "`recorded_on` is the day the record was written; check the date",
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
        lead = ", ".join(a.agency.name for a in leads) or "no lead"
        if rec.kind == "done":
            yield Problem(
                "record-not-authorised",
                f"{agency.name} partners task {task.id}; only its lead ({lead}) records its completion",
                ("kind",),
                "the lead records `done`; a partner records `started` or a value",
            )
        elif rec.kind not in plan.plan.partners_may_report:
            allowed = ", ".join(plan.plan.partners_may_report) or "nothing"
            yield Problem(
                "record-not-authorised",
                f"{agency.name} partners task {task.id}; the plan lets partners record only: {allowed}",
                ("kind",),
                f"the lead ({lead}) records this, or the plan adds {rec.kind!r} to `plan.partners_may_report`",
            )
        else:
            yield from _ceased(registry, task, agency, rec)
        return
    refs = [*task.lead, *task.partners]
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
    ended = [d for d, to in registry.successor_record(agency) if d <= on and not to]
    if ended and any(
        a.agency.id == agency.id for a in registry.answerers(refs, min(ended) - dt.timedelta(days=1), task)
    ):
        yield Problem(
            "record-not-authorised",
            f"{agency.name} was dissolved on {min(ended).isoformat()}; it records nothing dated after that "
            f"(this record: {on.isoformat()})",
            ("date",),
            "check the date; work after the dissolution is reported by whoever took the task over",
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
    partners_named = ", ".join(registry.names(task.partners)) or "none"
    yield Problem(
        "record-not-authorised",
        f"{agency.name} neither leads nor partners task {task.id} (lead: {lead}; partners: {partners_named})",
        path,
        "an agency reports only on its own tasks; check the task id",
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
    by = f"its tasks went to {', '.join(took)}" if took else "it was dissolved"
    yield Problem(
        "record-not-authorised",
        f"{agency.name} ceased on {ended[0].isoformat()} ({by}); a record it wrote on "
        f"{rec.recorded_on.isoformat()} is not accepted",
        ("recorded_on",),
        "records are written while the agency exists; " + ("its successor reports now" if took else "nobody can"),
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
    if rec.value < 0:
        yield Problem(
            "record-value",
            f"a measured value cannot be negative ({rec.value} {rec.unit})",
            ("value",),
            "values are amounts (a level, a total, or one year's amount); check the sign",
        )
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
                f"this {rec.kind!r} record of task {rec.task} repeats an earlier one",
                (),
                "remove one of the two",
                related=related,
            )
        if key[0] == "done":
            what = f"milestone {rec.milestone} of " if rec.milestone else ""
            year = f" for {rec.year}" if rec.year is not None else ""
            return Problem(
                "record-duplicate",
                f"{what}task {rec.task}{year} is already recorded as done",
                (),
                "a task is completed once: remove one of the two records",
                related=related,
            )
        return Problem(
            "record-value-conflict",
            f"a second annual value of {key[2] or 'the target'} of task {rec.task} for {rec.year}",
            (),
            "keep one value per year, or report the total so far with `basis: cumulative`",
            related=related,
        )
    return None
