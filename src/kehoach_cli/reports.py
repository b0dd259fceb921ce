"""Report values: an evaluation + a command's options → typed rows and summaries.

Pure functions, one per command (``status``, ``overdue``, ``upcoming``, ``unowned``,
``tasks``, ``show``, ``agencies``, ``targets``); renderers turn the values into text.
Every report also gives its machine form here (``data()`` for JSON, ``records()`` with
the column names ``fields`` for CSV), so both formats share one set of field names; they
are documented in docs/reports.md (a test checks) and are only ever added to.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from .agencies import Answerer, Registry
from .errors import UsageProblem
from .evaluate import STATUS_ORDER, Evaluation, ObligationEval, Status, TargetEval, TaskEval
from .model import Agency, Event, Plan, PlanMeta
from .textnorm import closest, fold, nfc

Role = Literal["lead", "partner", "any"]
ROLES: tuple[Role, ...] = ("lead", "partner", "any")
MOST_OVERDUE = 5

# Unowned flags.
NO_LEAD = "no_lead"
LEAD_DISSOLVED = "lead_dissolved"
NO_DEADLINE = "no_deadline"


def iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _num(x: float | None) -> float | int | None:
    """Numbers for JSON: whole floats as ints, others rounded (stable across platforms);
    never NaN or Infinity, which JSON cannot carry."""
    if x is None or not math.isfinite(x):
        return None
    if float(x).is_integer():
        return int(x)
    return round(x, 6)


# --- common parts ----------------------------------------------------------------------


@dataclass(frozen=True)
class Meta:
    """What every report says about itself: the plan and the as-of date."""

    number: str | None
    number_as_printed: str
    date: dt.date
    issuer: str
    title: str
    title_en: str | None
    as_of: dt.date

    @classmethod
    def of(cls, plan: Plan, as_of: dt.date) -> Meta:
        p = plan.plan
        return cls(p.number, p.number_as_printed, p.date, p.issuer, p.title, p.title_en, as_of)

    def data(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "date": iso(self.date),
            "issuer": self.issuer,
            "title": self.title,
            "title_en": self.title_en,
            "as_of": iso(self.as_of),
        }


@dataclass(frozen=True)
class Succeeded:
    """A succession of the queried agency in force at the as-of date."""

    effective: dt.date
    successors: tuple[Agency, ...]  # empty: dissolved with no successor


@dataclass(frozen=True)
class Scope:
    """The `--agency`/`--role` filter; `agency` None means every task."""

    agency: Agency | None = None
    role: Role = "lead"
    succeeded: tuple[Succeeded, ...] = ()

    def match(self, ev: TaskEval) -> tuple[bool, tuple[Agency, ...]]:
        """Whether the task belongs to the scope, and through which predecessors it was inherited."""
        answerers = _role_answerers(ev, self.role)
        if self.agency is None:
            return True, _inherited(ev.leads)
        me = self.agency.id
        mine = [a for a in answerers if a.agency.id == me]
        if mine:
            return True, _inherited(mine)
        assigned = _role_assigned(ev, self.role)
        # A former agency's name still finds the tasks it was given, marked as inherited by
        # whoever answers for them now (as the table's lead column says).
        if any(a.id == me for a in assigned):
            return True, _inherited([a for a in answerers if a.inherited_from and a.inherited_from.id == me])
        return False, ()

    def data(self) -> dict[str, Any] | None:
        if self.agency is None:
            return None
        return {
            "agency": self.agency.name,
            "role": self.role,
            "succeeded_by": [
                {"effective": iso(s.effective), "to": [a.name for a in s.successors]} for s in self.succeeded
            ],
        }


def _role_answerers(ev: TaskEval, role: Role) -> tuple[Answerer, ...]:
    if role == "lead":
        return ev.leads
    if role == "partner":
        return ev.partners
    return ev.leads + ev.partners


def _role_assigned(ev: TaskEval, role: Role) -> tuple[Agency, ...]:
    if role == "lead":
        return ev.assigned_leads
    if role == "partner":
        return ev.assigned_partners
    return ev.assigned_leads + ev.assigned_partners


def _inherited(answerers: Sequence[Answerer]) -> tuple[Agency, ...]:
    out: list[Agency] = []
    for a in answerers:
        if a.inherited_from is not None and all(o.id != a.inherited_from.id for o in out):
            out.append(a.inherited_from)
    return tuple(out)


def scope(registry: Registry, as_of: dt.date, agency: str | None, role: str = "lead") -> Scope:
    """Resolve `--agency` loosely (aliases, no diacritics, any case, NFD); unknown → UsageProblem."""
    if role not in ROLES:
        raise UsageProblem(f"--role {role!r}: choose one of {', '.join(ROLES)}")
    checked: Role = "lead" if role == "lead" else "partner" if role == "partner" else "any"
    if agency is None:
        return Scope(None, checked)
    found = registry.find(nfc(agency))
    if found is None:
        near = registry.suggest(agency)
        hint = f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
        raise UsageProblem(f"--agency {agency!r} names no agency in the plan{hint} (see `kehoach agencies`)")
    succeeded = tuple(Succeeded(d, tuple(succ)) for d, succ in registry.successor_record(found) if d <= as_of)
    return Scope(found, checked, succeeded)


# --- task rows ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskRow:
    """One row of a task list: a task, seen through one of its obligations."""

    ev: TaskEval
    ob: ObligationEval
    inherited_from: tuple[Agency, ...] = ()
    flags: tuple[str, ...] = ()
    by_obligation: bool = False  # the row is one obligation (upcoming), not the whole task

    @property
    def status(self) -> Status:
        return self.ob.status if self.by_obligation else self.ev.status

    def record(self) -> dict[str, Any]:
        ev, ob = self.ev, self.ob
        return {
            "id": ev.id,
            "section": ev.task.section,
            "title": ev.task.title,
            "title_en": ev.task.title_en,
            "lead": [a.agency.name for a in ev.leads],
            "lead_assigned": [a.name for a in ev.assigned_leads],
            "inherited_from": [a.name for a in self.inherited_from],
            "partners": [a.agency.name for a in ev.partners],
            "due": iso(ob.due),
            "period": ob.period,
            "milestone": ob.milestone,
            "status": str(self.status),
            "days_overdue": ob.days_overdue,
            "days_left": ob.days_left,
            "done": iso(ob.done),
            "days_late": ob.days_late,
            "in_progress": ev.in_progress,
            "missing_periods": [o.period for o in ev.missed if o.period is not None],
            "original_due": iso(ev.original_due),
            "flags": list(self.flags),
        }


TASK_FIELDS: tuple[str, ...] = (
    "id",
    "section",
    "title",
    "title_en",
    "lead",
    "lead_assigned",
    "inherited_from",
    "partners",
    "due",
    "period",
    "milestone",
    "status",
    "days_overdue",
    "days_left",
    "done",
    "days_late",
    "in_progress",
    "missing_periods",
    "original_due",
    "flags",
)

ListKind = Literal["overdue", "upcoming", "unowned", "tasks"]


@dataclass(frozen=True)
class TaskList:
    kind: ListKind
    meta: Meta
    scope: Scope
    rows: tuple[TaskRow, ...]
    until: dt.date | None = None  # upcoming: the last day of the window
    filters: tuple[tuple[str, str], ...] = ()  # tasks: (option, value) as given

    fields: ClassVar[tuple[str, ...]] = TASK_FIELDS

    def data(self) -> list[dict[str, Any]]:
        return self.records()

    def records(self) -> list[dict[str, Any]]:
        return [r.record() for r in self.rows]

    @property
    def overdue_items(self) -> int:
        return sum(1 for r in self.rows if r.status is Status.overdue)

    @property
    def unowned_items(self) -> int:
        return sum(1 for r in self.rows if r.ev.unowned)


def _scoped(ev: Evaluation, sc: Scope) -> list[tuple[TaskEval, tuple[Agency, ...]]]:
    out = []
    for te in ev.tasks:
        ok, inherited = sc.match(te)
        if ok:
            out.append((te, inherited))
    return out


def overdue(ev: Evaluation, sc: Scope) -> TaskList:
    rows = [TaskRow(te, te.focus, inh) for te, inh in _scoped(ev, sc) if te.status is Status.overdue]
    rows.sort(key=lambda r: -(r.ob.days_overdue or 0))  # stable: plan order among equals
    return TaskList("overdue", Meta.of(ev.plan, ev.as_of), sc, tuple(rows))


def upcoming(ev: Evaluation, sc: Scope, until: dt.date) -> TaskList:
    rows = [
        TaskRow(te, ob, inh, by_obligation=True)
        for te, inh in _scoped(ev, sc)
        for ob in te.obligations
        if ob.status is Status.open and ob.due is not None and ob.due <= until
    ]
    rows.sort(key=lambda r: r.ob.due or dt.date.max)
    return TaskList("upcoming", Meta.of(ev.plan, ev.as_of), sc, tuple(rows), until=until)


def unowned(ev: Evaluation, sc: Scope) -> TaskList:
    rows = []
    for te, inh in _scoped(ev, sc):
        flags = []
        if not te.task.lead:
            flags.append(NO_LEAD)
        elif te.unowned:
            flags.append(LEAD_DISSOLVED)
        if te.current_due is None and not te.status.done:
            flags.append(NO_DEADLINE)
        if flags:
            rows.append(TaskRow(te, te.focus, inh, tuple(flags)))
    return TaskList("unowned", Meta.of(ev.plan, ev.as_of), sc, tuple(rows))


def sections(plan: Plan) -> list[str]:
    out: list[str] = []
    for t in plan.tasks:
        if t.section not in out:
            out.append(t.section)
    return out


def _section_key(plan: Plan, text: str) -> str:
    """`2`, `II.2` and `ii.2` all mean section 2; `III` is section III."""
    wanted = text.strip()
    known = sections(plan)
    for s in known:
        if wanted.casefold() in (s.casefold(), f"ii.{s}".casefold()):
            return s
    raise UsageProblem(f"--section {text!r}: the plan's sections are {', '.join(known)}")


def tasks(
    ev: Evaluation,
    sc: Scope,
    statuses: Sequence[str] = (),
    section: str | None = None,
    search: str | None = None,
) -> TaskList:
    wanted: set[Status] = set()
    for s in statuses:
        try:
            wanted.add(Status(s))
        except ValueError:
            raise UsageProblem(f"--status {s!r}: choose from {', '.join(STATUS_ORDER)}") from None
    sec = _section_key(ev.plan, section) if section is not None else None
    needle = fold(search) if search else None
    rows = []
    for te, inh in _scoped(ev, sc):
        if wanted and te.status not in wanted:
            continue
        if sec is not None and te.task.section != sec:
            continue
        if needle is not None and not any(needle in fold(text) for text in _searchable(te)):
            continue
        rows.append(TaskRow(te, te.focus, inh))
    filters = tuple(
        (k, v)
        for k, v in (
            ("--status", ", ".join(sorted(wanted, key=STATUS_ORDER.index))),
            ("--section", sec or ""),
            ("--search", search or ""),
        )
        if v
    )
    return TaskList("tasks", Meta.of(ev.plan, ev.as_of), sc, tuple(rows), filters=filters)


def _searchable(te: TaskEval) -> list[str]:
    """What `--search` looks in: the ID, both titles, the source reference, the schedule's
    wording and the targets' labels."""
    t = te.task
    out = [t.id, t.title, t.title_en, t.ref, t.schedule.text or ""]
    out += [x.label for x in t.targets] + [x.label_en or "" for x in t.targets]
    return out


