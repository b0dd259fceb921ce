"""Successions (plan-level and a task's own) and who answers for each task because of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kehoach_cli.diff.change import Change, Kind, Text
from kehoach_cli.diff.sides import Side, Where, agency_key, following, gap, pair
from kehoach_cli.messages import Msg, msg
from kehoach_cli.model import (
    Agency,
    Succession,
    Task,
    TaskSuccession,
)
from kehoach_cli.problems import Location, YamlPath

# --- successions --------------------------------------------------------------------


@dataclass(frozen=True)
class _Succ:
    """A succession in comparable form: agencies by registry id, names for display."""

    source: str  # agency key of `from`
    name: str  # display name of `from`
    to: frozenset[str]
    to_names: tuple[str, ...]
    effective: dt.date | None  # None: a task's own override (no date of its own)
    basis: str | None

    @property
    def value(self) -> tuple[frozenset[str], dt.date | None, str | None]:
        return self.to, self.effective, self.basis

    @property
    def text(self) -> Msg:
        if self.to_names and self.effective is not None:
            return msg("to {names} from {date}", names=", ".join(self.to_names), date=self.effective.isoformat())
        if self.to_names:
            return msg("to {names}", names=", ".join(self.to_names))
        if self.effective is not None:
            return msg("dissolved from {date}", date=self.effective.isoformat())
        return msg("dissolved")


def collect_successions(items: Sequence[Succession | TaskSuccession], side: Side) -> list[_Succ]:
    out = []
    for s in items:
        src = side.registry.resolve(s.from_)
        basis = " ".join(s.basis.split()) if isinstance(s, Succession) else None
        effective = s.effective if isinstance(s, Succession) else None
        out.append(
            _Succ(
                agency_key(s.from_, side.registry),
                src.name if src is not None else s.from_,
                frozenset(agency_key(t, side.registry) for t in s.to),
                tuple(side.registry.names(s.to)),
                effective,
                basis,
            )
        )
    return out


def succession_changes(
    old: list[_Succ], new: list[_Succ], n: Side, list_path: YamlPath = ("successions",), task: str | None = None
) -> list[tuple[str, Change]]:
    """Successions added, removed or changed (plan-level, or a task's own `succession:`),
    each with the agency key of its `from`. Shown, never weakening by themselves: the
    tasks whose answering lead they change carry that change."""
    pairs = pair([(s.source, s.effective) for s in old], [(s.source, s.effective) for s in new])
    out: list[tuple[str, Change]] = []
    for j, s in enumerate(new):
        path = (*list_path, j)
        i = pairs.get(j)
        if i is None:
            change = Change(Kind.succession_added, task, s.name, None, s.text, False, n.at(*path), path, note=s.basis)
            out.append((s.source, change))
        elif old[i].value != s.value:
            before: Text | None = old[i].text
            after: Text | None = s.text
            if before == after:  # only the legal basis changed
                before, after = old[i].basis, s.basis
            out.append(
                (s.source, Change(Kind.succession_changed, task, s.name, before, after, False, n.at(*path), path))
            )
    kept = {i: j for j, i in pairs.items()}
    for i, s in enumerate(old):
        if i not in kept:
            loc, path = gap(n, list_path, following(i, range(len(old)), kept))
            out.append((s.source, Change(Kind.succession_removed, task, s.name, s.text, None, False, loc, path)))
    return out


def answerer_changes(
    was: Task, now: Task, o: Side, n: Side, where: Where, causes: list[tuple[str, Change]]
) -> Iterator[Change]:
    """Who answers for the task's lead over time, under the old and the new successions.

    The task's current lead is followed on both sides, so a direct edit of `lead` (shown as
    lead added/removed) does not show again here. Answers change only on effective dates;
    each period where they differ is a change: no agency left is "lead removed" (weakening),
    none before is "lead added", otherwise "lead changed".
    """
    leads = [a for ref in now.lead if (a := n.registry.resolve(ref)) is not None]
    dates = sorted({s.effective for s in (*o.plan.successions, *n.plan.successions)})
    if not leads or not dates:
        return

    def answering(side: Side, task: Task, as_of: dt.date) -> tuple[str, ...]:
        out: dict[str, None] = {}
        for lead in leads:
            agency = side.registry.by_id.get(lead.id)
            if agency is None:
                out[lead.id] = None
                continue
            for a in side.registry.successors(agency, as_of, task):
                out[a.id] = None
        return tuple(out)

    periods: list[tuple[dt.date, dt.date | None, tuple[str, ...], tuple[str, ...]]] = []
    for k, day in enumerate(dates):
        end = dates[k + 1] - dt.timedelta(days=1) if k + 1 < len(dates) else None
        before, after = answering(o, was, day), answering(n, now, day)
        if periods and (set(periods[-1][2]), set(periods[-1][3])) == (set(before), set(after)):
            periods[-1] = (periods[-1][0], end, periods[-1][2], periods[-1][3])
        else:
            periods.append((day, end, before, after))
    changed = [p for p in periods if set(p[2]) != set(p[3])]
    if not changed:
        return
    loc, path = _answerer_cause(leads, o, n, was, now, causes, where)

    def names(ids: tuple[str, ...]) -> str:
        agencies = (n.registry.by_id.get(i) or o.registry.by_id.get(i) for i in ids)
        return ", ".join(a.name if a is not None else i for a, i in zip(agencies, ids, strict=True))

    for start, end, before, after in changed:
        aspect = (
            msg("by succession from {start}", start=start.isoformat())
            if end is None
            else msg("by succession {start} to {end}", start=str(start), end=str(end))
        )
        note: Msg | None
        if not after:
            kind, old_text, new_text, note = (
                Kind.lead_removed,
                names(before),
                None,
                msg("no agency answers for the task"),
            )
        elif not before:
            kind, old_text, new_text, note = Kind.lead_added, None, names(after), None
        else:
            kind, old_text, new_text, note = Kind.lead_changed, names(before), names(after), None
        yield Change(kind, now.id, aspect, old_text, new_text, not after, loc, path, note=note)


def _answerer_cause(
    leads: list[Agency],
    o: Side,
    n: Side,
    was: Task,
    now: Task,
    causes: list[tuple[str, Change]],
    where: Where,
) -> tuple[Location, YamlPath]:
    """The succession change on the task's chain (its own override first), else its `lead`."""
    edges: dict[str, set[str]] = {}
    for side, task in ((o, was), (n, now)):
        for s in (*collect_successions(side.plan.successions, side), *collect_successions(task.succession, side)):
            edges.setdefault(s.source, set()).update(s.to)
    reach = {a.id for a in leads}
    todo = list(reach)
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in reach:
                reach.add(nxt)
                todo.append(nxt)
    for source, change in causes:
        if source in reach:
            return change.location, change.path
    return where.at("lead"), where.path("lead")
