"""Target changes: stronger, weaker, or not comparable."""

from __future__ import annotations

import math
from collections.abc import Iterator

from kehoach_cli.diff.change import Change, Kind
from kehoach_cli.diff.sides import Where, change, date_text, following, num_text
from kehoach_cli.labels import COMPARATOR_SYMBOLS
from kehoach_cli.messages import Msg, msg
from kehoach_cli.model import (
    Plan,
    Target,
    Task,
)
from kehoach_cli.schedule import end_of_year
from kehoach_cli.units import convert

# --- targets -------------------------------------------------------------------------

_FAMILY = {">=": 1, ">": 1, "<=": -1, "<": -1, "=": 0}


def _level(t: Target) -> str:
    return f"{COMPARATOR_SYMBOLS[t.op]} {num_text(t.value)} {t.unit}"


def target_changes(was: Task, now: Task, old: Plan, new: Plan, where: Where) -> Iterator[Change]:
    """Targets match by metric (unique within a task, see rules/ids)."""
    before: dict[str, Target] = {}
    for t in was.targets:
        before.setdefault(t.metric, t)
    metrics = {t.metric for t in now.targets}
    tid = now.id
    for k, t in enumerate(now.targets):
        o = before.get(t.metric)
        if o is None:
            yield change(Kind.target_added, tid, where, ("targets", k), None, _level(t), False, t.metric)
            continue
        yield from _one_target(o, t, k, old, new, tid, where)
    new_index: dict[str, int] = {}
    for k, t in enumerate(now.targets):
        new_index.setdefault(t.metric, k)
    order = list(before)
    for i, (metric, o) in enumerate(before.items()):
        if metric not in metrics:
            loc, path = where.gap(following(i, order, new_index), "targets")
            yield Change(Kind.target_removed, tid, metric, _level(o), None, True, loc, path)


def _one_target(o: Target, t: Target, k: int, old: Plan, new: Plan, tid: str, where: Where) -> Iterator[Change]:
    base = ("targets", k)
    level = _compare_level(o, t)
    if level is not None:
        kind, weaker, field_name, note = level
        yield change(kind, tid, where, (*base, field_name), _level(o), _level(t), weaker, t.metric, note)
    # A target without `by` is due by the end of the plan's horizon (a plan without one: never).
    was_by = o.by or (end_of_year(old.plan.horizon) if old.plan.horizon is not None else None)
    now_by = t.by or (end_of_year(new.plan.horizon) if new.plan.horizon is not None else None)
    if was_by != now_by:
        later = now_by is None or (was_by is not None and now_by > was_by)
        kind = Kind.target_weaker if later else Kind.target_stronger
        yield change(
            kind,
            tid,
            where,
            (*base, "by"),
            date_text(was_by),
            date_text(now_by),
            later,
            msg("{metric}, date", metric=t.metric),
        )
    if o.basis != t.basis:
        weaker = t.basis == "forecast"
        kind = Kind.target_weaker if weaker else Kind.target_stronger
        yield change(
            kind, tid, where, (*base, "basis"), o.basis, t.basis, weaker, msg("{metric}, basis", metric=t.metric)
        )
    if o.measure != t.measure:
        yield change(
            Kind.target_changed,
            tid,
            where,
            (*base, "measure"),
            o.measure,
            t.measure,
            True,
            msg("{metric}, measure", metric=t.metric),
            msg("values now add up differently; not comparable"),
        )


def _compare_level(o: Target, t: Target) -> tuple[Kind, bool, str, Msg | None] | None:
    """Compare comparator and value (in the old unit): kind, weakening, field, note."""
    value = t.value if t.unit == o.unit else convert(t.value, t.unit, o.unit)
    if value is None:
        return Kind.target_changed, True, "unit", msg("{unit} cannot be compared with {old}", unit=t.unit, old=o.unit)
    family = _FAMILY[o.op]
    if family != _FAMILY[t.op]:
        return Kind.target_changed, True, "op", msg("the comparator changed direction")
    same_value = math.isclose(value, o.value, rel_tol=1e-9, abs_tol=1e-12)
    if family == 0:
        if same_value:
            return None
        return Kind.target_changed, True, "value", msg("an exact target moved; neither stronger nor weaker")
    if same_value:
        if o.op == t.op:
            return None
        stricter = t.op in (">", "<")  # same direction, strictness changed
        return (Kind.target_stronger if stricter else Kind.target_weaker), not stricter, "op", None
    stronger = (value - o.value) * family > 0
    return (Kind.target_stronger if stronger else Kind.target_weaker), not stronger, "value", None
