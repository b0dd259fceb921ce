"""Deadlines as calendar items: an evaluation and a scope → one item per dated obligation
(a deadline, a span's end, each period of a recurring duty, each milestone). Pure; the
RFC 5545 text is render/ics.py's.

A calendar that updates instead of duplicating needs three things to be stable:

* **UID** — uuid5 of the plan (issuer, date, number as printed), the task id and the
  obligation (its milestone id or period label, never its date), so a moved deadline
  keeps its UID and the same obligation has one UID in every agency's calendar;
* **SEQUENCE** — the number of amendments (`amendments:`) that changed the task's
  schedule. Change control asks for one whenever a deadline moves (`kehoach diff` fails a
  postponement without it), so the count rises exactly when a date is decided to change,
  and it never falls, which a number computed from the date itself could. A date edited
  without an amendment keeps its SEQUENCE (clients that honour it may keep the old date);
* **DTSTAMP** — the plan's date, the same in every export of the same plan, so two
  exports of an unchanged plan are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from . import reports
from .evaluate import Evaluation, ObligationEval
from .model import Plan
from .reports import Meta, Scope, TaskRow

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://kehoach.invalid/calendar")
ALARM_DAYS = 7


@dataclass(frozen=True)
class Item:
    uid: str
    row: TaskRow
    ob: ObligationEval
    day: dt.date  # the due date: an all-day item
    sequence: int
    stamp: dt.datetime


@dataclass(frozen=True)
class Calendar:
    meta: Meta
    scope: Scope
    items: tuple[Item, ...]


def obligation_key(ob: ObligationEval) -> str:
    if ob.milestone is not None:
        return f"milestone:{ob.milestone}"
    if ob.period is not None:
        return f"period:{ob.period}"
    return "due"


def uid(plan: Plan, task_id: str, ob: ObligationEval) -> str:
    p = plan.plan
    name = "|".join((p.issuer, p.date.isoformat(), p.number_as_printed, task_id, obligation_key(ob)))
    return f"{uuid.uuid5(NAMESPACE, name)}@kehoach"


def sequence(plan: Plan, task_id: str) -> int:
    return sum(1 for a in plan.amendments for c in a.changes if c.task == task_id and "schedule" in c.fields)


def calendar(ev: Evaluation, sc: Scope) -> Calendar:
    stamp = dt.datetime.combine(ev.plan.plan.date, dt.time(), dt.UTC)
    items = [
        Item(uid(ev.plan, row.ev.id, ob), row, ob, ob.due, sequence(ev.plan, row.ev.id), stamp)
        for row in reports.tasks(ev, sc).rows
        for ob in row.ev.obligations
        if ob.due is not None
    ]
    items.sort(key=lambda i: i.day)  # stable: plan order among equal days
    return Calendar(Meta.of(ev.plan, ev.as_of), sc, tuple(items))
