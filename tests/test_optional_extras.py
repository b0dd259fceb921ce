"""A command whose optional library is not installed says which extra to install (exit 2), never a crash."""

from __future__ import annotations

import sys

import pytest

from kehoach_cli.cli import main


def test_missing_report_extra_names_the_extra(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)  # as if python-docx were not installed
    for name in [m for m in sys.modules if m.startswith("kehoach_cli.render.docx")]:
        monkeypatch.delitem(sys.modules, name)
    out = f"{tmp_path}/r.docx"
    code = main(["report", "--year", "2026", "--as-of", "2026-12-31", "--format", "docx", "-o", out])
    err = capsys.readouterr().err
    assert code == 2
    assert "pip install 'kehoach[report]'" in err and "internal error" not in err