# --- status ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """Tasks by status, with the on-time rate: done on time / (done + overdue)."""

    by_status: tuple[tuple[Status, int], ...]

    @classmethod
    def of(cls, statuses: Sequence[Status]) -> Counts:
        return cls(tuple((s, sum(1 for x in statuses if x is s)) for s in STATUS_ORDER))

    def __getitem__(self, status: Status) -> int:
        return dict(self.by_status)[status]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.by_status)

    @property
    def on_time_rate(self) -> float | None:
        due = self[Status.done_on_time] + self[Status.done_late] + self[Status.overdue]
        return self[Status.done_on_time] / due if due else None

    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = {str(s): n for s, n in self.by_status}
        out["total"] = self.total
        out["on_time_rate"] = _num(self.on_time_rate)
        return out


@dataclass(frozen=True)
class Group:
    key: str  # a section id, or an agency name ("" for tasks nobody leads)
    counts: Counts
    agency: Agency | None = None


@dataclass(frozen=True)
class StatusReport:
    meta: Meta
    scope: Scope
    counts: Counts
    by_section: tuple[Group, ...]
    by_agency: tuple[Group, ...]
    targets: tuple[TargetEval, ...]
    most_overdue: tuple[TaskRow, ...]
    overdue_obligations: int
    unowned: int

    fields: ClassVar[tuple[str, ...]] = ("group", "key", *(str(s) for s in STATUS_ORDER), "total", "on_time_rate")

    def data(self) -> dict[str, Any]:
        return {
            "plan": self.meta.data(),
            "as_of": iso(self.meta.as_of),
            "scope": self.scope.data(),
            "counts": self.counts.data(),
            "overdue_obligations": self.overdue_obligations,
            "unowned": self.unowned,
            "by_section": [{"section": g.key, **g.counts.data()} for g in self.by_section],
            "by_agency": [{"agency": g.key or None, **g.counts.data()} for g in self.by_agency],
            "targets": [target_record(t, None) for t in self.targets],
            "most_overdue": [r.record() for r in self.most_overdue],
        }

    def records(self) -> list[dict[str, Any]]:
        rows = [{"group": "all", "key": "", **self.counts.data()}]
        rows += [{"group": "section", "key": g.key, **g.counts.data()} for g in self.by_section]
        rows += [{"group": "agency", "key": g.key, **g.counts.data()} for g in self.by_agency]
        return rows

    @property
    def overdue_items(self) -> int:
        return self.counts[Status.overdue]

    @property
    def unowned_items(self) -> int:
        return self.unowned


