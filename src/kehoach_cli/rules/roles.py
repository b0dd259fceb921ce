"""A lead agency is not also listed as a partner of the same task, nor listed twice."""

from __future__ import annotations

from collections.abc import Iterator

from kehoach_cli.messages import N_, msg
from kehoach_cli.problems import Problem
from kehoach_cli.rules.subject import Subject

ID = "roles"
SUMMARY = N_("no agency is both lead and partner, or listed twice, in one task")
CODES = (
    "role-duplicate",
    "role-lead-and-partner",
)


def check(subject: Subject) -> Iterator[Problem]:
    plan, registry = subject.plan, subject.registry
    for i, task in enumerate(plan.tasks):
        lead_ids: set[str] = set()
        for role in ("lead", "partners"):
            seen: set[str] = set()
            for j, name in enumerate(getattr(task, role)):
                agency = registry.resolve(name)
                if agency is None:
                    continue
                if agency.id in seen:
                    yield Problem(
                        "role-duplicate",
                        msg(
                            "{agency} is listed twice in {role} of task {task}",
                            agency=agency.name,
                            role=role,
                            task=task.id,
                        ),
                        ("tasks", i, role, j),
                        msg("remove the repeated entry"),
                    )
                seen.add(agency.id)
                if role == "partners" and agency.id in lead_ids:
                    yield Problem(
                        "role-lead-and-partner",
                        msg(
                            "{agency} leads task {task} and is also listed as a partner",
                            agency=agency.name,
                            task=task.id,
                        ),
                        ("tasks", i, role, j),
                        msg("remove it from `partners`: the lead already answers for the task"),
                    )
            if role == "lead":
                lead_ids = seen
