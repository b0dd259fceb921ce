"""Words of the formats meant for people (table, markdown, csv) in Vietnamese and English.

Vietnamese is the default. Status names are the four-way classification of Vietnamese
government task monitoring (QĐ 42/2014/QĐ-TTg), plus ongoing, waiting and no deadline. JSON
and the CI formats do not use this module: they print slugs and ISO dates.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from fractions import Fraction
from typing import Literal

from kehoach_cli.textnorm import fold
from kehoach_cli.vocab import Lang

# How a target's comparator is printed, everywhere: ≥ 8,5 triệu tấn/năm.
COMPARATOR_SYMBOLS: dict[str, str] = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}


def year_runs(years: Iterable[int]) -> str:
    """Years as runs: 2019–2021, 2023."""
    parts: list[str] = []
    run: list[int] = []
    for y in sorted(set(years)):
        if run and y != run[-1] + 1:
            parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}")
            run = []
        run.append(y)
    if run:
        parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}")
    return ", ".join(parts)


STATUS: dict[str, tuple[str, str]] = {
    "done_on_time": ("hoàn thành đúng hạn", "done on time"),
    "done_late": ("hoàn thành quá hạn", "done late"),
    "open": ("chưa hoàn thành trong hạn", "open, not yet due"),
    "overdue": ("chưa hoàn thành quá hạn", "overdue"),
    "ongoing": ("thường xuyên", "ongoing"),
    "waiting": ("chờ sự kiện", "waiting for an event"),
    "no_deadline": ("không có thời hạn", "no deadline"),
}

# Column heads of the counts tables when the full names do not fit, explained in a legend.
# One word each, so that a heading never wraps.
STATUS_ABBR: dict[str, tuple[str, str]] = {
    "done_on_time": ("HTĐH", "on-time"),
    "done_late": ("HTQH", "late"),
    "open": ("TH", "open"),
    "overdue": ("QH", "overdue"),
    "ongoing": ("TX", "ongoing"),
    "waiting": ("CSK", "waiting"),
    "no_deadline": ("KTH", "no-date"),
}

# Other names people use for a status, accepted by `--status` besides the slug and the
# names above ("quá hạn", "hoàn thành đúng hạn", with or without accents).
_STATUS_ALSO: dict[str, tuple[str, ...]] = {
    "done_on_time": ("HT đúng hạn", "đúng hạn"),
    "done_late": ("HT quá hạn", "done, late"),
    "open": ("trong hạn", "open"),
    "overdue": ("quá hạn", "chưa hoàn thành quá hạn"),
    "ongoing": ("thường xuyên, liên tục", "liên tục"),
    "waiting": ("waiting",),
    "no_deadline": ("không hạn", "không thời hạn", "không có hạn"),
}


def _status_names() -> dict[str, str]:
    out: dict[str, str] = {}
    for slug in STATUS:
        for name in (slug, slug.replace("_", " "), *STATUS[slug], *STATUS_ABBR[slug], *_STATUS_ALSO[slug]):
            key = fold(name).replace("_", " ").replace("-", " ")
            assert out.setdefault(key, slug) == slug, f"{name!r} names two statuses"
        out.setdefault(fold(slug.replace("_", "-")), slug)
    return out


_STATUS_BY_NAME = _status_names()


def status_names() -> list[str]:
    """Every name `status_slug` accepts, as written (for a "did you mean")."""
    names = list(STATUS)
    for slug in STATUS:
        names += [*STATUS[slug], *STATUS_ABBR[slug], *_STATUS_ALSO[slug]]
    return list(dict.fromkeys(names))


def status_slug(text: str) -> str | None:
    """The status a name means, in either language, with or without accents; None if none."""
    return _STATUS_BY_NAME.get(fold(text).replace("_", " ").replace("-", " "))


_WORDS: dict[str, tuple[str, str]] = {
    # report titles
    "title.status": ("Tình hình thực hiện kế hoạch", "Plan implementation status"),
    "title.overdue": ("Nhiệm vụ chưa hoàn thành quá hạn", "Overdue tasks"),
    "title.upcoming": ("Nhiệm vụ sắp đến hạn", "Tasks falling due"),
    "title.unowned": ("Nhiệm vụ chưa có cơ quan chủ trì", "Tasks without a lead"),
    "title.untimed": ("Nhiệm vụ văn bản không nêu thời hạn", "Tasks the source gives no time"),
    "title.tasks": ("Danh sách nhiệm vụ", "Tasks"),
    "title.agencies": ("Cơ quan thực hiện", "Agencies"),
    "title.targets": ("Chỉ tiêu", "Targets"),
    "title.show": ("Nhiệm vụ", "Task"),
    # report head
    "plan": ("Kế hoạch", "Plan"),
    "unnumbered": ("không số", "unnumbered"),
    "of_date": ("ngày", "of"),
    "as_of": ("Tính đến ngày", "As of"),
    "agency": ("Cơ quan", "Agency"),
    "role.lead": ("chủ trì", "lead"),
    "role.partner": ("phối hợp", "partner"),
    "role.any": ("chủ trì hoặc phối hợp", "lead or partner"),
    "filters": ("Lọc", "Filters"),
    "scorecard_role": (
        "Số nhiệm vụ theo tình trạng: các nhiệm vụ cơ quan {role}",
        "Counts by status: the tasks each agency holds as {role}",
    ),
    "succeeded_by": ("từ {date} do {names} kế thừa", "succeeded by {names} from {date}"),
    "dissolved_on": ("giải thể từ {date}, không có cơ quan kế thừa", "dissolved on {date} with no successor"),
    "succeeded_short": ("→ {names} (từ {date})", "→ {names} (from {date})"),
    "dissolved_short": ("giải thể từ {date}", "dissolved on {date}"),
    "inherited_from": ("kế thừa từ {names}", "inherited from {names}"),
    "via_group": ("qua nhóm {names}", "via group {names}"),
    "in_vietnamese": ("[tiếng Việt]", "[in Vietnamese]"),
    "dissolved": ("đã giải thể", "dissolved"),
    "n_inherited": ("kế thừa {n} nhiệm vụ chủ trì", "inherited {n} lead tasks"),
    "days_left_n": ("còn {days}", "{days} left"),
    "missing_n": ("năm {years}", "missing {years}"),
    # columns
    "col.id": ("Mã", "ID"),
    "col.title": ("Nhiệm vụ", "Task"),
    "col.lead": ("Chủ trì", "Lead"),
    "col.partners": ("Phối hợp", "Partners"),
    "col.due": ("Thời hạn", "Due"),
    "col.status": ("Tình trạng", "Status"),
    "col.days_overdue": ("Quá hạn (ngày)", "Days overdue"),
    "col.days_left": ("Còn (ngày)", "Days left"),
    "col.missing": ("Năm chưa hoàn thành", "Missing years"),
    "col.period": ("Kỳ", "Period"),
    "col.why": ("Vấn đề", "Problem"),
    "col.section": ("Mục", "Section"),
    "col.total": ("Tổng", "Total"),
    "col.on_time_rate": ("Tỷ lệ đúng hạn", "On-time rate"),
    "col.completion_rate": ("Tỷ lệ hoàn thành", "Completion rate"),
    "abbr.on_time_rate": ("%ĐH", "%on-time"),
    "abbr.completion_rate": ("%HT", "%done"),
    "abbr.lead_count": ("CT", "lead"),
    "abbr.partner_count": ("PH", "partner"),
    "col.aliases": ("Tên khác", "Also called"),
    "col.agency_id": ("Mã", "ID"),
    "col.agency": ("Cơ quan", "Agency"),
    "col.lead_count": ("Chủ trì", "Lead"),
    "col.partner_count": ("Phối hợp", "Partner"),
    "col.agency_notes": ("Ghi chú", "Notes"),
    "col.target": ("Chỉ tiêu", "Target"),
    "col.required": ("Yêu cầu", "Required"),
    "col.actual": ("Thực tế", "Actual"),
    "col.attainment": ("Đạt", "Attained"),
    "col.expected": ("Cần đạt đến nay", "Expected by now"),
    "col.on_pace": ("Đúng tiến độ", "On pace"),
    "col.done": ("Hoàn thành", "Done"),
    "col.evidence": ("Minh chứng", "Evidence"),
    "col.date": ("Ngày", "Date"),
    "col.kind": ("Nội dung", "What"),
    "col.reporter": ("Cơ quan báo cáo", "Reported by"),
    "col.note": ("Ghi chú", "Note"),
    # flags and cell words
    "flag.no_lead": ("chưa có cơ quan chủ trì", "no lead"),
    "flag.lead_dissolved": ("cơ quan chủ trì đã giải thể", "lead dissolved"),
    "flag.no_time": ("văn bản không nêu thời hạn", "no time in the source"),
    "no_data": ("chưa có số liệu", "no data"),
    "yes": ("có", "yes"),
    "no": ("không", "no"),
    "in_progress": ("đang thực hiện", "in progress"),
    "nobody": ("(chưa có cơ quan chủ trì)", "(no lead)"),
    "waiting_for": ("chờ: {event}", "waiting for: {event}"),
    "waiting_occurrence": ("chờ phát sinh", "until it arises"),
    "goal": ("mục tiêu", "goal"),
    "milestone": ("mốc {id}", "milestone {id}"),
    "late_by": ("trễ {days}", "{days} late"),
    "more": ("… và {n} nhiệm vụ khác", "… and {n} more"),
    "rates_formula": (
        "Tỷ lệ hoàn thành = (đúng hạn + quá hạn) ÷ (đã hoàn thành + chưa hoàn thành quá hạn); tỷ lệ đúng hạn"
        " = đúng hạn ÷ cùng mẫu số; nhiệm vụ còn trong hạn không tính; cắt (không làm tròn) đến 2 chữ số thập phân.",
        "Completion rate = (on time + late) ÷ (done + overdue); on-time rate = on time ÷ the same base;"
        " tasks not yet due are left out; cut (not rounded) to 2 decimals.",
    ),
    "multiple_leads": (
        "Nhiệm vụ có nhiều cơ quan chủ trì được tính cho mỗi cơ quan.",
        "A task with several leads is counted under each.",
    ),
    "next": ("Xem thêm: kehoach {commands}", "Next: kehoach {commands}"),
    "period_window": ("Kỳ: {text}", "Period: {text}"),
    "window_between": ("từ {start} đến {end}", "from {start} to {end}"),
    "window_from": ("từ {start}", "from {start}"),
    "window_until": ("đến {end}", "until {end}"),
    "record.started": ("bắt đầu thực hiện", "started"),
    "record.done": ("hoàn thành", "done"),
    "record.value": ("số liệu", "value"),
    # sections of reports
    "h.by_section": ("Theo mục", "By section"),
    "h.by_agency": ("Theo cơ quan chủ trì", "By lead agency"),
    "h.targets": ("Chỉ tiêu", "Targets"),
    "h.most_overdue": ("Quá hạn lâu nhất", "Most overdue"),
    "h.most_overdue_n": ("Quá hạn lâu nhất ({n} nhiệm vụ quá hạn)", "Most overdue ({n} overdue)"),
    "h.obligations": ("Thời hạn và tình trạng", "Deadlines and status"),
    "h.history": ("Tiến độ đã báo cáo", "Reported progress"),
    "h.notes": ("Ghi chú", "Notes"),
    # show fields
    "f.ref": ("Vị trí trong văn bản", "Source"),
    "f.full_ref": ("Số thứ tự trong văn bản", "Numbered in the source"),
    "f.section": ("Mục", "Section"),
    "f.role_as_printed": ("Vai trò (như in)", "Role (as printed)"),
    "f.product": ("Sản phẩm", "Product"),
    "f.funding": ("Nguồn kinh phí", "Funding"),
    "f.schedule": ("Thời gian thực hiện", "Schedule"),
    "f.lead_assigned": ("Chủ trì (theo kế hoạch)", "Lead (as assigned)"),
    "f.lead_now": ("Chủ trì (hiện nay)", "Lead (now)"),
    "f.current_due": ("Thời hạn hiện hành", "Current deadline"),
    "f.original_due": ("Thời hạn ban đầu", "Original deadline"),
    "f.vs_original": ("So với thời hạn ban đầu", "Against the original deadline"),
    "f.succession": ("Kế thừa", "Succession"),
    "f.started": ("Bắt đầu", "Started"),
    "sched.deadline": ("hạn {date}", "by {date}"),
    "sched.span": ("từ {start} đến {end}", "from {start} to {end}"),
    "sched.recurring": ("hằng năm, {first}–{last}", "every year, {first}–{last}"),
    "sched.recurring_n": ("{n} năm một lần, {first}–{last}", "every {n} years, {first}–{last}"),
    "sched.unit.year": ("hằng năm", "every year"),
    "sched.unit.half": ("6 tháng một lần", "every half-year"),
    "sched.unit.quarter": ("hằng quý", "every quarter"),
    "sched.unit.month": ("hằng tháng", "every month"),
    "sched.units.year": ("{n} năm một lần", "every {n} years"),
    "sched.units.quarter": ("{n} quý một lần", "every {n} quarters"),
    "sched.units.month": ("{n} tháng một lần", "every {n} months"),
    "sched.periods": ("{every}, {first}–{last}", "{every}, {first}–{last}"),
    "sched.onwards": ("{every}, từ {first} trở đi", "{every}, from {first} on"),
    "sched.ongoing": ("thường xuyên", "ongoing"),
    "sched.ongoing_span": ("thường xuyên, từ {start} đến {end}", "ongoing, from {start} to {end}"),
    "sched.ongoing_from": ("thường xuyên, từ {start}", "ongoing, from {start}"),
    "sched.ongoing_until": ("thường xuyên, đến {end}", "ongoing, until {end}"),
    "sched.occurrence": ("khi có phát sinh", "when it arises"),
    "sched.occurrence_days": ("trong {days} ngày khi có phát sinh", "within {days} days of arising"),
    "sched.relative": ("hạn {date} ({days} ngày kể từ {base})", "by {date} ({days} days from {base})"),
    "sched.from.plan": ("ngày ban hành kế hoạch", "the plan's date"),
    "sched.from.received": ("ngày nhận kế hoạch", "receipt of the plan"),
    "sched.several": ("{n} phần: {parts}", "{n} parts: {parts}"),
    "sched.event": ("sau sự kiện: {event}", "after the event: {event}"),
    "sched.event_days": ("{days} ngày sau sự kiện: {event}", "{days} days after the event: {event}"),
    "sched.milestones": ("{n} mốc", "{n} milestones"),
    "sched.none": ("không có thời hạn", "no deadline"),
    # empty lists
    "empty.overdue": ("Không có nhiệm vụ quá hạn.", "No overdue tasks."),
    "empty.upcoming": ("Không có nhiệm vụ đến hạn trong khoảng này.", "Nothing falls due in this window."),
    "empty.unowned": ("Mọi nhiệm vụ đều có cơ quan chủ trì.", "Every task has a lead."),
    "empty.untimed": ("Mọi nhiệm vụ đều có thời gian thực hiện.", "Every task has a time."),
    "empty.tasks": ("Không có nhiệm vụ nào phù hợp.", "No task matches."),
    "empty.targets": ("Không có chỉ tiêu.", "No targets."),
    "empty.agencies": ("Không có cơ quan.", "No agencies."),
    "empty.history": ("Chưa có báo cáo tiến độ.", "No progress reported yet."),
}


def word(key: str, lang: Lang, **values: object) -> str:
    vi, en = _WORDS[key]
    text = vi if lang == "vi" else en
    return text.format(**values) if values else text


def integer(n: int, lang: Lang) -> str:
    """2.528 in Vietnamese, 2,528 in English."""
    text = f"{n:,}"
    return text.replace(",", ".") if lang == "vi" else text


def days(n: int, lang: Lang) -> str:
    if lang == "vi":
        return f"{integer(n, lang)} ngày"
    return f"{integer(n, lang)} day" if n == 1 else f"{integer(n, lang)} days"


def count(n: int, noun: Literal["tasks", "items"], lang: Lang) -> str:
    """ "12 nhiệm vụ", "1 task", "3 items"."""
    if lang == "vi":
        return f"{integer(n, lang)} {'nhiệm vụ' if noun == 'tasks' else 'mục'}"
    return f"{integer(n, lang)} {noun if n != 1 else noun[:-1]}"


def status_name(slug: str, lang: Lang) -> str:
    vi, en = STATUS[slug]
    return vi if lang == "vi" else en


def status_abbr(slug: str, lang: Lang) -> str:
    vi, en = STATUS_ABBR[slug]
    return vi if lang == "vi" else en


def heading(text: str) -> str:
    """A status name as a column heading: its first letter capitalised."""
    return text[:1].upper() + text[1:]


def date(d: dt.date | None, lang: Lang) -> str:
    """31/12/2020 in Vietnamese, 2020-12-31 in English; an em dash for none."""
    if d is None:
        return "—"
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if lang == "vi" else d.isoformat()


def number(x: float | None, lang: Lang) -> str:
    """4.108 and 8,5 in Vietnamese; 4,108 and 8.5 in English; at most 2 decimals.
    None, NaN and infinity print as a dash: no number to show."""
    if x is None or not math.isfinite(x):
        return "—"
    text = f"{x:,.2f}".rstrip("0").rstrip(".")
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def percent(x: float | None, lang: Lang) -> str:
    if x is None or not math.isfinite(x * 100):
        return "—"
    text = f"{x * 100:.0f}%" if abs(x * 100 - round(x * 100)) < 0.05 else f"{x * 100:.1f}%"
    return text.replace(".", ",") if lang == "vi" else text


def rate(x: Fraction | float | None, lang: Lang) -> str:
    """A completion or on-time rate as the Government Office prints it: cut (never rounded up)
    to two decimals, 98,6297% → 98,62%. Exact for a Fraction; a float is first rounded to
    the 6 decimals JSON carries."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "—"
    hundredths = math.floor(x * 10_000) if isinstance(x, Fraction) else math.floor(round(x * 10_000, 2))
    text = f"{hundredths // 100}.{hundredths % 100:02d}%"
    return text.replace(".", ",") if lang == "vi" else text