def status(ev: Evaluation, sc: Scope) -> StatusReport:
    scoped = _scoped(ev, sc)
    chosen = [te for te, _ in scoped]
    by_section = [Group(s, Counts.of([te.status for te in chosen if te.task.section == s])) for s in sections(ev.plan)]
    by_section = [g for g in by_section if g.counts.total]
    order = {a.id: i for i, a in enumerate(ev.plan.agencies)}
    per_agency: dict[str, tuple[Agency, list[Status]]] = {}
    nobody: list[Status] = []
    for te in chosen:
        if not te.leads:
            nobody.append(te.status)
        for a in te.leads:
            per_agency.setdefault(a.agency.id, (a.agency, []))[1].append(te.status)
    by_agency = sorted(
        (Group(a.name, Counts.of(st), a) for a, st in per_agency.values()),
        key=lambda g: (-g.counts.total, order[g.agency.id] if g.agency else 0),
    )
    if nobody:
        by_agency.append(Group("", Counts.of(nobody)))
    ids = {te.id for te in chosen}
    rows = overdue(ev, sc).rows
    return StatusReport(
        meta=Meta.of(ev.plan, ev.as_of),
        scope=sc,
        counts=Counts.of([te.status for te in chosen]),
        by_section=tuple(by_section),
        by_agency=tuple(by_agency),
        targets=tuple(t for t in ev.targets if t.task.id in ids),
        most_overdue=rows[:MOST_OVERDUE],
        overdue_obligations=sum(len(te.missed) for te in chosen),
        unowned=sum(1 for te in chosen if te.unowned),
    )


