"""Domain errors and the one table that maps them to exit codes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitStatus(IntEnum):
    """Every exit code uscn uses (documented in ``uscn --help`` and the README)."""

    OK = 0
    FAILURE = 1  # an unknown or ambiguous name, an output that cannot be written
    USAGE = 2  # bad command line (click's own code)
    DATA_INVALID = 65  # EX_DATAERR: the dataset or a data file is invalid
    INTERNAL = 70  # EX_SOFTWARE: a bug in uscn
    INTERRUPTED = 130  # Ctrl-C


class UscnError(Exception):
    """An expected failure: shown to the user as one line, mapped to an exit code."""

    exit_status = ExitStatus.FAILURE


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data: where (file, line, column, field path) and what."""

    file: str
    line: int | None
    column: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.path}:" if self.path else ""
        return f"{where}:{field} {self.message}"


class DataError(UscnError):
    """The dataset has one or more problems; all of them are listed."""

    exit_status = ExitStatus.DATA_INVALID

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0, p.path, p.message))
        count = len(self.problems)
        super().__init__(f"the dataset has {count} problem{'s' if count != 1 else ''}")


class DataDirError(UscnError):
    """The data directory itself is missing, not a directory, unreadable or empty."""

    exit_status = ExitStatus.DATA_INVALID


class NotFoundError(UscnError):
    """A name the user typed matches nothing, or more than one thing."""

    exit_status = ExitStatus.FAILURE

    def __init__(
        self,
        kind: str,
        name: str,
        suggestions: list[str],
        ambiguous: bool = False,
        listed: str | None = None,
        search: str | None = None,
    ) -> None:
        self.kind, self.name, self.suggestions, self.ambiguous = kind, name, suggestions, ambiguous
        if ambiguous:
            message = f"{kind} {name!r} is ambiguous: it could be {listed or ', '.join(suggestions)}"
        else:
            message = f"{kind} {name!r} not found"
            if suggestions:
                message += f"; did you mean: {', '.join(suggestions)}?"
            if search:
                message += f"{' The' if suggestions else '; the'} articles mention it: try `{search}`"
        super().__init__(message)


class FormatUnavailableError(UscnError):
    """The requested output format does not fit this view's shape."""

    exit_status = ExitStatus.USAGE


class StdoutError(UscnError):
    """Standard output cannot be written: closed (``>&-``), or a full disk (``>/dev/full``). A reader
    that closes a pipe early (``| head``) is not an error and never becomes one."""

    exit_status = ExitStatus.FAILURE

    def __init__(self, exc: OSError) -> None:
        super().__init__(f"cannot write to standard output: {exc.strerror or exc}")


class NotUtf8Error(UscnError):
    """A name or search typed as bytes that are not UTF-8 (a terminal set to another encoding, say):
    it can match nothing in the dataset, which is UTF-8 throughout."""

    exit_status = ExitStatus.FAILURE

    def __init__(self, kind: str, typed: str) -> None:
        shown = typed.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        super().__init__(f"{kind} '{shown}' is not valid UTF-8 (is the terminal set to UTF-8?)")


def require_utf8(kind: str, typed: str) -> str:
    """``typed`` if it is UTF-8 text; Python keeps undecodable bytes of argv as lone surrogates."""
    try:
        typed.encode("utf-8")
    except UnicodeEncodeError:
        raise NotUtf8Error(kind, typed) from None
    return typed


class UsageError(UscnError):
    """A command asked for something it will not do as asked (raw HTML to a terminal)."""

    exit_status = ExitStatus.USAGE
