"""The pydantic models of plan.yaml and of progress report files.

Models are frozen, strict and forbid unknown keys: a misspelled ``due:`` must be an
error, never a task that silently can never be late. Dates are written as ISO text in
YAML (the loader keeps them as text) and become ``datetime.date`` here, so a bad date
is reported with its line like any other problem.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")  # ASCII digits only


def _to_date(value: Any) -> Any:
    """Accept ISO ``YYYY-MM-DD`` text only; explain the common mistakes."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise PydanticCustomError("date_type", "expected a date like 2020-12-31, got a boolean")
    if isinstance(value, int):
        if 1900 <= value <= 2200:
            raise PydanticCustomError(
                "date_bare_year",
                "a year alone is not a date: write {year}-12-31 for 'năm {year}' (end of the year)",
                {"year": value},
            )
        raise PydanticCustomError("date_type", "expected a date like 2020-12-31, got a number")
    if not isinstance(value, str):
        raise PydanticCustomError("date_type", "expected a date like 2020-12-31")
    text = value.strip()
    if not _ISO_DATE.match(text):
        raise PydanticCustomError(
            "date_format",
            "dates are written YYYY-MM-DD (ISO), e.g. 2020-12-31; got '{text}'",
            {"text": text[:40]},
        )
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise PydanticCustomError("date_invalid", "{text} is not a day of the calendar", {"text": text}) from None
    if not 1900 <= day.year <= 2200:
        raise PydanticCustomError("date_range", "the year of {text} is out of range (1900–2200)", {"text": text})
    return day


Date = Annotated[dt.date, BeforeValidator(_to_date)]
Text = Annotated[str, Field(min_length=1)]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


# --- plan metadata -------------------------------------------------------------------


class Document(Frozen):
    """A document the plan implements or cites."""

    kind: Text = Field(description="Loại văn bản, e.g. 'Nghị quyết', 'Chương trình hành động'")
    number: Text = Field(description="Số hiệu as printed, e.g. '23-NQ/TW'")
    date: Date
    issuer: Text
    title: str | None = None


class Signer(Frozen):
    name: Text
    title: Text = Field(description="Chức vụ as printed, e.g. 'KT. Chủ tịch – Phó Chủ tịch'")


class Review(Frozen):
    """A review cadence the plan sets for itself (sections I.2 and III.3)."""

    every_years: int = Field(ge=1, le=30)
    kind: Text = Field(description="e.g. 'soát xét', 'sơ kết', 'tổng kết'")
    ref: Text
    text: Text


class Reporting(Frozen):
    """Who writes the periodic report on the plan, and to whom (`kehoach report`).

    Every field is optional; options of `kehoach report` override them. Names are printed
    as written here, so the report never makes one up.
    """

    issuer: Text | None = Field(default=None, description="The body that compiles the report, e.g. 'Sở Công Thương'")
    governing_body: Text | None = Field(
        default=None, description="The body above the issuer (header, first line); default: the plan's issuer"
    )
    recipient: Text | None = Field(default=None, description="'Kính gửi: …'; default: the governing body")
    symbol: Text | None = Field(default=None, description="Ký hiệu of the report's number, e.g. 'BC-SCT'")
    place: Text | None = Field(default=None, description="Place of the date line; default: the plan's place")
    signature: list[Text] = Field(
        default=[],
        description="Authority and title lines of the signature block, e.g. ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']",
    )
    copies: list[Text] = Field(default=[], description="'Nơi nhận' lines between '- Như trên;' and '- Lưu: VT, …'")
    ref: Text | None = Field(default=None, description="Where the plan assigns the report")
    notes: list[Text] = []


