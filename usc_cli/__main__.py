"""Entry point for ``uscn`` and ``python -m usc_cli``."""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Run the CLI; a reader that closes the pipe early ends it quietly."""
    try:
        from usc_cli.cli import app

        app(prog_name="uscn")
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(1)


def _silence_stdout() -> None:
    # Python flushes stdout again at exit; point it at devnull so no "Exception ignored" follows.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    main()