# --- CSV: a heading for every field, and the words for its coded values ----------------------

# Keyed by field; "<report>.<field>" where a report uses the name for something else
# (an agency's `lead` is a count, a task's `lead` its names).
_FIELDS: dict[str, tuple[str, str]] = {
    "id": ("Mã", "ID"),
    "section": ("Mục", "Section"),
    "full_ref": ("Số hiệu trong văn bản", "Reference in the document"),
    "title": ("Nhiệm vụ", "Task"),
    "title_en": ("Nhiệm vụ (tiếng Anh)", "Task (English)"),
    "lead": ("Chủ trì", "Lead"),
    "lead_assigned": ("Chủ trì theo kế hoạch", "Lead as assigned"),
    "inherited_from": ("Kế thừa từ", "Inherited from"),
    "via_group": ("Qua nhóm", "Through the group"),
    "partners": ("Phối hợp", "Partners"),
    "due": ("Thời hạn", "Due"),
    "period": ("Kỳ", "Period"),
    "milestone": ("Mốc", "Milestone"),
    "status": ("Tình trạng", "Status"),
    "days_overdue": ("Quá hạn (ngày)", "Days overdue"),
    "days_left": ("Còn (ngày)", "Days left"),
    "done": ("Ngày hoàn thành", "Done on"),
    "days_late": ("Trễ (ngày)", "Days late"),
    "in_progress": ("Đang thực hiện", "In progress"),
    "missing_periods": ("Kỳ chưa hoàn thành", "Missing periods"),
    "original_due": ("Thời hạn ban đầu", "Original deadline"),
    "flags": ("Vấn đề", "Problems"),
    "name": ("Cơ quan", "Agency"),
    "name_en": ("Cơ quan (tiếng Anh)", "Agency (English)"),
    "aliases": ("Tên khác", "Also called"),
    "agencies.lead": ("Số nhiệm vụ chủ trì", "Lead tasks"),
    "agencies.lead_inherited": ("Trong đó kế thừa", "Of which inherited"),
    "agencies.lead_assigned": ("Chủ trì theo kế hoạch", "Lead as assigned"),
    "agencies.partner": ("Số nhiệm vụ phối hợp", "Partner tasks"),
    "done_on_time": (STATUS["done_on_time"][0], STATUS["done_on_time"][1]),
    "done_late": (STATUS["done_late"][0], STATUS["done_late"][1]),
    "open": (STATUS["open"][0], STATUS["open"][1]),
    "overdue": (STATUS["overdue"][0], STATUS["overdue"][1]),
    "ongoing": (STATUS["ongoing"][0], STATUS["ongoing"][1]),
    "waiting": (STATUS["waiting"][0], STATUS["waiting"][1]),
    "no_deadline": (STATUS["no_deadline"][0], STATUS["no_deadline"][1]),
    "total": ("Tổng", "Total"),
    "completion_rate": ("Tỷ lệ hoàn thành", "Completion rate"),
    "on_time_rate": ("Tỷ lệ đúng hạn", "On-time rate"),
    "successors": ("Cơ quan kế thừa", "Successors"),
    "succeeded_on": ("Ngày kế thừa", "Succeeded on"),
    "dissolved": ("Đã giải thể", "Dissolved"),
    "group": ("Nhóm", "Group"),
    "status.title": ("Tên mục", "Section heading"),
    "key": ("Tên", "Name"),
    "goal": ("Mục tiêu của kế hoạch", "Plan goal"),
    "metric": ("Mã chỉ tiêu", "Metric"),
    "label": ("Chỉ tiêu", "Target"),
    "label_en": ("Chỉ tiêu (tiếng Anh)", "Target (English)"),
    "op": ("So sánh", "Comparison"),
    "value": ("Giá trị yêu cầu", "Required value"),
    "unit": ("Đơn vị", "Unit"),
    "measure": ("Cách tính", "Measured as"),
    "basis": ("Loại chỉ tiêu", "Kind"),
    "baseline": ("Giá trị gốc", "Baseline"),
    "baseline_year": ("Năm gốc", "Baseline year"),
    "actual": ("Thực tế", "Actual"),
    "actual_date": ("Ngày số liệu", "Actual as of"),
    "attainment": ("Đạt", "Attained"),
    "met": ("Đã đạt", "Met"),
    "expected": ("Cần đạt đến nay", "Expected by now"),
    "on_pace": ("Đúng tiến độ", "On pace"),
    "no_data": ("Chưa có số liệu", "No data"),
}

