"""The two exceptions that end a command early; both exit 2.

Kept apart from the CLI and the loader so that raising them imports neither Typer nor YAML.
A `UsageProblem` names the *field* it is about (``agency``, ``section``…), not a command
line option: the core does not know how it was called, and the CLI words it as ``--agency``.
"""

from kehoach_cli.safe import argument


class UsageProblem(Exception):
    """A usage error found after parsing (unknown agency, bad date…).

    `field` and `value` say which input was wrong; the CLI shows them as ``--field 'value'``.
    """

    def __init__(self, message: str, field: str | None = None, value: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.value = value

    def worded(self, option: str | None = None) -> str:
        """The message as the user should read it, naming the option they typed."""
        if self.field is None:
            return self.message
        name = option or f"--{self.field.replace('_', '-')}"
        if self.value is None:
            return f"{name}: {self.message}"
        gap = "" if self.message.startswith(":") else " "
        return f"{name} {argument(self.value)}{gap}{self.message}"

    def __str__(self) -> str:
        return self.worded()


class UnreadableInput(Exception):
    """The input cannot be read at all (missing, a directory, no permission)."""
