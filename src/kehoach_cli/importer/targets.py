"""Numeric targets in a plan's wording: comparator, value, unit, and the date they are for.

"ít nhất 05 hợp đồng" → ``>= 5 hợp đồng``; "công suất đạt ít nhất 100 MW" → ``>= 100 MW``;
"800 triệu KWh" → ``>= 800 triệu kWh`` (no comparator printed: a review note);
"4.108 triệu KWh" → 4108, since Vietnamese writes "." between thousands: a review note
says how the number was read. A number is only a target when a unit follows it; years,
document numbers and dates are never targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..messages import Msg, msg
from ..textnorm import fold

# Printed unit → unit name in the plan. Counted nouns name themselves (lower case).
_UNITS: tuple[tuple[str, str], ...] = (
    ("%/năm", "%/năm"),
    ("%", "%"),
    ("nghìn tỷ đồng", "nghìn tỷ đồng"),
    ("tỷ đồng", "tỷ đồng"),
    ("triệu đồng", "triệu đồng"),
    ("tỷ USD", "tỷ USD"),
    ("triệu USD", "triệu USD"),
    ("USD", "USD"),
    ("triệu kWh", "triệu kWh"),
    ("triệu KWh", "triệu kWh"),
    ("tỷ kWh", "tỷ kWh"),
    ("tỷ KWh", "tỷ kWh"),
    ("kWh", "kWh"),
    ("KWh", "kWh"),
    ("MW", "MW"),
    ("GW", "GW"),
    ("kW", "kW"),
    ("triệu tấn/năm", "triệu tấn/năm"),
    ("nghìn tấn/năm", "nghìn tấn/năm"),
    ("tấn/năm", "tấn/năm"),
    ("triệu tấn", "triệu tấn"),
    ("nghìn tấn", "nghìn tấn"),
    ("tấn", "tấn"),
    ("ha", "ha"),
    ("Ha", "ha"),
    ("km2", "km2"),
    ("km", "km"),
    ("m2", "m2"),
    ("lượt", "lượt"),
    ("người", "người"),
)

# Counted nouns kehoach knows (plan-v2's built-in count list) and a few more seen in plans.
COUNT_NOUNS: tuple[str, ...] = (
    "hợp đồng",
    "nhà máy",
    "trường",
    "doanh nghiệp",
    "văn bản",
    "lần",
    "đơn vị",
    "xã",
    "phường",
    "dự án",
    "sản phẩm",
    "sàn giao dịch",
    "mô hình",
    "cơ sở",
    "nhóm trẻ",
    "cụm công nghiệp",
    "công trình",
    "trạm",
    "xe",
    "đề tài",
    "hội thảo",
    "lớp",
    "chương trình",
    "nền tảng",
    "hợp tác xã",
    "trung tâm",
    "khu công nghiệp",
    "loại hình sản phẩm",
    "công trình nghiên cứu",
    "tỉnh",
    "thành phố",
    "huyện",
)

_COMPARATORS: tuple[tuple[str, str], ...] = (
    ("không dưới", ">="),
    ("ít nhất", ">="),
    ("tối thiểu", ">="),
    ("trên", ">"),
    ("hơn", ">"),
    ("không quá", "<="),
    ("tối đa", "<="),
    ("dưới", "<"),
    ("đạt", ">="),
    ("lên", ">="),
)

_NUM = r"(?<![\d/.,\w])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\d/])"


@dataclass
class Found:
    target: dict[str, Any]
    reviews: list[Msg] = field(default_factory=list)
    count_unit: str | None = None  # a counted noun the plan must declare in `units:`


def _unit_after(text: str, pos: int) -> tuple[str, str, int] | None:
    rest = text[pos:]
    m = re.match(r"\s*", rest)
    start = m.end() if m else 0
    for printed, unit in _UNITS:
        if rest.startswith(printed, start) and _ends_word(rest, start + len(printed)):
            return printed, unit, pos + start + len(printed)
    low = rest.lower()
    for noun in sorted(COUNT_NOUNS, key=len, reverse=True):
        if low.startswith(noun, start) and _ends_word(rest, start + len(noun)):
            return rest[start : start + len(noun)], noun, pos + start + len(noun)
    return None


def _ends_word(text: str, end: int) -> bool:
    return end >= len(text) or not text[end].isalnum()


def _value(printed: str) -> tuple[float | int, Msg | None]:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", printed):
        number = printed.replace(".", "").replace(",", ".")
        value: float | int = float(number) if "." in number else int(number)
        return value, msg('printed "{printed}": "." separates thousands, read as {value}', printed=printed, value=value)
    if "," in printed:
        return float(printed.replace(",", ".")), None
    return int(printed), None


def find(text: str, by: str | None = None) -> list[Found]:
    """Every target in `text`; `by` is the date (ISO) the text sets for them, if any."""
    out: list[Found] = []
    for m in re.finditer(_NUM, text):
        unit = _unit_after(text, m.end())
        if unit is None:
            continue
        printed_unit, unit_name, end = unit
        if _is_year_or_age(text, m, end):
            continue
        value, note = _value(m.group(1))
        before = text[max(0, m.start() - 30) : m.start()].lower()
        op, comparator = ">=", None
        for words, sign in _COMPARATORS:
            if re.search(rf"(?<!\w){re.escape(words)}\s*(?:là\s+|có\s+|được\s+)?$", before):
                op, comparator = sign, words
                break
        clause = _clause(text, m.start(), end)
        target: dict[str, Any] = {
            "metric": _metric(unit_name, clause),
            "label": clause,
            "op": op,
            "value": value,
            "unit": unit_name,
        }
        if by:
            target["by"] = by
        target["text"] = text[m.start() : end] if comparator is None else f"{comparator} {text[m.start() : end]}"
        reviews: list[Msg] = []
        if note:
            reviews.append(note)
            # the reading the review reports, kept with the target in the plan
            target.setdefault("notes", []).append(
                msg(
                    'Printed "{number} {unit}"; "." separates thousands, read as {value}.',
                    number=m.group(1),
                    unit=printed_unit,
                    value=value,
                )
            )
        if comparator is None:
            reviews.append(
                msg("no comparator printed before {value} {unit}: '>=' assumed", value=m.group(1), unit=printed_unit)
            )
        if printed_unit != unit_name and printed_unit.lower() != unit_name:
            target.setdefault("notes", []).append(
                msg('Unit printed "{printed}", written "{unit}".', printed=printed_unit, unit=unit_name)
            )
        if re.search(r"\d\s*[-–]\s*$", text[max(0, m.start() - 8) : m.start()]) or re.match(
            r"\s*[-–]\s*\d", text[m.end() : m.end() + 6]
        ):
            reviews.append(msg("a range around {value}: encode both bounds as two targets if meant", value=m.group(1)))
        if "giảm" in before or "tăng" in before:
            reviews.append(msg("'{text}' is a change, not a level: check `measure` and the baseline", text=clause[:50]))
        count = unit_name if unit_name in COUNT_NOUNS else None
        out.append(Found(target, reviews, count))
    _unique_metrics(out)
    return out


def _is_year_or_age(text: str, m: re.Match[str], end: int) -> bool:
    if re.match(r"\s*tháng\s+tuổi", text[m.end() :]):
        return True
    return bool(re.search(r"(?:năm|ngày|tháng|số)\s*$", text[max(0, m.start() - 6) : m.start()]))


def _clause(text: str, start: int, end: int) -> str:
    left = max(text.rfind(sep, 0, start) for sep in (";", ".", "(", ":", "\n"))
    comma = text.rfind(",", 0, start)
    if comma > left and start - comma < 80 and comma > 0 and not text[comma - 1].isdigit():
        left = comma
    right_candidates = [i for i in (text.find(sep, end) for sep in (";", ".", ")", ",")) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1 : right].strip(" ,;.()")


def _metric(unit: str, clause: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", fold(clause)).split()
    stop = {"dat", "it", "nhat", "toi", "thieu", "tren", "den", "nam", "co", "duoc", "va", "cac", "so", "phan", "dau"}
    key = [w for w in words if w not in stop and not w.isdigit()][:4]
    return "_".join(key) or re.sub(r"[^a-z0-9]+", "_", fold(unit)).strip("_") or "target"


def _unique_metrics(found: list[Found]) -> None:
    seen: dict[str, int] = {}
    for f in found:
        metric = f.target["metric"]
        if metric in seen:
            seen[metric] += 1
            f.target["metric"] = f"{metric}_{seen[metric]}"
        else:
            seen[metric] = 1
