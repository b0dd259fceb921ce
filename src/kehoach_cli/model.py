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

from kehoach_cli.derived import UNIT_MONTHS as UNIT_MONTHS  # where it was, for its importers
from kehoach_cli.derived import MetaYears, PlanSections

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")  # ASCII digits only


def _to_date(value: Any) -> Any:
    """Accept ISO ``YYYY-MM-DD`` text only; explain the common mistakes."""
    if isinstance(value, dt.date):
        return value
    if value.__class__ is str:
        day = _DAYS.get(value)
        if day is None:
            day = _DAYS[value] = _parse_date(value)
        return day
    return _parse_date(value)


# The days read so far, by their text: a plan writes the same few thousand days again and
# again (20,000 dates at 10,000 tasks), and a date is immutable. Only valid ones are kept.
_DAYS: dict[str, dt.date] = {}


def _parse_date(value: Any) -> dt.date:
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


def _empty(**field: Any) -> Any:
    """An empty list by default, a new one per object: pydantic deep-copies a `[]` default
    for every object that omits the field (31,000 `copy.deepcopy` calls at 10,000 tasks, about a
    quarter of the validation's time); a factory is a plain call. The schema still says
    `"default": []`."""
    return Field(default_factory=list, json_schema_extra={"default": []}, **field)


# One set object per different set of given field names (see Frozen.model_post_init).
_FIELD_SETS: dict[frozenset[str], set[str]] = {}


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    def model_post_init(self, context: Any, /) -> None:
        """Share the set of the fields given with every object given the same ones.

        pydantic keeps that set per object, most with more than four names (728 bytes):
        at 10,000 tasks 36,000 sets took 18 MB for 73 different contents, a sixth of the
        loaded plan. The models are frozen and pydantic never changes such a set in place
        (a copy gets its own), so equal sets can be one object.
        """
        names = self.__pydantic_fields_set__
        object.__setattr__(self, "__pydantic_fields_set__", _FIELD_SETS.setdefault(frozenset(names), names))


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
    signature: list[Text] = _empty(
        description="Authority and title lines of the signature block, e.g. ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']",
    )
    copies: list[Text] = _empty(description="'Nơi nhận' lines between '- Như trên;' and '- Lưu: VT, …'")
    ref: Text | None = Field(default=None, description="Where the plan assigns the report")
    notes: list[Text] = _empty()


class PlanMeta(Frozen, MetaYears):
    number: str | None = Field(description="Số ký hiệu; null when the printed number is blank (e.g. 'Số: /KH-UBND')")
    number_as_printed: Text
    date: Date
    place: str | None = None
    issuer: Text
    title: Text
    title_en: str | None = None
    signer: Signer | None = None
    implements: list[Document] = _empty()
    start_year: int | None = Field(
        default=None, description="First year of obligations; defaults to the year of `date`"
    )
    horizon: int | None = Field(
        default=None,
        ge=1900,
        le=2200,
        description="Last year the plan covers; without it, open-ended recurrences run to the as-of date",
    )
    received: Date | None = Field(
        default=None,
        description="The day the plan was received, for deadlines counted 'kể từ ngày nhận Kế hoạch này'",
    )
    vision: int | None = Field(default=None, ge=1900, le=2200)
    reviews: list[Review] = _empty()
    notes: list[Text] = _empty()
    require_evidence: bool = Field(default=True, description="Whether a 'done' progress record must cite evidence")
    reports: list[Text] = _empty(
        description="Progress report files, relative to plan.yaml; 'reports/*.yaml' is always read",
    )
    reporting: Reporting | None = None
    partners_may_report: list[Literal["started", "value", "occurred"]] = Field(
        default=["started", "value", "occurred"],
        description="What a partner (cơ quan phối hợp) may record on a task; completion is the lead's alone",
    )


# --- agencies, events, succession ----------------------------------------------------

AgencyKind = Literal[
    "department", "board", "committee", "central", "group", "commune", "ministry", "organization", "other"
]


class Agency(Frozen):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    name: Text = Field(description="Canonical Vietnamese name")
    name_en: str | None = None
    kind: AgencyKind = Field(
        default="department",
        description=(
            "commune: UBND xã, phường, đặc khu (from 1/7/2025); ministry: Bộ, cơ quan ngang bộ; "
            "organization: Mặt trận, đoàn thể, hội, doanh nghiệp"
        ),
    )
    aliases: list[Text] = _empty(description="Abbreviations and every spelling the source uses")
    members: list[Text] = _empty(description="A group's member agencies, by name")
    member_kinds: list[AgencyKind] = _empty(
        description="A group's members by kind: 'các sở, ngành' = [department, board]"
    )
    notes: list[Text] = _empty()

    @model_validator(mode="after")
    def _members_of_a_group(self) -> Agency:
        if (self.members or self.member_kinds) and self.kind != "group":
            raise PydanticCustomError("group_members", "only an agency of kind 'group' has `members` or `member_kinds`")
        return self


