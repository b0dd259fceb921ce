"""The as-of date and report windows: `--as-of`, `--within`, and "today" in Việt Nam.

Dates are never guessed: ISO ``2026-11-27`` or Vietnamese day-first ``27/11/2026`` are
accepted and anything else is a usage error with an example. (dateutil's parser would
read ``10/6/2019`` as 6 October and fill a missing day from today.)
"""

from __future__ import annotations

import datetime as dt
import re

from kehoach_cli.errors import UsageProblem

TIMEZONE = "Asia/Ho_Chi_Minh"
_VN_OFFSET = dt.timezone(dt.timedelta(hours=7), "UTC+07:00")

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_VN = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_WINDOW = re.compile(r"^(\d{1,4})\s*([dwmy])$")

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
        raise UsageProblem("is not a date: write 2026-11-27 (ISO) or 27/11/2026 (day first, Vietnamese)", field, text)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise UsageProblem("is not a day of the calendar", field, text) from None


def as_of(text: str | None, now: dt.datetime | None = None) -> dt.date:
    """`--as-of` if given (years 1900–2200, as the plan's own dates), else today in Asia/Ho_Chi_Minh."""
    if text is None:
        return today(now)
    date = parse_date(text)
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise UsageProblem(
            f"is out of range: reports are judged as of a date in the years {FIRST_YEAR}–{LAST_YEAR},"
            " as the plan's own dates",
            "as_of",
            text,
        )
    return date


def window_end(start: dt.date, text: str) -> dt.date:
    """The last day of `--within` counted from `start`: 90d, 12w, 3m or 1y.

    A window reaching past 9999-12-31, the last day the calendar here can count, is a
    UsageProblem rather than an overflow.
    """
    from dateutil.relativedelta import relativedelta

    match = _WINDOW.match(text.strip().lower())
    if not match:
        raise UsageProblem(
            "is not a period: write a number and a unit, e.g. 90d, 12w, 3m or 1y (days, weeks, months, years)",
            "within",
            text,
        )
    n, unit = int(match.group(1)), match.group(2)
    try:
        if unit == "d":
            return start + dt.timedelta(days=n)
        if unit == "w":
            return start + dt.timedelta(weeks=n)
        end: dt.date = start + (relativedelta(months=n) if unit == "m" else relativedelta(years=n))
    except (OverflowError, ValueError):
        raise UsageProblem(
            f"from {start.isoformat()} reaches past {dt.date.max.isoformat()}: choose a shorter window",
            "within",
            text,
        ) from None
    return end
