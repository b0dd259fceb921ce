"""Every problem kehoach can report belongs to a documented check, and the docs say so."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kehoach_cli.cli import main
from kehoach_cli.rules import RULES
from kehoach_cli.rules.catalogue import catalogue, owner

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "kehoach_cli"

# `Problem("code", …)`, `code="…"`, `_refuse("code", …)`, `code = "…"` anywhere in the source.
_LITERAL = re.compile(r'(?:Problem\(\s*|_refuse\(\s*|code=|code = )"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)"')
_REPORTED = re.compile(r"(?:error|warning)\[([a-z0-9-]+)\]")


def _codes_in_source() -> set[str]:
    return {c for p in SRC.rglob("*.py") for c in _LITERAL.findall(p.read_text(encoding="utf-8"))}


def _codes_in_goldens() -> set[str]:
    return {c for p in (ROOT / "tests").rglob("*.out") for c in _REPORTED.findall(p.read_text(encoding="utf-8"))}


def test_the_scans_find_codes() -> None:
    assert {"agency-unknown", "id-format", "record-evidence-missing"} <= _codes_in_source()
    assert {"yaml-duplicate-key", "succession-cycle"} <= _codes_in_goldens()


@pytest.mark.parametrize("code", sorted(_codes_in_source() | _codes_in_goldens()))
def test_every_code_belongs_to_a_check(code: str) -> None:
    assert owner(code) is not None, f"{code} is reported but no rule lists it in CODES"


def test_every_rule_documents_itself() -> None:
    ids = [r.ID for r in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert rule.SUMMARY and rule.CODES and (rule.__doc__ or "").strip(), rule.__name__


def test_rules_command_lists_every_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    for info in catalogue():
        assert f"{info.id}: {info.summary}" in out
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert (
        "ids: mã nhiệm vụ, mục tiêu và mục không trùng nhau" in out
        and "mã vấn đề: agency-alias-clash, id-duplicate" in out
    )
    assert "(tài liệu bằng tiếng Anh)" in out


def test_docs_page_is_the_generated_one(capsys: pytest.CaptureFixture[str]) -> None:
    """docs/rules.md is `kehoach rules --format markdown`; regenerate it when a rule changes."""
    assert main(["rules", "--format", "markdown", "--lang", "en"]) == 0
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == capsys.readouterr().out
