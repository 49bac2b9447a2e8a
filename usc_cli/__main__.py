"""Entry point for ``uscn`` and ``python -m usc_cli``: the real process's standard output."""

from __future__ import annotations

import errno
import os
import sys
from typing import Any, TextIO

from usc_cli.errors import StdoutError


def main() -> None:
    """Run the CLI; a reader that closes the pipe early ends it quietly (exit 1, as nothing failed but
    the output was not all read), and standard output closed or full is one error line and exit 1."""
    stdout = _Stdout(sys.stdout)
    sys.stdout = stdout
    try:
        from usc_cli.cli import app

        app(prog_name="uscn")
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(1)
    except StdoutError as exc:  # --help or --version, printed while the command line is parsed
        from usc_cli.commands.errors import report_error

        report_error(exc)
        sys.exit(exc.exit_status)
    finally:
        if stdout.error is not None:  # what is still buffered must not fail again at exit
            _silence_stdout()
            sys.stdout = sys.__stdout__


class _Stdout:
    """Standard output whose write errors are a ``StdoutError`` (one line, exit 1) rather than a bug.

    A closed standard output (``>&-``) leaves Python no ``sys.stdout``; it stands in for one that
    fails on the first write, and holds descriptor 1 so no file the command opens takes its place.
    """

    def __init__(self, stream: TextIO | None) -> None:
        self.error: OSError | None = None  # once writing failed, it fails every time (click tries twice)
        if stream is None:
            stream = open(os.devnull, "w", encoding="utf-8")  # the lowest free descriptor: 1
            self.error = OSError(errno.EBADF, os.strerror(errno.EBADF))
        self._stream = stream

    def _failed(self, exc: OSError) -> Exception:
        if isinstance(exc, BrokenPipeError):
            return exc
        self.error = exc
        return StdoutError(exc)

    def write(self, text: str) -> int:
        try:
            if self.error is not None:
                raise self.error
            return self._stream.write(text)
        except OSError as exc:
            raise self._failed(exc) from None

    def flush(self) -> None:
        try:
            if self.error is not None:
                raise self.error
            self._stream.flush()
        except OSError as exc:
            raise self._failed(exc) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _silence_stdout() -> None:
    # Python flushes stdout again at exit; point it at devnull so no "Exception ignored" follows.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)


if __name__ == "__main__":
    main()
