"""Real processes: many concurrent `kehoach record` runs, and writers killed mid-write."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kehoach_cli.load.validation import validate
from kehoach_cli.load.yamlio import parse
from kehoach_cli.model import ReportFile

BASE = Path(__file__).parent / "plans" / "rec_base" / "plan.yaml"
pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and fork-heavy tests are POSIX-only")


def kehoach(*args: str) -> list[str]:
    return [sys.executable, "-m", "kehoach_cli", *args]


def record_args(plan: Path, i: int) -> list[str]:
    return kehoach(
        "record", "2.c", "--value", str(i), "--unit", "dự án", "--date", "2021-06-30", "--note", f"process {i}",
        "--plan", str(plan), "--lang", "en",
    )  # fmt: skip


def records_in(path: Path) -> list[dict[str, object]]:
    doc, problems = parse(path.read_text(encoding="utf-8"), str(path))
    assert problems == []
    report, more = validate(ReportFile, doc.data)
    assert report is not None, more
    return [r.model_dump(exclude_none=True) for r in report.records]


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    shutil.copy(BASE, tmp_path / "plan.yaml")
    return tmp_path / "plan.yaml"


def test_twenty_concurrent_records_all_land(plan: Path) -> None:
    n = 20
    procs = [subprocess.Popen(record_args(plan, i), stdout=subprocess.PIPE, stderr=subprocess.PIPE) for i in range(n)]
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    for p in procs:
        p.stdout.close()  # type: ignore[union-attr]
        p.stderr.close()  # type: ignore[union-attr]
    assert [r[0] for r in results] == [0] * n, [r[2] for r in results if r[0]]
    recs = records_in(plan.parent / "reports" / "sct.yaml")
    assert sorted(int(r["value"]) for r in recs) == list(range(n))  # type: ignore[call-overload]
    assert sorted(str(r["note"]) for r in recs) == sorted(f"process {i}" for i in range(n))
    # Most writers found the file changed under the lock and checked it again.
    rechecked = sum(b"changed since it was read" in r[2] for r in results)
    print(f"{n} processes, {len(recs)} records, {rechecked} re-validated after a concurrent change")
    check = subprocess.run(kehoach("check", str(plan), "--lang", "en"), capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    assert f"{n} progress records" in check.stdout


def test_writer_killed_between_temp_file_and_replace_leaves_the_old_file(plan: Path) -> None:
    first = subprocess.run(record_args(plan, 1), capture_output=True)
    assert first.returncode == 0, first.stderr
    report = plan.parent / "reports" / "sct.yaml"
    old = report.read_bytes()
    env = dict(os.environ, KEHOACH_TEST_PAUSE_BEFORE_REPLACE="60")
    p = subprocess.Popen(record_args(plan, 2), stderr=subprocess.PIPE, env=env)
    try:
        assert p.stderr is not None
        line = p.stderr.readline()
        assert b"paused before replace" in line, line
        os.kill(p.pid, signal.SIGKILL)
        assert p.wait(timeout=30) == -signal.SIGKILL
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
        if p.stderr is not None:
            p.stderr.close()
    assert report.read_bytes() == old
    temps = list(report.parent.glob(".sct.yaml.*.tmp"))
    assert len(temps) == 1 and temps[0].read_bytes().startswith(old)  # the new content was fully written…
    assert len(temps[0].read_bytes()) > len(old)  # …but never replaced the original
    # The dead writer's lock died with it: the next record goes through.
    again = subprocess.run(record_args(plan, 3), capture_output=True)
    assert again.returncode == 0, again.stderr
    after = report.read_bytes()
    assert after.startswith(old)
    assert [r["value"] for r in records_in(report)] == [1, 3]


def test_writers_killed_at_random_moments_never_tear_the_file(plan: Path) -> None:
    report = plan.parent / "reports" / "sct.yaml"
    assert subprocess.run(record_args(plan, 0), capture_output=True).returncode == 0
    rng = random.Random(4)
    landed = 0
    for i in range(1, 9):
        before = report.read_bytes()
        p = subprocess.Popen(record_args(plan, i), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.1, 0.9))
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=30)
        after = report.read_bytes()
        assert after == before or after.startswith(before), f"kill {i} rewrote existing bytes"
        recs = records_in(report)  # parses and validates: never torn
        assert len(recs) in (len(records_in_bytes(before)), len(records_in_bytes(before)) + 1)
        landed += after != before
    print(f"8 writers killed at random moments, {landed} had already written")


def records_in_bytes(data: bytes) -> list[object]:
    doc, _ = parse(data.decode("utf-8"), "before")
    return list(doc.data["records"])


def test_a_save_by_another_program_during_the_write_is_never_lost(plan: Path) -> None:
    """Editors and `git pull` take no lock: their save between our read and our replace wins."""
    assert subprocess.run(record_args(plan, 1), capture_output=True).returncode == 0
    report = plan.parent / "reports" / "sct.yaml"
    env = dict(os.environ, KEHOACH_TEST_PAUSE_BEFORE_REPLACE="1")
    p = subprocess.Popen(record_args(plan, 2), stderr=subprocess.PIPE, env=env)
    assert p.stderr is not None
    try:
        assert b"paused before replace" in p.stderr.readline()
        with report.open("ab") as f:  # the editor's save
            f.write(b"  # saved by an editor\n")
        code = p.wait(timeout=30)
        err = p.stderr.read()
    finally:
        p.stderr.close()
    assert code == 2, err
    assert b"changed by another program" in err
    assert report.read_bytes().endswith(b"  # saved by an editor\n")
    assert [r["value"] for r in records_in(report)] == [1]
    assert list(report.parent.glob(".sct.yaml.*.tmp")) == []


def test_a_slow_in_place_save_is_never_lost(plan: Path) -> None:
    """`cmd > reports/sct.yaml` writing a chunk at a time while `record` runs: record reads a
    valid partial file, then waits until the file is left alone (or refuses); every record of
    the other program's save survives either way."""
    import threading

    report = plan.parent / "reports" / "sct.yaml"
    report.parent.mkdir()
    items = [f"  - {{task: '2.c', date: 2021-0{m}-01, kind: value, value: {m}, unit: dự án}}\n" for m in range(1, 10)]
    report.write_text("agency: SCT\nrecords:\n" + "".join(items[:2]), encoding="utf-8")
    started = threading.Event()

    def save_slowly() -> None:
        with open(report, "r+b") as f:
            f.truncate(0)
            f.write(("agency: SCT\nrecords:\n" + items[0]).encode())
            f.flush()
            started.set()
            for item in items[1:]:
                time.sleep(0.2)
                f.write(item.encode())
                f.flush()

    editor = threading.Thread(target=save_slowly)
    editor.start()
    started.wait(5)
    proc = subprocess.run(record_args(plan, 99), capture_output=True, timeout=120)
    editor.join(30)
    values = [r["value"] for r in records_in(report)]
    assert values[:9] == list(range(1, 10)), (proc.returncode, proc.stderr)
    assert values[9:] == ([99] if proc.returncode == 0 else []), proc.stderr
    print(f"slow in-place save: record exit {proc.returncode}, {len(values)} records kept")
