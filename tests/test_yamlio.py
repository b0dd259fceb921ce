"""yamlio: YAML 1.2-style resolution, safety, positions."""

from __future__ import annotations

from kehoach_cli.load.yamlio import decode, parse


def data(text: str) -> object:
    doc, problems = parse(text, "t.yaml")
    assert problems == []
    return doc.data


def test_only_true_false_are_booleans() -> None:
    assert data("a: [true, false, yes, NO, on, off, True]") == {"a": [True, False, "yes", "NO", "on", "off", "True"]}


def test_numbers_are_plain_decimal() -> None:
    assert data("a: [010, 8:30, 1.10, 12, -3, 1e3, 0x1F, .inf]") == {
        "a": ["010", "8:30", 1.1, 12, -3, 1000.0, "0x1F", ".inf"]
    }


def test_dates_stay_text() -> None:
    assert data("d: 2021-02-30") == {"d": "2021-02-30"}


def test_quoted_numbers_stay_text_and_null_forms() -> None:
    assert data('a: ["1.10", ~, null, ""]\nb:') == {"a": ["1.10", None, None, ""], "b": None}


def test_positions_are_one_based_and_keyed_by_path() -> None:
    doc, _ = parse("tasks:\n  - id: x\n    lead: [A, B]\n", "t.yaml")
    assert doc.mark(("tasks", 0, "lead", 1)) == (3, 15)
    assert doc.mark(("tasks", 0, "lead"), key=True) == (3, 5)
    assert doc.mark(("tasks", 0, "missing")) is None
    assert str(doc.locate(("tasks", 0, "missing", 3))) == "t.yaml:2:5"


def test_duplicate_keys_name_both_lines() -> None:
    doc, problems = parse("a: 1\nb: 2\na: 3\n", "t.yaml")
    assert [p.code for p in problems] == ["yaml-duplicate-key"]
    assert problems[0].location is not None and problems[0].location.line == 3
    assert problems[0].related[0].line == 1
    assert doc.data == {"a": 1, "b": 2}  # the first is kept, the second reported


def test_anchors_aliases_and_tags_are_refused() -> None:
    _, problems = parse("a: &x [1]\nb: *x\nc: !!str 3\n", "t.yaml")
    assert [p.code for p in problems] == ["yaml-anchor", "yaml-alias", "yaml-tag"]


def test_deep_nesting_is_a_problem_not_a_crash() -> None:
    _, problems = parse("a: " + "[" * 1000 + "]" * 1000, "t.yaml")
    # our limit (64) or libyaml's own (1000), reported with a position either way
    assert len(problems) == 1 and problems[0].code in {"yaml-too-deep", "yaml-syntax"}
    assert problems[0].location is not None and problems[0].location.line == 1


def test_text_is_nfc() -> None:
    nfd = "Sở Công Thương".encode().decode()
    import unicodedata

    assert data(f"a: {unicodedata.normalize('NFD', nfd)}") == {"a": unicodedata.normalize("NFC", nfd)}


def test_decode_accepts_bom_and_refuses_legacy_encodings() -> None:
    assert decode(b"\xef\xbb\xbfa: 1", "t")[0] == "a: 1"
    assert decode("a: Sở".encode("utf-16"), "t")[0] is None
    text, problems = decode(b"a: 1\nb: S\xd5\n", "t")
    assert text is None and str(problems[0].location) == "t:2:5"


def test_tcvn3_mojibake_is_flagged() -> None:
    _, problems = parse("a: Së KÕ ho¹ch vµ §Çu t\nb: Sở Kế hoạch và Đầu tư\n", "t.yaml")
    assert [(p.code, p.location.line if p.location else 0) for p in problems] == [("encoding-tcvn3", 1)]
