"""Every event a schedule waits for is declared under `events:`."""

from __future__ import annotations

from collections.abc import Iterator

from ..agencies import Registry
from ..model import EventSchedule, Plan
from ..problems import Problem
from ..textnorm import closest, quoted

ID = "events"
SUMMARY = "schedules refer only to declared events"


def check(plan: Plan, registry: Registry) -> Iterator[Problem]:
    known = [e.id for e in plan.events]
    for i, task in enumerate(plan.tasks):
        s = task.schedule
        if isinstance(s, EventSchedule) and s.event not in known:
            near = closest(s.event, known, n=1)
            hint = f"did you mean {near[0]!r}?" if near else "declare it under `events:` with its date (or date: null)"
            yield Problem("event-unknown", f"unknown event {quoted(s.event)}", ("tasks", i, "schedule", "event"), hint)
