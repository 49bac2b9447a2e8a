"""Entry point for ``uscn`` and ``python -m usc_cli``."""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Run the CLI (from the output cache when possible); a reader that closes the pipe early ends it quietly."""
    argv = sys.argv[1:]
    try:
        if "_USCN_COMPLETE" in os.environ:
            from usc_cli import fastcomplete

            if fastcomplete.serve():
                return
        from usc_cli import fastpath

        if fastpath.serve(argv):
            return
        from usc_cli.cli import app

        with fastpath.recording(argv):
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