# --- show -------------------------------------------------------------------------------------


def task_key(text: str) -> str:
    """Task ids compare case-insensitively, and `dd` (or the look-alike ð) stands for đ."""
    return nfc(text).strip().casefold().replace("dd", "đ").replace("ð", "đ")


@dataclass(frozen=True)
class ShowReport:
    meta: Meta
    ev: TaskEval
    targets: tuple[TargetEval, ...]
    successions: tuple[tuple[Agency, Succeeded], ...]  # assigned agencies succeeded by the as-of date
    events: tuple[Event, ...]  # the plan's events, to name what a task waits for
    plan: PlanMeta
    scope: Scope = Scope()
    inherited_from: tuple[Agency, ...] = ()  # through whom the lead (or `--agency`) holds the task

    fields: ClassVar[tuple[str, ...]] = TASK_FIELDS

    def data(self) -> dict[str, Any]:
        ev = self.ev
        task = ev.task
        out = TaskRow(ev, ev.focus, self.inherited_from).record()
        out.update(
            {
                "ref": task.ref,
                "schedule": {"kind": task.schedule.kind, "text": task.schedule.text},
                "current_due": iso(ev.current_due),
                "status_vs_original": str(ev.status_vs_original) if ev.status_vs_original else None,
                "days_overdue_vs_original": ev.days_overdue_vs_original,
                "started": iso(ev.started),
                "as_of": iso(self.meta.as_of),
                "obligations": [obligation_record(o) for o in ev.obligations],
                "targets": [target_record(t, None) for t in self.targets],
                "history": [
                    {
                        "date": iso(e.record.date),
                        "kind": e.record.kind,
                        "agency": e.agency.name if e.agency else e.record.agency,
                        "value": e.record.value,
                        "unit": e.record.unit,
                        "metric": e.record.metric,
                        "year": e.record.year,
                        "milestone": e.record.milestone,
                        "evidence": e.record.evidence,
                        "note": e.record.note,
                        "source": e.source,
                    }
                    for e in ev.history
                ],
                "notes": list(task.notes),
            }
        )
        return out

    def records(self) -> list[dict[str, Any]]:
        """CSV: one row per obligation, with the task's fields."""
        return [TaskRow(self.ev, o, self.inherited_from, by_obligation=True).record() for o in self.ev.obligations]

    @property
    def overdue_items(self) -> int:
        return 1 if self.ev.status is Status.overdue else 0

    @property
    def unowned_items(self) -> int:
        return 1 if self.ev.unowned else 0


