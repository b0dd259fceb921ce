"""How every kehoach command parses its options and describes itself in `--help`.

Typer builds click commands; these two classes change, for every command at once:

* help is in the command line's language (`messages.tr`, at the moment it is printed:
  typer builds the click commands anew on every run, so one process may print help in
  either language), click's own words included: the section titles, ``Usage:``, the
  ``[default: …]`` notes and the help of the options click and typer add themselves;
* help names each value by a metavar (DATE, FILE, table|json) and never by a Python type
  (``<list[Path]>``, ``<str>``), and command summaries are never cut with "...";
* a value an option cannot take is worded here (``'jsn' is not one of …``), not by
  click's types ("Invalid value for '--format': 'jsn' is not one of 'table', 'json'.");
* a single-valued option given twice is a warning on stderr: click keeps the last one
  without a word, so ``--agency A --agency B`` would silently mean B.

`explain` words click's usage errors (typer's vendored click writes them in English,
without gettext) in the command line's language.
"""

from __future__ import annotations

import inspect
import re
import sys
from collections import Counter
from typing import Any

from typer._click import Context, HelpFormatter
from typer._click.exceptions import (
    BadArgumentUsage,
    BadOptionUsage,
    BadParameter,
    ClickException,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer._click.formatting import join_options
from typer._click.types import IntParamType
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from kehoach_cli.messages import N_, Msg, language, msg, tr
from kehoach_cli.textnorm import closest, did_you_mean, quoted

# The help texts click and typer give the options they add themselves (-h/--help and the
# completion options), in the catalogue so that `tr` finds them.
CLICK_HELP = (
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)


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


def summary(help_text: str | None) -> str:
    """A command's one-line summary for the command list: its help's first paragraph, whole."""
    text = inspect.cleandoc(help_text or "").split("\n\n", 1)[0]
    return " ".join(text.split())


def _extras(param: Any, ctx: Context) -> list[str]:
    """The bracketed notes after an option's help: its environment variable and default."""
    out: list[str] = []
    envvar = getattr(param, "envvar", None)
    if getattr(param, "show_envvar", False) and envvar:
        names = envvar if isinstance(envvar, str) else ", ".join(envvar)
        out.append(tr("env var: {var}").format(var=names))
    default = param._extract_default_help_str(ctx=ctx)
    given = isinstance(param.show_default, str)
    if given or (default is not None and (param.show_default or ctx.show_default)):
        shown = param._get_default_string(ctx=ctx, show_default_is_str=given, default_value=default)
        if shown:
            out.append(tr("default: {default}").format(default=shown))
    if param.required and not isinstance(param, TyperArgument):
        out.append(tr("required"))
    return out


def _record(param: Any, ctx: Context) -> tuple[str, str] | None:
    """One line of the options (or arguments) list: the names with a metavar, and the help."""
    if param.hidden:
        return None
    help_text = tr(param.help) if param.help else ""
    extras = _extras(param, ctx)
    if extras:
        help_text = f"{help_text}  [{'; '.join(extras)}]" if help_text else f"[{'; '.join(extras)}]"
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
        with formatter.section(tr("Arguments")):
            formatter.write_dl(args)
    if opts:
        with formatter.section(tr("Options")):
            formatter.write_dl(opts)


def _usage(command: Any, ctx: Context) -> list[str]:
    pieces = [command.options_metavar] if command.options_metavar else []
    for param in command.get_params(ctx):
        if isinstance(param, TyperArgument):
            name = metavar(param) + ("..." if param.nargs == -1 else "")
            pieces.append(name if param.required else f"[{name}]")
    return pieces


def _help_text(command: Any, formatter: HelpFormatter) -> None:
    if command.help:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(inspect.cleandoc(tr(command.help)))


def _epilog(command: Any, formatter: HelpFormatter) -> None:
    if command.epilog:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(inspect.cleandoc(tr(command.epilog)))


def reword(exc: BadParameter, command: Any, ctx: Context, args: list[str]) -> None:
    """Replace the message of click's types by kehoach's own wording (`exc.worded`), naming the value given."""
    param = exc.param
    if param is None or param.type is None:
        return
    bad = _bad_value(param, command, ctx, args)
    shown: str | Msg = quoted(str(bad)) if bad is not None else msg("this value")
    choices = _choices(param)
    worded: Msg
    if choices:
        near = did_you_mean(closest(str(bad), choices, n=1)) if bad is not None else None
        worded = msg("{value} is not one of {choices}", value=shown, choices=", ".join(choices))
        if near is not None:
            worded = msg("{problem}; {suggestion}", problem=worded, suggestion=near)
    elif isinstance(param.type, IntParamType):
        worded = msg("{value} is not a whole number", value=shown)
    else:
        worded = msg("{value} is not a value this option takes", value=shown)
    exc.worded = worded  # type: ignore[attr-defined]
    exc.message = str(worded)


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
            warning = msg(
                "{option} was given {n} times; only the last one, {value}, is used",
                option=param.opts[-1],
                n=n,
                value=quoted(str(last)),
            )
            sys.stderr.write(f"kehoach: {tr('warning')}: {warning.text(language())}\n")


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

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), tr("Usage: "))

    def format_help_text(self, ctx: Context, formatter: HelpFormatter) -> None:
        _help_text(self, formatter)

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        _format_params(self, ctx, formatter)

    def format_epilog(self, ctx: Context, formatter: HelpFormatter) -> None:
        _epilog(self, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        return summary(tr(self.help)) if self.help else ""

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

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), tr("Usage: "))

    def format_help_text(self, ctx: Context, formatter: HelpFormatter) -> None:
        _help_text(self, formatter)

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        _format_params(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str()))
        if rows:
            with formatter.section(tr("Commands")):
                formatter.write_dl(rows)

    def format_epilog(self, ctx: Context, formatter: HelpFormatter) -> None:
        _epilog(self, formatter)


