"""The agency registry: name matching and succession as of a date.

Names always come from plan.yaml. Two matchers: `resolve` is strict (used by `check`:
case and spacing are forgiven, diacritics are not, so "Sở Công Thươg" is a mistake to
report), `find` is loose (used by `--agency`: ids, aliases, no diacritics, NFD input).

A group ("Các sở, ban, ngành tỉnh") may name its members, or the kinds of agency it
covers; `groups_of` answers which groups an agency belongs to.

Evaluation asks the same questions many times (at 10,000 tasks `resolve` ran 54 times a
task), so answers are memoised per name and per (agency, epoch, task override), where an
epoch is the set of successions in effect on a date: every date between two successions
gets the same answers, so records dated on 6,000 different days share a handful.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

from kehoach_cli.textnorm import closest, exact_key, fold

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    from kehoach_cli.model import Agency, Plan, Task


@dataclass(frozen=True)
class Answerer:
    """An agency that answers for a task as of a date, possibly through succession."""

    agency: Agency
    inherited_from: Agency | None = None


class Registry:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.by_id: dict[str, Agency] = {a.id: a for a in plan.agencies}
        self._exact: dict[str, Agency] = {}
        self._loose: dict[str, Agency] = {}
        for a in plan.agencies:
            for n in (a.name, *a.aliases):
                self._exact.setdefault(exact_key(n), a)
                self._loose.setdefault(fold(n), a)
            self._loose.setdefault(fold(a.id), a)
        self._resolved: dict[str, Agency | None] = {}
        # The distinct days successions take effect, in order: `_epoch` counts those on or
        # before a date, which is all a date changes in the answers below.
        self._effective = sorted({s.effective for s in plan.successions})
        self._successors: dict[tuple[str, int, str | None], list[Agency]] = {}
        self._answerers: dict[tuple[tuple[str, ...], int, str | None], list[Answerer]] = {}
        self._groups: dict[str, tuple[Agency, ...]] | None = None

    def all_names(self) -> list[str]:
        return [n for a in self.plan.agencies for n in (a.name, *a.aliases)]

    def resolve(self, name: str) -> Agency | None:
        if name not in self._resolved:
            self._resolved[name] = self._exact.get(exact_key(name))
        return self._resolved[name]

    def find(self, query: str) -> Agency | None:
        return self._exact.get(exact_key(query)) or self._loose.get(fold(query))

    def suggest(self, name: str) -> list[str]:
        return closest(name, self.all_names())

    def names(self, refs: list[str]) -> list[str]:
        """Canonical names for references (unknown ones are kept as written)."""
        return [a.name if (a := self.resolve(r)) else r for r in refs]

    # --- succession -------------------------------------------------------------------

    def successors(self, agency: Agency, as_of: dt.date, task: Task | None = None) -> list[Agency]:
        """Who answers for `agency` as of `as_of`: itself, or its successors, transitively.

        An empty list means the agency was dissolved with no successor named.
        """
        key = (agency.id, self._epoch(as_of), _override(task))
        cached = self._successors.get(key)
        if cached is None:
            cached = self._successors[key] = self._walk(agency, as_of, task)
        return list(cached)

    def _epoch(self, as_of: dt.date) -> int:
        """How many of the successions' effective days are on or before `as_of`."""
        return bisect.bisect_right(self._effective, as_of)

    def _walk(self, agency: Agency, as_of: dt.date, task: Task | None) -> list[Agency]:
        current = [agency]
        seen: set[str] = set()
        changed = True
        while changed:
            changed = False
            nxt: list[Agency] = []
            for a in current:
                step = self._step(a, as_of, task) if a.id not in seen else None
                seen.add(a.id)
                if step is None:
                    nxt.append(a)
                else:
                    nxt.extend(step)
                    changed = True
            current = _unique(nxt)
        return current

    def _step(self, agency: Agency, as_of: dt.date, task: Task | None) -> list[Agency] | None:
        for s in self.plan.successions:
            src = self.resolve(s.from_)
            if src is None or src.id != agency.id or s.effective > as_of:
                continue
            targets = s.to
            if task is not None:
                for o in task.succession:
                    o_src = self.resolve(o.from_)
                    if o_src is not None and o_src.id == agency.id:
                        targets = o.to
            return [a for t in targets if (a := self.resolve(t)) is not None]
        return None

    def successor_record(self, agency: Agency) -> list[tuple[dt.date, list[Agency]]]:
        """Every succession of `agency` (effective date, successors), for display."""
        out = []
        for s in self.plan.successions:
            src = self.resolve(s.from_)
            if src is not None and src.id == agency.id:
                out.append((s.effective, [a for t in s.to if (a := self.resolve(t)) is not None]))
        return out

    def groups_of(self, agency: Agency) -> tuple[Agency, ...]:
        """The groups `agency` belongs to: those naming it in `members`, or its kind in `member_kinds`."""
        if self._groups is None:
            groups: dict[str, list[Agency]] = {}
            for g in self.plan.agencies:
                if g.kind != "group":
                    continue
                named = {m.id for n in g.members if (m := self.resolve(n)) is not None}
                for a in self.plan.agencies:
                    if a.id != g.id and (a.id in named or a.kind in g.member_kinds):
                        groups.setdefault(a.id, []).append(g)
            self._groups = {k: tuple(v) for k, v in groups.items()}
        return self._groups.get(agency.id, ())

    def answerers(self, refs: list[str], as_of: dt.date, task: Task | None = None) -> list[Answerer]:
        key = (tuple(refs), self._epoch(as_of), _override(task))
        cached = self._answerers.get(key)
        if cached is None:
            cached = self._answerers[key] = self._answerers_of(refs, as_of, task)
        return list(cached)

    def _answerers_of(self, refs: list[str], as_of: dt.date, task: Task | None) -> list[Answerer]:
        out: list[Answerer] = []
        for r in refs:
            a = self.resolve(r)
            if a is None:
                continue
            for s in self.successors(a, as_of, task):
                out.append(Answerer(s, None if s.id == a.id else a))
        seen: set[str] = set()
        uniq = []
        for ans in out:
            if ans.agency.id not in seen:
                seen.add(ans.agency.id)
                uniq.append(ans)
        return uniq


def _override(task: Task | None) -> str | None:
    """Only a task that overrides a succession can change an answer for its own sake."""
    return task.id if task is not None and task.succession else None


def _unique(agencies: list[Agency]) -> list[Agency]:
    seen: set[str] = set()
    out = []
    for a in agencies:
        if a.id not in seen:
            seen.add(a.id)
            out.append(a)
    return out
