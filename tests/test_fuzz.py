"""Fuzzing with a fixed budget: mutated plans and report files never raise, never hang,
never print a raw control character, and `record` never loses a record.

A mutation inserts, deletes or replaces a few characters drawn from YAML's indicators,
whitespace, control, bidi and zero-width characters, Vietnamese letters and digits;
duplicates, drops or swaps lines. Report files are also drawn in the shapes people write
(LF or CRLF, any indentation, flow or block items, comments, no final newline), as they are
and mutated. The budget (examples and the time each may take) is
fixed below, so the suite costs the same on every run; `derandomize` makes a failure
reproduce from the test's name alone.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach_cli import rules
from kehoach_cli.load import load_plan, load_text
from kehoach_cli.load.validation import validate
from kehoach_cli.load.yamlio import parse
from kehoach_cli.model import ReportFile
from kehoach_cli.record.prepare import Request, record_outcome
from kehoach_cli.render.problems import as_json, as_text
from kehoach_cli.safe import hidden

TESTS = Path(__file__).parent
PLAN = (TESTS / "golden" / "valid" / "case-and-spacing.yaml").read_text(encoding="utf-8")
REC_BASE = TESTS / "plans" / "rec_base" / "plan.yaml"
REPORT = (
    "# Báo cáo của Sở Công Thương\r\n"
    "agency: Sở Công Thương\r\n"
    "records:\r\n"
    "  - {task: '1.a', date: 2020-06-01, kind: started}\r\n"
    "  - task: '2.c'   # giá trị\r\n"
    "    date: 2021-06-30\r\n"
    "    kind: value\r\n"
    "    value: 3\r\n"
    "    unit: dự án\r\n"
)
TODAY = dt.date(2026, 1, 1)

LOADER_EXAMPLES = 300
RECORD_EXAMPLES = 120
DEADLINE_MS = 3000  # per example: a hang or a quadratic blow-up fails the test

ALPHABET = [
    *":-[]{}#&*!|>'\"%@`,?\\ \t\n\r",
    "\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\u00ad", "\u200b", "\u200d", "\u2028", "\u2029",
    "\u202e", "\u2066", "\ufeff", "\ufffe", "đ", "Đ", "ở", "ư", "Ð", "К", "0", "9", ".", "e", "---", "...",
    "&a ", "*a", "!!str ", "<<<<<<< ", "1.500", "2,5", "null", "~", "NO", "8:30", "010", ".nan",
]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """`text` after one to four random edits."""
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["insert", "delete", "replace", "dup-line", "drop-line", "swap-lines"]))
        lines = text.split("\n")
        if op in ("insert", "delete", "replace"):
            at = draw(st.integers(0, len(text)))
            piece = "".join(draw(st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=3)))
            span = draw(st.integers(0, 8))
            if op == "insert":
                text = text[:at] + piece + text[at:]
            elif op == "delete":
                text = text[:at] + text[at + span :]
            else:
                text = text[:at] + piece + text[at + span :]
        elif len(lines) > 2:
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if op == "dup-line":
                lines.insert(i, lines[i])
            elif op == "drop-line":
                del lines[i]
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text


@st.composite
def reshaped(draw: st.DrawFn) -> str:
    """A valid report file as people write them: LF or CRLF, any indentation, flow or block
    items, comments between and after, blank lines, a missing final newline."""
    indent = " " * draw(st.sampled_from([0, 2, 4]))
    items = []
    for i in range(draw(st.integers(0, 4))):
        day = f"2020-0{i + 1}-0{draw(st.integers(1, 9))}"
        if draw(st.booleans()):
            items.append(f"{indent}- {{task: '1.a', date: {day}, kind: started}}")
        else:
            items.append(f'{indent}- task: "1.a"\n{indent}  date: {day}\n{indent}  kind: started')
        if draw(st.booleans()):
            items.append(draw(st.sampled_from(["", "# ghi chú", f"{indent}# ghi chú · comment", "   "])))
    body = "\n".join(
        ["# Báo cáo", "agency: " + draw(st.sampled_from(["Sở Công Thương", "SCT", '"SCT"'])), "records:", *items]
    )
    body += draw(st.sampled_from(["\n", "", "\n\n", "\n# hết\n", "\n# hết"]))
    return body.replace("\n", "\r\n") if draw(st.booleans()) else body


def _safe_output(text: str) -> None:
    raw = {f"U+{ord(c):04X}" for c in text if hidden(c) and c != "\n"}
    assert not raw, f"raw {sorted(raw)} in the output"


@settings(
    max_examples=LOADER_EXAMPLES,
    deadline=DEADLINE_MS,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(mutated(PLAN))
def test_loader_and_rules_take_any_mutated_plan(text: str) -> None:
    loaded = rules.check(load_text(text, "plan.yaml", Path("/nonexistent/plan.yaml"), with_reports=False), TODAY)
    for p in loaded.problems:
        assert p.location is not None, p
        for lang in ("vi", "en"):
            assert len(p.text(lang)) <= 400 and len(p.hint_text(lang) or "") <= 400
    assert loaded.ok or loaded.problems
    for lang in ("vi", "en"):
        _safe_output(as_text(loaded.problems, loaded.sources, lang))
        _safe_output(as_json("plan.yaml", loaded.problems, loaded.ok, lang))


def _records(data: bytes) -> list[object] | None:
    """The records of a report file, or None when it is not a valid one."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    doc, problems = parse(text, "r")
    if any(p.severity == "error" for p in problems):
        return None
    report, _ = validate(ReportFile, doc.data)
    return None if report is None else list(report.records)


@settings(
    max_examples=RECORD_EXAMPLES,
    deadline=DEADLINE_MS,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    report=st.one_of(mutated(REPORT), reshaped(), reshaped().flatmap(mutated)),
    plan_edit=st.booleans(),
    kind=st.sampled_from(["started", "value", "done"]),
)
def test_record_on_mutated_files_never_loses_a_record(tmp_path: Path, report: str, plan_edit: bool, kind: str) -> None:
    repo = tmp_path / f"r{time.monotonic_ns()}"
    (repo / "reports").mkdir(parents=True)
    plan_text = REC_BASE.read_text(encoding="utf-8")
    if plan_edit:  # a harmless edit of the plan too: its records rules still apply
        plan_text = plan_text.replace("require_evidence: true", "require_evidence: false")
    (repo / "plan.yaml").write_text(plan_text, encoding="utf-8")
    target = repo / "reports" / "sct.yaml"
    target.write_bytes(report.encode("utf-8"))
    old = time.time() - 60  # not "being written right now": record need not wait
    os.utime(target, (old, old))
    before = target.read_bytes()
    before_records = _records(before)
    loaded = load_plan(repo / "plan.yaml")
    assert loaded.plan is not None
    request = {
        "started": Request("1.a", "started", "2020-07-01"),
        "value": Request("2.c", "value", "2021-07-01", value="4", unit="dự án"),
        "done": Request("1.a", "done", "2020-12-20", evidence="Báo cáo 9/BC-SCT"),
    }[kind]
    outcome = record_outcome(loaded, request, TODAY)
    after = target.read_bytes()
    if not outcome.written:
        assert after == before, "a refused record changed the file"
    else:
        assert after.startswith(before), "existing bytes were rewritten"
        after_records = _records(after)
        assert after_records is not None, "the file no longer reads as a report file"
        assert before_records is not None and after_records[: len(before_records)] == before_records
        assert len(after_records) == len(before_records) + 1
    shutil.rmtree(repo)
