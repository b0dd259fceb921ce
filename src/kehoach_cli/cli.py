"""Entry point: run the Typer app and turn every outcome into one exit code."""

from __future__ import annotations

import sys

from . import exitcodes


def main(argv: list[str] | None = None) -> int:
    from typer import exceptions as typer_exc
    from typer._click import exceptions as click_exc

    from .app import app
    from .commands import register
    from .errors import UnreadableInput, UsageProblem

    register()
    try:
        result = app(args=argv, prog_name="kehoach", standalone_mode=False)
    except typer_exc.Exit as exc:
        return int(exc.exit_code)
    except typer_exc.Abort:
        sys.stderr.write("kehoach: interrupted\n")
        return exitcodes.INTERRUPTED
    except click_exc.ClickException as exc:
        exc.show()
        return exitcodes.USAGE if exc.exit_code == 2 else int(exc.exit_code)
    except (UsageProblem, UnreadableInput) as exc:
        sys.stderr.write(f"kehoach: {exc}\n")
        return exitcodes.USAGE
    except KeyboardInterrupt:
        sys.stderr.write("kehoach: interrupted\n")
        return exitcodes.INTERRUPTED
    except BrokenPipeError:
        return exitcodes.OK
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
        return exitcodes.INTERNAL
    return result if isinstance(result, int) else exitcodes.OK
