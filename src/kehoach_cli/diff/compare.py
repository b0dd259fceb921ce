"""Two versions of a plan → what the edit changes, in plan terms (pure: no I/O).

``compare(old, new)`` returns a `Diff`: typed `Change` values (tasks added or removed,
deadlines earlier or later, leads and partners, targets stronger or weaker, text,
amendments, event dates) and the `Problem` values they raise.

Section III.4 of the plan routes every adjustment through a decision of the People's
Committee, so a *weakening* change (the task owes less, or later, or nobody leads it) must
be covered by an amendment: an entry of ``amendments:`` that is new in this version and
whose ``changes`` name the task with the matching field (``schedule`` for deadlines,
``targets``, ``lead``, ``removed``). An uncovered weakening change is an error located at
the changed line of the new file. Changes reach a task indirectly too: a later event date
moves the deadlines of the tasks waiting for it, and a succession (plan-level or the
task's own ``succession:``) changes who answers for it; each such effect is a change of
the task, located at the line that caused it. When a change cannot be ordered (a target's unit or
comparator changes meaning, a task waits for a different event), it counts as weakening:
a reviewer, not the tool, should decide, and the amendment records who did.
"""

from __future__ import annotations

from dataclasses import replace

from kehoach_cli.diff.change import Change, Diff, Kind, Version
from kehoach_cli.diff.coverage import annotate, covering_amendments, previous_due_warnings, uncovered_problem
from kehoach_cli.diff.plan_level import amendment_changes, event_changes, setting_changes
from kehoach_cli.diff.sides import Side
from kehoach_cli.diff.successions import collect_successions, succession_changes
from kehoach_cli.diff.tasks import task_changes
from kehoach_cli.messages import nmsg

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kehoach_cli.load import Loaded

# --- entry points --------------------------------------------------------------------


def compare(old: Version | None, new: Version, *, old_label: str | None = None) -> Diff:
    """Compare two versions; `old` None means the plan file is new (every task added)."""
    n = Side(new)
    if old is None:
        changes = [
            Change(Kind.task_added, t.id, None, None, None, False, n.at("tasks", j), ("tasks", j))
            for j, t in enumerate(new.plan.tasks)
        ]
        changes.extend(amendment_changes(None, n))
        return Diff(
            old_label or "(none)",
            new.label,
            tuple(changes),
            titles={t.id: t.title for t in new.plan.tasks},
            old_missing=True,
            sources={new.label: new.source},
        )
    o = Side(old)
    successions = succession_changes(
        collect_successions(o.plan.successions, o), collect_successions(n.plan.successions, n), n
    )
    raw = [
        *task_changes(o, n, successions),
        *event_changes(o, n),
        *(c for _, c in successions),
        *setting_changes(o, n),
        *amendment_changes(o, n),
    ]
    covering = covering_amendments(old.plan, new.plan)
    changes = [annotate(c, covering, new.plan) for c in raw]
    problems = [uncovered_problem(c, o) for c in changes if c.uncovered]
    problems.extend(previous_due_warnings(changes, o, n))
    titles = {t.id: t.title for t in old.plan.tasks} | {t.id: t.title for t in new.plan.tasks}
    sources = {old.label: old.source, new.label: new.source}
    return Diff(old.label, new.label, tuple(changes), tuple(problems), titles, sources=sources)


def from_loaded(old: Loaded | None, new: Loaded, *, old_label: str | None = None) -> Diff:
    """Compare loaded plans; a version that fails `check` is reported instead of compared.

    The new version must pass `check`. The old one only has to be a valid plan model:
    rules added to kehoach after it was written must not block the edit that fixes it.
    """
    new_label = next(iter(new.sources), str(new.path))
    label = next(iter(old.sources), str(old.path)) if old is not None else old_label or "(none)"
    if not new.ok or new.plan is None:
        return Diff(label, new_label, problems=tuple(new.problems), compared=False, sources=new.sources)
    new_version = Version(new.plan, new.sources[new_label])
    if old is None:
        return compare(None, new_version, old_label=label)
    if old.plan is None:
        return Diff(label, new_label, problems=tuple(old.problems), compared=False, sources=old.sources)
    diff = compare(Version(old.plan, old.sources[label]), new_version)
    if old.problems:
        count = len(old.problems)
        note = nmsg(
            "{file} has {n} problem under the current rules; compared anyway",
            "{file} has {n} problems under the current rules; compared anyway",
            count,
            file=label,
        )
        diff = replace(diff, notes=(*diff.notes, note))
    return diff