class PlanMeta(Frozen):
    number: str | None = Field(description="Số ký hiệu; null when the printed number is blank (e.g. 'Số: /KH-UBND')")
    number_as_printed: Text
    date: Date
    place: str | None = None
    issuer: Text
    title: Text
    title_en: str | None = None
    signer: Signer | None = None
    implements: list[Document] = []
    start_year: int | None = Field(
        default=None, description="First year of obligations; defaults to the year of `date`"
    )
    horizon: int = Field(ge=1900, le=2200, description="Last year the plan covers")
    vision: int | None = Field(default=None, ge=1900, le=2200)
    reviews: list[Review] = []
    notes: list[Text] = []
    require_evidence: bool = Field(default=True, description="Whether a 'done' progress record must cite evidence")
    reports: list[Text] = Field(
        default=[],
        description="Progress report files, relative to plan.yaml; 'reports/*.yaml' is always read",
    )
    reporting: Reporting | None = None

    @property
    def first_year(self) -> int:
        return self.start_year if self.start_year is not None else self.date.year


# --- agencies, events, succession ----------------------------------------------------

AgencyKind = Literal["department", "board", "committee", "central", "group", "other"]


class Agency(Frozen):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    name: Text = Field(description="Canonical Vietnamese name")
    name_en: Text
    kind: AgencyKind = "department"
    aliases: list[Text] = Field(default=[], description="Abbreviations and every spelling the source uses")
    notes: list[Text] = []


class Event(Frozen):
    """Something a schedule waits for, e.g. approval of the provincial master plan."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    name: Text
    name_en: str | None = None
    date: Date | None = Field(default=None, description="null while the event has not happened")
    basis: str | None = Field(default=None, description="The document that fixes the date")
    notes: list[Text] = []


class Succession(Frozen):
    """From `effective` on, `to` answers for the tasks of `from` (empty `to`: dissolved)."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, populate_by_name=True)

    from_: Text = Field(alias="from")
    to: list[Text]
    effective: Date
    basis: Text
    notes: list[Text] = []


