"""The JSON Schema of plan.yaml, generated from the models (`kehoach schema`)."""

from __future__ import annotations

import json

from kehoach_cli.model import Plan

SCHEMA_ID = "https://kehoach.invalid/plan.schema.json"


def plan_schema() -> str:
    schema = Plan.model_json_schema(by_alias=True, mode="validation")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "kehoach plan.yaml", **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
