"""Entry point: run the Typer app and turn every outcome, and every exception, into one exit code."""

from __future__ import annotations

import sys

from kehoach_cli.cli.outcome import Outcome, exit_code


def main(argv: list[str] | None = None) -> int:
    return exit_code(_run(argv))


def _run(argv: list[str] | None) -> Outcome:
    from typer import exceptions as typer_exc
    from typer._click import exceptions as click_exc

    from kehoach_cli.cli.app import app
    from kehoach_cli.cli.commands import register
    from kehoach_cli.cli.completion import normalise_instruction
    from kehoach_cli.errors import UnreadableInput, UsageProblem

    register()
    normalise_instruction()
    try:
        result = app(args=argv, prog_name="kehoach", standalone_mode=False)
    except SystemExit as exc:  # shell completion answers, then exits with its own status
        return Outcome.ok if exc.code in (0, None) else Outcome.usage
    except typer_exc.Exit as exc:
        return Outcome.ok if exc.exit_code == 0 else Outcome.usage
    except typer_exc.Abort:
        sys.stderr.write("kehoach: interrupted\n")
        return Outcome.interrupted
    except click_exc.ClickException as exc:
        exc.show()
        return Outcome.usage
    except (UsageProblem, UnreadableInput) as exc:
        sys.stderr.write(f"kehoach: {exc}\n")
        return Outcome.usage
    except KeyboardInterrupt:
        sys.stderr.write("kehoach: interrupted\n")
        return Outcome.interrupted
    except BrokenPipeError:
        return Outcome.ok
    except Exception as exc:  # a bug: short message, not a traceback
        sys.stderr.write(
            f"kehoach: internal error ({type(exc).__name__}: {str(exc)[:200]}).\n"
            "This is a bug in kehoach, not in your plan; please report it with the command "
            "you ran. Set KEHOACH_DEBUG=1 to see the traceback.\n"
        )
        import os

        if os.environ.get("KEHOACH_DEBUG"):
            import traceback

            traceback.print_exc()
        return Outcome.internal
    return result if isinstance(result, Outcome) else Outcome.ok
