"""Amendments (gia hạn, điều chỉnh): what the deciding documents changed.

A task's current schedule lives in the task; an amendment that changed its deadline
records the deadline it replaced (`previous_due`), so reports can judge lateness
against both the original and the current deadline.
"""

from __future__ import annotations

import datetime as dt

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    from kehoach_cli.model import Amendment, Plan


def for_task(plan: Plan, task_id: str) -> list[Amendment]:
    return sorted(
        (a for a in plan.amendments if any(c.task == task_id for c in a.changes)),
        key=lambda a: a.date,
    )


def original_due(plan: Plan, task_id: str) -> dt.date | None:
    """The deadline before the first amendment that moved it, or None if never moved."""
    for amendment in for_task(plan, task_id):
        for change in amendment.changes:
            if change.task == task_id and change.previous_due is not None:
                return change.previous_due
    return None
