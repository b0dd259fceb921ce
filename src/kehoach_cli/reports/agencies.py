"""Each agency's lead and partner tasks and its scorecard, in Vietnamese alphabetical order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from kehoach_cli.agencies import Registry
from kehoach_cli.evaluate import STATUS_ORDER, Evaluation, Status
from kehoach_cli.messages import Msg, msg
from kehoach_cli.reports.common import Meta, Scope, Succeeded, iso, num, role_answerers
from kehoach_cli.reports.status import Counts
from kehoach_cli.textnorm import sort_key
from kehoach_cli.vocab import Role

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    from kehoach_cli.model import Agency


ROLE_WORDS: dict[Role, Msg] = {Role.lead: msg("lead"), Role.partner: msg("partner"), Role.any: msg("lead or partner")}


# --- agencies ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgencyRow:
    agency: Agency
    lead: int  # tasks it answers for as lead as of the date (its own and inherited)
    lead_inherited: int
    lead_assigned: int  # tasks the plan names it lead of
    partner: int
    counts: Counts  # of the tasks it holds in the report's role (lead by default) as of the date
    succeeded: tuple[Succeeded, ...]

    def record(self) -> dict[str, Any]:
        last = self.succeeded[-1] if self.succeeded else None
        return {
            "id": self.agency.id,
            "name": self.agency.name,
            "name_en": self.agency.name_en,
            "aliases": list(self.agency.aliases),
            "lead": self.lead,
            "lead_inherited": self.lead_inherited,
            "lead_assigned": self.lead_assigned,
            "partner": self.partner,
            **{str(s): n for s, n in self.counts.by_status},
            "completion_rate": num(self.counts.completion_rate),
            "on_time_rate": num(self.counts.on_time_rate),
            "successors": [a.name for a in last.successors] if last else [],
            "succeeded_on": iso(last.effective) if last else None,
            "dissolved": bool(last and not last.successors),
        }


AGENCY_FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "name_en",
    "aliases",
    "lead",
    "lead_inherited",
    "lead_assigned",
    "partner",
    *(str(s) for s in STATUS_ORDER),
    "completion_rate",
    "on_time_rate",
    "successors",
    "succeeded_on",
    "dissolved",
)


@dataclass(frozen=True)
class AgenciesReport:
    meta: Meta
    rows: tuple[AgencyRow, ...]
    # `--agency`: that agency's row only; `--role`: what the scorecard counts; the window
    scope: Scope = field(default_factory=Scope)
    aliases: bool = False  # `--aliases`: the human formats list each agency's other names

    fields: ClassVar[tuple[str, ...]] = AGENCY_FIELDS

    def data(self) -> list[dict[str, Any]]:
        return self.records()

    def records(self) -> list[dict[str, Any]]:
        return [r.record() for r in self.rows]

    @property
    def overdue_items(self) -> int:
        return sum(r.counts[Status.overdue] for r in self.rows)

    @property
    def unowned_items(self) -> int:
        return 0


def agencies(ev: Evaluation, registry: Registry, only: Scope | None = None, *, aliases: bool = False) -> AgenciesReport:
    """Every agency (or only `--agency`) in Vietnamese alphabetical order, its task counts,
    and the statuses of the tasks it holds in `--role` as of the date: lead (default),
    partner, or any. In a window, only the tasks with a deadline in it count."""
    sc = only or Scope()
    tasks = [te for te in ev.tasks if sc.in_window(te)]
    rows = []
    for a in sorted(ev.plan.agencies, key=lambda a: sort_key(a.name)):
        if sc.agency is not None and sc.agency.id != a.id:
            continue
        led = [te for te in tasks if any(x.agency.id == a.id for x in te.leads)]
        inherited = [te for te in led if any(x.agency.id == a.id and x.inherited_from for x in te.leads)]
        held = [te for te in tasks if any(x.agency.id == a.id for x in role_answerers(te, sc.role))]
        rows.append(
            AgencyRow(
                agency=a,
                lead=len(led),
                lead_inherited=len(inherited),
                lead_assigned=sum(1 for te in tasks if any(x.id == a.id for x in te.assigned_leads)),
                partner=sum(1 for te in tasks if any(x.agency.id == a.id for x in te.partners)),
                counts=Counts.of([te.status for te in held]),
                succeeded=tuple(Succeeded(d, tuple(s)) for d, s in registry.successor_record(a) if d <= ev.as_of),
            )
        )
    return AgenciesReport(Meta.of(ev.plan, ev.as_of), tuple(rows), sc, aliases)
