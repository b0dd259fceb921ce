"""The time grammar: every phrase of issue 12 and plan-v2.md, with the schedule it means."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kehoach_cli.importer.timephrase import find_in_sentence, parse

D = dt.date

CASES: list[tuple[str, dict[str, Any]]] = [
    ("năm 2020", {"kind": "deadline", "by": D(2020, 12, 31)}),
    ("đến năm 2025", {"kind": "deadline", "by": D(2025, 12, 31)}),
    ("năm 2019, 2020", {"kind": "span", "start": D(2019, 1, 1), "end": D(2020, 12, 31)}),
    ("Từ năm 2020 - 2025", {"kind": "span", "start": D(2020, 1, 1), "end": D(2025, 12, 31)}),
    ("giai đoạn 2026–2030", {"kind": "span", "start": D(2026, 1, 1), "end": D(2030, 12, 31)}),
    ("giai đoạn 2026-2030", {"kind": "span", "start": D(2026, 1, 1), "end": D(2030, 12, 31)}),
    ("2026 - 2030", {"kind": "span", "start": D(2026, 1, 1), "end": D(2030, 12, 31)}),
    ("Từ năm 2025 đến hết năm 2030", {"kind": "span", "start": D(2025, 1, 1), "end": D(2030, 12, 31)}),
    ("Quý II/2026", {"kind": "deadline", "by": D(2026, 6, 30)}),
    ("Quý I năm 2026", {"kind": "deadline", "by": D(2026, 3, 31)}),
    ("tháng 6/2026", {"kind": "deadline", "by": D(2026, 6, 30)}),
    ("tháng 12/2025", {"kind": "deadline", "by": D(2025, 12, 31)}),
    ("6 tháng đầu năm 2026", {"kind": "deadline", "by": D(2026, 6, 30)}),
    ("trước ngày 15/11/2026", {"kind": "deadline", "by": D(2026, 11, 15)}),
    ("hoàn thành trước năm 2027", {"kind": "deadline", "by": D(2026, 12, 31)}),
    ("Trước năm 2030", {"kind": "deadline", "by": D(2029, 12, 31)}),
    ("hằng năm", {"kind": "recurring"}),
    ("thực hiện thường xuyên, hàng năm", {"kind": "recurring"}),
    ("định kỳ hằng quý", {"kind": "recurring", "unit": "quarter"}),
    ("trước ngày 15/12 hằng năm", {"kind": "recurring", "due_month": 12, "due_day": 15}),
    ("trước ngày 15/11 hằng năm", {"kind": "recurring", "due_month": 11, "due_day": 15}),
    ("hằng năm (trước ngày 15 tháng 11)", {"kind": "recurring", "due_month": 11, "due_day": 15}),
    ("Hàng năm, trước ngày 25 tháng 12", {"kind": "recurring", "due_month": 12, "due_day": 25}),
    (
        "báo cáo quý trước ngày 20 của tháng cuối quý",
        {"kind": "recurring", "unit": "quarter", "due_month": 3, "due_day": 20},
    ),
    ("định kỳ hàng tháng (trước ngày 16 hàng tháng)", {"kind": "recurring", "unit": "month", "due_day": 16}),
    ("Định kỳ 06 tháng", {"kind": "recurring", "unit": "half"}),
    ("từ năm 2026 trở đi", {"kind": "recurring", "start": D(2026, 1, 1)}),
    ("thường xuyên", {"kind": "ongoing"}),
    ("thường xuyên, liên tục", {"kind": "ongoing"}),
    ("xuyên suốt 2025–2035", {"kind": "ongoing", "start": D(2025, 1, 1), "end": D(2035, 12, 31)}),
    ("Triển khai từ năm 2026 và thực hiện thường xuyên, liên tục", {"kind": "ongoing", "start": D(2026, 1, 1)}),
    ("Triển khai từ năm 2026", {"kind": "ongoing", "start": D(2026, 1, 1)}),
    ("trước năm 2030", {"kind": "deadline", "by": D(2029, 12, 31)}),
    ("khi có phát sinh", {"kind": "occurrence"}),
    ("khi có yêu cầu", {"kind": "occurrence"}),
    ("trong thời hạn 10 ngày kể từ ngày nhận Kế hoạch này", {"kind": "relative", "days": 10, "from": "received"}),
    ("Thực hiện ngay sau khi có quy hoạch tỉnh", {"kind": "event", "event": "quy-hoach-tinh", "offset_days": 0}),
    ("ngay sau khi có quy hoạch tỉnh", {"kind": "event", "event": "quy-hoach-tinh", "offset_days": 0}),
    ("theo thời gian thực hiện quy hoạch tỉnh", {"kind": "event", "event": "quy-hoach-tinh", "offset_days": None}),
    (
        "6 tháng (trước ngày 16/6) và năm (trước ngày 20/11)",
        {
            "kind": "several",
            "parts": [
                {"label": "6 tháng", "kind": "recurring", "due_month": 6, "due_day": 16},
                {"label": "năm", "kind": "recurring", "due_month": 11, "due_day": 20},
            ],
        },
    ),
    ("Hàng năm hoặc khi có yêu cầu", {"kind": "several", "parts": [{"kind": "recurring"}, {"kind": "occurrence"}]}),
    (
        "Hoàn thành trong giai đoạn 2026 - 2027 và vận hành thường xuyên, liên tục",
        {
            "kind": "several",
            "parts": [{"kind": "span", "start": D(2026, 1, 1), "end": D(2027, 12, 31)}, {"kind": "ongoing"}],
        },
    ),
    (
        "Ban hành trong quý I năm 2026. Thực hiện rà soát, điều chỉnh (nếu có)",
        {"kind": "several", "parts": [{"kind": "deadline", "by": D(2026, 3, 31)}, {"kind": "occurrence"}]},
    ),
    ("Định kỳ 3 năm, 5 năm", {"kind": "recurring", "every": 3}),
]


@pytest.mark.parametrize(("phrase", "expected"), CASES, ids=[c[0] for c in CASES])
def test_phrase(phrase: str, expected: dict[str, Any]) -> None:
    schedule = parse(phrase).schedule
    assert schedule.pop("text") == phrase
    assert schedule == expected


@pytest.mark.parametrize(
    "phrase",
    ["từ 06 tháng đến 36 tháng tuổi", "6 tháng đầu năm", "trước ngày 31/2/2026", "theo đúng quy định"],
)
def test_never_a_guessed_date(phrase: str) -> None:
    reading = parse(phrase)
    assert reading.schedule == {"kind": "none", "text": phrase}
    assert reading.reviews, "an unparsed phrase carries a review note"


def test_nothing_means_no_schedule() -> None:
    assert parse("").schedule == {"kind": "none"}
    assert parse(None).schedule == {"kind": "none"}


def test_wording_left_over_is_flagged() -> None:
    reading = parse("Đến năm 2030 xây dựng, vận hành được ít nhất 01 Nhà máy điện gió")
    assert reading.schedule["by"] == D(2030, 12, 31)
    assert any("not encoded" in str(r) for r in reading.reviews)


def test_time_inside_a_sentence() -> None:
    found = find_in_sentence("Phổ biến các tiêu chuẩn kỹ thuật về vật liệu xây không nung (thực hiện hàng năm).")
    assert found is not None
    assert found[0] == "thực hiện hàng năm"
    assert found[1].schedule["kind"] == "recurring"


def test_cited_dates_are_not_deadlines() -> None:
    sentence = "Triển khai Quyết định số 338/QĐ-TTg ngày 03 tháng 4 năm 2023 của Thủ tướng Chính phủ."
    assert find_in_sentence(sentence) is None


def test_a_sentence_ending_before_a_year() -> None:
    found = find_in_sentence("+ Hoàn thành việc di dời các cơ sở sản xuất không đáp ứng yêu cầu trước năm 2030.")
    assert found is not None and found[0] == "trước năm 2030"
    assert found[1].schedule["by"] == D(2029, 12, 31)
    assert find_in_sentence("Trước năm 2030, các tỉnh rà soát quy hoạch và báo cáo hằng quý") is None