class Event(Frozen):
    """Something a schedule waits for, e.g. approval of the provincial master plan."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    name: Text
    name_en: str | None = None
    date: Date | None = Field(default=None, description="null while the event has not happened")
    basis: str | None = Field(default=None, description="The document that fixes the date")
    notes: list[Text] = _empty()


class Succession(Frozen):
    """From `effective` on, `to` answers for the tasks of `from` (empty `to`: dissolved)."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, populate_by_name=True)

    from_: Text = Field(alias="from")
    to: list[Text]
    effective: Date
    basis: Text
    notes: list[Text] = _empty()


class TaskSuccession(Frozen):
    """A per-task override of a split succession: for this task `from` goes to `to`."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, populate_by_name=True)

    from_: Text = Field(alias="from")
    to: list[Text]
    note: str | None = None


# --- schedules -----------------------------------------------------------------------
#
# Every schedule keeps the source's wording in `text`. Inside a `several` schedule each
# part may carry a `label` ("6 tháng", "năm") that names its periods; elsewhere a label
# means nothing and `check` says so.

_LABEL = Field(default=None, description="Inside `several`: the part's name, e.g. '6 tháng'")


class DeadlineSchedule(Frozen):
    kind: Literal["deadline"]
    by: Date
    text: str | None = Field(default=None, description="The source's wording, e.g. 'năm 2020', 'Quý II/2026'")
    label: str | None = _LABEL


class SpanSchedule(Frozen):
    kind: Literal["span"]
    start: Date
    end: Date
    text: str | None = None
    label: str | None = _LABEL


RecurringUnit = Literal["year", "half", "quarter", "month"]


class RecurringSchedule(Frozen):
    """One obligation per period of `every` units (years, half-years, quarters, months).

    The periods run from `start` (or `first_year`; default: the period holding the plan's
    date, not before its first year) to `end` (or `last_year`; default: the horizon, else
    the as-of date). Each is due on `due_day` of month `due_month` of its last unit
    (defaults: the unit's last month, that month's last day; the day is clipped to the
    month's length).
    """

    kind: Literal["recurring"]
    every: int = Field(default=1, ge=1, le=30)
    unit: RecurringUnit = "year"
    first_year: int | None = Field(default=None, ge=1900, le=2200)
    last_year: int | None = Field(default=None, ge=1900, le=2200)
    start: Date | None = Field(default=None, description="First day of the duty, e.g. 'từ năm 2026 trở đi'")
    end: Date | None = Field(default=None, description="Last day of the duty; none: open-ended")
    due_month: int | None = Field(
        default=None, ge=1, le=12, description="Month within the period (1-based): 1–12 year, 1–6 half, 1–3 quarter"
    )
    due_day: int | None = Field(default=None, ge=1, le=31, description="Day of that month; clipped to its length")
    text: str | None = None
    label: str | None = _LABEL

    @model_validator(mode="after")
    def _consistent(self) -> RecurringSchedule:
        if self.start is not None and self.first_year is not None:
            raise PydanticCustomError("recurring_bounds", "give `start` or `first_year`, not both")
        if self.end is not None and self.last_year is not None:
            raise PydanticCustomError("recurring_bounds", "give `end` or `last_year`, not both")
        months = UNIT_MONTHS[self.unit]
        if self.due_month is not None and self.due_month > months:
            raise PydanticCustomError(
                "recurring_due_month",
                "due_month {month} does not exist in a period of unit '{unit}' (1–{months})",
                {"month": self.due_month, "unit": self.unit, "months": months},
            )
        return self


class OngoingSchedule(Frozen):
    """'thường xuyên', 'xuyên suốt 2025–2035': never overdue by date."""

    kind: Literal["ongoing"]
    start: Date | None = None
    end: Date | None = None
    text: str | None = None
    label: str | None = _LABEL


class OccurrenceSchedule(Frozen):
    """'khi có phát sinh', 'khi có yêu cầu': due only once an `occurred` record says it arose."""

    kind: Literal["occurrence"]
    within_days: int | None = Field(
        default=None, ge=0, le=36_500, description="Due this many days after it arose; null: no deadline"
    )
    text: str | None = None
    label: str | None = _LABEL


class RelativeSchedule(Frozen):
    """'trong thời hạn 10 ngày kể từ ngày nhận Kế hoạch này': `days` after the plan's date or receipt."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, populate_by_name=True)

    kind: Literal["relative"]
    days: int = Field(ge=0, le=36_500)
    from_: Literal["plan", "received"] = Field(
        default="plan", alias="from", description="plan.date, or plan.received (falls back to plan.date)"
    )
    text: str | None = None
    label: str | None = _LABEL


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
    label: str | None = _LABEL


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
    label: str | None = _LABEL


class NoSchedule(Frozen):
    kind: Literal["none"]
    text: str | None = None
    label: str | None = _LABEL


SingleSchedule = (
    DeadlineSchedule
    | SpanSchedule
    | RecurringSchedule
    | OngoingSchedule
    | OccurrenceSchedule
    | RelativeSchedule
    | EventSchedule
    | MilestonesSchedule
    | NoSchedule
)
Part = Annotated[SingleSchedule, Field(discriminator="kind")]


class SeveralSchedule(Frozen):
    """Several periods on one duty: '6 tháng (trước ngày 16/6) và năm (trước ngày 20/11)'.

    A labelled part's periods are named '<label>:<period>' (a part with no period of its
    own: the label); an unlabelled part's keep their own names. A part is never `several`.
    """

    kind: Literal["several"]
    parts: Annotated[list[Part], Field(min_length=1)]
    text: str | None = None


Schedule = Annotated[SingleSchedule | SeveralSchedule, Field(discriminator="kind")]

# --- targets -------------------------------------------------------------------------

Comparator = Literal[">=", ">", "<=", "<", "="]


class Baseline(Frozen):
    """Where a target starts: the pace line runs from here (at the end of `year`, else the plan's date)."""

    value: float | int
    year: int | None = Field(default=None, ge=1900, le=2200)
    source: str | None = Field(default=None, description="Where the figure comes from, e.g. 'Báo cáo …'")

    @field_validator("value")
    @classmethod
    def _finite(cls, v: float | int) -> float | int:
        out = _amount(v)
        assert out is not None
        return out


def _baseline(value: Any) -> Any:
    """The old form, a bare number, is a baseline with no year and no source."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {"value": value}
    return value


class Target(Frozen):
    metric: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_]*$")]
    label: Text = Field(description="Vietnamese wording of the target as printed")
    label_en: str | None = None
    op: Comparator
    value: float | int
    unit: Text
    by: Date | None = None
    baseline: Annotated[
        Baseline | None,
        BeforeValidator(_baseline, json_schema_input_type=float | int | Baseline | None),
    ] = Field(
        default=None,
        description="Value at the start (a number, or {value, year, source}); without one there is no pace",
    )
    measure: Literal["cumulative", "annual", "level"] = Field(
        default="level",
        description="How actual values add up: a level (latest wins), cumulative, or per year",
    )
    basis: Literal["commitment", "forecast"] = "commitment"
    text: str | None = None
    notes: list[Text] = _empty()

    @field_validator("value")
    @classmethod
    def _finite(cls, v: float | int) -> float | int:
        out = _amount(v)
        assert out is not None
        return out


class Goal(Target):
    """A plan-level target (a "Mục tiêu" section): it belongs to the plan or a section."""

    id: Text = Field(description="A goal id, same grammar as task ids, e.g. 'I.2.a.3'")
    section: str | None = None
    owner: str | None = Field(default=None, description="The agency answering for it, when the text names one")
    ref: Text


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
    title_en: str | None = None
    ref: Text = Field(description="Where in the source, e.g. 'II.2.a, bullet 2'")
    section: str | None = Field(
        default=None, description="A section id; default: the section named by the id's first segment"
    )
    role_as_printed: str | None = Field(
        default=None, description="The role sub-heading of agency-grouped prose, e.g. 'Phối hợp với'"
    )
    lead: list[Text] = _empty(description="Cơ quan chủ trì (or 'thực hiện')")
    partners: list[Text] = _empty(description="Cơ quan phối hợp")
    schedule: Schedule
    product: str | None = Field(default=None, description="Sản phẩm / Kết quả dự kiến, verbatim")
    funding: str | None = Field(default=None, description="Nguồn kinh phí / Nguồn lực, verbatim")
    targets: list[Target] = _empty()
    succession: list[TaskSuccession] = _empty()
    notes: list[Text] = _empty()


class Section(Frozen):
    """A heading of the document: 'II. NHIỆM VỤ VÀ GIẢI PHÁP', verbatim."""

    id: Text
    parent: str | None = None
    number_as_printed: str | None = None
    title: Text
    title_en: str | None = None


class UnitDecl(Frozen):
    """A counted noun the plan uses ("hợp tác xã"), beyond kehoach's built-in list."""

    name: Text
    kind: Literal["count"]


# --- progress records (report files, or inline in plan.yaml) -------------------------


class Record(Frozen):
    task: Text
    date: Date
    kind: Literal["started", "done", "value", "occurred"] = Field(
        description="occurred: an on-occurrence duty arose that day"
    )
    value: float | int | None = None
    unit: str | None = None
    metric: str | None = Field(default=None, description="Which target of the task a value measures")
    basis: Literal["cumulative", "annual"] | None = None
    year: int | None = Field(default=None, ge=1900, le=2200, description="The year a recurring task's record covers")
    milestone: str | None = None
    evidence: str | None = None
    agency: str | None = Field(default=None, description="Reporting agency; required inline, implied by a report file")
    note: str | None = None
    recorded_on: Date | None = Field(default=None, description="The day `kehoach record` wrote the record")

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
    records: Annotated[list[Record], BeforeValidator(lambda v: [] if v is None else v)] = _empty()


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


class Plan(Frozen, PlanSections["Section"]):
    plan: PlanMeta
    agencies: list[Agency]
    events: list[Event] = _empty()
    successions: list[Succession] = _empty()
    sections: list[Section] = _empty()
    units: list[UnitDecl] = _empty()
    goals: list[Goal] = _empty()
    tasks: list[Task]
    amendments: list[Amendment] = _empty()
    progress: list[Record] = _empty(description="Inline progress records (small plans)")
