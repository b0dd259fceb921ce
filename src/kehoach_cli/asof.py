"""The as-of date and report windows: `--as-of`, `--within`, `--period`, `--from`/`--to`,
and "today" in Việt Nam.

Dates are never guessed: ISO ``2026-11-27`` or Vietnamese day-first ``27/11/2026`` are
accepted and anything else is a usage error with an example. (dateutil's parser would
read ``10/6/2019`` as 6 October and fill a missing day from today.) Periods are as exact:
a year ``2026``, a quarter ``2026q1``, a half-year ``2026h2`` or a month ``2026-06``
(the labels recurring periods carry, ``2026-Q1`` and ``2026-H2``, are the same); a window
counted from the as-of date is a number and a unit, ``90d``, ``12w``, ``3m``, ``2q``, ``1h``, ``1y``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from kehoach_cli.errors import UsageProblem
from kehoach_cli.messages import msg

TIMEZONE = "Asia/Ho_Chi_Minh"
_VN_OFFSET = dt.timezone(dt.timedelta(hours=7), "UTC+07:00")

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_VN = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_WINDOW = re.compile(r"^(\d{1,4})\s*([dwmqhy])$")
_MONTHS_IN = {"m": 1, "q": 3, "h": 6, "y": 12}
_PERIOD = re.compile(r"^(\d{4})(?:-?([qh])(\d)|-(\d{2}))?$")

# The years a plan's dates may fall in (model.Date); an as-of date outside them is a typo.
FIRST_YEAR, LAST_YEAR = 1900, 2200


def vietnam_tz() -> dt.tzinfo:
    """Asia/Ho_Chi_Minh, or a fixed UTC+7 when the tz database is missing (it has had no DST since 1975)."""
    try:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
    except ImportError:  # pragma: no cover - Python without zoneinfo
        return _VN_OFFSET
    try:
        return ZoneInfo(TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return _VN_OFFSET


def today(now: dt.datetime | None = None) -> dt.date:
    """The date in Việt Nam at `now` (default: the current instant)."""
    now = now or dt.datetime.now(dt.UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.UTC)
    return now.astimezone(vietnam_tz()).date()


def parse_date(text: str, field: str = "as_of") -> dt.date:
    """ISO ``YYYY-MM-DD`` or day-first ``DD/MM/YYYY``; anything else is a UsageProblem."""
    value = text.strip()
    iso = _ISO.match(value)
    vn = _VN.match(value)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif vn:
        d, m, y = vn.groups()
        year, month, day = int(y), int(m), int(d)
    else:
        raise UsageProblem(
            msg("is not a date: write 2026-11-27 (ISO) or 27/11/2026 (day first, Vietnamese)"), field, text
        )
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise UsageProblem(msg("is not a day of the calendar"), field, text) from None


def as_of(text: str | None, now: dt.datetime | None = None) -> dt.date:
    """`--as-of` if given (years 1900–2200, as the plan's own dates), else today in Asia/Ho_Chi_Minh."""
    if text is None:
        return today(now)
    return _in_range(parse_date(text), "as_of", text)


def window_end(start: dt.date, text: str) -> dt.date:
    """The last day of `--within` counted from `start`: 90d, 12w, 3m, 2q, 1h or 1y
    (days, weeks, months, quarters, half-years, years).

    A window reaching past 9999-12-31, the last day the calendar here can count, is a
    UsageProblem rather than an overflow.
    """
    from dateutil.relativedelta import relativedelta

    match = _WINDOW.match(text.strip().lower())
    if not match:
        raise UsageProblem(
            msg(
                "is not a window: write a number and a unit, e.g. 90d, 12w, 3m, 2q, 1h or 1y"
                " (days, weeks, months, quarters, half-years, years)"
            ),
            "within",
            text,
        )
    n, unit = int(match.group(1)), match.group(2)
    try:
        if unit == "d":
            return start + dt.timedelta(days=n)
        if unit == "w":
            return start + dt.timedelta(weeks=n)
        end: dt.date = start + relativedelta(months=n * _MONTHS_IN[unit])
    except (OverflowError, ValueError):
        raise UsageProblem(
            msg(
                "from {start} reaches past {last}: choose a shorter window",
                start=start.isoformat(),
                last=dt.date.max.isoformat(),
            ),
            "within",
            text,
        ) from None
    return end


@dataclass(frozen=True)
class Window:
    """The days a report is limited to, both ends included; None leaves that side open."""

    start: dt.date | None = None
    end: dt.date | None = None

    def contains(self, day: dt.date | None) -> bool:
        if day is None:
            return False
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def parse_period(text: str) -> Window:
    """`--period`: 2026, 2026q1 … 2026q4, 2026h1, 2026h2 or 2026-01 … 2026-12."""
    match = _PERIOD.match(text.strip().lower())
    problem = UsageProblem(
        msg("is not a period: write a year (2026), a quarter (2026q1), a half-year (2026h2) or a month (2026-06)"),
        "period",
        text,
    )
    if not match:
        raise problem
    year = int(match.group(1))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UsageProblem(
            msg("is out of range: periods lie in the years {first}–{last}", first=FIRST_YEAR, last=LAST_YEAR),
            "period",
            text,
        )
    kind, part, month = match.group(2), match.group(3), match.group(4)
    if month is not None:
        first, months = int(month), 1
    elif kind is not None:
        months = 3 if kind == "q" else 6
        count = 12 // months
        if not 1 <= int(part) <= count:
            raise problem
        first = (int(part) - 1) * months + 1
    else:
        first, months = 1, 12
    if not 1 <= first <= 12:
        raise problem
    last = first + months - 1
    return Window(dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1]))


def window(
    as_of: dt.date,
    *,
    period: str | None = None,
    start: str | None = None,
    end: str | None = None,
    within: str | None = None,
) -> Window | None:
    """The window a report is limited to, from whichever one way it was given; None: no window.

    `--period`, `--within` and `--from`/`--to` are three ways of saying the same thing, so
    giving two of them is a usage error rather than a guess at which one was meant.
    """
    if period is not None and (start is not None or end is not None or within is not None):
        raise UsageProblem(
            msg("cannot be combined with --from, --to or --within: give the period one way"), "period", period
        )
    if within is not None and (start is not None or end is not None):
        raise UsageProblem(msg("cannot be combined with --from or --to: give the window one way"), "within", within)
    if period is not None:
        return parse_period(period)
    if within is not None:
        return Window(as_of, window_end(as_of, within))
    if start is None and end is None:
        return None
    first = _in_range(parse_date(start, "from"), "from", start) if start is not None else None
    last = _in_range(parse_date(end, "to"), "to", end) if end is not None else None
    if first is not None and last is not None and last < first:
        raise UsageProblem(msg("is before --from {start}: the window would be empty", start=repr(start)), "to", end)
    return Window(first, last)


def _in_range(date: dt.date, field: str, text: str) -> dt.date:
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise UsageProblem(
            msg(
                "is out of range: reports are judged as of a date in the years {first}–{last}, as the plan's own dates",
                first=FIRST_YEAR,
                last=LAST_YEAR,
            ),
            field,
            text,
        )
    return date
