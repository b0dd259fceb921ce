"""How every kehoach command parses its options and describes itself in `--help`.

Typer builds click commands; these two classes change, for every command at once:

* help names each value by a metavar (DATE, FILE, table|json) and never by a Python type
  (``<list[Path]>``, ``<str>``), and command summaries are never cut with "...";
* a value an option cannot take is worded here (``'jsn' is not one of …``), not by
  click's types ("Invalid value for '--format': 'jsn' is not one of 'table', 'json'.");
* a single-valued option given twice is a warning on stderr: click keeps the last one
  without a word, so ``--agency A --agency B`` would silently mean B.
"""

from __future__ import annotations

import sys
from collections import Counter
from typing import Any

from typer._click import Context, HelpFormatter
from typer._click.exceptions import BadParameter, UsageError
from typer._click.formatting import join_options
from typer._click.types import IntParamType
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from kehoach_cli.textnorm import closest, did_you_mean, quoted


def metavar(param: Any) -> str:
    """What help and usage call the value of `param`: its metavar, else its choices, else its name."""
    if param.metavar:
        return str(param.metavar)
    choices = _choices(param)
    if choices:
        return "|".join(choices)
    return str(param.name).upper()


def _choices(param: Any) -> list[str]:
    """The values an option of an enum or Literal type takes (typer gives it a choice type)."""
    return [str(getattr(c, "value", c)) for c in getattr(param.type, "choices", None) or ()]


def _record(param: Any, ctx: Context) -> tuple[str, str] | None:
    """One line of the options (or arguments) list: the names with a metavar, and the help."""
    found = param.get_help_record(ctx)
    if found is None:
        return None
    _, help_text = found
    if isinstance(param, TyperArgument):
        return metavar(param), help_text
    names = join_options(param.opts)[0]
    if param.secondary_opts:
        names += " / " + join_options(param.secondary_opts)[0]
    if not param.is_flag:
        names += " " + metavar(param)
    return names, help_text


def _format_params(command: Any, ctx: Context, formatter: HelpFormatter) -> None:
    args: list[tuple[str, str]] = []
    opts: list[tuple[str, str]] = []
    for param in command.get_params(ctx):
        rec = _record(param, ctx)
        if rec is not None:
            (args if isinstance(param, TyperArgument) else opts).append(rec)
    if args:
        with formatter.section("Arguments"):
            formatter.write_dl(args)
    if opts:
        with formatter.section("Options"):
            formatter.write_dl(opts)


def _usage(command: Any, ctx: Context) -> list[str]:
    pieces = [command.options_metavar] if command.options_metavar else []
    for param in command.get_params(ctx):
        if isinstance(param, TyperArgument):
            name = metavar(param) + ("..." if param.nargs == -1 else "")
            pieces.append(name if param.required else f"[{name}]")
    return pieces


def reword(exc: BadParameter, command: Any, ctx: Context, args: list[str]) -> None:
    """Replace the message of click's types by kehoach's own wording, naming the value given."""
    param = exc.param
    if param is None or param.type is None:
        return
    bad = _bad_value(param, command, ctx, args)
    shown = quoted(str(bad)) if bad is not None else "this value"
    choices = _choices(param)
    if choices:
        near = did_you_mean(closest(str(bad), choices, n=1)) if bad is not None else None
        exc.message = f"{shown} is not one of {', '.join(choices)}" + (f"; {near}" if near else "")
    elif isinstance(param.type, IntParamType):
        exc.message = f"{shown} is not a whole number"
    else:
        exc.message = f"{shown} is not a value this option takes"


def _bad_value(param: Any, command: Any, ctx: Context, args: list[str]) -> object:
    """The value given to `param` that its type refuses (the first one, for a repeated option)."""
    try:
        values, _, _ = command.make_parser(ctx).parse_args(args=list(args))
    except UsageError:
        return None
    given = values.get(param.name)
    for value in given if isinstance(given, list | tuple) else [given]:
        if value is None:
            continue
        try:
            param.type.convert(value, param, ctx)
        except BadParameter:
            return str(value)
    return None


def warn_repeated(command: Any, ctx: Context, args: list[str]) -> None:
    """A warning for each single-valued option given more than once (the last one counts)."""
    try:
        values, _, order = command.make_parser(ctx).parse_args(args=list(args))
    except UsageError:
        return  # the real parse reports it
    counts = Counter(p for p in order if isinstance(p, TyperOption) and not p.multiple and not p.is_flag)
    for param, n in counts.items():
        if n > 1:
            last = values.get(param.name)
            sys.stderr.write(
                f"kehoach: warning: {param.opts[-1]} was given {n} times; only the last one, "
                f"{quoted(str(last))}, is used\n"
            )


class KehoachCommand(TyperCommand):
    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        if not ctx.resilient_parsing:
            warn_repeated(self, ctx, args)
        given = list(args)  # click's parser consumes the list it is given
        try:
            return super().parse_args(ctx, args)
        except BadParameter as exc:
            reword(exc, self, ctx, given)
            raise

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        _format_params(self, ctx, formatter)

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        return _usage(self, ctx)


class KehoachGroup(TyperGroup):
    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        given = list(args)  # click's parser consumes the list it is given
        try:
            return super().parse_args(ctx, args)
        except BadParameter as exc:
            reword(exc, self, ctx, given)
            raise

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        _format_params(self, ctx, formatter)
        self.format_commands(ctx, formatter)
