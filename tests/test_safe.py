"""safe.py: what reaches a terminal is never an instruction to it, and JSON keeps the data."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach_cli.safe import argument, hidden, json_text, one_line, terminal

HOSTILE = "Điện\x1b[2J \x1b]8;;https://evil.example\x07gió\x9b\u202eđảo\u2066\u200b\u00ad\ufeff\u2028x\r\ny\x00"


def test_terminal_shows_every_hidden_character_as_an_escape() -> None:
    shown = terminal(HOSTILE)
    assert shown == (
        "Điện\\x1b[2J \\x1b]8;;https://evil.example\\x07gió\\x9b\\u202eđảo\\u2066\\u200b\\xad\\ufeff\\u2028x\ny\\x00"
    )
    assert not [c for c in shown if hidden(c) and c != "\n"]


def test_one_line_flattens_line_breaks_and_tabs() -> None:
    assert one_line("Điện gió\nTình trạng: hoàn thành\r\nđúng\thạn") == "Điện gió Tình trạng: hoàn thành đúng hạn"


def test_vietnamese_and_spaces_are_kept() -> None:
    text = "Sở Công Thương\u00a0– Ðà Nẵng ① ✓ 😀"
    assert terminal(text) == text and one_line(text) == text


def test_arguments_are_capped_and_quoted_like_repr() -> None:
    assert argument("Sở Công Thương") == repr("Sở Công Thương")
    assert argument("x" * 100_000) == "'" + "x" * 119 + "…'"
    assert argument("S\u202eCT") == "'S\\u202eCT'"


@pytest.mark.parametrize("ch", ["\x7f", "\x85", "\x9b", "\u2028", "\u202e", "\u200b", "\ufeff", "\U000e0041"])
def test_json_never_holds_the_raw_character_and_reads_back_the_same(ch: str) -> None:
    data = {"title": f"a{ch}b", ch: [ch]}
    text = json_text(data)
    assert ch not in text
    assert json.loads(text) == data


@given(
    st.recursive(st.text(), lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3))
)
def test_json_text_reads_back_any_data(data: object) -> None:
    text = json_text(data)
    assert json.loads(text) == data
    assert not [c for c in text if hidden(c) and c != "\n"]
