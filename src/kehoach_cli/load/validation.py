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


def separator_hint(text: str) -> str | None:
    """How to write `text` when it is a number in Vietnamese notation (`2,5`, `1.500.000`,
    `1.500,5`), or None. Never a guess between a thousands separator and a decimal point."""
    s = text.strip()
    if _DECIMAL_COMMA.match(s):
        whole, frac = s.split(",")
        if len(frac) == 3:
            return f"{s} may be {whole}{frac} (',' grouping thousands) or {whole}.{frac} (a decimal comma): write one of them"
        return f"{s} has a decimal comma: write {whole}.{frac} (numbers use '.' as the decimal point)"
    if _VN_GROUPED.match(s):
        whole, _, frac = s.partition(",")
        plain = whole.replace(".", "") + (f".{frac}" if frac else "")
        return f"{s} groups thousands with '.': write {plain}"
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


def _problem(model: type[BaseModel], data: Any, err: Any, base: YamlPath) -> Problem:
    path, value, found = _walk(data, tuple(err["loc"]))
    kind = err["type"]
    msg = err["msg"]
    hint: str | None = None
    code = "schema"
    where = format_path((*base, *path)) or "the top level"
    full = (*base, *path)
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else "?"
        allowed = _fields_at(model, data, path[:-1]) or []
        near = closest(key, allowed, n=1)
        code = "schema-unknown-key"
        msg = f"unknown key {shorten(key, 40)!r} in {format_path((*base, *path[:-1])) or 'the top level'}"
        if near:
            hint = did_you_mean(near[:1])
        elif key.isdigit():
            hint = "inside {…} a ',' separates entries: a decimal comma (2,5) reads as 2 and a key 5; write 2.5"
        elif allowed:
            hint = "allowed keys: " + ", ".join(allowed)
        return Problem(code, msg, full, hint)
    if kind == "missing":
        code = "schema-missing-key"
        msg = f"missing required key {quoted(str(path[-1]))}" if path else "missing value"
        hint = f"add `{path[-1]}: …` here" if path else None
        return Problem(code, msg, full[:-1] if path else full, hint)
    if kind == "union_tag_invalid":
        tag = value.get("kind") if isinstance(value, dict) else None
        if tag == "several" and "parts" in path:
            return Problem(
                "schema-schedule-kind",
                "a part of a `several` schedule cannot itself be `several`",
                (*full, "kind"),
                "list its parts in the outer `parts:` directly",
            )
        kinds = sorted(_KINDS)
        near = closest(str(tag), kinds, n=1)
        hint = did_you_mean(near[:1], "use one of: " + ", ".join(kinds))
        return Problem("schema-schedule-kind", f"unknown schedule kind {quoted(str(tag))}", (*full, "kind"), hint)
    if kind == "union_tag_not_found":
        kinds = sorted(_KINDS)
        return Problem(
            "schema-missing-key",
            "a schedule needs a `kind`",
            full,
            "add `kind:` with one of: " + ", ".join(kinds),
        )
    if kind.startswith("date_"):
        code = "date-" + kind[5:].replace("_", "-")
        if kind == "date_bare_year":
            hint = "a deadline 'năm 2020' means the end of that year"
        return Problem(code, f"{where}: {msg}", full, hint)
    if kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
        msg = f"{where}: expected text, got the number {value!r}"
        hint = 'put it in quotes, e.g. "8.1" (unquoted, 1.10 and 1.1 are the same number)'
        return Problem("type-number-as-text", msg, full, hint)
    if kind == "bool_type":
        msg = f"{where}: expected true or false"
        if isinstance(value, str):
            msg += f", got {shorten(value, 20)!r}"
        hint = "write true or false (yes/no/on/off are text here, as in YAML 1.2)"
        return Problem("type-boolean", msg, full, hint)
    if kind in ("int_type", "float_type", "int_from_float") or kind.startswith("int_parsing"):
        if isinstance(value, str) and value.lower().lstrip("+-") in (".inf", ".nan", "inf", "nan"):
            return Problem("type-number", f"{where}: {value} is not an amount", full, "write an ordinary finite number")
        if isinstance(value, str) and (hint := separator_hint(value)) is not None:
            return Problem("type-number", f"{where}: {shorten(value, 20)!r} is not a number YAML reads", full, hint)
        got = f" got {shorten(str(value), 20)!r}" if isinstance(value, str) else ""
        hint = "write a plain decimal number" + (
            " (a ':' or leading zero makes text in YAML 1.2)" if isinstance(value, str) else ""
        )
        return Problem("type-number", f"{where}: {msg.lower()};{got}".rstrip(";"), full, hint)
    if kind == "literal_error" and path and path[-1] == "op" and isinstance(value, str) and value in _COMPARATORS:
        fix = _COMPARATORS[value]
        return Problem(
            "schema-value",
            f"{where}: invalid comparator {value!r}",
            full,
            f'write "{fix}" (in quotes: an unquoted > starts a block of text in YAML)',
        )
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        near = (
            closest(str(value), [e.strip("'") for e in str(expected).split(" or ")]) if isinstance(value, str) else []
        )
        hint = did_you_mean(near[:1], f"use {expected}")
        got = f" {shorten(str(value), 30)!r}" if value is not None else ""
        return Problem("schema-value", f"{where}: invalid value{got}", full, hint)
    if kind == "list_type":
        hint = "write a list, e.g. [A, B], or one `- item` per line"
        if isinstance(value, str):
            hint = f"write a list even for one item: [{shorten(value, 40)}]"
        return Problem("type-list", f"{where}: expected a list", full, hint)
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return Problem(
            "type-mapping", f"{where}: expected a mapping of `key: value` lines", full, "check the indentation"
        )
    if kind == "finite_number":
        return Problem("type-number", f"{where}: {msg}", full, "write an ordinary number")
    if kind == "string_too_short":
        return Problem("schema-empty", f"{where}: must not be empty", full, "write the text, or remove the key")
    if kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        return Problem(
            "schema-pattern", f"{where}: does not match {pattern}", full, "use lowercase letters, digits and '-'"
        )
    if not found and value is None:
        code = "schema"
    return Problem(code, f"{where}: {msg}", full, hint)
