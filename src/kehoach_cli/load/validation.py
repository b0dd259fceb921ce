"""pydantic errors → Problems that name the YAML path and suggest a fix.

Messages are built from ``errors(include_input=False)``: the input may be huge (an
alias bomb's expansion once took 89 s to print), so it is never echoed whole.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from kehoach_cli.messages import Msg, Param, either, msg
from kehoach_cli.problems import Problem, YamlPath, format_path
from kehoach_cli.textnorm import closest, did_you_mean, quoted, shorten

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], data: Any, base: YamlPath = ()) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        out: list[Problem] = []
        seen: set[tuple[str, YamlPath]] = set()
        for err in exc.errors(include_input=False, include_url=False):
            p = _problem(model, data, err, base)
            # A value failing every member of a union (float | int) is one problem.
            if (p.code, p.path) not in seen:
                seen.add((p.code, p.path))
                out.append(p)
        return None, out


def _walk(data: Any, loc: tuple[Any, ...]) -> tuple[YamlPath, Any, bool]:
    """Follow pydantic's `loc` through the data, dropping union tags it inserts."""
    path: list[str | int] = []
    node = data
    found = True
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str):
            if part in node:
                path.append(part)
                node = node[part]
                continue
            if part in _ALIASES and _ALIASES[part] in node:
                path.append(_ALIASES[part])
                node = node[_ALIASES[part]]
                continue
            if _is_tag(part):
                continue
            path.append(part)
            found = False
            node = None
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif _is_tag(str(part)) or (isinstance(part, str) and not isinstance(node, dict)):
            continue  # a union member's name ("float", "int"), not a place in the data
        else:
            path.append(part)
            found = False
            node = None
    return tuple(path), node, found


_ALIASES = {"from_": "from"}
_KINDS = {
    "deadline",
    "span",
    "recurring",
    "ongoing",
    "occurrence",
    "relative",
    "event",
    "milestones",
    "several",
    "none",
}
_TAGS = {*_KINDS, "function-after"}
# Comparators as people type them → as the plan writes them.
_COMPARATORS = {"=>": ">=", "=<": "<=", "≥": ">=", "≤": "<=", "==": "=", "> =": ">=", "< =": "<=", "gte": ">="}
_DECIMAL_COMMA = re.compile(r"^[-+]?[0-9]+,[0-9]+$")
_VN_GROUPED = re.compile(r"^[-+]?[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?$")


def separator_hint(text: str) -> Msg | None:
    """How to write `text` when it is a number in Vietnamese notation (`2,5`, `1.500.000`,
    `1.500,5`), or None. Never a guess between a thousands separator and a decimal point."""
    s = text.strip()
    if _DECIMAL_COMMA.match(s):
        whole, frac = s.split(",")
        if len(frac) == 3:
            return msg(
                "{text} may be {grouped} (',' grouping thousands) or {decimal} (a decimal comma): write one of them",
                text=s,
                grouped=whole + frac,
                decimal=whole + "." + frac,
            )
        return msg(
            "{text} has a decimal comma: write {decimal} (numbers use '.' as the decimal point)",
            text=s,
            decimal=whole + "." + frac,
        )
    if _VN_GROUPED.match(s):
        whole, _, frac = s.partition(",")
        plain = whole.replace(".", "") + (f".{frac}" if frac else "")
        return msg("{text} groups thousands with '.': write {plain}", text=s, plain=plain)
    return None


def _is_tag(part: str) -> bool:
    return part in _TAGS or part.startswith(("function-", "union["))


def _fields_at(model: type[BaseModel], data: Any, path: YamlPath) -> list[str] | None:
    """The keys allowed in the mapping at `path` (for "did you mean")."""
    tp: Any = model
    node = data
    for part in path:
        tp = _pick(tp, node)
        if tp is None:
            return None
        if isinstance(part, int):
            args = typing.get_args(tp)
            if typing.get_origin(tp) is not list or not args:
                return None
            tp = args[0]
            node = node[part] if isinstance(node, list) and part < len(node) else None
        else:
            if not (isinstance(tp, type) and issubclass(tp, BaseModel)):
                return None
            field = next((f for n, f in tp.model_fields.items() if (f.alias or n) == part), None)
            if field is None:
                return None
            tp = field.annotation
            node = node.get(part) if isinstance(node, dict) else None
    tp = _pick(tp, node)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [f.alias or n for n, f in tp.model_fields.items()]
    return None


def _pick(tp: Any, node: Any) -> Any:
    """Resolve Annotated/Optional/discriminated unions to the concrete type for `node`."""
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(tp) if a is not type(None)]
        kind = node.get("kind") if isinstance(node, dict) else None
        for m in members:
            if isinstance(m, type) and issubclass(m, BaseModel):
                lit = m.model_fields.get("kind")
                if lit is None or kind is None or kind in typing.get_args(lit.annotation):
                    return m
        return members[0] if members else None
    return tp


