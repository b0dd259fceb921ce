"""Example plans (examples/plans/<name>/): each passes `kehoach check`, and its
hand-checked answers (answers.yaml) are what the reports say.

answers.yaml is a list of entries (the format is in docs/example-plans.md)::

    - command: overdue            # overdue | upcoming | unowned | targets
      as_of: 2026-03-01
      args: ["--within", "90d"]   # optional: more CLI arguments
      ids: ["I.1", "I.2@2026-Q1"] # the rows' keys: id, or id@period when the row has a period
      why: "I.1 due 31/12/2025 (Quý IV/2025, line 40); …"

Each entry runs ``kehoach <command> --plan <plan> --as-of <as_of> --format json <args>``
and the set of its rows' keys must equal ``ids`` exactly (how rows are keyed:
docs/example-plans.md). With no example plans yet the tests are skipped, never passed
vacuously.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from kehoach_cli.cli.main import main
from kehoach_cli.load.yamlio import parse

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples" / "plans"
COMMANDS = ("overdue", "upcoming", "unowned", "targets")
KEYS = {"command", "as_of", "args", "ids", "why"}


@dataclass(frozen=True)
class Answer:
    plan: Path
    index: int
    command: str
    as_of: str
    args: tuple[str, ...]
    ids: frozenset[str]
    why: str

    @property
    def name(self) -> str:
        return f"{self.plan.parent.name}[{self.index}]-{self.command}-{self.as_of}"


def read_answers(path: Path) -> list[Answer]:
    """The entries of one answers.yaml; a malformed file raises ValueError saying where."""
    doc, problems = parse(path.read_text(encoding="utf-8"), str(path))
    if problems:
        raise ValueError("; ".join(f"{doc.locate(p.path)}: {p.message}" for p in problems))
    if not isinstance(doc.data, list) or not doc.data:
        raise ValueError(f"{path}: expected a non-empty list of answers")
    out = []
    for i, entry in enumerate(doc.data):
        where = doc.locate((i,))
        if not isinstance(entry, dict) or not {"command", "as_of", "ids", "why"} <= set(entry) <= KEYS:
            raise ValueError(f"{where}: an answer has the keys command, as_of, ids, why (and optionally args)")
        command, as_of, ids, why, args = (
            entry["command"],
            entry["as_of"],
            entry["ids"],
            entry["why"],
            entry.get("args", []),
        )
        if command not in COMMANDS:
            raise ValueError(f"{where}: command {command!r} is not one of {', '.join(COMMANDS)}")
        try:
            dt.date.fromisoformat(str(as_of))
        except ValueError:
            raise ValueError(f"{where}: as_of {as_of!r} is not a YYYY-MM-DD date") from None
        if not isinstance(ids, list) or not all(isinstance(x, str) for x in ids) or len(set(ids)) != len(ids):
            raise ValueError(f"{where}: ids is a list of distinct quoted strings")
        if not isinstance(args, list) or not all(isinstance(x, str) for x in args):
            raise ValueError(f"{where}: args is a list of strings")
        if not isinstance(why, str) or not why.strip():
            raise ValueError(f"{where}: say why in `why`")
        out.append(Answer(path.parent / "plan.yaml", i, command, str(as_of), tuple(args), frozenset(ids), why))
    return out


def row_keys(rows: list[dict[str, object]], command: str = "") -> set[str]:
    """One key per row; an overdue row of a recurring duty stands for every period it lists as
    missed (the report shows the duty once, with its missed periods), so it has a key for each;
    an unowned row is keyed by its task alone."""
    keys: set[str] = set()
    for r in rows:
        missed = r.get("missing_periods")
        if command == "overdue" and isinstance(missed, list) and len(missed) > 1:
            keys.update(f"{r['id']}@{p}" for p in missed)
        elif command == "unowned":  # a task is unowned, not one of its periods
            keys.add(str(r["id"]))
        else:
            keys.add(str(r["id"]) if r.get("period") is None else f"{r['id']}@{r['period']}")
    return keys


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def check_plan(plan: Path, capsys: pytest.CaptureFixture[str]) -> str | None:
    """None when `kehoach check` passes (warnings allowed), else what it printed."""
    code, out, err = run(["check", str(plan), "--format", "text"], capsys)
    return None if code == 0 else f"exit {code}\n{out}{err}"


def mismatch(answer: Answer, capsys: pytest.CaptureFixture[str]) -> str | None:
    """None when the report's rows are exactly the answer's ids, else what differs."""
    argv = [answer.command, "--plan", str(answer.plan), "--as-of", answer.as_of, "--format", "json", *answer.args]
    code, out, err = run(argv, capsys)
    if code != 0:
        return f"`kehoach {' '.join(argv)}` exited {code}: {err.strip()}"
    got = row_keys(json.loads(out), answer.command)
    if got == answer.ids:
        return None
    missing, extra = sorted(answer.ids - got), sorted(got - answer.ids)
    return f"{answer.name}: missing {missing}, not expected {extra} (why: {answer.why})"


def _plans() -> list[object]:
    found = sorted(EXAMPLES.glob("*/plan.yaml"))
    return [pytest.param(p, id=p.parent.name) for p in found] or [
        pytest.param(None, marks=pytest.mark.skip(reason="no examples/plans/*/plan.yaml yet"))
    ]


def _answers() -> list[object]:
    out: list[object] = []
    for path in sorted(EXAMPLES.glob("*/answers.yaml")):
        try:
            out += [pytest.param(a, id=a.name) for a in read_answers(path)]
        except ValueError as exc:  # reported as a failing case, not a collection error
            out.append(pytest.param(str(exc), id=f"{path.parent.name}-unreadable"))
    return out or [pytest.param(None, marks=pytest.mark.skip(reason="no examples/plans/*/answers.yaml yet"))]


@pytest.mark.parametrize("plan", _plans())
def test_example_plan_passes_check(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check_plan(plan, capsys) is None, check_plan(plan, capsys)


@pytest.mark.parametrize("answer", _answers())
def test_example_answer_matches_the_report(answer: Answer | str, capsys: pytest.CaptureFixture[str]) -> None:
    assert isinstance(answer, Answer), answer
    assert answer.plan.is_file(), f"{answer.plan} is missing beside its answers.yaml"
    problem = mismatch(answer, capsys)
    assert problem is None, problem


# --- the harness itself: it fails when it should ---------------------------------------------

SMALL = ROOT / "tests" / "plans" / "v2_kinds.yaml"


def _answers_file(tmp_path: Path, text: str) -> Path:
    (tmp_path / "plan.yaml").write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_harness_accepts_a_right_answer_and_reports_a_wrong_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _answers_file(
        tmp_path,
        """\
