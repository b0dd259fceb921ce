"""The values of change control: kinds of change, a located `Change`, a `Diff` of two versions."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from kehoach_cli.load.source import SourceDoc
from kehoach_cli.model import (
    Plan,
)
from kehoach_cli.problems import Location, Problem, YamlPath

K = TypeVar("K", bound=Hashable)

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


# (English, Vietnamese) label of each kind, for humans.
LABELS: Mapping[Kind, tuple[str, str]] = {
    Kind.task_added: ("task added", "thêm nhiệm vụ"),
    Kind.task_removed: ("task removed", "bỏ nhiệm vụ"),
    Kind.deadline_earlier: ("deadline earlier", "rút ngắn thời hạn"),
    Kind.deadline_later: ("deadline later", "lùi thời hạn"),
    Kind.deadline_added: ("deadline added", "thêm thời hạn"),
    Kind.deadline_removed: ("deadline removed", "bỏ thời hạn"),
    Kind.schedule_changed: ("schedule changed", "đổi tiến độ"),
    Kind.lead_added: ("lead added", "thêm cơ quan chủ trì"),
    Kind.lead_removed: ("lead removed", "bỏ cơ quan chủ trì"),
    Kind.lead_changed: ("lead changed", "đổi cơ quan chủ trì"),
    Kind.partner_added: ("partner added", "thêm cơ quan phối hợp"),
    Kind.partner_removed: ("partner removed", "bỏ cơ quan phối hợp"),
    Kind.target_added: ("target added", "thêm chỉ tiêu"),
    Kind.target_removed: ("target removed", "bỏ chỉ tiêu"),
    Kind.target_stronger: ("target stronger", "nâng chỉ tiêu"),
    Kind.target_weaker: ("target weaker", "hạ chỉ tiêu"),
    Kind.target_changed: ("target changed", "đổi chỉ tiêu"),
    Kind.text_changed: ("text changed", "sửa câu chữ"),
    Kind.event_changed: ("event date changed", "đổi ngày sự kiện"),
    Kind.succession_added: ("succession added", "thêm kế thừa cơ quan"),
    Kind.succession_removed: ("succession removed", "bỏ kế thừa cơ quan"),
    Kind.succession_changed: ("succession changed", "đổi kế thừa cơ quan"),
    Kind.setting_changed: ("plan setting changed", "đổi thiết lập kế hoạch"),
    Kind.amendment_added: ("amendment added", "thêm văn bản điều chỉnh"),
    Kind.amendment_changed: ("amendment changed", "sửa văn bản điều chỉnh"),
    Kind.amendment_removed: ("amendment removed", "bỏ văn bản điều chỉnh"),
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

UNCOVERED = "uncovered-"  # code prefix of the error an uncovered weakening change raises

SCHEDULE_KINDS = frozenset(k for k, f in FIELDS.items() if f == "schedule")


@dataclass(frozen=True)
class Change:
    """One change between the versions, located in the new file (a removed task: where
    it was removed from, with `was_at` in the old file)."""

    kind: Kind
    task: str | None  # None for plan-level changes (amendments, events)
    aspect: str | None  # which part, when the kind alone does not say: "milestone 2", a metric
    before: str | None
    after: str | None
    weakening: bool
    location: Location
    path: YamlPath
    covered_by: str | None = None  # number of the new amendment that covers it
    original_due: dt.date | None = None  # the task's deadline before its first amendment
    note: str | None = None
    was_at: Location | None = None  # in the old file, for a removed task

    @property
    def field(self) -> AmendField | None:
        return FIELDS.get(self.kind)

    @property
    def uncovered(self) -> bool:
        return self.weakening and self.covered_by is None

    @property
    def label(self) -> str:
        return LABELS[self.kind][0]

    @property
    def label_vi(self) -> str:
        return LABELS[self.kind][1]

    def describe(self) -> str:
        """One line, e.g. "deadline later: 2020-12-31 → 2021-12-31"."""
        head = self.label + (f" ({self.aspect})" if self.aspect else "")
        if self.before is not None and self.after is not None:
            return f"{head}: {self.before} → {self.after}"
        value = self.after if self.after is not None else self.before
        return f"{head}: {value}" if value is not None else head


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
    notes: tuple[str, ...] = ()
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
