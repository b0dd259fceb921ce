"""Plumbing shared by every aspect: one side of the comparison, locations, pairing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from kehoach_cli.agencies import Registry
from kehoach_cli.diff.change import Change, K, Kind, Text, Version
from kehoach_cli.problems import Location, YamlPath
from kehoach_cli.textnorm import fold

# --- plumbing ------------------------------------------------------------------------


class Side:
    def __init__(self, version: Version) -> None:
        self.plan = version.plan
        self.doc = version.source
        self.registry = Registry(version.plan)
        self.index: dict[str, int] = {}
        for i, t in enumerate(version.plan.tasks):
            self.index.setdefault(t.id, i)

    def at(self, *path: str | int) -> Location:
        return self.doc.locate(path)


@dataclass(frozen=True)
class Where:
    """Where a task lives in the new file, to locate its changes."""

    side: Side
    index: int

    def path(self, *rest: str | int) -> YamlPath:
        return ("tasks", self.index, *rest)

    def at(self, *rest: str | int) -> Location:
        return self.side.at(*self.path(*rest))

    def gap(self, following: int | None, *rest: str | int) -> tuple[Location, YamlPath]:
        return gap(self.side, self.path(*rest), following)


def gap(side: Side, list_path: YamlPath, following: int | None) -> tuple[Location, YamlPath]:
    """Where an item was removed from a list: the item that now follows the gap (inside the
    edit's hunk), else the list's key line."""
    if following is not None:
        path = (*list_path, following)
        return side.at(*path), path
    return side.doc.locate(list_path, key=True), list_path


def following(i: int, old_keys: Sequence[K], new_index: Mapping[K, int]) -> int | None:
    """The new index of the first item after old item `i` that is still there."""
    return next((new_index[k] for k in old_keys[i + 1 :] if k in new_index), None)


def pair(old: Sequence[tuple[Hashable, Hashable]], new: Sequence[tuple[Hashable, Hashable]]) -> dict[int, int]:
    """Match list items by (key, detail): new index → old index. Same key and detail first,
    then the same key alone, in order (so a re-dated item is the same item, changed)."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for exact in (True, False):
        for j, (key, detail) in enumerate(new):
            if j in pairs:
                continue
            for i, (key0, detail0) in enumerate(old):
                if i not in used and key0 == key and (detail0 == detail or not exact):
                    pairs[j] = i
                    used.add(i)
                    break
    return pairs


def change(
    kind: Kind,
    task: str,
    where: Where,
    path: tuple[str | int, ...],
    before: Text | None,
    after: Text | None,
    weakening: bool,
    aspect: Text | None = None,
    note: Text | None = None,
) -> Change:
    return Change(kind, task, aspect, before, after, weakening, where.at(*path), where.path(*path), note=note)


def num_text(v: float | int) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return repr(v) if isinstance(v, float) else str(v)


def date_text(d: dt.date | None) -> str:
    return d.isoformat() if d is not None else "none"


def agency_keys(refs: list[str], registry: Registry) -> dict[str, tuple[str, int]]:
    out: dict[str, tuple[str, int]] = {}
    for k, ref in enumerate(refs):
        agency = registry.resolve(ref)
        out.setdefault(agency_key(ref, registry), (agency.name if agency is not None else ref, k))
    return out


def agency_key(ref: str, registry: Registry) -> str:
    agency = registry.resolve(ref)
    return agency.id if agency is not None else "?" + fold(ref)
