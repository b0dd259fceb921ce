"""The pre-commit hook manifest and the example GitHub Actions workflow are valid."""

from __future__ import annotations

import json
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
PRE_COMMIT_CONFIG = ROOT / "examples" / "pre-commit-config.yaml"
# How the examples install kehoach: its repository (owner a documented placeholder) at a commit.
PINNED = re.compile(r"^git\+https://github\.com/OWNER/kehoach@(?P<sha>[0-9a-f]{40})$")
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
    assert "Hợp lệ — 5 nhiệm vụ" in result.stdout  # the hook speaks Vietnamese, the default


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


# --- kehoach installed from the repository at a pinned commit -------------------------------------


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False)


def _commit(sha: str) -> None:
    """`sha` is a commit of this repository (a full clone; a shallow one cannot tell)."""
    if shutil.which("git") is None or _git("rev-parse", "--git-dir").returncode != 0:
        pytest.skip("not a git checkout")
    if _git("rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        pytest.skip("a shallow clone lacks the pinned commit's history")
    assert _git("cat-file", "-e", f"{sha}^{{commit}}").returncode == 0, f"{sha} is not a commit of kehoach"


def _workflow_install() -> str:
    (job,) = workflow()["jobs"].values()
    install = next(s for s in job["steps"] if s.get("name") == "Install kehoach")
    assert install["run"] == 'python -m pip install "$KEHOACH"'
    spec = job["env"]["KEHOACH"]
    assert isinstance(spec, str)
    return spec


def test_workflow_installs_kehoach_at_a_pinned_commit() -> None:
    spec = _workflow_install()
    assert "==" not in spec, "kehoach is not on PyPI: no version pin can be installed"
    found = PINNED.match(spec)
    assert found, spec
    _commit(found["sha"])
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "Replace OWNER" in text  # the placeholder is documented where it is used
    # The commit has the commands the workflow runs.
    pyproject = _git("show", f"{found['sha']}:pyproject.toml").stdout
    assert 'kehoach = "kehoach_cli.cli:main"' in pyproject


def test_pre_commit_example_pins_a_commit_that_has_the_hook() -> None:
    config = yaml.safe_load(PRE_COMMIT_CONFIG.read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert set(repo) == {"repo", "rev", "hooks"} and repo["repo"] == "https://github.com/OWNER/kehoach"
    sha = str(repo["rev"])
    assert re.fullmatch(r"[0-9a-f]{40}", sha), "rev must be a commit: kehoach has no release tags"
    assert [h["id"] for h in repo["hooks"]] == ["kehoach-check"]
    _commit(sha)
    at_commit = yaml.safe_load(_git("show", f"{sha}:.pre-commit-hooks.yaml").stdout)
    assert "kehoach-check" in {h["id"] for h in at_commit}
    assert "v0.1.0" not in MANIFEST.read_text(encoding="utf-8")  # no tag that does not exist
    assert PINNED.match(_workflow_install())["sha"] == sha  # type: ignore[index]


def test_the_pinned_commit_installs(tmp_path: Path) -> None:
    """pip resolves the workflow's requirement, pointed at this repository instead of OWNER's."""
    found = PINNED.match(_workflow_install())
    assert found
    _commit(found["sha"])
    report = tmp_path / "report.json"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--no-deps",
            "--quiet",
            "--report",
            str(report),
            f"git+file://{ROOT}@{found['sha']}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    (item,) = json.loads(report.read_text(encoding="utf-8"))["install"]
    assert item["metadata"]["name"] == "kehoach"