# The messages of model.py's own errors (PydanticCustomError), by type: pydantic gives back
# the formatted text and its context, so the template is found by formatting each one.
# A test holds this table to model.py.
CUSTOM: dict[str, tuple[Msg, ...]] = {
    "date_type": (
        msg("expected a date like 2020-12-31, got a boolean"),
        msg("expected a date like 2020-12-31, got a number"),
        msg("expected a date like 2020-12-31"),
    ),
    "date_bare_year": (msg("a year alone is not a date: write {year}-12-31 for 'năm {year}' (end of the year)"),),
    "date_format": (msg("dates are written YYYY-MM-DD (ISO), e.g. 2020-12-31; got '{text}'"),),
    "date_invalid": (msg("{text} is not a day of the calendar"),),
    "date_range": (msg("the year of {text} is out of range (1900–2200)"),),
    "group_members": (msg("only an agency of kind 'group' has `members` or `member_kinds`"),),
    "recurring_bounds": (
        msg("give `start` or `first_year`, not both"),
        msg("give `end` or `last_year`, not both"),
    ),
    "recurring_due_month": (msg("due_month {month} does not exist in a period of unit '{unit}' (1–{months})"),),
    "finite_number": (msg("value must be a finite number"), msg("value must be a finite number below 10^15")),
    "record_value": (
        msg("a 'value' record needs both `value` and `unit`"),
        msg("`value` and `unit` belong only to records of kind 'value'"),
    ),
}


def _custom(err: Any) -> Msg | None:
    """model.py's message for `err`, as a message to translate (None: not one of ours)."""
    ctx = err.get("ctx") or {}
    for template in CUSTOM.get(err["type"], ()):
        try:
            if template.msgid.format(**ctx) == err["msg"]:
                return msg(template.msgid, **{k: v if isinstance(v, (int, float)) else str(v) for k, v in ctx.items()})
        except (KeyError, IndexError, ValueError):
            continue
    return None


def _builtin(kind: str, err: Any) -> Msg:
    """pydantic's own checks, in kehoach's words (never "Input should be …")."""
    ctx = err.get("ctx") or {}
    if kind == "greater_than_equal":
        return msg("must be at least {limit}", limit=str(ctx.get("ge", "")))
    if kind == "greater_than":
        return msg("must be more than {limit}", limit=str(ctx.get("gt", "")))
    if kind == "less_than_equal":
        return msg("must be at most {limit}", limit=str(ctx.get("le", "")))
    if kind == "less_than":
        return msg("must be less than {limit}", limit=str(ctx.get("lt", "")))
    if kind == "too_short":
        return msg("needs at least {n} entries", n=str(ctx.get("min_length", "")))
    if kind == "too_long":
        return msg("has more than {n} entries", n=str(ctx.get("max_length", "")))
    if kind == "string_too_long":
        return msg("is longer than {n} characters", n=str(ctx.get("max_length", "")))
    if kind == "string_type":
        return msg("expected text")
    if kind in ("int_type", "int_from_float") or kind.startswith("int_parsing"):
        return msg("expected a whole number")
    if kind.startswith(("float_", "decimal_")):
        return msg("expected a number")
    if kind.startswith("date"):
        return msg("expected a date like 2020-12-31")
    return msg("this value is not allowed here")


