"""Every event a schedule waits for is declared under `events:`."""

from __future__ import annotations

from collections.abc import Iterator

from kehoach_cli.messages import N_, msg
from kehoach_cli.model import EventSchedule
from kehoach_cli.problems import Problem
from kehoach_cli.rules.subject import Subject
from kehoach_cli.textnorm import closest, did_you_mean, quoted

ID = "events"
SUMMARY = N_("schedules refer only to declared events")
CODES = ("event-unknown",)


def check(subject: Subject) -> Iterator[Problem]:
    plan = subject.plan
    known = [e.id for e in plan.events]
    for i, task in enumerate(plan.tasks):
        s = task.schedule
        if isinstance(s, EventSchedule) and s.event not in known:
            near = closest(s.event, known, n=1)
            hint = did_you_mean(near[:1], msg("declare it under `events:` with its date (or date: null)"))
            yield Problem(
                "event-unknown",
                msg("unknown event {event}", event=quoted(s.event)),
                ("tasks", i, "schedule", "event"),
                hint,
            )
