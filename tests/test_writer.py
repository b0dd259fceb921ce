"""writer.py: our emitter, pure appends that never touch existing bytes, and the atomic,
locked write that leaves the original intact on any OS error."""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach_cli.files import ABSENT, Snapshot
from kehoach_cli.files import snapshot as take
from kehoach_cli.load.yamlio import CONTROL_CHARS, parse
from kehoach_cli.record import writer
from kehoach_cli.record.writer import WriteError, append_suffix, locked_append, scalar


def snapshot(path: Path) -> Snapshot:
    return take(path, 1 << 20)


FIELDS: dict[str, writer.Value] = {
    "task": "2.b",
    "date": dt.date(2021, 12, 31),
    "kind": "value",
    "value": 12.5,
    "unit": "triệu kWh",
    "evidence": "Báo cáo số 123/BC-SCT ngày 15/12/2020",
}
ITEM = {
    "task": "2.b",
    "date": "2021-12-31",
    "kind": "value",
    "value": 12.5,
    "unit": "triệu kWh",
    "evidence": "Báo cáo số 123/BC-SCT ngày 15/12/2020",
}


def reads_back(text: str) -> object:
    doc, problems = parse(f"k: {text}\n", "t")
    # content warnings, not misreadings; control characters are reported (and dropped) by
    # the loader, and `record` refuses them before writing
    assert [p for p in problems if p.code not in ("encoding-tcvn3", "yaml-control-character", *INVISIBLE)] == []
    value = doc.data["k"]
    flagged = any(p.code == "yaml-control-character" for p in problems)
    assert flagged == (isinstance(value, str) and CONTROL_CHARS.search(text_of(text)) is not None)
    return value


def text_of(emitted: str) -> str:
    """The text an emitted scalar stands for, read without the loader's clean-up."""
    import yaml

    return str(yaml.safe_load(f"k: {emitted}\n")["k"]) if emitted else ""


# Invisible characters are reported and dropped (line separators read as a space) by the
# loader; `record` refuses them too.
INVISIBLE = ("text-invisible", "text-bidi-control", "text-line-separator")


def without_control(value: str) -> str:
    text = "".join(c for c in CONTROL_CHARS.sub("", value) if unicodedata.category(c) != "Cf")
    return text.replace("\u2028", " ").replace("\u2029", " ")


# --- emitter -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "Sở Công Thương",
        "8.1",
        "2.a",
        "III.1",
        "NO",
        "yes",
        "null",
        "~",
        "true",
        "a: b",
        "x #y",
        "#c",
        "- item",
        "[x]",
        "{x}",
        "'q'",
        '"dq"',
        "back\\slash",
        "line\nbreak",
        "tab\there",
        " lead",
        "trail ",
        "https://example.org/a?b=c#d",
        "%",
        "@x",
        "`x",
        "!tag",
        "&anchor",
        "*alias",
        "|",
        ">",
        "010",
        "8:30",
        "1e3",
        ".inf",
        "",
        "\u2028",
        "\x85",
        "\ufeff",
        "\x07bell",
        "emoji 😀",
    ],
)
def test_scalar_reads_back_exactly(value: str) -> None:
    assert reads_back(scalar(value)) == without_control(value)


def test_scalar_plain_when_safe_and_nfc() -> None:
    assert scalar("Sở Công Thương") == "Sở Công Thương"
    assert scalar("So\u031b\u0309 Công Thương") == "Sở Công Thương"  # NFD in, NFC out
    assert scalar("2.a") == '"2.a"'
    assert scalar(dt.date(2020, 1, 2)) == "2020-01-02"
    assert reads_back(scalar(4108)) == 4108
    assert reads_back(scalar(0.1)) == 0.1
    assert reads_back(scalar(1e-7)) == 1e-7
    with pytest.raises(ValueError):
        scalar(float("nan"))


@given(st.text())
def test_scalar_round_trips_any_text(value: str) -> None:
    if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        return  # lone surrogates cannot be written as UTF-8 at all
    from kehoach_cli.textnorm import nfc

    assert reads_back(scalar(value)) == nfc(without_control(nfc(value)))


@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(10**20), 10**20))
def test_scalar_round_trips_numbers(value: float) -> None:
    assert reads_back(scalar(value)) == value


# --- pure append ---------------------------------------------------------------------

