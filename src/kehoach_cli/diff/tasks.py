"""Task-level changes: tasks added or removed, leads and partners, text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from kehoach_cli.diff.change import Change, Kind
from kehoach_cli.diff.schedules import schedule_changes
from kehoach_cli.diff.sides import Side, Where, agency_keys, change, following, gap
from kehoach_cli.diff.successions import answerer_changes, collect_successions, succession_changes
from kehoach_cli.diff.targets import target_changes
from kehoach_cli.model import (
    Task,
)

# --- tasks ---------------------------------------------------------------------------


def task_changes(o: Side, n: Side, successions: list[tuple[str, Change]]) -> Iterator[Change]:
    for j, task in enumerate(n.plan.tasks):
        where = Where(n, j)
        i = o.index.get(task.id)
        if i is None:
            yield change(Kind.task_added, task.id, where, (), None, None, False)
            continue
        before = o.plan.tasks[i]
        yield from schedule_changes(before, task, o.plan, n.plan, where)
        yield from _agency_changes(before.lead, task.lead, "lead", o, n, where, task.id)
        yield from _agency_changes(before.partners, task.partners, "partners", o, n, where, task.id)
        overrides = succession_changes(
            collect_successions(before.succession, o),
            collect_successions(task.succession, n),
            n,
            where.path("succession"),
            task.id,
        )
        yield from (c for _, c in overrides)
        yield from answerer_changes(before, task, o, n, where, [*overrides, *successions])
        yield from target_changes(before, task, o.plan, n.plan, where)
        for name in ("title", "title_en"):
            was, now = getattr(before, name), getattr(task, name)
            if was != now:
                yield change(Kind.text_changed, task.id, where, (name,), was, now, False, aspect=name)
    for i, task in enumerate(o.plan.tasks):
        if task.id not in n.index:
            yield _removed(task, i, o, n)


def _removed(task: Task, i: int, o: Side, n: Side) -> Change:
    """Point at the task that now follows the gap (inside the edit's hunk), else `tasks:`."""
    loc, path = gap(n, ("tasks",), following(i, [t.id for t in o.plan.tasks], n.index))
    return Change(Kind.task_removed, task.id, None, None, None, True, loc, path, was_at=o.at("tasks", i))


def _agency_changes(
    was: list[str], now: list[str], role: Literal["lead", "partners"], o: Side, n: Side, where: Where, tid: str
) -> Iterator[Change]:
    """Agencies compare by registry id, so a respelling ("Sở Tài Chính") is no change."""
    before = agency_keys(was, o.registry)
    after = agency_keys(now, n.registry)
    added, removed = (
        (Kind.lead_added, Kind.lead_removed) if role == "lead" else (Kind.partner_added, Kind.partner_removed)
    )
    for key, (name, _) in before.items():
        if key not in after:
            yield change(removed, tid, where, (role,), name, None, role == "lead")
    for key, (name, k) in after.items():
        if key not in before:
            yield change(added, tid, where, (role, k), None, name, False)
