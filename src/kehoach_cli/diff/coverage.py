"""Which new amendment covers which weakening change, and the problems of those it does not."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace

from kehoach_cli.amendments import original_due
from kehoach_cli.diff.change import EVENT_ASPECT, SCHEDULE_KINDS, UNCOVERED, Change, Kind
from kehoach_cli.diff.plan_level import amendment_pairs
from kehoach_cli.diff.sides import Side, date_text
from kehoach_cli.messages import Msg, msg
from kehoach_cli.model import (
    Plan,
)
from kehoach_cli.problems import Problem, YamlPath
from kehoach_cli.schedule import final_due

# --- coverage ------------------------------------------------------------------------


def covering_amendments(old: Plan, new: Plan) -> dict[tuple[str, str], str]:
    """(task, field) → number of an amendment entry that is new in this version.

    An entry counts when it is new, even inside an amendment that already existed: the
    log of a decision covering several tasks may be completed later, and the diff shows
    the amendment as changed so a reviewer sees it. An amendment is the same one across
    versions when its number is (see `number_key`), even re-dated or respelled.
    """
    pairs = amendment_pairs(old.amendments, new.amendments)
    fresh: list[tuple[str, str, str, str]] = []
    for k, a in enumerate(new.amendments):
        i = pairs.get(k)
        had = {(c.task, f) for c in old.amendments[i].changes for f in c.fields} if i is not None else set()
        fresh.extend(
            (a.date.isoformat(), a.number, c.task, f) for c in a.changes for f in c.fields if (c.task, f) not in had
        )
    out: dict[tuple[str, str], str] = {}
    for _, number, task, f in sorted(fresh):
        out.setdefault((task, f), number)
    return out


def annotate(c: Change, covering: Mapping[tuple[str, str], str], new: Plan) -> Change:
    if c.task is None or c.field is None:
        return c
    covered = covering.get((c.task, c.field))
    first = original_due(new, c.task) if c.kind in SCHEDULE_KINDS else None
    return replace(c, covered_by=covered, original_due=first)


def _whole_deadline(c: Change) -> bool:
    """The change moves the task's one deadline (not a milestone, a year or a target date)."""
    return c.aspect is None or (isinstance(c.aspect, Msg) and c.aspect.msgid == EVENT_ASPECT)


def uncovered_problem(c: Change, o: Side) -> Problem:
    entry = f"{{task: {c.task!r}, fields: [{c.field}]"
    if c.field == "schedule" and c.weakening and _whole_deadline(c) and c.task in o.index:
        was = final_due(o.plan.tasks[o.index[c.task]].schedule, o.plan)
        if was is not None:
            entry += f", previous_due: {was.isoformat()}"
    entry += "}"
    return Problem(
        UNCOVERED + c.kind.value,
        msg("task {task}: {change}, but no new amendment covers it", task=str(c.task), change=c.describe()),
        path=c.path,
        related=(c.was_at,) if c.was_at is not None else (),
        hint=msg(
            "weakening a task needs a decision (section III.4): add it under `amendments:` with its number, "
            "date, issuer and summary, and changes: [{entry}]; otherwise undo the edit",
            entry=entry,
        ),
        location=c.location,
    )


def previous_due_warnings(changes: list[Change], o: Side, n: Side) -> Iterator[Problem]:
    """A covering amendment that moves a single deadline should record the one it replaced."""
    seen: set[tuple[int, int]] = set()
    for c in changes:
        if c.covered_by is None or c.kind not in (Kind.deadline_later, Kind.deadline_earlier) or not _whole_deadline(c):
            continue
        i = o.index[c.task or ""]
        was = final_due(o.plan.tasks[i].schedule, o.plan)
        for k, a in enumerate(n.plan.amendments):
            if a.number != c.covered_by:
                continue
            for m, entry in enumerate(a.changes):
                if entry.task != c.task or "schedule" not in entry.fields or entry.previous_due == was:
                    continue
                if (k, m) in seen:
                    continue
                seen.add((k, m))
                path: YamlPath = ("amendments", k, "changes", m)
                if entry.previous_due is None:
                    text = msg(
                        "amendment {number} moves the deadline of task {task} but does not record it",
                        number=a.number,
                        task=str(c.task),
                    )
                    loc = n.at(*path)
                else:
                    text = msg(
                        "amendment {number} gives task {task} previous_due {given}, but the deadline was {was}",
                        number=a.number,
                        task=str(c.task),
                        given=str(entry.previous_due),
                        was=date_text(was),
                    )
                    path = (*path, "previous_due")
                    loc = n.at(*path)
                yield Problem(
                    "amendment-previous-due",
                    text,
                    path=path,
                    hint=msg(
                        "write previous_due: {was} so reports can judge lateness against the original deadline",
                        was=date_text(was),
                    ),
                    severity="warning",
                    location=loc,
                )
