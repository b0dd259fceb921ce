"""Every check `kehoach check` makes, as data: the load stage's, each rule's, and change control's.

Each entry has an id, a one-line summary, the problem codes it reports and its
documentation (the rule module's docstring). `kehoach rules` prints them; a test holds
every problem code kehoach can report to exactly one entry's codes.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass

from kehoach_cli.messages import N_
from kehoach_cli.rules import RULES


@dataclass(frozen=True)
class CheckInfo:
    id: str
    summary: str
    codes: tuple[str, ...]
    doc: str


LOAD = CheckInfo(
    "load",
    N_("the file is UTF-8 YAML of one document, without YAML's traps, and matches the plan's schema"),
    (
        "encoding",
        "yaml-syntax",
        "yaml-duplicate-key",
        "yaml-multiple-documents",
        "yaml-too-deep",
        "yaml-alias",
        "yaml-anchor",
        "yaml-tag",
        "yaml-complex-key",
        "yaml-control-character",
        "yaml-conflict-marker",
        "yaml-missing-space",
        "yaml-missing-colon",
        "yaml-block-indicator",
        "yaml-comment-in-text",
        "text-line-separator",
        "text-bidi-control",
        "text-invisible",
        "number-separator",
        "schema",
        "schema-empty",
        "schema-missing-key",
        "schema-unknown-key",
        "schema-pattern",
        "schema-schedule-kind",
        "schema-value",
        "type-boolean",
        "type-list",
        "type-mapping",
        "type-number",
        "type-number-as-text",
        "date-format",
        "date-invalid",
        "date-bare-year",
        "date-range",
        "date-type",
        "finite-number",
        "report-unreadable",
        "report-path",
    ),
    "Reading a plan or report file: bytes must decode as UTF-8 (UTF-16, Windows-1258 and "
    "TCVN3 text are named); YAML is read from its events, so there are no YAML 1.1 booleans, "
    "octals, sexagesimal numbers or timestamps; anchors, aliases, tags, duplicate keys and "
    "several documents are refused; raw control characters, Unicode line separators, bidirectional "
    "controls, zero-width characters and soft hyphens are located exactly; git conflict markers, a key "
    "without the space after its ':', an unquoted '>' or '%', a '#' that cuts a sentence and numbers "
    "like 4.108 (a Vietnamese thousands separator, or a decimal?) are named; the data must match the schema of plan.yaml "
    "(`kehoach schema`), with unknown keys refused and a suggestion where a near miss exists. Plan and "
    "report files must be regular files inside the repository, at most 20 MB (`--max-size`).",
)

DIFF = CheckInfo(
    "diff",
    "a weakening change of the plan is covered by a new amendment (kehoach diff)",
    ("uncovered-*", "amendment-previous-due"),
    "A change that makes a task owe less, later, or leaves it without a lead must be named by "
    "a new entry of `amendments:`; its code is `uncovered-` followed by the kind of change "
    "(e.g. `uncovered-deadline-later`). See docs/change-control.md.",
)


def catalogue() -> tuple[CheckInfo, ...]:
    rules = tuple(CheckInfo(r.ID, r.SUMMARY, tuple(r.CODES), inspect.cleandoc(r.__doc__ or "")) for r in RULES)
    return (LOAD, *rules, DIFF)


def owner(code: str) -> str | None:
    """The id of the check that reports `code`, or None."""
    for info in catalogue():
        for c in info.codes:
            if c == code or (c.endswith("*") and code.startswith(c[:-1])):
                return info.id
    return None
