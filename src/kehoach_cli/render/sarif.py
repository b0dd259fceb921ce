"""Problems as SARIF 2.1.0, for code-scanning views (GitHub's upload-sarif and others).

One run, one result per problem; the rule id is the problem's code. Locations are
relative URIs (forward slashes, percent-encoded, so ``origin/main:plan.yaml`` is not
read as a URI scheme) resolved against ``%SRCROOT%``, the checkout: inside a git work
tree, paths from its root (`RenderOptions.paths`, given by the CLI).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from kehoach_cli import __version__
from kehoach_cli.load.result import CheckResult
from kehoach_cli.messages import msg
from kehoach_cli.problems import Problem
from kehoach_cli.render.github import from_repo_root
from kehoach_cli.render.problems import sort
from kehoach_cli.render.registry import RenderOptions
from kehoach_cli.safe import json_text

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def as_sarif(problems: list[Problem], paths: Mapping[str, str], lang: str) -> str:
    """SARIF with English keys, rule ids and levels; each result's message text in `lang`."""
    ordered = sort(from_repo_root(problems, paths))
    rule_ids = sorted({p.code for p in ordered})
    index = {code: i for i, code in enumerate(rule_ids)}
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "kehoach",
                        "version": __version__,
                        "rules": [{"id": code, "name": code} for code in rule_ids],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(p, index[p.code], lang) for p in ordered],
            }
        ],
    }
    return json_text(doc) + "\n"


def _result(p: Problem, rule_index: int, lang: str) -> dict[str, Any]:
    hint = p.hint_text(lang)
    text = p.text(lang) + (f"\n{msg('help').text(lang)}: {hint}" if hint else "")
    result: dict[str, Any] = {
        "ruleId": p.code,
        "ruleIndex": rule_index,
        "level": p.severity,
        "message": {"text": text},
    }
    loc = p.location
    if loc is not None:
        physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(loc.file), "uriBaseId": "%SRCROOT%"}}
        if loc.line > 0:
            region = {"startLine": loc.line}
            if loc.col > 0:
                region["startColumn"] = loc.col
            physical["region"] = region
        result["locations"] = [{"physicalLocation": physical}]
    return result


def _uri(file: str) -> str:
    return quote(file.replace("\\", "/"), safe="/")


def render_check(result: CheckResult, opts: RenderOptions) -> str:
    return as_sarif(list(result.problems), opts.paths, opts.lang)
