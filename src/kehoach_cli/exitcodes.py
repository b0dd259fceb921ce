"""Exit codes, decided in one place."""

OK = 0
FINDINGS = 1  # problems in the plan, or a report's --fail-on matched
USAGE = 2  # bad options, unknown agency or task, unreadable input
INTERNAL = 3  # a bug in kehoach
INTERRUPTED = 130
