"""What a command ended with, and the one table that turns it into an exit code.

Commands return an `Outcome`; `main` maps it (and every exception) to the process's exit
code here and nowhere else. The policy for a plan that fails `check` is the same for every
command: its problems go to stderr and the outcome is `findings` (exit 1).
"""

from __future__ import annotations

import enum


class Outcome(enum.Enum):
    ok = "ok"  # clean; a report printed
    findings = "findings"  # the plan has problems, --fail-on matched, or an uncovered weakening change
    usage = "usage"  # bad options, unknown agency or task, unreadable input, a refused record
    internal = "internal"  # a bug in kehoach
    interrupted = "interrupted"  # Ctrl-C


EXIT_CODES: dict[Outcome, int] = {
    Outcome.ok: 0,
    Outcome.findings: 1,
    Outcome.usage: 2,
    Outcome.internal: 3,
    Outcome.interrupted: 130,
}


def exit_code(outcome: Outcome) -> int:
    return EXIT_CODES[outcome]