# Coded values shown to people: (field, value) → words.
_VALUES: dict[tuple[str, str], tuple[str, str]] = {
    ("group", "all"): ("toàn bộ", "all"),
    ("group", "section"): ("mục", "section"),
    ("group", "agency"): ("cơ quan", "agency"),
    ("measure", "cumulative"): ("lũy kế", "cumulative"),
    ("measure", "annual"): ("hằng năm", "annual"),
    ("measure", "level"): ("mức đạt được", "level"),
    ("basis", "commitment"): ("cam kết", "commitment"),
    ("basis", "forecast"): ("dự báo", "forecast"),
}


def field(name: str, lang: Lang, report: str = "") -> str:
    """A CSV column heading: the field's name in words."""
    vi, en = _FIELDS.get(f"{report}.{name}") or _FIELDS[name]
    return vi if lang == "vi" else en


def coded(name: str, value: str, lang: Lang) -> str:
    """A coded value in words (status slugs, flags, groups, kinds); unknown codes as they are."""
    if name == "status" and value in STATUS:
        return status_name(value, lang)
    if name == "flags" and f"flag.{value}" in _WORDS:
        return word(f"flag.{value}", lang)
    if name == "op" and value in COMPARATOR_SYMBOLS:
        return COMPARATOR_SYMBOLS[value]
    pair = _VALUES.get((name, value))
    if pair is None:
        return value
    return pair[0] if lang == "vi" else pair[1]