- command: overdue
  as_of: 2026-03-05
  ids: ["I.3@2026-01", "I.3@2026-02", "I.9", "I.11@2025"]
  why: "January's and February's reports (due 28/2), the relative deadline and the first yearly period are late"
- command: targets
  as_of: 2026-03-05
  args: ["--agency", "Sở A"]
  ids: ["MT.1"]
  why: "Sở A owns goal MT.1"
- command: unowned
  as_of: 2026-03-05
  ids: []
  why: "wrong on purpose: 2.b has no lead"
""",
    )
    right, goal, wrong = read_answers(path)
    assert mismatch(right, capsys) is None and mismatch(goal, capsys) is None
    assert mismatch(wrong, capsys) == (
        "tmp[2]-unowned-2026-03-05: missing [], not expected ['2.b'] (why: wrong on purpose: 2.b has no lead)".replace(
            "tmp", tmp_path.name
        )
    )


def test_harness_reports_a_plan_that_fails_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "plan.yaml"
    bad.write_text(SMALL.read_text(encoding="utf-8").replace('lead: ["Sở A"]', 'lead: ["Sở Z"]', 1), encoding="utf-8")
    failure = check_plan(bad, capsys)
    assert failure is not None and "agency-unknown" in failure
    assert check_plan(SMALL, capsys) is None  # warnings are allowed


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- {command: status, as_of: 2026-01-01, ids: [], why: x}", "not one of"),
        ("- {command: overdue, as_of: 01/01/2026, ids: [], why: x}", "not a YYYY-MM-DD date"),
        ("- {command: overdue, as_of: 2026-01-01, ids: [1.1], why: x}", "distinct quoted strings"),
        ("- {command: overdue, as_of: 2026-01-01, ids: []}", "keys command, as_of, ids, why"),
        ("- {command: overdue, as_of: 2026-01-01, ids: [], why: ' '}", "say why"),
    ],
)
def test_harness_refuses_a_malformed_answers_file(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_answers(_answers_file(tmp_path, text + "\n"))
