"""The two exceptions that end a command early; both exit 2.

Kept apart from `app` and `loader` so that raising them imports neither Typer nor YAML.
"""


class UsageProblem(Exception):
    """A usage error found after parsing (unknown agency, bad date…)."""


class UnreadableInput(Exception):
    """The input cannot be read at all (missing, a directory, no permission)."""