def obligation_record(o: ObligationEval) -> dict[str, Any]:
    return {
        "due": iso(o.due),
        "start": iso(o.obligation.start),
        "period": o.period,
        "milestone": o.milestone,
        "status": str(o.status),
        "counted": o.counted,
        "done": iso(o.done),
        "evidence": o.evidence,
        "days_overdue": o.days_overdue,
        "days_left": o.days_left,
        "days_late": o.days_late,
        "waiting_for": o.waiting_for,
    }


def find_task(ev: Evaluation, text: str) -> TaskEval:
    key = task_key(text)
    for te in ev.tasks:
        if task_key(te.id) == key:
            return te
    near = closest(text, [te.id for te in ev.tasks])
    hint = f"; did you mean {' or '.join(near)}?" if near else ""
    raise UsageProblem(f"no task {text!r} in the plan{hint} (see `kehoach tasks`)")


def show(ev: Evaluation, registry: Registry, task_id: str, sc: Scope | None = None) -> ShowReport:
    """One task; with `--agency`, only if that agency holds it in the `--role` (else a UsageProblem)."""
    te = find_task(ev, task_id)
    sc = sc or Scope()
    ok, inherited = sc.match(te)
    if not ok:
        assert sc.agency is not None
        leads = "; ".join(a.agency.name for a in te.leads) or "nobody"
        raise UsageProblem(
            f"task {te.id} is not among the tasks of {sc.agency.name} as {_ROLE_WORDS[sc.role]}"
            f" as of {ev.as_of.isoformat()} (lead: {leads}); try --role any, or leave out --agency"
        )
    succ: list[tuple[Agency, Succeeded]] = []
    for a in (*te.assigned_leads, *te.assigned_partners):
        for d, to in registry.successor_record(a):
            if d <= ev.as_of and all(x.id != a.id for x, _ in succ):
                succ.append((a, Succeeded(d, tuple(to))))
    return ShowReport(
        Meta.of(ev.plan, ev.as_of),
        te,
        tuple(t for t in ev.targets if t.task.id == te.id),
        tuple(succ),
        tuple(ev.plan.events),
        ev.plan.plan,
        sc,
        inherited,
    )


_ROLE_WORDS: dict[Role, str] = {"lead": "lead", "partner": "partner", "any": "lead or partner"}


# --- agencies ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgencyRow:
    agency: Agency
    lead: int  # tasks it answers for as lead as of the date (its own and inherited)
    lead_inherited: int
    lead_assigned: int  # tasks the plan names it lead of
    partner: int
    counts: Counts  # of the tasks it holds in the report's role (lead by default) as of the date
    succeeded: tuple[Succeeded, ...]

    def record(self) -> dict[str, Any]:
        last = self.succeeded[-1] if self.succeeded else None
        return {
            "id": self.agency.id,
            "name": self.agency.name,
            "name_en": self.agency.name_en,
            "lead": self.lead,
            "lead_inherited": self.lead_inherited,
            "lead_assigned": self.lead_assigned,
            "partner": self.partner,
            **{str(s): n for s, n in self.counts.by_status},
            "on_time_rate": _num(self.counts.on_time_rate),
            "successors": [a.name for a in last.successors] if last else [],
            "succeeded_on": iso(last.effective) if last else None,
            "dissolved": bool(last and not last.successors),
        }


AGENCY_FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "name_en",
    "lead",
    "lead_inherited",
    "lead_assigned",
    "partner",
    *(str(s) for s in STATUS_ORDER),
    "on_time_rate",
    "successors",
    "succeeded_on",
    "dissolved",
)


