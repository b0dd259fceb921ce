"""The pre-commit hook manifest and the example GitHub Actions workflow are valid."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
WORKFLOW = ROOT / "examples" / "github-workflow.yml"
CLEAN_PLAN = Path(__file__).parent / "plans" / "diff_base.yaml"

# The keys pre-commit's manifest schema knows (pre_commit/clientlib.py, MANIFEST_HOOK_DICT).
KNOWN_KEYS = {
    "id",
    "name",
    "entry",
    "language",
    "alias",
    "files",
    "exclude",
    "types",
    "types_or",
    "exclude_types",
    "additional_dependencies",
    "args",
    "always_run",
    "fail_fast",
    "pass_filenames",
    "description",
    "language_version",
    "log_file",
    "require_serial",
    "stages",
    "verbose",
    "minimum_pre_commit_version",
}


def hooks() -> list[dict[str, Any]]:
    data = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(data, list) and all(isinstance(h, dict) for h in data)
    return data


def hook() -> dict[str, Any]:
    (found,) = [h for h in hooks() if h.get("id") == "kehoach-check"]
    return found


def test_manifest_has_the_required_keys() -> None:
    for h in hooks():
        assert {"id", "name", "entry", "language"} <= set(h), h
        assert set(h) <= KNOWN_KEYS, set(h) - KNOWN_KEYS
        assert all(isinstance(h[k], str) and h[k] for k in ("id", "name", "entry", "language"))
    h = hook()
    assert h["language"] == "python"
    assert h["pass_filenames"] is False  # check reads the plan and all its reports at once


@pytest.mark.parametrize(
    ("path", "matches"),
    [
        ("plan.yaml", True),
        ("reports/sct.yaml", True),
        ("reports/so-tai-chinh.yaml", True),
        ("plan.yml", False),
        ("docs/plan.yaml", False),
        ("reports/old/sct.yaml", False),
        ("reports/sct.yaml.bak", False),
        ("myplan.yaml", False),
    ],
)
def test_files_pattern(path: str, matches: bool) -> None:
    assert bool(re.search(hook()["files"], path)) is matches


def test_entry_is_the_console_script() -> None:
    command = hook()["entry"].split()
    assert command == ["kehoach", "check"]
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts[command[0]] == "kehoach_cli.cli:main"
    installed = metadata.entry_points(group="console_scripts", name=command[0])
    if not installed:
        pytest.skip("kehoach is not installed in this environment (pip install -e .)")
    (ep,) = installed
    assert ep.value == "kehoach_cli.cli:main"
    assert ep.load().__module__ == "kehoach_cli.cli.main"


def test_entry_runs() -> None:
    script = shutil.which("kehoach", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the kehoach console script is not installed next to this Python")
    result = subprocess.run(
        [script, *hook()["entry"].split()[1:], str(CLEAN_PLAN)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK — 5 tasks" in result.stdout


# --- the example workflow ------------------------------------------------------------


def workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_workflow_runs_on_pull_requests_touching_the_plan() -> None:
    data = workflow()
    on = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "plan.yaml" in on["pull_request"]["paths"]
    assert data["permissions"]["pull-requests"] == "write"


def test_workflow_steps() -> None:
    (job,) = workflow()["jobs"].values()
    steps = job["steps"]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "kehoach check plan.yaml" in runs
    assert 'kehoach diff --base "origin/$BASE_REF" plan.yaml --format markdown' in runs
    assert job["env"]["BASE_REF"] == "${{ github.base_ref }}"
    assert "${{" not in runs  # expressions go through env, not into shell text
    checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    comment = next(s for s in steps if str(s.get("uses", "")).startswith("actions/github-script"))
    assert "<!-- kehoach-diff -->" in comment["with"]["script"]
    assert steps[-1]["run"].strip() == 'kehoach diff --base "origin/$BASE_REF" plan.yaml'


def test_workflow_marker_matches_the_renderer() -> None:
    from kehoach_cli.render.diff import MARKER

    assert MARKER in WORKFLOW.read_text(encoding="utf-8")
