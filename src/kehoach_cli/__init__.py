"""kehoach: plan compliance checker for Vietnamese implementation plans (kế hoạch).

The pipeline, one module per stage::

    plan.yaml + reports/*.yaml
        ─ yamlio ─▶ data + source map          (bytes → text → YAML events, no yaml.safe_load)
        ─ validation/model ─▶ Plan             (pydantic, strict, frozen)  ┐ loader
        ─ rules ─▶ Problems with file:line:col                             ┘
    Plan + as-of date + records
        ─ schedule/evaluate ─▶ obligations, statuses, target attainment
        ─ reports ─▶ typed report values
        ─ render/* ─▶ text in the chosen format
    result + policy ─ exitcodes ─▶ exit code   (0 ok, 1 findings, 2 usage, 3 internal, 130 ^C)

`cli` and `commands/` are the thin command-line layer over this library.
"""

__version__ = "0.1.0"