class TaskSuccession(Frozen):
    """A per-task override of a split succession: for this task `from` goes to `to`."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, populate_by_name=True)

    from_: Text = Field(alias="from")
    to: list[Text]
    note: str | None = None


# --- schedules -----------------------------------------------------------------------


class DeadlineSchedule(Frozen):
    kind: Literal["deadline"]
    by: Date
    text: str | None = Field(default=None, description="The source's wording, e.g. 'năm 2020'")


class SpanSchedule(Frozen):
    kind: Literal["span"]
    start: Date
    end: Date
    text: str | None = None


class RecurringSchedule(Frozen):
    """Every `every` years from `first_year` to `last_year` (defaults: plan start, horizon).

    Each period is an obligation of its own, due at the end of its last year.
    """

    kind: Literal["recurring"]
    every: int = Field(default=1, ge=1, le=30)
    first_year: int | None = Field(default=None, ge=1900, le=2200)
    last_year: int | None = Field(default=None, ge=1900, le=2200)
    text: str | None = None


class EventSchedule(Frozen):
    kind: Literal["event"]
    event: Text
    offset_days: int | None = Field(
        default=None,
        ge=0,
        le=36_500,
        description="Due this many days after the event; null when the source sets no period",
    )
    text: str | None = None


class Milestone(Frozen):
    id: Annotated[str, Field(pattern=r"^[0-9a-z]+$")]
    title: Text
    title_en: str | None = None
    by: Date
    text: str | None = None


class MilestonesSchedule(Frozen):
    kind: Literal["milestones"]
    milestones: Annotated[list[Milestone], Field(min_length=1)]
    text: str | None = None


class NoSchedule(Frozen):
    kind: Literal["none"]
    text: str | None = None


Schedule = Annotated[
    DeadlineSchedule | SpanSchedule | RecurringSchedule | EventSchedule | MilestonesSchedule | NoSchedule,
    Field(discriminator="kind"),
]

# --- targets -------------------------------------------------------------------------

Comparator = Literal[">=", ">", "<=", "<", "="]


class Target(Frozen):
    metric: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_]*$")]
    label: Text = Field(description="Vietnamese wording of the target as printed")
    label_en: str | None = None
    op: Comparator
    value: float | int
    unit: Text
    by: Date | None = None
    baseline: float | int | None = Field(
        default=None, description="Value at the plan's start, when the source gives one"
    )
    measure: Literal["cumulative", "annual", "level"] = Field(
        default="level",
        description="How actual values add up: a level (latest wins), cumulative, or per year",
    )
    basis: Literal["commitment", "forecast"] = "commitment"
    text: str | None = None
    notes: list[Text] = []

    @field_validator("value", "baseline")
    @classmethod
    def _finite(cls, v: float | int | None) -> float | int | None:
        return _amount(v)


MAX_AMOUNT = 1e15  # beyond any plan's quantity; keeps unit conversions finite


def _amount(v: float | int | None) -> float | int | None:
    if v is None:
        return v
    if isinstance(v, float) and v != v:
        raise PydanticCustomError("finite_number", "value must be a finite number")
    if abs(v) > MAX_AMOUNT:
        raise PydanticCustomError("finite_number", "value must be a finite number below 10^15")
    return v


# --- tasks ---------------------------------------------------------------------------


class Task(Frozen):
    id: Text
    title: Text = Field(description="Vietnamese title exactly as printed")
    title_en: Text
    ref: Text = Field(description="Where in the source, e.g. 'II.2.a, bullet 2'")
    lead: list[Text] = Field(default=[], description="Cơ quan chủ trì (or 'thực hiện')")
    partners: list[Text] = Field(default=[], description="Cơ quan phối hợp")
    schedule: Schedule
    targets: list[Target] = []
    succession: list[TaskSuccession] = []
    notes: list[Text] = []

    @property
    def section(self) -> str:
        return self.id.split(".", 1)[0]


# --- progress records (report files, or inline in plan.yaml) -------------------------


class Record(Frozen):
    task: Text
    date: Date
    kind: Literal["started", "done", "value"]
    value: float | int | None = None
    unit: str | None = None
    metric: str | None = Field(default=None, description="Which target of the task a value measures")
    basis: Literal["cumulative", "annual"] | None = None
    year: int | None = Field(default=None, ge=1900, le=2200, description="The year a recurring task's record covers")
    milestone: str | None = None
    evidence: str | None = None
    agency: str | None = Field(default=None, description="Reporting agency; required inline, implied by a report file")
    note: str | None = None

    @field_validator("value")
    @classmethod
    def _finite(cls, v: float | int | None) -> float | int | None:
        return _amount(v)

    @model_validator(mode="after")
    def _value_shape(self) -> Record:
        if self.kind == "value":
            if self.value is None or self.unit is None:
                raise PydanticCustomError("record_value", "a 'value' record needs both `value` and `unit`")
        elif self.value is not None or self.unit is not None:
            raise PydanticCustomError("record_value", "`value` and `unit` belong only to records of kind 'value'")
        return self


class ReportFile(Frozen):
    """reports/<agency-id>.yaml: one agency's own progress records."""

    agency: Text
    records: Annotated[list[Record], BeforeValidator(lambda v: [] if v is None else v)] = []


# --- amendments (change control) -----------------------------------------------------


class AmendmentChange(Frozen):
    task: Text
    fields: Annotated[
        list[Literal["schedule", "lead", "partners", "targets", "title", "removed", "added"]],
        Field(min_length=1),
    ]
    previous_due: Date | None = Field(default=None, description="The deadline before this amendment (for gia hạn)")
    note: str | None = None


class Amendment(Frozen):
    number: Text = Field(description="Số hiệu of the deciding document, e.g. '123/QĐ-UBND'")
    date: Date
    issuer: Text
    summary: Text
    changes: Annotated[list[AmendmentChange], Field(min_length=1)]


class Plan(Frozen):
    plan: PlanMeta
    agencies: list[Agency]
    events: list[Event] = []
    successions: list[Succession] = []
    tasks: list[Task]
    amendments: list[Amendment] = []
    progress: list[Record] = Field(default=[], description="Inline progress records (small plans)")
