"""What every report shares: the plan's heading, the scope of --agency/--role, number and date helpers."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from kehoach_cli.agencies import Answerer, Registry
from kehoach_cli.asof import Window
from kehoach_cli.errors import UsageProblem
from kehoach_cli.evaluate import TaskEval
from kehoach_cli.messages import msg
from kehoach_cli.textnorm import closest, did_you_mean, fold, nfc
from kehoach_cli.vocab import Role

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    from kehoach_cli.model import Agency, Plan


ROLES: tuple[Role, ...] = tuple(Role)

# Row flags: `unowned` says why nobody answers; `untimed` that the source gives no time.
NO_LEAD = "no_lead"
LEAD_DISSOLVED = "lead_dissolved"
NO_TIME = "no_time"


def iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def num(x: float | Fraction | None) -> float | int | None:
    """Numbers for JSON: whole numbers as ints, others rounded to 6 decimals (stable across
    platforms); never NaN or Infinity, which JSON cannot carry."""
    if x is None:
        return None
    x = float(x)
    if not math.isfinite(x):
        return None
    if x.is_integer():
        return int(x)
    return round(x, 6)


# --- common parts ----------------------------------------------------------------------


@dataclass(frozen=True)
class Meta:
    """What every report says about itself: the plan and the as-of date."""

    number: str | None
    number_as_printed: str
    date: dt.date
    issuer: str
    title: str
    title_en: str | None
    as_of: dt.date

    @classmethod
    def of(cls, plan: Plan, as_of: dt.date) -> Meta:
        p = plan.plan
        return cls(p.number, p.number_as_printed, p.date, p.issuer, p.title, p.title_en, as_of)

    def data(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "date": iso(self.date),
            "issuer": self.issuer,
            "title": self.title,
            "title_en": self.title_en,
            "as_of": iso(self.as_of),
        }


@dataclass(frozen=True)
class Succeeded:
    """A succession of the queried agency in force at the as-of date."""

    effective: dt.date
    successors: tuple[Agency, ...]  # empty: dissolved with no successor


@dataclass(frozen=True)
class Scope:
    """The `--agency`/`--role` filter and the report window; `agency` None means every task,
    `window` None every deadline."""

    agency: Agency | None = None
    role: Role = Role.lead
    succeeded: tuple[Succeeded, ...] = ()
    groups: tuple[Agency, ...] = ()  # the groups the agency belongs to (for `--role any`)
    window: Window | None = None

    def in_window(self, ev: TaskEval) -> bool:
        """Whether the task has a deadline in the window (always, without one)."""
        return self.window is None or any(self.window.contains(o.due) for o in ev.obligations)

    def match(self, ev: TaskEval) -> tuple[bool, tuple[Agency, ...], tuple[Agency, ...]]:
        """Whether the task belongs to the scope, through which predecessors it was inherited,
        and (with `--role any`) through which groups the agency holds it ("qua nhóm")."""
        answerers = role_answerers(ev, self.role)
        if self.agency is None:
            return True, _inherited(ev.leads), ()
        me = self.agency.id
        mine = [a for a in answerers if a.agency.id == me]
        if mine:
            return True, _inherited(mine), ()
        assigned = _role_assigned(ev, self.role)
        # A former agency's name still finds the tasks it was given, marked as inherited by
        # whoever answers for them now (as the table's lead column says).
        if any(a.id == me for a in assigned):
            return True, _inherited([a for a in answerers if a.inherited_from and a.inherited_from.id == me]), ()
        if self.role == Role.any and self.groups:
            groups = {g.id for g in self.groups}
            via = tuple(a.agency for a in answerers if a.agency.id in groups)
            if via:
                return True, (), via
        return False, (), ()

    def window_data(self) -> dict[str, Any] | None:
        if self.window is None:
            return None
        return {"from": iso(self.window.start), "to": iso(self.window.end)}

    def data(self) -> dict[str, Any] | None:
        if self.agency is None:
            return None
        return {
            "agency": self.agency.name,
            "role": self.role,
            "succeeded_by": [
                {"effective": iso(s.effective), "to": [a.name for a in s.successors]} for s in self.succeeded
            ],
        }


def role_answerers(ev: TaskEval, role: Role) -> tuple[Answerer, ...]:
    if role == "lead":
        return ev.leads
    if role == "partner":
        return ev.partners
    return ev.leads + ev.partners


def _role_assigned(ev: TaskEval, role: Role) -> tuple[Agency, ...]:
    if role == "lead":
        return ev.assigned_leads
    if role == "partner":
        return ev.assigned_partners
    return ev.assigned_leads + ev.assigned_partners


def _inherited(answerers: Sequence[Answerer]) -> tuple[Agency, ...]:
    out: list[Agency] = []
    for a in answerers:
        if a.inherited_from is not None and all(o.id != a.inherited_from.id for o in out):
            out.append(a.inherited_from)
    return tuple(out)


def find_agency(registry: Registry, text: str) -> Agency | None:
    """An agency by its name, an alias or abbreviation, its id, or its English name; any
    case, with or without accents, NFC or not."""
    found = registry.find(nfc(text))
    if found is not None:
        return found
    key = fold(text)
    return next((a for a in registry.plan.agencies if a.name_en and fold(a.name_en) == key), None)


def suggest_agency(registry: Registry, text: str) -> list[str]:
    """Near misses among every way an agency may be named (shown by its Vietnamese name)."""
    names: dict[str, str] = {}
    for a in registry.plan.agencies:
        for n in (a.name, *a.aliases, a.id, *([a.name_en] if a.name_en else [])):
            names.setdefault(n, a.name)
    return list(dict.fromkeys(names[n] for n in closest(text, list(names))))


def scope(
    registry: Registry, as_of: dt.date, agency: str | None, role: str = Role.lead, window: Window | None = None
) -> Scope:
    """Resolve the agency loosely (aliases, ids, English names, no diacritics, any case, NFD);
    unknown → UsageProblem."""
    if role not in ROLES:
        raise UsageProblem(msg(": choose one of {choices}", choices=", ".join(ROLES)), "role", role)
    checked = Role(role)
    if agency is None:
        return Scope(None, checked, window=window)
    found = find_agency(registry, agency)
    if found is None:
        near = suggest_agency(registry, agency)
        suggestion = did_you_mean(near)
        text = (
            msg("names no agency in the plan; {suggestion} (see `kehoach agencies`)", suggestion=suggestion)
            if suggestion is not None
            else msg("names no agency in the plan (see `kehoach agencies`)")
        )
        raise UsageProblem(text, "agency", agency)
    succeeded = tuple(Succeeded(d, tuple(succ)) for d, succ in registry.successor_record(found) if d <= as_of)
    return Scope(found, checked, succeeded, registry.groups_of(found), window)
