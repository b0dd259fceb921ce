"""Shared test setup."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _not_in_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    """`check` and `diff` print annotations by default under GitHub Actions; tests that
    expect text must not depend on where the suite runs. Tests of that switch set it."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
