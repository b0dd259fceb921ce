"""`kehoach calendar`: RFC 5545 parsed back with icalendar; stable across exports; a moved
deadline changes only its own event."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from icalendar import Calendar

from kehoach_cli.cli import main

ROOT = Path(__file__).parent.parent
SHIPPED = ROOT / "plan.yaml"
EXAMPLE = ROOT / "examples" / "progress" / "plan.yaml"


def export(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(["calendar", "--as-of", "2026-11-27", *args])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def test_events_parse_back_with_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    text = export(capsys, "--plan", str(EXAMPLE))
    cal = Calendar.from_ical(text)
    assert str(cal["METHOD"]) == "PUBLISH" and str(cal["VERSION"]) == "2.0"
    events = list(cal.walk("VEVENT"))
    main(["tasks", "--plan", str(EXAMPLE), "--as-of", "2026-11-27", "--format", "json"])
    tasks = json.loads(capsys.readouterr().out)
    dated = 0
    for t in tasks:
        main(["show", t["id"], "--plan", str(EXAMPLE), "--as-of", "2026-11-27", "--format", "json"])
        dated += sum(1 for o in json.loads(capsys.readouterr().out)["obligations"] if o["due"])
    assert len(events) == dated  # every deadline, recurring period and milestone
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    for e in events:
        start, end = e.decoded("DTSTART"), e.decoded("DTEND")
        assert type(start) is dt.date and end == start + dt.timedelta(days=1)  # all day, end exclusive
        assert re.match(r"^\[[^\]]+\] ", str(e["SUMMARY"]))
        desc = str(e["DESCRIPTION"])
        assert "Chủ trì:" in desc and "Phối hợp:" in desc and "Tình trạng ngày 27/11/2026:" in desc
        assert "Vị trí trong văn bản:" in desc
        assert e.decoded("DTSTAMP") == dt.datetime(2021, 1, 15, tzinfo=dt.UTC)  # the plan's date
        alarm = e.subcomponents[0]
        assert alarm.name == "VALARM" and alarm.decoded("TRIGGER") == dt.timedelta(days=-7)
    summaries = {str(e["SUMMARY"]) for e in events}
    assert any(s.startswith("[2.c]") and "(kỳ 2026)" in s for s in summaries)  # a recurring period
    assert any(s.startswith("[3.a]") and "mốc" in s for s in summaries)  # a milestone


def test_second_export_is_byte_identical(capsys: pytest.CaptureFixture[str]) -> None:
    assert export(capsys, "--plan", str(SHIPPED)) == export(capsys, "--plan", str(SHIPPED))


def test_agency_calendar_keeps_the_same_uids(capsys: pytest.CaptureFixture[str]) -> None:
    every = {str(e["UID"]): e for e in Calendar.from_ical(export(capsys, "--plan", str(SHIPPED))).walk("VEVENT")}
    mine = list(Calendar.from_ical(export(capsys, "--plan", str(SHIPPED), "--agency", "SCT")).walk("VEVENT"))
    assert mine and len(mine) < len(every)
    assert all(str(e["UID"]) in every and e["SUMMARY"] == every[str(e["UID"])]["SUMMARY"] for e in mine)


def _events(text: str) -> dict[str, list[str]]:
    """UID → the event's unfolded content lines, to compare two exports line by line."""
    unfolded = re.sub(r"\r\n[ \t]", "", text)
    out: dict[str, list[str]] = {}
    for block in re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT", unfolded, re.S):
        lines = block.split("\r\n")
        uid = next(line for line in lines if line.startswith("UID:"))
        out[uid] = lines
    return out


def test_moving_one_deadline_changes_only_its_event(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    before = export(capsys, "--plan", str(SHIPPED))
    src = SHIPPED.read_text("utf-8")
    # Task 1.c: "năm 2020" postponed to 2027 by an amendment (change control asks for one).
    head, tail = src.split('  - id: "1.c"', 1)
    tail = tail.replace("by: 2020-12-31", "by: 2027-12-31", 1)
    amendment = (
        "amendments:\n"
        '  - number: "1/QĐ-UBND"\n'
        "    date: 2026-01-15\n"
        '    issuer: "UBND tỉnh Quảng Ngãi"\n'
        '    summary: "Gia hạn nhiệm vụ 1.c"\n'
        '    changes: [{task: "1.c", fields: [schedule], previous_due: 2020-12-31}]\n'
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(head + '  - id: "1.c"' + tail + amendment, encoding="utf-8")
    after = export(capsys, "--plan", str(plan), "--as-of", "2026-11-27")
    old, new = _events(before), _events(after)
    assert old.keys() == new.keys()
    changed = {uid for uid in old if old[uid] != new[uid]}
    assert len(changed) == 1
    uid = changed.pop()
    diff = {line.split(":", 1)[0].split(";", 1)[0] for line in set(old[uid]) ^ set(new[uid])}
    assert diff <= {"DTSTART", "DTEND", "SEQUENCE", "DESCRIPTION"}, diff
    assert "SEQUENCE:1" in new[uid] and "SEQUENCE:0" in old[uid]
    assert "DTSTART;VALUE=DATE:20271231" in new[uid]


def test_todo_items_have_due_and_an_alarm_on_it(capsys: pytest.CaptureFixture[str]) -> None:
    cal = Calendar.from_ical(export(capsys, "--plan", str(EXAMPLE), "--todo"))
    todos = list(cal.walk("VTODO"))
    assert todos and not list(cal.walk("VEVENT"))
    for t in todos:
        assert type(t.decoded("DUE")) is dt.date
        alarm = t.subcomponents[0]
        assert alarm["TRIGGER"].params["RELATED"] == "END"
    done = [t for t in todos if str(t["STATUS"]) == "COMPLETED"]
    assert done and all("COMPLETED" in t for t in done)
