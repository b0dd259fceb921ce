"""One task in full: its obligations, agencies, targets and progress history."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from kehoach_cli.agencies import Registry
from kehoach_cli.errors import UsageProblem
from kehoach_cli.evaluate import Evaluation, ObligationEval, Status, TargetEval, TaskEval
from kehoach_cli.messages import msg
from kehoach_cli.reports.agencies import ROLE_WORDS
from kehoach_cli.reports.common import Meta, Scope, Succeeded, iso
from kehoach_cli.reports.targets import target_record
from kehoach_cli.reports.tasklist import TASK_FIELDS, TaskRow
from kehoach_cli.safe import argument
from kehoach_cli.textnorm import closest_ids, did_you_mean, id_key

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    from kehoach_cli.model import Agency, Event, Plan, PlanMeta, Section, Task


# --- show -------------------------------------------------------------------------------------


def task_by_reference(plan: Plan, text: str) -> Task | None:
    """The task `text` names: its id, else the document's full reference ("II.2.đ.1" for
    task "2.đ.1"); any case, `dd` (or the look-alike ð) for đ."""
    key = id_key(text)
    for t in plan.tasks:
        if id_key(t.id) == key:
            return t
    for t in plan.tasks:
        if id_key(plan.full_ref(t)) == key:
            return t
    return None


@dataclass(frozen=True)
class ShowReport:
    meta: Meta
    ev: TaskEval
    targets: tuple[TargetEval, ...]
    successions: tuple[tuple[Agency, Succeeded], ...]  # assigned agencies succeeded by the as-of date
    events: tuple[Event, ...]  # the plan's events, to name what a task waits for
    plan: PlanMeta
    scope: Scope = field(default_factory=Scope)
    inherited_from: tuple[Agency, ...] = ()  # through whom the lead (or `--agency`) holds the task
    via_group: tuple[Agency, ...] = ()  # `--role any`: through which groups the agency holds it
    sections: tuple[Section, ...] = ()  # the task's section and its ancestors, outermost first

    fields: ClassVar[tuple[str, ...]] = TASK_FIELDS

    def data(self) -> dict[str, Any]:
        ev = self.ev
        task = ev.task
        out = TaskRow(ev, ev.focus, self.inherited_from, via_group=self.via_group).record()
        out.update(
            {
                "ref": task.ref,
                "section_titles": [{"id": s.id, "title": s.title, "title_en": s.title_en} for s in self.sections],
                "role_as_printed": task.role_as_printed,
                "product": task.product,
                "funding": task.funding,
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
        return [
            TaskRow(self.ev, o, self.inherited_from, by_obligation=True, via_group=self.via_group).record()
            for o in self.ev.obligations
        ]

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
        "ongoing": o.obligation.ongoing,
        "occurrence": o.obligation.occurrence,
    }


def find_task(ev: Evaluation, text: str) -> TaskEval:
    found = task_by_reference(ev.plan, text)
    if found is not None:
        return ev.task(found.id)
    near = closest_ids(text, [te.id for te in ev.tasks])
    suggestion = did_you_mean(near)
    if suggestion is not None:
        raise UsageProblem(
            msg(
                "no task {task} in the plan; {suggestion} (see `kehoach tasks`)",
                task=argument(text),
                suggestion=suggestion,
            )
        )
    raise UsageProblem(msg("no task {task} in the plan (see `kehoach tasks`)", task=argument(text)))


def show(ev: Evaluation, registry: Registry, task_id: str, sc: Scope | None = None) -> ShowReport:
    """One task; with `--agency`, only if that agency holds it in the `--role` (else a UsageProblem)."""
    te = find_task(ev, task_id)
    sc = sc or Scope()
    ok, inherited, via = sc.match(te)
    if not ok:
        assert sc.agency is not None
        leads = "; ".join(a.agency.name for a in te.leads) or msg("nobody")
        raise UsageProblem(
            msg(
                "task {task} is not among the tasks of {agency} as {role} as of {date} (lead: {leads}); "
                "try --role any, or leave out --agency",
                task=te.id,
                agency=sc.agency.name,
                role=ROLE_WORDS[sc.role],
                date=ev.as_of.isoformat(),
                leads=leads,
            )
        )
    succ: list[tuple[Agency, Succeeded]] = []
    for a in (*te.assigned_leads, *te.assigned_partners):
        for d, to in registry.successor_record(a):
            if d <= ev.as_of and all(x.id != a.id for x, _ in succ):
                succ.append((a, Succeeded(d, tuple(to))))
    chain = ev.plan.section_chain(te.section)
    return ShowReport(
        Meta.of(ev.plan, ev.as_of),
        te,
        tuple(t for t in ev.targets if t.task is not None and t.id == te.id),
        tuple(succ),
        tuple(ev.plan.events),
        ev.plan.plan,
        sc,
        inherited,
        via,
        tuple(sec for s in chain if (sec := ev.plan.section(s)) is not None),
    )
