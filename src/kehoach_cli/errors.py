"""The two exceptions that end a command early; both exit 2.

Kept apart from the CLI and the loader so that raising them imports neither Typer nor YAML.
A `UsageProblem` names the *field* it is about (``agency``, ``section``…), not a command
line option: the core does not know how it was called, and the CLI words it as ``--agency``.
Both carry a `Msg`, translated when the CLI prints it.
"""

from kehoach_cli.messages import Failure, Msg
from kehoach_cli.safe import argument


class UsageProblem(Exception):
    """A usage error found after parsing (unknown agency, bad date…).

    `field` and `value` say which input was wrong; the CLI shows them as ``--field 'value'``.
    """

    def __init__(self, message: Msg, field: str | None = None, value: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.value = value

    def worded(self, lang: str, option: str | None = None) -> str:
        """The message as the user should read it, in `lang`, naming the option they typed."""
        text = self.message.text(lang)
        if self.field is None:
            return text
        name = option or f"--{self.field.replace('_', '-')}"
        if self.value is None:
            return f"{name}: {text}"
        gap = "" if text.startswith(":") else " "
        return f"{name} {argument(self.value)}{gap}{text}"

    def __str__(self) -> str:
        return self.worded("en")


class UnreadableInput(Failure):
    """The input cannot be read at all (missing, a directory, no permission)."""

    def worded(self, lang: str) -> str:
        return self.message.text(lang)
