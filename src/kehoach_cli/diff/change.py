"""The values of change control: kinds of change, a located `Change`, a `Diff` of two versions."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from kehoach_cli.load.source import SourceDoc
from kehoach_cli.messages import N_, Msg, msg
from kehoach_cli.model import (
    Plan,
)
from kehoach_cli.problems import Location, Problem, YamlPath

K = TypeVar("K", bound=Hashable)

# What a change shows: plan text as it is, or kehoach's own words ("milestone 2", "every 1 year").
Text = str | Msg

AmendField = Literal["schedule", "lead", "partners", "targets", "title", "removed", "added"]


class Kind(enum.StrEnum):
    task_added = "task-added"
    task_removed = "task-removed"
    deadline_earlier = "deadline-earlier"
    deadline_later = "deadline-later"
    deadline_added = "deadline-added"
    deadline_removed = "deadline-removed"
    schedule_changed = "schedule-changed"
    lead_added = "lead-added"
    lead_removed = "lead-removed"
    lead_changed = "lead-changed"
    partner_added = "partner-added"
    partner_removed = "partner-removed"
    target_added = "target-added"
    target_removed = "target-removed"
    target_stronger = "target-stronger"
    target_weaker = "target-weaker"
    target_changed = "target-changed"
    text_changed = "text-changed"
    event_changed = "event-changed"
    succession_added = "succession-added"
    succession_removed = "succession-removed"
    succession_changed = "succession-changed"
    setting_changed = "setting-changed"
    amendment_added = "amendment-added"
    amendment_changed = "amendment-changed"
    amendment_removed = "amendment-removed"


# The label of each kind, for humans (translated when rendered).
LABELS: Mapping[Kind, Msg] = {
    Kind.task_added: msg("task added"),
    Kind.task_removed: msg("task removed"),
    Kind.deadline_earlier: msg("deadline earlier"),
    Kind.deadline_later: msg("deadline later"),
    Kind.deadline_added: msg("deadline added"),
    Kind.deadline_removed: msg("deadline removed"),
    Kind.schedule_changed: msg("schedule changed"),
    Kind.lead_added: msg("lead added"),
    Kind.lead_removed: msg("lead removed"),
    Kind.lead_changed: msg("lead changed"),
    Kind.partner_added: msg("partner added"),
    Kind.partner_removed: msg("partner removed"),
    Kind.target_added: msg("target added"),
    Kind.target_removed: msg("target removed"),
    Kind.target_stronger: msg("target stronger"),
    Kind.target_weaker: msg("target weaker"),
    Kind.target_changed: msg("target changed"),
    Kind.text_changed: msg("text changed"),
    Kind.event_changed: msg("event date changed"),
    Kind.succession_added: msg("succession added"),
    Kind.succession_removed: msg("succession removed"),
    Kind.succession_changed: msg("succession changed"),
    Kind.setting_changed: msg("plan setting changed"),
    Kind.amendment_added: msg("amendment added"),
    Kind.amendment_changed: msg("amendment changed"),
    Kind.amendment_removed: msg("amendment removed"),
}

# The `fields` value of an amendment change that covers each kind of task change.
FIELDS: Mapping[Kind, AmendField] = {
    Kind.task_added: "added",
    Kind.task_removed: "removed",
    Kind.deadline_earlier: "schedule",
    Kind.deadline_later: "schedule",
    Kind.deadline_added: "schedule",
    Kind.deadline_removed: "schedule",
    Kind.schedule_changed: "schedule",
    Kind.lead_added: "lead",
    Kind.lead_removed: "lead",
    Kind.lead_changed: "lead",
    Kind.succession_added: "lead",  # a task's own `succession:` (plan-level ones have no task)
    Kind.succession_removed: "lead",
    Kind.succession_changed: "lead",
    Kind.partner_added: "partners",
    Kind.partner_removed: "partners",
    Kind.target_added: "targets",
    Kind.target_removed: "targets",
    Kind.target_stronger: "targets",
    Kind.target_weaker: "targets",
    Kind.target_changed: "targets",
    Kind.text_changed: "title",
}

# The aspect of a deadline that moves with an event's date (the task's one deadline, still).
EVENT_ASPECT = N_("event {id}")

UNCOVERED = "uncovered-"  # code prefix of the error an uncovered weakening change raises

SCHEDULE_KINDS = frozenset(k for k, f in FIELDS.items() if f == "schedule")


@dataclass(frozen=True)
class Change:
    """One change between the versions, located in the new file (a removed task: where
    it was removed from, with `was_at` in the old file)."""

    kind: Kind
    task: str | None  # None for plan-level changes (amendments, events)
    aspect: Text | None  # which part, when the kind alone does not say: "milestone 2", a metric
    before: Text | None
    after: Text | None
    weakening: bool
    location: Location
    path: YamlPath
    covered_by: str | None = None  # number of the new amendment that covers it
    original_due: dt.date | None = None  # the task's deadline before its first amendment
    note: Text | None = None
    was_at: Location | None = None  # in the old file, for a removed task

    @property
    def field(self) -> AmendField | None:
        return FIELDS.get(self.kind)

    @property
    def uncovered(self) -> bool:
        return self.weakening and self.covered_by is None

    @property
    def label(self) -> Msg:
        return LABELS[self.kind]

    @property
    def head(self) -> Msg:
        """The label with its aspect: "deadline later (milestone 2)"."""
        if not self.aspect:
            return self.label
        return msg("{label} ({aspect})", label=self.label, aspect=self.aspect)

    def describe(self) -> Msg:
        """One line, e.g. "deadline later: 2020-12-31 → 2021-12-31"."""
        if self.before is not None and self.after is not None:
            return msg("{change}: {before} → {after}", change=self.head, before=self.before, after=self.after)
        value = self.after if self.after is not None else self.before
        return msg("{change}: {value}", change=self.head, value=value) if value is not None else self.head


@dataclass(frozen=True)
class Version:
    """One side of the comparison: the plan and its source map (for locations)."""

    plan: Plan
    source: SourceDoc

    @property
    def label(self) -> str:
        return self.source.file


@dataclass(frozen=True)
class Diff:
    old_label: str
    new_label: str
    changes: tuple[Change, ...] = ()
    problems: tuple[Problem, ...] = ()
    titles: Mapping[str, str] = field(default_factory=dict)  # task id → title, for display
    compared: bool = True  # False when a version could not be read as a plan
    old_missing: bool = False  # the file did not exist in the old version: every task is new
    notes: tuple[Msg, ...] = ()
    sources: Mapping[str, SourceDoc] = field(default_factory=dict)  # for excerpts in messages

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    @property
    def uncovered(self) -> list[Change]:
        return [c for c in self.changes if c.uncovered]

    @property
    def tasks_changed(self) -> int:
        return len({c.task for c in self.changes if c.task is not None})