@dataclass(frozen=True)
class AgenciesReport:
    meta: Meta
    rows: tuple[AgencyRow, ...]
    scope: Scope = Scope()  # `--agency`: that agency's row only; `--role`: what the scorecard counts

    fields: ClassVar[tuple[str, ...]] = AGENCY_FIELDS

    def data(self) -> list[dict[str, Any]]:
        return self.records()

    def records(self) -> list[dict[str, Any]]:
        return [r.record() for r in self.rows]

    @property
    def overdue_items(self) -> int:
        return sum(r.counts[Status.overdue] for r in self.rows)

    @property
    def unowned_items(self) -> int:
        return 0


def agencies(ev: Evaluation, registry: Registry, only: Scope | None = None) -> AgenciesReport:
    """Every agency (or only `--agency`), its task counts, and the statuses of the tasks it
    holds in `--role` as of the date: lead (default), partner, or any."""
    sc = only or Scope()
    rows = []
    for a in ev.plan.agencies:
        if sc.agency is not None and sc.agency.id != a.id:
            continue
        led = [te for te in ev.tasks if any(x.agency.id == a.id for x in te.leads)]
        inherited = [te for te in led if any(x.agency.id == a.id and x.inherited_from for x in te.leads)]
        held = [te for te in ev.tasks if any(x.agency.id == a.id for x in _role_answerers(te, sc.role))]
        rows.append(
            AgencyRow(
                agency=a,
                lead=len(led),
                lead_inherited=len(inherited),
                lead_assigned=sum(1 for te in ev.tasks if any(x.id == a.id for x in te.assigned_leads)),
                partner=sum(1 for te in ev.tasks if any(x.agency.id == a.id for x in te.partners)),
                counts=Counts.of([te.status for te in held]),
                succeeded=tuple(Succeeded(d, tuple(s)) for d, s in registry.successor_record(a) if d <= ev.as_of),
            )
        )
    return AgenciesReport(Meta.of(ev.plan, ev.as_of), tuple(rows), sc)


# --- targets ----------------------------------------------------------------------------------


def target_record(t: TargetEval, row: TaskRow | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if row is not None:
        out.update(
            {
                "id": row.ev.id,
                "title": row.ev.task.title,
                "title_en": row.ev.task.title_en,
                "lead": [a.agency.name for a in row.ev.leads],
                "inherited_from": [a.name for a in row.inherited_from],
                "partners": [a.agency.name for a in row.ev.partners],
                "status": str(row.ev.status),
            }
        )
    else:
        out["id"] = t.task.id
    out.update(
        {
            "metric": t.target.metric,
            "label": t.target.label,
            "label_en": t.target.label_en,
            "op": t.target.op,
            "value": _num(float(t.target.value)),
            "unit": t.target.unit,
            "measure": t.target.measure,
            "basis": t.target.basis,
            "due": iso(t.by),
            "actual": _num(t.actual),
            "actual_date": iso(t.actual_date),
            "attainment": _num(t.attainment),
            "met": t.met,
            "expected": _num(t.expected),
            "on_pace": t.on_pace,
            "no_data": t.actual is None,
        }
    )
    return out


TARGET_FIELDS: tuple[str, ...] = (
    "id",
    "title",
    "title_en",
    "lead",
    "inherited_from",
    "partners",
    "status",
    "metric",
    "label",
    "label_en",
    "op",
    "value",
    "unit",
    "measure",
    "basis",
    "due",
    "actual",
    "actual_date",
    "attainment",
    "met",
    "expected",
    "on_pace",
    "no_data",
)


@dataclass(frozen=True)
class TargetsReport:
    meta: Meta
    scope: Scope
    rows: tuple[tuple[TargetEval, TaskRow], ...]

    fields: ClassVar[tuple[str, ...]] = TARGET_FIELDS

    def data(self) -> list[dict[str, Any]]:
        return self.records()

    def records(self) -> list[dict[str, Any]]:
        return [target_record(t, row) for t, row in self.rows]

    @property
    def overdue_items(self) -> int:
        return len({row.ev.id for _, row in self.rows if row.ev.status is Status.overdue})

    @property
    def unowned_items(self) -> int:
        return len({row.ev.id for _, row in self.rows if row.ev.unowned})


def targets(ev: Evaluation, sc: Scope) -> TargetsReport:
    inherited = {te.id: inh for te, inh in _scoped(ev, sc)}
    rows = tuple(
        (t, TaskRow(ev.task(t.task.id), ev.task(t.task.id).focus, inherited[t.task.id]))
        for t in ev.targets
        if t.task.id in inherited
    )
    return TargetsReport(Meta.of(ev.plan, ev.as_of), sc, rows)


Report = StatusReport | TaskList | ShowReport | AgenciesReport | TargetsReport
