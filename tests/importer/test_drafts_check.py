"""Every draft `kehoach import` makes passes `kehoach check` (warnings allowed, no errors).

The fixtures always; the six real plans (examples/sources); their
Word and PDF forms when LibreOffice is installed too (made as the benchmark makes them).
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from kehoach_cli.cli import main

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / "examples" / "sources"  # the plans' own documents, in the repository
FIXTURES = Path(__file__).parent / "fixtures"
REAL = [SHARED / "source" / "ke-hoach-ubnd-quang-ngai-2019-06-10.txt", *sorted((SHARED / "plans").glob("*-20*.md"))]


def _check_draft(source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "plan.yaml"
    assert main(["import", str(source), "-o", str(draft)]) == 0
    capsys.readouterr()
    code = main(["check", str(draft)])
    out, err = capsys.readouterr()
    assert code == 0, f"{source.name}: the draft does not pass check\n{out}{err}"
    assert "error[" not in out


@pytest.mark.parametrize("source", sorted(FIXTURES.iterdir()), ids=lambda p: p.name)
def test_fixture_drafts_pass_check(source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _check_draft(source, tmp_path, capsys)


@pytest.mark.skipif(not all(p.is_file() for p in REAL[:1]), reason="examples/sources is missing")
@pytest.mark.parametrize("source", REAL, ids=lambda p: p.name)
def test_real_plan_drafts_pass_check(source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _check_draft(source, tmp_path, capsys)


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("import_quality", ROOT / "benchmarks" / "import_quality.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.skipif(not (SHARED / "plans").is_dir(), reason="examples/sources is missing")
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("slug", ["hatinh-624-2025", "dongnai-179-2025"])
def test_word_and_pdf_drafts_pass_check(
    slug: str, fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("docx")
    pytest.importorskip("pypdfium2")
    made = _benchmark().office(SHARED / "plans" / f"{slug}.md", fmt, tmp_path)
    _check_draft(made, tmp_path, capsys)
