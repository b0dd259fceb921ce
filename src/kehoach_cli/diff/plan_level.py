"""Plan-level changes: event dates, settings, amendments."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from kehoach_cli.diff.change import Change, Kind
from kehoach_cli.diff.sides import Side, date_text, following, gap, pair
from kehoach_cli.messages import msg
from kehoach_cli.model import (
    Amendment,
    EventSchedule,
)
from kehoach_cli.problems import YamlPath
from kehoach_cli.textnorm import nfc

# --- plan level ----------------------------------------------------------------------


def event_changes(o: Side, n: Side) -> Iterator[Change]:
    """An event's date is a fact with its own `basis`: shown here, with the tasks it moves.

    Its effect is judged per task (`_event_moved`): a later date moves the deadlines of the
    tasks waiting for it later, which needs an amendment naming them."""
    before = {e.id: e for e in o.plan.events}
    for k, e in enumerate(n.plan.events):
        was = before.get(e.id)
        if was is None or was.date == e.date:
            continue
        waiting = [
            t.id
            for t in n.plan.tasks
            if isinstance(t.schedule, EventSchedule) and t.schedule.event == e.id and t.schedule.offset_days is not None
        ]
        note = msg("moves the deadlines of tasks {tasks}", tasks=", ".join(waiting)) if waiting else None
        path: YamlPath = ("events", k, "date")
        yield Change(
            Kind.event_changed, None, e.id, date_text(was.date), date_text(e.date), False, n.at(*path), path, note=note
        )


def setting_changes(o: Side, n: Side) -> Iterator[Change]:
    """`plan.require_evidence`: whether a "done" record must cite evidence."""
    was, now = o.plan.plan.require_evidence, n.plan.plan.require_evidence
    if was != now:
        path: YamlPath = ("plan", "require_evidence")
        note = (
            msg("a “done” record must cite evidence") if now else msg("a “done” record no longer has to cite evidence")
        )
        yield Change(
            Kind.setting_changed,
            None,
            "require_evidence",
            str(was).lower(),
            str(now).lower(),
            False,
            n.at(*path),
            path,
            note=note,
        )


def number_key(number: str) -> str:
    """A document number as an identity: NFC, no whitespace, case-folded, so that
    "345/QĐ-UBND " or a decomposed spelling is the same decision."""
    return "".join(nfc(number).split()).casefold()


def amendment_pairs(old: Sequence[Amendment], new: Sequence[Amendment]) -> dict[int, int]:
    """new index → old index. Numbers restart every year, so the same number with the same
    date pairs first; then the same number alone: a re-dated amendment is the same one, changed."""
    return pair([(number_key(a.number), a.date) for a in old], [(number_key(a.number), a.date) for a in new])


def _amendment_text(a: Amendment) -> str:
    return f"{a.number.strip()} ({a.date.isoformat()}, {a.issuer})"


def _amendment_view(a: Amendment) -> tuple[object, ...]:
    return (number_key(a.number), a.date, a.issuer, a.summary, a.changes)


def amendment_changes(o: Side | None, n: Side) -> Iterator[Change]:
    before = o.plan.amendments if o is not None else []
    after = n.plan.amendments
    pairs = amendment_pairs(before, after)
    for k, a in enumerate(after):
        path: YamlPath = ("amendments", k)
        text = _amendment_text(a)
        i = pairs.get(k)
        if i is None:
            yield Change(Kind.amendment_added, None, None, None, text, False, n.at(*path), path, note=a.summary)
        elif _amendment_view(before[i]) != _amendment_view(a):
            was = _amendment_text(before[i])
            yield Change(
                Kind.amendment_changed,
                None,
                None,
                was if was != text else None,
                text,
                False,
                n.at(*path),
                path,
                note=a.summary,
            )
    kept = {i: j for j, i in pairs.items()}
    for i, a in enumerate(before):
        if i not in kept:
            loc, path = gap(n, ("amendments",), following(i, range(len(before)), kept))
            yield Change(Kind.amendment_removed, None, None, _amendment_text(a), None, False, loc, path)
