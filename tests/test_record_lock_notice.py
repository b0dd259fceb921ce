"""`kehoach record` waiting on another writer's lock says so after a moment, naming the
holder when the lock file says who it is, instead of a minute of silence (issue 13)."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from kehoach_cli.cli import main
from kehoach_cli.files import ABSENT
from kehoach_cli.record import writer


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read kehoach's English messages (KEHOACH_LANG, as a user would set it);
    the Vietnamese default has tests of its own."""
    monkeypatch.setenv("KEHOACH_LANG", "en")


BASE = Path(__file__).parent / "plans" / "rec_base" / "plan.yaml"


def _hold(lock_path: Path, signed: str, ready: threading.Event, release: threading.Event) -> None:
    from filelock import FileLock

    with FileLock(str(lock_path), thread_local=False):
        lock_path.write_text(signed, encoding="ascii")
        ready.set()
        release.wait(10)


@pytest.mark.parametrize(
    ("signed", "named"),
    [
        (f"{os.getpid()}\n", f"held by process {os.getpid()}"),  # a live kehoach writer signs its pid
        ("", "held by another program"),  # a program that writes nothing
        ("999999999\n", "held by another program"),  # a pid that no longer runs
    ],
)
def test_waiting_for_the_lock_is_said_once(
    signed: str, named: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(BASE, tmp_path / "plan.yaml")
    (tmp_path / "reports").mkdir()
    lock = tmp_path / "reports" / "sct.yaml.lock"
    monkeypatch.setattr(writer, "WAIT_NOTICE", 0.2)
    ready, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold, args=(lock, signed, ready, release))
    holder.start()
    ready.wait(5)
    threading.Timer(0.8, release.set).start()
    try:
        code = main(["record", "1.a", "--started", "--date", "2020-06-01", "--plan", str(tmp_path / "plan.yaml")])
    finally:
        release.set()
        holder.join()
    out = capsys.readouterr()
    assert code == 0 and "recorded 1.a started" in out.out
    assert out.err == f"kehoach: waiting for sct.yaml.lock, {named}; giving up after 60 s\n"


def test_a_writer_signs_the_lock_it_holds(tmp_path: Path) -> None:
    target = tmp_path / "sct.yaml"
    seen: list[str] = []

    def build(current: bytes | None) -> bytes:
        seen.append((tmp_path / "sct.yaml.lock").read_text(encoding="ascii"))
        return b"agency: SCT\nrecords:\n"

    writer.locked_append(target, build, ABSENT)
    assert seen == [f"{os.getpid()}\n"]


def test_no_notice_without_a_wait(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(BASE, tmp_path / "plan.yaml")
    code = main(["record", "1.a", "--started", "--date", "2020-06-01", "--plan", str(tmp_path / "plan.yaml")])
    assert code == 0 and capsys.readouterr().err == ""