HUMAN = """\
# Báo cáo của Sở Công Thương — viết tay, đừng sửa dòng này
agency:   "Sở Công Thương"   # tên như trong kế hoạch

records:
    -   task: "1.a"     # căn lề lạ
        date: 2020-12-20
        kind: done
        evidence: >-
          Báo cáo số 12/BC-SCT
          ngày 20/12/2020

    # a comment between items, then blank lines


"""


def data_of(text: str) -> object:
    doc, problems = parse(text, "t")
    assert problems == []
    return doc.data


@pytest.mark.parametrize(
    ("old", "records_before"),
    [
        (HUMAN, 1),
        (HUMAN.rstrip("\n"), 1),  # no trailing newline
        ("agency: SCT\nrecords:\n- task: '1.a'\n  date: 2020-06-01\n  kind: started\n", 1),  # indentless
        ("agency: SCT\nrecords:\n  -\n    task: '1.a'\n    date: 2020-06-01\n    kind: started\n", 1),
        ("agency: SCT\n", 0),  # no records key
        ("agency: SCT", 0),  # no records key, no newline
        ("agency: SCT\nrecords:\n", 0),  # empty records
        ("agency: SCT\nrecords:  # none yet\n# trailing comment", 0),
        ("agency: SCT\r\nrecords:\r\n  - {task: '1.a', date: 2020-06-01, kind: started}\r\n", 1),  # CRLF
        ("\ufeffagency: SCT\nrecords:\n  - {task: '1.a', date: 2020-06-01, kind: started}\n", 1),  # BOM kept by caller
    ],
)
def test_append_keeps_every_byte_and_adds_one_item(old: str, records_before: int) -> None:
    text = old.lstrip("\ufeff")
    suffix = append_suffix(text, FIELDS, [])
    new = text + suffix
    data = data_of(new)
    assert isinstance(data, dict)
    assert data["records"][-1] == ITEM
    assert len(data["records"]) == records_before + 1
    before = data_of(text)
    assert isinstance(before, dict)
    assert {k: v for k, v in data.items() if k != "records"} == {k: v for k, v in before.items() if k != "records"}
    if "\r\n" in text:
        assert "\n" not in suffix.replace("\r\n", "")


def test_append_matches_the_lists_own_indentation() -> None:
    suffix = append_suffix(HUMAN, FIELDS, [])
    assert suffix.splitlines()[0] == '    -   task: "2.b"'
    assert suffix.splitlines()[1] == "        date: 2021-12-31"


def test_new_file_gets_head_then_records() -> None:
    suffix = append_suffix(None, FIELDS, ["# header", "agency: Sở Công Thương"])
    assert suffix.startswith('# header\nagency: Sở Công Thương\nrecords:\n  - task: "2.b"\n')
    assert data_of(suffix) == {"agency": "Sở Công Thương", "records": [ITEM]}


@pytest.mark.parametrize(
    ("old", "says"),
    [
        ("agency: SCT\nrecords: []\n", "records: []"),
        ("records:\n  - {task: '1.a', date: 2020-06-01, kind: started}\nagency: SCT\n", "last key"),
        ("agency: SCT\nrecords: [{task: '1.a', date: 2020-06-01, kind: started}]\n", "flow"),
        ("agency: SCT\nrecords: null\n", "last key"),
        ("agency: SCT\nrecords:\n  - {task: '1.a', date: 2020-06-01, kind: started}\n...\n", "last key"),
        ("agency: [unclosed\n", "kehoach check"),
        ("- just a list\n", "kehoach check"),
    ],
)
def test_append_refuses_shapes_that_need_a_rewrite(old: str, says: str) -> None:
    with pytest.raises(WriteError, match=says.replace("[", r"\[").replace("]", r"\]")):
        append_suffix(old, FIELDS, [])


# --- locked, atomic write ------------------------------------------------------------


def appender(suffix: bytes = b"  - {task: '1.a', date: 2020-06-02, kind: started}\n"):  # type: ignore[no-untyped-def]
    seen: list[bytes | None] = []

    def build(current: bytes | None) -> bytes:
        seen.append(current)
        return (current or b"") + suffix

    return build, seen


OLD = b"# keep me\nagency:   SCT\nrecords:\n  - {task: '1.a', date: 2020-06-01, kind: started}  # x\n"


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_existing_bytes_survive_byte_for_byte(tmp_path: Path) -> None:
    f = tmp_path / "sct.yaml"
    f.write_bytes(OLD)
    build, _ = appender()
    result = locked_append(f, build, snapshot(f))
    after = f.read_bytes()
    assert after.startswith(OLD) and len(after) > len(OLD)
    assert result.changed is False and result.old_size == len(OLD)
    assert (tmp_path / "sct.yaml.lock").exists()
    assert leftovers(tmp_path) == []


