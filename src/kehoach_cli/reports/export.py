"""The normalised plan: the stable machine interface (`kehoach export`).

Shape (documented in README.md, keep it stable; add keys, never rename or remove):
{"plan": {...}, "agencies": [...], "events": [...], "successions": [...], "tasks": [...]}
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kehoach_cli.agencies import Registry
from kehoach_cli.load import Loaded
from kehoach_cli.model import (
    DeadlineSchedule,
    EventSchedule,
    MilestonesSchedule,
    OccurrenceSchedule,
    OngoingSchedule,
    Plan,
    RecurringSchedule,
    RelativeSchedule,
    Schedule,
    SeveralSchedule,
    SingleSchedule,
    SpanSchedule,
    Target,
    Task,
)
from kehoach_cli.reports.common import iso
from kehoach_cli.schedule import final_due, relative_base

SCHEMA_VERSION = 1


def schedule_dict(s: Schedule | SingleSchedule, plan: Plan) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": s.kind, "text": s.text}
    if not isinstance(s, SeveralSchedule) and s.label is not None:
        out["label"] = s.label
    if isinstance(s, DeadlineSchedule):
        out["by"] = iso(s.by)
    elif isinstance(s, SpanSchedule):
        out["start"], out["end"] = iso(s.start), iso(s.end)
    elif isinstance(s, RecurringSchedule):
        out["every"] = s.every
        out["unit"] = s.unit
        out["first_year"] = s.start.year if s.start else s.first_year or plan.plan.first_year
        out["last_year"] = s.end.year if s.end else s.last_year or plan.plan.horizon
        out["start"], out["end"] = iso(s.start), iso(s.end)
        out["due_month"], out["due_day"] = s.due_month, s.due_day
    elif isinstance(s, OngoingSchedule):
        out["start"], out["end"] = iso(s.start), iso(s.end)
    elif isinstance(s, OccurrenceSchedule):
        out["within_days"] = s.within_days
    elif isinstance(s, RelativeSchedule):
        out["days"], out["from"] = s.days, s.from_
        out["due"] = iso(relative_base(s, plan) + dt.timedelta(days=s.days))
    elif isinstance(s, EventSchedule):
        event = next((e for e in plan.events if e.id == s.event), None)
        out["event"] = s.event
        out["event_date"] = iso(event.date) if event else None
        out["offset_days"] = s.offset_days
    elif isinstance(s, MilestonesSchedule):
        out["milestones"] = [
            {"id": m.id, "title": m.title, "title_en": m.title_en, "by": iso(m.by), "text": m.text}
            for m in s.milestones
        ]
    elif isinstance(s, SeveralSchedule):
        out["parts"] = [schedule_dict(p, plan) for p in s.parts]
    return out


def target_dict(t: Target) -> dict[str, Any]:
    return {
        "metric": t.metric,
        "label": t.label,
        "label_en": t.label_en,
        "op": t.op,
        "value": t.value,
        "unit": t.unit,
        "by": iso(t.by),
        "baseline": t.baseline.model_dump(mode="json") if t.baseline else None,
        "measure": t.measure,
        "basis": t.basis,
    }


def task_dict(task: Task, plan: Plan, registry: Registry) -> dict[str, Any]:
    return {
        "id": task.id,
        "section": plan.section_of(task),
        "full_ref": plan.full_ref(task),
        "title": task.title,
        "title_en": task.title_en,
        "ref": task.ref,
        "role_as_printed": task.role_as_printed,
        "lead": registry.names(task.lead),
        "partners": registry.names(task.partners),
        "schedule": schedule_dict(task.schedule, plan),
        "due": iso(final_due(task.schedule, plan)),
        "product": task.product,
        "funding": task.funding,
        "targets": [target_dict(t) for t in task.targets],
        "succession": [
            {"from": registry.names([o.from_])[0], "to": registry.names(o.to), "note": o.note} for o in task.succession
        ],
        "notes": list(task.notes),
    }


def export(plan: Plan, registry: Registry, extra_tasks: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    meta = plan.plan.model_dump(mode="json", exclude={"reports"})
    meta["first_year"] = plan.plan.first_year
    return {
        "schema_version": SCHEMA_VERSION,
        "plan": meta,
        "agencies": [
            {
                "id": a.id,
                "name": a.name,
                "name_en": a.name_en,
                "kind": a.kind,
                "aliases": list(a.aliases),
                "members": registry.names(a.members),
                "member_kinds": list(a.member_kinds),
                "successors": [
                    {"effective": d.isoformat(), "to": [s.name for s in succ]}
                    for d, succ in registry.successor_record(a)
                ],
                "notes": list(a.notes),
            }
            for a in plan.agencies
        ],
        "events": [e.model_dump(mode="json") for e in plan.events],
        "sections": [sec.model_dump(mode="json") for sec in plan.sections],
        "units": [u.model_dump(mode="json") for u in plan.units],
        "goals": [
            {
                "id": g.id,
                "section": g.section,
                "owner": registry.names([g.owner])[0] if g.owner else None,
                "ref": g.ref,
                **target_dict(g),
            }
            for g in plan.goals
        ],
        "successions": [s.model_dump(mode="json", by_alias=True) for s in plan.successions],
        "tasks": [task_dict(t, plan, registry) | (extra_tasks or {}).get(t.id, {}) for t in plan.tasks],
        "amendments": [a.model_dump(mode="json") for a in plan.amendments],
    }


@dataclass(frozen=True)
class Export:
    """The value `kehoach export` renders (as JSON or YAML)."""

    data: dict[str, Any]


def exported(loaded: Loaded) -> Export:
    """A valid loaded plan, normalised, with each task's progress records."""
    from kehoach_cli.progress import by_task

    assert loaded.plan is not None
    registry = loaded.registry
    progress = by_task(loaded, registry)
    return Export(
        export(loaded.plan, registry, {t.id: {"progress": progress.get(t.id, [])} for t in loaded.plan.tasks})
    )