def _problem(model: type[BaseModel], data: Any, err: Any, base: YamlPath) -> Problem:
    path, value, found = _walk(data, tuple(err["loc"]))
    kind = err["type"]
    text = _custom(err) or _builtin(kind, err)
    hint: Msg | None = None
    code = "schema"
    where: Param = format_path((*base, *path)) or msg("the top level")
    full = (*base, *path)
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else "?"
        allowed = _fields_at(model, data, path[:-1]) or []
        near = closest(key, allowed, n=1)
        code = "schema-unknown-key"
        inside: Param = format_path((*base, *path[:-1])) or msg("the top level")
        text = msg("unknown key {key} in {where}", key=repr(shorten(key, 40)), where=inside)
        if near:
            hint = did_you_mean(near[:1])
        elif key.isdigit():
            hint = msg("inside {…} a ',' separates entries: a decimal comma (2,5) reads as 2 and a key 5; write 2.5")
        elif allowed:
            hint = msg("allowed keys: {keys}", keys=", ".join(allowed))
        return Problem(code, text, full, hint)
    if kind == "missing":
        code = "schema-missing-key"
        text = msg("missing required key {key}", key=quoted(str(path[-1]))) if path else msg("missing value")
        hint = msg("add `{key}: …` here", key=str(path[-1])) if path else None
        return Problem(code, text, full[:-1] if path else full, hint)
    if kind == "union_tag_invalid":
        tag = value.get("kind") if isinstance(value, dict) else None
        if tag == "several" and "parts" in path:
            return Problem(
                "schema-schedule-kind",
                msg("a part of a `several` schedule cannot itself be `several`"),
                (*full, "kind"),
                msg("list its parts in the outer `parts:` directly"),
            )
        kinds = sorted(_KINDS)
        near = closest(str(tag), kinds, n=1)
        hint = did_you_mean(near[:1], msg("use one of: {choices}", choices=", ".join(kinds)))
        return Problem(
            "schema-schedule-kind", msg("unknown schedule kind {kind}", kind=quoted(str(tag))), (*full, "kind"), hint
        )
    if kind == "union_tag_not_found":
        kinds = sorted(_KINDS)
        return Problem(
            "schema-missing-key",
            msg("a schedule needs a `kind`"),
            full,
            msg("add `kind:` with one of: {choices}", choices=", ".join(kinds)),
        )
    if kind.startswith("date_"):
        code = "date-" + kind[5:].replace("_", "-")
        if kind == "date_bare_year":
            hint = msg("a deadline 'năm 2020' means the end of that year")
        return Problem(code, msg("{where}: {problem}", where=where, problem=text), full, hint)
    if kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return Problem(
            "type-number-as-text",
            msg("{where}: expected text, got the number {value}", where=where, value=repr(value)),
            full,
            msg('put it in quotes, e.g. "8.1" (unquoted, 1.10 and 1.1 are the same number)'),
        )
    if kind == "bool_type":
        text = msg("{where}: expected true or false", where=where)
        if isinstance(value, str):
            text = msg("{where}: expected true or false, got {value}", where=where, value=repr(shorten(value, 20)))
        hint = msg("write true or false (yes/no/on/off are text here, as in YAML 1.2)")
        return Problem("type-boolean", text, full, hint)
    if kind in ("int_type", "float_type", "int_from_float") or kind.startswith("int_parsing"):
        if isinstance(value, str) and value.lower().lstrip("+-") in (".inf", ".nan", "inf", "nan"):
            return Problem(
                "type-number",
                msg("{where}: {value} is not an amount", where=where, value=value),
                full,
                msg("write an ordinary finite number"),
            )
        if isinstance(value, str) and (separator := separator_hint(value)) is not None:
            return Problem(
                "type-number",
                msg("{where}: {value} is not a number YAML reads", where=where, value=repr(shorten(value, 20))),
                full,
                separator,
            )
        if kind == "float_type":
            text = msg("expected a number")
        if isinstance(value, str):
            text = msg("{problem}; got {value}", problem=text, value=repr(shorten(str(value), 20)))
            hint = msg("write a plain decimal number (a ':' or leading zero makes text in YAML 1.2)")
        else:
            hint = msg("write a plain decimal number")
        return Problem("type-number", msg("{where}: {problem}", where=where, problem=text), full, hint)
    if kind == "literal_error" and path and path[-1] == "op" and isinstance(value, str) and value in _COMPARATORS:
        fix = _COMPARATORS[value]
        return Problem(
            "schema-value",
            msg("{where}: invalid comparator {value}", where=where, value=repr(value)),
            full,
            msg('write "{fix}" (in quotes: an unquoted > starts a block of text in YAML)', fix=fix),
        )
    if kind in ("literal_error", "enum"):
        expected = str(err.get("ctx", {}).get("expected", ""))
        choices = [e.strip().strip("'") for e in expected.replace(" or ", ", ").split(",") if e.strip()]
        near = closest(str(value), choices) if isinstance(value, str) else []
        hint = did_you_mean(near[:1], msg("use {choices}", choices=either([repr(c) for c in choices])))
        if value is not None:
            text = msg("{where}: invalid value {value}", where=where, value=repr(shorten(str(value), 30)))
        else:
            text = msg("{where}: invalid value", where=where)
        return Problem("schema-value", text, full, hint)
    if kind == "list_type":
        hint = msg("write a list, e.g. [A, B], or one `- item` per line")
        if isinstance(value, str):
            hint = msg("write a list even for one item: [{item}]", item=shorten(value, 40))
        return Problem("type-list", msg("{where}: expected a list", where=where), full, hint)
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return Problem(
            "type-mapping",
            msg("{where}: expected a mapping of `key: value` lines", where=where),
            full,
            msg("check the indentation"),
        )
    if kind == "finite_number":
        return Problem(
            "type-number", msg("{where}: {problem}", where=where, problem=text), full, msg("write an ordinary number")
        )
    if kind == "string_too_short":
        return Problem(
            "schema-empty",
            msg("{where}: must not be empty", where=where),
            full,
            msg("write the text, or remove the key"),
        )
    if kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        return Problem(
            "schema-pattern",
            msg("{where}: does not match {pattern}", where=where, pattern=str(pattern)),
            full,
            msg("use lowercase letters, digits and '-'"),
        )
    if not found and value is None:
        code = "schema"
    return Problem(code, msg("{where}: {problem}", where=where, problem=text), full, hint)