def test_symlink_survives_and_its_target_changes(tmp_path: Path) -> None:
    real_dir = tmp_path / "shared"
    real_dir.mkdir()
    real = real_dir / "sct.yaml"
    real.write_bytes(OLD)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    build, _ = appender()
    result = locked_append(link, build, snapshot(real), tmp_path)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes().startswith(OLD) and real.read_bytes() != OLD
    assert result.path == real
    assert (real_dir / "sct.yaml.lock").exists()  # the lock sits with the real file


def test_permissions_survive(tmp_path: Path) -> None:
    f = tmp_path / "sct.yaml"
    f.write_bytes(OLD)
    f.chmod(0o640)
    build, _ = appender()
    locked_append(f, build, snapshot(f))
    assert stat.S_IMODE(f.stat().st_mode) == 0o640


def test_new_file_follows_the_umask_not_mkstemps_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        f = tmp_path / "reports" / "new.yaml"
        build, seen = appender(b"agency: SCT\n")
        locked_append(f, build, ABSENT)
    finally:
        os.umask(old)
    assert seen == [None]
    assert stat.S_IMODE(f.stat().st_mode) == 0o644


@pytest.mark.parametrize("where", ["write", "fsync", "mkstemp", "replace", "chmod"])
def test_disk_full_or_read_only_leaves_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    f = tmp_path / "sct.yaml"
    f.write_bytes(OLD)
    code = errno.EROFS if where in ("mkstemp", "replace") else errno.ENOSPC

    def fail(*args: object, **kwargs: object) -> object:
        raise OSError(code, os.strerror(code))

    target = tempfile if where == "mkstemp" else os
    monkeypatch.setattr(target, where, fail)
    build, _ = appender()
    with pytest.raises(WriteError) as info:
        locked_append(f, build, snapshot(f))
    monkeypatch.undo()
    assert os.strerror(code) in str(info.value) and "unchanged" in str(info.value)
    assert f.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_a_short_write_is_completed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data[:7])))
    f = tmp_path / "sct.yaml"
    f.write_bytes(OLD)
    build, _ = appender()
    locked_append(f, build, snapshot(f))
    monkeypatch.undo()
    assert f.read_bytes() == build(OLD)


def test_a_change_since_reading_is_detected_and_built_on(tmp_path: Path) -> None:
    f = tmp_path / "sct.yaml"
    f.write_bytes(OLD)
    expected = snapshot(f)
    someone = OLD + b"  - {task: '1.a', date: 2020-07-01, kind: started}\n"
    f.write_bytes(someone)  # another writer, between our read and our write
    build, seen = appender()
    result = locked_append(f, build, expected)
    assert result.changed is True
    assert seen == [someone]  # re-read under the lock, never the stale copy
    assert f.read_bytes().startswith(someone)


def test_build_refusal_and_rewrites_leave_the_file(tmp_path: Path) -> None:
    f = tmp_path / "sct.yaml"
    f.write_bytes(OLD)

    def refuse(current: bytes | None) -> bytes:
        raise WriteError("no longer valid")

    with pytest.raises(WriteError, match="no longer valid"):
        locked_append(f, refuse, snapshot(f))
    with pytest.raises(WriteError, match="change existing bytes"):
        locked_append(f, lambda cur: b"agency: SCT\nrecords:\n", snapshot(f))
    assert f.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_lock_timeout_is_a_clear_refusal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from filelock import FileLock

    f = tmp_path / "sct.yaml"
    f.write_bytes(OLD)
    monkeypatch.setattr(writer, "LOCK_TIMEOUT", 0.2)
    held = FileLock(str(f) + ".lock", thread_local=False)
    build, _ = appender()
    import threading

    ready, release = threading.Event(), threading.Event()

    def hold() -> None:
        with held:
            ready.set()
            release.wait(5)

    t = threading.Thread(target=hold)
    t.start()
    ready.wait(5)
    try:
        with pytest.raises(WriteError, match="try again"):
            locked_append(f, build, snapshot(f))
    finally:
        release.set()
        t.join()
    assert f.read_bytes() == OLD