# --- click's usage errors, in kehoach's words ------------------------------------------

_EXTRA = re.compile(r"^Got unexpected extra argument\(s\) \((?P<args>.*)\)$", re.S)
_NO_COMMAND = re.compile(r"^No such command (?P<name>'.*?')\.(?: Did you mean .*)?$", re.S)
_TAKES_NO_VALUE = re.compile(r"^Option '(?P<option>.*)' does not take a value\.$", re.S)
_NEEDS = re.compile(r"^Option '(?P<option>.*)' requires (?:an argument|(?P<n>[0-9]+) arguments)\.$", re.S)


def _param_hint(exc: BadParameter) -> Msg | str | None:
    """The option as the user gave it ('--format'), or the argument's name ('TASK')."""
    if exc.param_hint is not None:
        return exc.param_hint if isinstance(exc.param_hint, str) else " / ".join(repr(h) for h in exc.param_hint)
    param = exc.param
    if param is None:
        return None
    names = " / ".join(repr(o) for o in param.opts) if isinstance(param, TyperOption) else repr(metavar(param))
    envvar = getattr(param, "envvar", None)
    if isinstance(envvar, str) and getattr(param, "show_envvar", False):
        return msg("{option} (env var: {var})", option=names, var=repr(envvar))
    return names


def _problem(exc: ClickException) -> Msg:
    """What went wrong, in kehoach's catalogue (a message click made up elsewhere stays as it is)."""
    text = exc.format_message() if not isinstance(exc, UsageError) else exc.message
    if isinstance(exc, MissingParameter):
        name = _param_hint(exc) or ""
        kind = exc.param_type or (exc.param.param_type_name if exc.param is not None else "parameter")
        if kind == "argument":
            return msg("missing argument {name}", name=name)
        if kind == "option":
            return msg("missing option {name}", name=name)
        return msg("missing parameter {name}", name=name)
    if isinstance(exc, BadParameter):
        worded = getattr(exc, "worded", None)
        problem: Msg | str = worded if isinstance(worded, Msg) else exc.message
        hint = _param_hint(exc)
        if hint is None:
            return msg("invalid value: {problem}", problem=problem)
        return msg("invalid value for {option}: {problem}", option=hint, problem=problem)
    if isinstance(exc, NoSuchOption):
        near = did_you_mean(sorted(exc.possibilities or ()))
        if near is not None:
            return msg("no such option: {option}; {suggestion}", option=exc.option_name, suggestion=near)
        return msg("no such option: {option}", option=exc.option_name)
    if isinstance(exc, BadOptionUsage):
        if m := _TAKES_NO_VALUE.match(text):
            return msg("option {option} does not take a value", option=m["option"])
        if m := _NEEDS.match(text):
            return msg("option {option} needs a value", option=m["option"])
    if isinstance(exc, BadArgumentUsage):
        return msg("{problem}", problem=text)
    if m := _EXTRA.match(text):
        return msg("unexpected extra arguments: {args}", args=m["args"])
    if m := _NO_COMMAND.match(text):
        commands = _commands(exc)
        near = did_you_mean(closest(m["name"].strip("'"), commands, n=1))
        if near is not None:
            return msg("no such command {name}; {suggestion}", name=m["name"], suggestion=near)
        return msg("no such command {name}", name=m["name"])
    if text == "Missing command.":
        return msg("a command is missing: see `kehoach --help`")
    return msg("{problem}", problem=text)


def _commands(exc: ClickException) -> list[str]:
    ctx = getattr(exc, "ctx", None)
    if ctx is None or not isinstance(ctx.command, TyperGroup):
        return []
    return list(ctx.command.list_commands(ctx))


def explain(exc: ClickException) -> str:
    """A click error as kehoach prints it: the usage line, where to find help, and what went
    wrong, in the command line's language."""
    if isinstance(exc, NoArgsIsHelpError):
        return exc.format_message()
    lang = language()
    out = []
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        out.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            help_line = msg(
                "Try '{command} {option}' for help.", command=ctx.command_path, option=ctx.help_option_names[0]
            )
            out.append(help_line.text(lang))
        out.append("")
    out.append(msg("Error: {problem}", problem=_problem(exc)).text(lang))
    return "\n".join(out)
