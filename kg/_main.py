"""The `kg` console command: the CLI (kg.cli) guarded so that no way of stopping it ends in a
traceback.

kg.cli turns library errors into exit codes once a command runs; what happens outside a
command is caught here: Ctrl-C while the heavy libraries are still importing, and output that
cannot be written (`kg --help > /dev/full`, a closed pipe) when click prints help or Python
flushes standard output at exit.
"""

from __future__ import annotations

import errno
import os
import signal
import sys

OUTPUT_ERROR_EXIT = 74  # sysexits' EX_IOERR
INTERRUPTED_EXIT = 130  # 128 + SIGINT, as shells report it


def output_failed(exc: OSError) -> str:
    """The one line for output that could not be written; standard output is silenced so that
    Python's own flush at exit has nothing left to fail on."""
    silence_stdout()
    reason = exc.strerror or errno.errorcode.get(exc.errno or 0, type(exc).__name__)
    return f"cannot write the output ({reason}); free some space or send the output elsewhere"


def silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


_interrupt_reported = False


def interrupted() -> str:
    """The message for Ctrl-C; said once however many layers see the interrupt."""
    global _interrupt_reported
    _interrupt_reported = True
    return "interrupted"


def _say(line: str) -> None:
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def main() -> None:
    code: int | str | None
    try:
        from kg.cli import app

        try:
            app()
            code = 0
        except SystemExit as exc:
            code = exc.code
        if code == INTERRUPTED_EXIT and not _interrupt_reported:  # typer exits 130 silently
            _say(f"Error: {interrupted()}")
        sys.stdout.flush()
    except KeyboardInterrupt:
        if not _interrupt_reported:
            _say(f"Error: {interrupted()}")
        code = INTERRUPTED_EXIT
    except BrokenPipeError:  # `kg … | head`: the reader left, nothing more to say
        silence_stdout()
        code = 1
    except OSError as exc:
        _say(f"Error: {output_failed(exc)}")
        code = OUTPUT_ERROR_EXIT
    # the work is done or given up: a Ctrl-C now must not turn into a traceback at exit
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.exit(code)


if __name__ == "__main__":  # `python -m kg._main`: run the one copy kg.cli imports
    from kg._main import main as _main

    _main()
