"""Shared test setup."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _not_in_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    """`check` and `diff` print annotations by default under GitHub Actions; tests that
    expect text must not depend on where the suite runs. Tests of that switch set it."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture(scope="session", autouse=True)
def _state_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Set for the whole session too: module-scoped fixtures run before function ones."""
    state = str(tmp_path_factory.mktemp("state"))
    before = os.environ.get("XDG_STATE_HOME")
    os.environ["XDG_STATE_HOME"] = state
    yield state
    if before is None:
        del os.environ["XDG_STATE_HOME"]
    else:
        os.environ["XDG_STATE_HOME"] = before


@pytest.fixture(scope="session", autouse=True)
def _cache_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The plan cache lives in $XDG_CACHE_HOME/kehoach: a session's own folder, never the
    user's. Shared by the session, so later tests of a plan also take the warm path."""
    cache = str(tmp_path_factory.mktemp("cache"))
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = cache
    os.environ.pop("KEHOACH_NO_CACHE", None)
    yield cache
    if before is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture(autouse=True)
def _cache_in_a_temporary_folder(monkeypatch: pytest.MonkeyPatch, _cache_home: str) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", _cache_home)


@pytest.fixture(autouse=True)
def _crash_logs_in_a_temporary_folder(monkeypatch: pytest.MonkeyPatch, _state_home: str) -> None:
    """Crash logs go to $XDG_STATE_HOME/kehoach: never the user's own during tests."""
    monkeypatch.setenv("XDG_STATE_HOME", _state_home)
