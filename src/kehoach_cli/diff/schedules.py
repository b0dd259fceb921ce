"""Schedule changes: deadlines earlier or later, milestones, recurring years, events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from kehoach_cli.diff.change import EVENT_ASPECT, Change, Kind
from kehoach_cli.diff.sides import Where, change, date_text, following
from kehoach_cli.labels import year_runs
from kehoach_cli.messages import Msg, Param, msg
from kehoach_cli.model import (
    UNIT_MONTHS,
    EventSchedule,
    MilestonesSchedule,
    NoSchedule,
    Plan,
    RecurringSchedule,
    Schedule,
    SpanSchedule,
    Task,
)
from kehoach_cli.problems import YamlPath
from kehoach_cli.schedule import final_due, obligations

# --- schedules -----------------------------------------------------------------------


def schedule_changes(was: Task, now: Task, old: Plan, new: Plan, where: Where) -> Iterator[Change]:
    a, b = was.schedule, now.schedule
    tid = now.id
    if isinstance(a, MilestonesSchedule) and isinstance(b, MilestonesSchedule):
        yield from _milestone_changes(a, b, tid, where)
    elif isinstance(a, RecurringSchedule) and isinstance(b, RecurringSchedule):
        yield from _recurring_changes(a, b, old, new, tid, where)
    elif isinstance(a, EventSchedule) and isinstance(b, EventSchedule):
        yield from _event_schedule_changes(a, b, old, new, tid, where)
    else:
        yield from _due_changes(a, b, old, new, tid, where)


def _due_path(s: Schedule) -> tuple[str, ...]:
    if isinstance(s, SpanSchedule):
        return ("schedule", "end")
    if isinstance(s, EventSchedule):
        return ("schedule", "offset_days")
    if isinstance(s, RecurringSchedule):
        return ("schedule", "last_year")
    return ("schedule", "by") if s.kind == "deadline" else ("schedule",)


def _due_changes(a: Schedule, b: Schedule, old: Plan, new: Plan, tid: str, where: Where) -> Iterator[Change]:
    """Deadlines, spans, none, and any change of kind: compare the final deadline."""
    was, now = final_due(a, old), final_due(b, new)
    path = _due_path(b)
    emitted = False
    if isinstance(b, NoSchedule) and not isinstance(a, NoSchedule):
        yield change(
            Kind.deadline_removed, tid, where, ("schedule",), date_text(was), None, True, note=msg("no schedule now")
        )
        return
    if isinstance(a, NoSchedule) and not isinstance(b, NoSchedule):
        yield change(Kind.deadline_added, tid, where, path, None, date_text(now), False)
        return
    if was is not None and now is not None and was != now:
        kind = Kind.deadline_later if now > was else Kind.deadline_earlier
        yield change(kind, tid, where, path, date_text(was), date_text(now), now > was)
        emitted = True
    elif was is not None and now is None:
        yield change(
            Kind.deadline_removed,
            tid,
            where,
            path,
            date_text(was),
            None,
            True,
            note=msg("{kind}: no date yet", kind=b.kind),
        )
        emitted = True
    elif was is None and now is not None:
        yield change(Kind.deadline_added, tid, where, path, None, date_text(now), False)
        emitted = True
    if isinstance(a, SpanSchedule) and isinstance(b, SpanSchedule) and a.start != b.start:
        yield change(
            Kind.schedule_changed,
            tid,
            where,
            ("schedule", "start"),
            date_text(a.start),
            date_text(b.start),
            False,
            "start",
        )
    elif a.kind != b.kind and not emitted:
        # Same final deadline, different shape (a deadline became a span ending that day).
        yield change(Kind.schedule_changed, tid, where, ("schedule", "kind"), a.kind, b.kind, False, msg("kind"))


def _milestone_changes(a: MilestonesSchedule, b: MilestonesSchedule, tid: str, where: Where) -> Iterator[Change]:
    before = {m.id: m for m in a.milestones}
    after = {m.id: (k, m) for k, m in enumerate(b.milestones)}
    for mid, (k, m) in after.items():
        aspect = msg("milestone {id}", id=mid)
        path = ("schedule", "milestones", k, "by")
        if mid not in before:
            yield change(Kind.deadline_added, tid, where, path, None, date_text(m.by), False, aspect)
        elif m.by != before[mid].by:
            later = m.by > before[mid].by
            kind = Kind.deadline_later if later else Kind.deadline_earlier
            yield change(kind, tid, where, path, date_text(before[mid].by), date_text(m.by), later, aspect)
    new_index = {mid: k for mid, (k, _) in after.items()}
    order = list(before)
    for i, (mid, m0) in enumerate(before.items()):
        if mid not in after:
            loc, gap = where.gap(following(i, order, new_index), "schedule", "milestones")
            yield Change(
                Kind.deadline_removed, tid, msg("milestone {id}", id=mid), date_text(m0.by), None, True, loc, gap
            )


def _recurring_changes(
    a: RecurringSchedule, b: RecurringSchedule, old: Plan, new: Plan, tid: str, where: Where
) -> Iterator[Change]:
    """Years owed: a year no longer owed is a dropped obligation; a longer period, fewer reports."""
    was, now = _years(a, old), _years(b, new)
    dropped, added = sorted(was - now), sorted(now - was)
    if dropped:
        path = (
            ("schedule", "first_year") if dropped[0] < min(now, default=dropped[0] + 1) else ("schedule", "last_year")
        )
        yield change(
            Kind.deadline_removed, tid, where, path, year_runs(dropped), None, True, msg("years no longer owed")
        )
    if added:
        path = ("schedule", "first_year") if added[0] < min(was, default=added[0] + 1) else ("schedule", "last_year")
        yield change(Kind.deadline_added, tid, where, path, None, year_runs(added), False, msg("years added"))
    if (a.every, a.unit) != (b.every, b.unit):
        # A longer period owes fewer reports: 6 months is weaker than a quarter.
        yield change(
            Kind.schedule_changed,
            tid,
            where,
            ("schedule", "every" if a.unit == b.unit else "unit"),
            _every(a.every, a.unit),
            _every(b.every, b.unit),
            b.every * UNIT_MONTHS[b.unit] > a.every * UNIT_MONTHS[a.unit],
            msg("frequency"),
        )


def _every(n: int, unit: str) -> Msg:
    """ "every 1 year(s)": the unit as the schedule names it (year, half, quarter, month)."""
    return msg("every {n} {unit}(s)", n=n, unit=UNIT_WORDS.get(unit, unit))


UNIT_WORDS: dict[str, Param] = {
    "year": msg("year"),
    "half": msg("half-year"),
    "quarter": msg("quarter"),
    "month": msg("month"),
}


def _years(s: RecurringSchedule, plan: Plan) -> set[int]:
    out: set[int] = set()
    for ob in obligations(s, plan):
        if ob.start is not None and ob.year is not None:
            out.update(range(ob.start.year, ob.year + 1))
    return out


def _event_schedule_changes(
    a: EventSchedule, b: EventSchedule, old: Plan, new: Plan, tid: str, where: Where
) -> Iterator[Change]:
    if a.event != b.event:
        # Which event comes first is not knowable from the plan: a reviewer decides.
        yield change(
            Kind.schedule_changed, tid, where, ("schedule", "event"), a.event, b.event, True, "waits for another event"
        )
        return
    path = ("schedule", "offset_days")
    x, y = a.offset_days, b.offset_days
    days = "{} days after {}".format
    if x == y:
        pass
    elif x is None:
        yield change(Kind.deadline_added, tid, where, path, None, days(y, b.event), False)
    elif y is None:
        yield change(Kind.deadline_removed, tid, where, ("schedule",), days(x, a.event), None, True)
    else:
        kind = Kind.deadline_later if y > x else Kind.deadline_earlier
        yield change(kind, tid, where, path, days(x, a.event), days(y, b.event), y > x)
    yield from _event_moved(b, old, new, tid, where)


def _event_moved(b: EventSchedule, old: Plan, new: Plan, tid: str, where: Where) -> Iterator[Change]:
    """The event the task waits for got another date: its deadline moves with it (at the
    new offset; an edit of the offset is a change of its own). Located at the event's date."""
    k, now = next(((k, e) for k, e in enumerate(new.events) if e.id == b.event), (-1, None))
    was = next((e for e in old.events if e.id == b.event), None)
    if now is None or was is None or was.date == now.date or b.offset_days is None:
        return
    offset = dt.timedelta(days=b.offset_days)
    before = was.date + offset if was.date is not None else None
    after = now.date + offset if now.date is not None else None
    path: YamlPath = ("events", k, "date")
    loc = where.side.at(*path)
    aspect = msg(EVENT_ASPECT, id=b.event)
    note = msg("event date {before} → {after}", before=date_text(was.date), after=date_text(now.date))
    if before is not None and after is not None:
        kind = Kind.deadline_later if after > before else Kind.deadline_earlier
        yield Change(kind, tid, aspect, date_text(before), date_text(after), after > before, loc, path, note=note)
    elif before is not None:
        yield Change(Kind.deadline_removed, tid, aspect, date_text(before), None, True, loc, path, note=note)
    else:
        yield Change(Kind.deadline_added, tid, aspect, None, date_text(after), False, loc, path, note=note)
