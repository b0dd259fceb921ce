"""Vietnamese time expressions → plan-v2 schedules.

One small grammar, matched case-insensitively on NFC text. ``Y`` is a four-digit year,
``D``/``M`` a day/month, ``N`` a number, ``R`` a roman numeral I–IV; "hằng" and "hàng"
are the same word in new and old spelling, "–" and "-" the same dash::

    schedule   := part (joiner part)*          two or more parts → kind several
    joiner     := "và" | "hoặc" | "," | ";" | "."
    part       := relative | occurrence | event | periodic | recurring | ongoing
                | span | deadline
    relative   := "trong (thời hạn|vòng)" N "ngày" "kể từ ngày" ("nhận"|…) …
                                                  → days N, from received (or plan)
    occurrence := "khi có (phát sinh|yêu cầu)" | "khi phát sinh" | "đột xuất" | "(nếu có)"
    event      := ("ngay sau khi" | "sau khi" | "theo (thời gian|tiến độ) [thực hiện]") EVENT
                                                  → event EVENT ("ngay": offset 0)
    periodic   := label "(" due ")"             label: hàng tháng | 6 tháng | quý | năm
    recurring  := ["định kỳ"] "hằng" (năm|quý|tháng) [due] | due "hằng năm"
                | "định kỳ" N "tháng" (N = 6: half, 3: quarter, 1: month)
                | "định kỳ" N "năm" ["," N "năm"]   | "từ năm" Y "trở đi"
    due        := ["trước"] "ngày" D [("/" | "tháng") M] ["của tháng cuối quý"]
    ongoing    := ["từ năm" Y "và" …] "thường xuyên" [", liên tục"] | "xuyên suốt" Y "-" Y
                | "từ năm" Y                     (no end given) → start 1/1 of Y
    span       := ["từ"] ["năm"] Y ("-" | "đến" ["hết"] ["năm"]) Y | "giai đoạn" Y "-" Y
                | "năm" Y ("," | "và") Y
    deadline   := "trước năm" Y                 → 31/12 of Y − 1
                | ["trước"] "ngày" D "/" M "/" Y | "ngày" D "tháng" M "năm" Y
                | "quý" R ("/" | "năm") Y       → last day of the quarter
                | "tháng" M ("/" | "năm") Y     → last day of the month
                | "6 tháng đầu năm" Y           → 30/6
                | ["đến" ["hết"]] "năm" Y | Y   → 31/12

Whatever matches no production is kept as text with kind ``none`` and a review note:
a date is never guessed. "từ 06 tháng đến 36 tháng tuổi" (an age) matches nothing.
Dates inside citations ("Quyết định số 338/QĐ-TTg ngày 03 tháng 4 năm 2023") are masked
before a sentence is searched (`find_in_sentence`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kehoach_cli.messages import Msg, msg

Schedule = dict[str, Any]

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YY = r"(?:19|20|21)\d\d"
_Y = f"({_YY})"
_DASH = r"\s*[-–—]\s*"
_HANG = r"(?:hằng|hàng)"


@dataclass
class Reading:
    """A parsed schedule and why a reviewer should look at it (empty when certain)."""

    schedule: Schedule
    reviews: list[Msg] = field(default_factory=list)
    events: list[tuple[str, str]] = field(default_factory=list)  # (id, name as printed)

    @property
    def kind(self) -> str:
        return str(self.schedule["kind"])


@dataclass
class _Part:
    start: int
    end: int
    schedule: Schedule
    reviews: list[Msg] = field(default_factory=list)
    events: list[tuple[str, str]] = field(default_factory=list)
    label: str | None = None


def _end_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _due(day: str | None, month: str | None) -> dict[str, int]:
    out: dict[str, int] = {}
    if month:
        out["due_month"] = int(month)
    if day:
        out["due_day"] = int(day)
    return out


def _valid_due(due: dict[str, int], unit: str) -> bool:
    limit = {"year": 12, "half": 6, "quarter": 3, "month": 1}[unit]
    month = due.get("due_month", 1)
    return 1 <= month <= limit and 1 <= due.get("due_day", 1) <= 31


# --- productions ------------------------------------------------------------------------
# Each is (regex, builder); the builder gets the match and returns a _Part or None.
# They are tried in this order, and text a production consumed is masked for the rest.

Builder = Callable[[re.Match[str]], "_Part | None"]


def _relative(m: re.Match[str]) -> _Part:
    days = int(m.group(1))
    anchor = m.group(2)
    sched: Schedule = {"kind": "relative", "days": days}
    reviews: list[Msg] = []
    if "nhận" in anchor:
        sched["from"] = "received"
    else:
        sched["from"] = "plan"
        reviews.append(msg("counted from the plan's date: the text says 'kể từ ngày {anchor}'", anchor=anchor))
    return _Part(m.start(), m.end(), sched, reviews)


def _occurrence(m: re.Match[str]) -> _Part:
    return _Part(m.start(), m.end(), {"kind": "occurrence"})


def _event(m: re.Match[str]) -> _Part | None:
    name = re.sub(r"^(?:có|được)\s+", "", (m.group("name") or m.group("name2") or "").strip(" ,.;:)"))
    if not name:
        return None
    sched: Schedule = {"kind": "event", "event": slug(name), "offset_days": 0 if m.group("now") else None}
    reviews = [msg("event '{name}': add its date to `events:` once it is known", name=name)]
    return _Part(m.start(), m.end(), sched, reviews, [(slug(name), name)])


_PERIOD_LABELS = {
    "tháng": ("month", "hàng tháng"),
    "6 tháng": ("year", "6 tháng"),
    "06 tháng": ("year", "6 tháng"),
    "quý": ("quarter", "quý"),
    "năm": ("year", "năm"),
}


def _periodic(m: re.Match[str]) -> _Part | None:
    label = re.sub(r"\s+", " ", m.group("label").lower())
    label = re.sub(rf"^(?:định kỳ\s+)?(?:{_HANG}\s+|tổng kết\s+|báo cáo\s+)?", "", label)
    unit, printed = _PERIOD_LABELS.get(label, (None, label))
    if unit is None:
        return None
    due = _due(m.group("day"), m.group("month"))
    if m.group("lastq"):
        due["due_month"] = 3
    if unit == "month":
        due.pop("due_month", None)
    if printed == "6 tháng" and "due_month" not in due:
        due["due_month"] = 6
    if not _valid_due(due, unit):
        return None
    sched: Schedule = {"kind": "recurring", **due} if unit == "year" else {"kind": "recurring", "unit": unit, **due}
    return _Part(m.start(), m.end(), sched, label=printed)


def _recurring(m: re.Match[str]) -> _Part | None:
    word = m.group("unit").lower()
    unit = {"năm": "year", "quý": "quarter", "tháng": "month"}[word]
    due = _due(m.group("day"), m.group("month"))
    if unit == "month":
        due.pop("due_month", None)
    if m.group("lastq"):
        due["due_month"] = 3
    if not _valid_due(due, unit):
        return None
    sched: Schedule = {"kind": "recurring", "unit": unit, **due} if unit != "year" else {"kind": "recurring", **due}
    return _Part(m.start(), m.end(), sched)


def _due_then_yearly(m: re.Match[str]) -> _Part | None:
    due = _due(m.group("day"), m.group("month"))
    if not _valid_due(due, "year"):
        return None
    return _Part(m.start(), m.end(), {"kind": "recurring", **due})


def _every_n_months(m: re.Match[str]) -> _Part | None:
    n = int(m.group(1))
    unit = {1: "month", 3: "quarter", 6: "half", 12: "year"}.get(n)
    if unit is None:
        return None
    return _Part(m.start(), m.end(), {"kind": "recurring", "unit": unit} if unit != "year" else {"kind": "recurring"})


def _every_n_years(m: re.Match[str]) -> _Part:
    sched: Schedule = {"kind": "recurring", "every": int(m.group(1))}
    part = _Part(m.start(), m.end(), sched)
    if m.group(2):
        part.reviews.append(msg("also every {n} years: a second cadence in the same phrase", n=int(m.group(2))))
    return part


def _from_year_on(m: re.Match[str]) -> _Part:
    start = dt.date(int(m.group(1)), 1, 1)
    return _Part(m.start(), m.end(), {"kind": "recurring", "start": start})


def _ongoing(m: re.Match[str]) -> _Part:
    sched: Schedule = {"kind": "ongoing"}
    if m.group("from"):
        sched["start"] = dt.date(int(m.group("from")), 1, 1)
    return _Part(m.start(), m.end(), sched)


def _throughout(m: re.Match[str]) -> _Part | None:
    a, b = int(m.group(1)), int(m.group(2))
    if b < a:
        return None
    return _Part(m.start(), m.end(), {"kind": "ongoing", "start": dt.date(a, 1, 1), "end": dt.date(b, 12, 31)})


def _span(m: re.Match[str]) -> _Part | None:
    a = int(m.group("a") or m.group("a2") or m.group("a3"))
    b = int(m.group("b") or m.group("b2") or m.group("b3"))
    if b <= a:
        return None
    return _Part(m.start(), m.end(), {"kind": "span", "start": dt.date(a, 1, 1), "end": dt.date(b, 12, 31)})


def _before_year(m: re.Match[str]) -> _Part:
    year = int(m.group(1))
    return _Part(m.start(), m.end(), {"kind": "deadline", "by": dt.date(year - 1, 12, 31)})


def _full_date(m: re.Match[str]) -> _Part | None:
    day = _date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if day is None:
        return None
    return _Part(m.start(), m.end(), {"kind": "deadline", "by": day})


def _quarter(m: re.Match[str]) -> _Part | None:
    q = _ROMAN.get(m.group(1).lower()) or (int(m.group(1)) if m.group(1).isdigit() else None)
    if q is None or not 1 <= q <= 4:
        return None
    return _Part(m.start(), m.end(), {"kind": "deadline", "by": _end_of_month(int(m.group(2)), 3 * q)})


def _month(m: re.Match[str]) -> _Part | None:
    month = int(m.group(1))
    if not 1 <= month <= 12:
        return None
    return _Part(m.start(), m.end(), {"kind": "deadline", "by": _end_of_month(int(m.group(2)), month)})


def _first_half(m: re.Match[str]) -> _Part:
    return _Part(m.start(), m.end(), {"kind": "deadline", "by": dt.date(int(m.group(1)), 6, 30)})


def _year(m: re.Match[str]) -> _Part:
    return _Part(m.start(), m.end(), {"kind": "deadline", "by": dt.date(int(m.group(1)), 12, 31)})


_DUE = (
    r"(?:trước|chậm nhất(?:\s+là)?|trong)?\s*ngày\s+(?P<day>\d{1,2})"
    r"(?:\s*(?:/|tháng)\s*(?P<month>\d{1,2}))?(?!\s*(?:/|năm)\s*\d)"
    r"(?P<lastq>\s+của\s+tháng\s+cuối\s+quý)?"
    rf"(?:\s+{_HANG}\s+(?:năm|tháng|quý))?"
)

_PRODUCTIONS: tuple[tuple[re.Pattern[str], Builder], ...] = (
    (
        re.compile(
            r"trong\s+(?:thời\s+hạn|vòng)\s+(\d{1,3})\s+ngày(?:\s+làm\s+việc)?\s*,?\s+kể\s+từ\s+ngày\s+(\S+)", re.I
        ),
        _relative,
    ),
    (
        re.compile(
            r"khi\s+có\s+phát\s+sinh|khi\s+phát\s+sinh|khi\s+có\s+yêu\s+cầu|đột\s+xuất|\(\s*nếu\s+có\s*\)", re.I
        ),
        _occurrence,
    ),
    (
        re.compile(
            r"(?P<now>ngay\s+)?sau\s+khi\s+(?P<name>[^,;.()]{3,80})"
            r"|theo\s+(?:thời\s+gian|tiến\s+độ)(?:\s+thực\s+hiện)?\s+(?P<name2>[^,;.()]{3,80})",
            re.I,
        ),
        _event,
    ),
    (
        re.compile(
            rf"(?P<label>(?:định\s+kỳ\s+)?(?:{_HANG}\s+tháng|0?6\s+tháng|(?:báo\s+cáo\s+)?quý|(?:{_HANG}\s+|tổng\s+kết\s+)?năm))"
            rf"\s*(?P<paren>\()?\s*{_DUE}\s*(?(paren)\))",
            re.I,
        ),
        _periodic,
    ),
    (re.compile(rf"{_DUE}\s+{_HANG}\s+năm", re.I), _due_then_yearly),
    (
        re.compile(
            rf"(?:định\s+kỳ\s+)?{_HANG}\s+(?P<unit>năm|quý|tháng)(?:\s*[,(]?\s*{_DUE}\s*\)?)?",
            re.I,
        ),
        _recurring,
    ),
    (re.compile(r"định\s+kỳ\s+0?(\d{1,2})\s+tháng(?!\s+tuổi)", re.I), _every_n_months),
    (re.compile(r"định\s+kỳ\s+0?(\d{1,2})\s+năm(?:\s*,\s*0?(\d{1,2})\s+năm)?", re.I), _every_n_years),
    (re.compile(rf"từ\s+năm\s+{_Y}\s+trở\s+đi", re.I), _from_year_on),
    (re.compile(rf"xuyên\s+suốt(?:\s+giai\s+đoạn)?\s+(?:năm\s+)?{_Y}{_DASH}{_Y}", re.I), _throughout),
    (
        re.compile(
            rf"(?:(?:từ|kể\s+từ)\s+năm\s+(?P<from>{_YY})\s+(?:và\s+)?(?:[^,;.]{{0,40}}?\s)?)?"
            r"thường\s+xuyên(?:\s*,?\s*liên\s+tục)?",
            re.I,
        ),
        _ongoing,
    ),
    (
        re.compile(
            rf"(?:giai\s+đoạn\s+(?:năm\s+)?(?P<a>{_YY}){_DASH}(?:năm\s+)?(?P<b>{_YY}))"
            rf"|(?:(?:từ\s+)?(?:năm\s+)?(?P<a2>{_YY})(?:{_DASH}|\s+đến\s+(?:hết\s+)?(?:năm\s+)?)(?P<b2>{_YY}))"
            rf"|(?:năm\s+(?P<a3>{_YY})\s*(?:,|và)\s*(?P<b3>{_YY}))",
            re.I,
        ),
        _span,
    ),
    (re.compile(rf"(?:kể\s+)?từ\s+năm\s+(?P<from>{_YY})(?!\s*(?:[-–—]|đến|trở))", re.I), _ongoing),
    (re.compile(rf"trước\s+năm\s+{_Y}", re.I), _before_year),
    (
        re.compile(
            r"ngày\s+(?P<d>\d{1,2})\s*(?:/|-|\s+tháng\s+)\s*(?P<m>\d{1,2})\s*(?:/|-|\s+năm\s+)\s*(?P<y>(?:19|20|21)\d\d)",
            re.I,
        ),
        _full_date,
    ),
    (re.compile(rf"quý\s+(I{{1,3}}|IV|[1-4])\s*(?:/|năm|-)\s*{_Y}", re.I), _quarter),
    (re.compile(rf"tháng\s+(\d{{1,2}})\s*(?:/|năm|-)\s*{_Y}", re.I), _month),
    (re.compile(rf"0?6\s+tháng\s+đầu\s+năm\s+{_Y}", re.I), _first_half),
    (re.compile(rf"(?<![\d/.,])\b{_Y}\b(?![\d/.,]\d)", re.I), _year),
)


def slug(text: str) -> str:
    """An ASCII id from Vietnamese text ("quy hoạch tỉnh" → "quy-hoach-tinh")."""
    from ..textnorm import fold

    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:60] or "event"


def _parts(text: str) -> list[_Part]:
    work = text
    parts: list[_Part] = []
    for pattern, build in _PRODUCTIONS:
        for m in pattern.finditer(work):
            part = build(m)
            if part is None:
                continue
            parts.append(part)
            work = work[: m.start()] + " " * (m.end() - m.start()) + work[m.end() :]
    parts.sort(key=lambda p: p.start)
    return parts


def parse(text: str | None) -> Reading:
    """The schedule a time phrase (the text of a "Thời gian thực hiện:" line) says."""
    if text is None or not text.strip():
        return Reading({"kind": "none"})
    printed = _clean(text)
    parts = _parts(printed)
    if not parts:
        return Reading(
            {"kind": "none", "text": printed},
            [msg("no time expression (or no valid date) understood in '{text}'", text=printed)],
        )
    reviews = [r for p in parts for r in p.reviews]
    events = [e for p in parts for e in p.events]
    leftover = _leftover(printed, parts)
    if leftover:
        reviews.append(msg("part of the wording is not encoded: '{text}'", text=leftover))
    parts = _combined(parts)
    if len(parts) == 1:
        sched = {**parts[0].schedule, "text": printed}
        return Reading(_ordered(sched), reviews, events)
    several = [_ordered({"label": p.label, **p.schedule} if p.label else dict(p.schedule)) for p in parts]
    return Reading({"kind": "several", "parts": several, "text": printed}, reviews, events)


def _combined(parts: list[_Part]) -> list[_Part]:
    """Drop repeats, and "thường xuyên" beside a cadence: "thường xuyên, hàng năm" is yearly."""
    out: list[_Part] = []
    for p in parts:
        if all(p.schedule != q.schedule or p.label != q.label for q in out):
            out.append(p)
    if any(p.schedule["kind"] == "recurring" for p in out):
        out = [p for p in out if p.schedule != {"kind": "ongoing"}]
    return out


# Words that carry no time of their own: what is left after them is reported.
_FILLER = re.compile(
    r"\b(?:thời\s+gian|thực\s+hiện|hoàn\s+thành|ban\s+hành|triển\s+khai|trình|xây\s+dựng|trong|từ|đến|hết|"
    r"và|hoặc|hàng|hằng|định\s+kỳ|năm|liên\s+tục|vận\s+hành|nâng\s+cấp|các\s+hoạt\s+động|"
    r"báo\s+cáo|tổng\s+kết|kiểm\s+tra|đánh\s+giá|thí\s+điểm|giai\s+đoạn|có|trước|cuối|đầu|sớm|kể|"
    r"thủ\s+tướng\s+chính\s+phủ|cơ\s+quan|kế\s+hoạch|ngày|tháng|quý)\b",
    re.I,
)


def _leftover(text: str, parts: list[_Part]) -> str:
    rest = text
    for p in sorted(parts, key=lambda p: -p.start):
        rest = rest[: p.start] + " " + rest[p.end :]
    rest = _FILLER.sub(" ", rest)
    rest = re.sub(r"[\s,.;:()\-–+/]+", " ", rest).strip()
    return rest if len(rest) >= 4 else ""


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text.rstrip(" .;,")


_KEY_ORDER = (
    "label",
    "kind",
    "by",
    "start",
    "end",
    "every",
    "unit",
    "first_year",
    "last_year",
    "due_month",
    "due_day",
    "days",
    "from",
    "event",
    "offset_days",
    "within_days",
    "milestones",
    "parts",
    "text",
)


def _ordered(sched: Schedule) -> Schedule:
    return {k: sched[k] for k in _KEY_ORDER if k in sched}


def due_date(sched: Schedule) -> dt.date | None:
    """The date a one-off schedule falls due (deadline, span end, last milestone)."""
    kind = sched.get("kind")
    if kind == "deadline":
        return sched.get("by")
    if kind == "span":
        return sched.get("end")
    if kind == "milestones":
        dates = [m["by"] for m in sched.get("milestones", []) if m.get("by")]
        return max(dates) if dates else None
    return None


# --- time inside a sentence ---------------------------------------------------------------

_CITATION = re.compile(
    r"(?:Nghị\s+quyết|Quyết\s+định|Kế\s+hoạch|Chương\s+trình|Đề\s+án|Chỉ\s+thị|Luật|Nghị\s+định|Thông\s+tư|"
    r"Kết\s+luận|Công\s+văn|Chiến\s+lược|Quy\s+hoạch|Dự\s+án|Tiểu\s+dự\s+án)\b[^;:]{0,160}?"
    r"(?:ngày\s+\d{1,2}\s*(?:/\s*\d{1,2}\s*/\s*\d{4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4})|năm\s+\d{4}|"
    r"giai\s+đoạn\s+\d{4}\s*[-–]\s*\d{4}|đến\s+năm\s+\d{4})"
    r"|tầm\s+nhìn\s+(?:đến\s+)?năm\s+\d{4}"
    r"|“[^”]*”|\"[^\"]*\"|\d+/\d{4}/[A-ZĐ][\w-]*|số\s+\d+/[\w/-]+",
)

# Forms strong enough to be read out of a task's sentence: a parenthesis that is a
# time phrase, a sentence-initial adverbial, an explicit completion phrase, or a
# sentence that ends "… trước năm 2030.".
_IN_SENTENCE = (
    re.compile(r"\((?P<t>(?:thực\s+hiện|định\s+kỳ|hằng|hàng|thường\s+xuyên)[^()]{0,80})\)", re.I),
    re.compile(
        rf"(?:^|(?<=[.;]\s))(?P<t>(?:định\s+kỳ\s+)?{_HANG}\s+năm(?:\s*,?\s*{_DUE})?|thường\s+xuyên|định\s+kỳ\s+\d+\s+năm(?:\s*,\s*\d+\s+năm)?)\b",
        re.I,
    ),
    re.compile(r"(?P<t>định\s+kỳ\s+(?:[^.;()]*?\([^()]*\)\s*,?\s*)+(?:(?:hoặc|và)\s+khi\s+có\s+yêu\s+cầu)?)", re.I),
    re.compile(
        r"(?P<t>trong\s+(?:thời\s+hạn|vòng)\s+\d{1,3}\s+ngày(?:\s+làm\s+việc)?\s*,?\s+kể\s+từ\s+ngày\s+\S+(?:\s+\S+){0,4})",
        re.I,
    ),
    re.compile(rf"(?P<t>định\s+kỳ\s+{_HANG}\s+(?:năm|quý|tháng)(?:\s*\([^()]{{0,60}}\))?)", re.I),
    re.compile(
        rf"(?P<t>(?:hoàn\s+thành|ban\s+hành)\s+(?:trong|trước|vào\s+cuối)\s+(?:năm|quý\s+\S+\s+(?:năm\s+)?)\s*{_Y}(?:\s+và\s+tổng\s+kết\s+vào\s+cuối\s+năm\s+{_Y})?)",
        re.I,
    ),
    re.compile(rf"(?P<t>trước\s+năm\s+{_Y})\s*[.;]?\s*$", re.I),
    re.compile(r"(?P<t>(?:thực\s+hiện|một\s+cách)\s+thường\s+xuyên(?:\s*,\s*(?:liên\s+tục|định\s+kỳ[^.;]*))?)", re.I),
)


def mask_citations(text: str) -> str:
    """`text` with the dates and numbers of cited documents blanked (same length)."""
    return _CITATION.sub(lambda m: " " * len(m.group(0)), text)


def find_in_sentence(sentence: str) -> tuple[str, Reading] | None:
    """A schedule stated inside a task's own sentence, with the words it came from."""
    masked = mask_citations(sentence)
    for pattern in _IN_SENTENCE:
        m = pattern.search(masked)
        if m:
            phrase = sentence[m.start("t") : m.end("t")].strip()
            reading = parse(phrase)
            if reading.kind != "none":
                reading.reviews.insert(0, msg("time read from the task's sentence"))
                return phrase, reading
    return None
