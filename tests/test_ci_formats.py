"""CI output of `check` and `diff`: GitHub Actions annotations and SARIF 2.1.0."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from kehoach_cli.cli import main
from kehoach_cli.cli.options import CheckFormat
from kehoach_cli.messages import msg, raw
from kehoach_cli.problems import Location, Problem
from kehoach_cli.render import github, sarif


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read kehoach's English messages (KEHOACH_LANG, as a user would set it);
    the Vietnamese default has tests of its own."""
    monkeypatch.setenv("KEHOACH_LANG", "en")


GOLDEN = Path(__file__).parent / "golden" / "invalid"
PLANS = Path(__file__).parent / "plans"
CLEAN = PLANS / "diff_base.yaml"
BROKEN = GOLDEN / "multiple-problems.yaml"


@pytest.fixture(autouse=True)
def _outside_this_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Annotation paths are relative to the enclosing git repository (if any): the files
    under tests/ must not be found inside the checkout the suite happens to run from."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(Path(__file__).resolve().parent))


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


# --- GitHub annotations --------------------------------------------------------------


def test_escaping_follows_the_actions_toolkit() -> None:
    assert github.escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert github.escape_property("dir,1/plan:v2%.yaml\n") == "dir%2C1/plan%3Av2%25.yaml%0A"


def test_annotation_line() -> None:
    p = Problem(
        "uncovered-deadline-later",
        raw("task 1.a: 50% later\nreally"),
        hint=msg("cite the decision"),
        location=Location("plans/a,b:c.yaml", 32, 36),
    )
    assert github.annotation(p, "en") == (
        "::error file=plans/a%2Cb%3Ac.yaml,line=32,col=36,title=kehoach uncovered-deadline-later"
        "::task 1.a: 50%25 later%0Areally%0Ahelp: cite the decision"
    )


def test_annotation_without_position() -> None:
    warning = Problem("report-unreadable", msg("gone"), severity="warning", location=Location("reports/x.yaml", 0, 0))
    assert github.annotation(warning, "en") == "::warning file=reports/x.yaml,title=kehoach report-unreadable::gone"
    assert github.annotation(Problem("x", msg("no place")), "en") == "::error title=kehoach x::no place"


def test_wanted_only_when_actions_says_true() -> None:
    assert github.wanted({"GITHUB_ACTIONS": "true"})
    assert not github.wanted({"GITHUB_ACTIONS": "false"})
    assert not github.wanted({})


def test_check_github(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(GOLDEN)
    code, out, err = run(["check", BROKEN.name, "--format", "github"], capsys)
    assert code == 1 and err == ""
    *annotations, last = out.splitlines()
    assert len(annotations) >= 2
    for line in annotations:
        assert line.startswith(
            ("::error file=multiple-problems.yaml,line=", "::warning file=multiple-problems.yaml,line=")
        )
        head, _, message = line[2:].partition("::")
        props = dict(kv.split("=", 1) for kv in head.split(" ", 1)[1].split(","))
        assert set(props) == {"file", "line", "col", "title"}
        assert int(props["line"]) > 0 and int(props["col"]) > 0
        assert props["title"].startswith("kehoach ")
        assert message and "\n" not in message
    assert last.startswith("multiple-problems.yaml: ") and "error" in last


def test_check_github_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", str(CLEAN), "--format", "github"], capsys)
    assert (
        code == 0 and out.endswith("diff_base.yaml: OK — 5 tasks, 3 agencies, 0 progress records\n") and "::" not in out
    )


def test_check_picks_github_in_actions(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(GOLDEN)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run(["check", BROKEN.name], capsys)[1].startswith("::error file=")
    assert "::error" not in run(["check", BROKEN.name, "--format", "text"], capsys)[1]
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert "::error" not in run(["check", BROKEN.name], capsys)[1]


def test_check_annotations_are_relative_to_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for k, v in {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}.items():
        monkeypatch.setenv(k, v)
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True, capture_output=True)
    shutil.copy(BROKEN, root / "plans" / "plan.yaml")
    monkeypatch.chdir(root / "plans")
    code, out, _ = run(["check", "plan.yaml", "--format", "github"], capsys)
    assert code == 1
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert annotations and all(line.split(" ", 1)[1].startswith("file=plans/plan.yaml,") for line in annotations)
    _, out, _ = run(["check", "plan.yaml", "--format", "sarif"], capsys)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in json.loads(out)["runs"][0]["results"]
    }
    assert uris == {"plans/plan.yaml"}
    monkeypatch.chdir(tmp_path)  # given from outside the repository: still from its root
    _, out, _ = run(["check", "repo/plans/plan.yaml", "--format", "github"], capsys)
    assert "::error file=plans/plan.yaml," in out


def test_every_check_format_is_handled(capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in CheckFormat:
        code, out, err = run(["check", str(BROKEN), "--format", fmt.value], capsys)
        assert code == 1 and out and err == "", fmt


# --- SARIF ---------------------------------------------------------------------------


def assert_sarif_shape(doc: dict[str, Any]) -> None:
    """The parts of SARIF 2.1.0 that code-scanning consumers require."""
    assert doc["version"] == "2.1.0"
    assert doc["$schema"].endswith("sarif-2.1.0.json")
    assert isinstance(doc["runs"], list) and len(doc["runs"]) == 1
    run_ = doc["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "kehoach" and driver["version"]
    rule_ids = [r["id"] for r in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    for result in run_["results"]:
        assert result["ruleId"] == rule_ids[result["ruleIndex"]]
        assert result["level"] in {"error", "warning", "note", "none"}
        assert isinstance(result["message"]["text"], str) and result["message"]["text"]
        for loc in result.get("locations", []):
            physical = loc["physicalLocation"]
            uri = physical["artifactLocation"]["uri"]
            assert uri and ":" not in uri and "\\" not in uri  # a relative URI, never a scheme
            assert physical["region"]["startLine"] >= 1
            assert physical["region"].get("startColumn", 1) >= 1


def test_check_sarif(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(GOLDEN)
    code, out, _ = run(["check", BROKEN.name, "--format", "sarif"], capsys)
    assert code == 1
    doc = json.loads(out)
    assert_sarif_shape(doc)
    results = doc["runs"][0]["results"]
    assert len(results) >= 2
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {BROKEN.name}


def test_check_sarif_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", str(CLEAN), "--format", "sarif"], capsys)
    doc = json.loads(out)
    assert code == 0 and doc["runs"][0]["results"] == []
    assert_sarif_shape(doc)


def test_diff_sarif(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(PLANS)
    code, out, _ = run(["diff", "diff_base.yaml", "diff_deadline_later.yaml", "--format", "sarif"], capsys)
    assert code == 1
    doc = json.loads(out)
    assert_sarif_shape(doc)
    (result,) = doc["runs"][0]["results"]
    assert result["ruleId"] == "uncovered-deadline-later"
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "diff_deadline_later.yaml", "uriBaseId": "%SRCROOT%"}
    assert physical["region"] == {"startLine": 32, "startColumn": 36}


def test_sarif_uri_and_missing_location() -> None:
    doc = json.loads(
        sarif.as_sarif(
            [
                Problem("a", msg("m"), location=Location("origin/main:kế hoạch.yaml", 3, 1)),
                Problem("b", msg("n"), severity="warning"),
            ],
            {},
            "en",
        )
    )
    assert_sarif_shape(doc)
    first, second = sorted(doc["runs"][0]["results"], key=lambda r: r["ruleId"])
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "origin/main%3Ak%E1%BA%BF%20ho%E1%BA%A1ch.yaml"
    )
    assert "locations" not in second and second["level"] == "warning"
