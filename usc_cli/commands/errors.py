"""How an error reaches the user: one line on stderr (plus the list for data problems)."""

from __future__ import annotations

import sys

import typer

from usc_cli.commands.data import location
from usc_cli.errors import DataError, NotFoundError, UscnError
from usc_cli.render.document import visible


def report_error(exc: UscnError, ctx: typer.Context | None = None) -> None:
    """One line (plus the list for data problems) on stderr, with user input shown safely.

    A name not found says where uscn looked (the shipped dataset and the user's directory, or the
    --data-dir), so a source added elsewhere is not a mystery.
    """
    message = str(exc)
    if isinstance(exc, NotFoundError) and not exc.ambiguous and ctx is not None and exc.kind != "help topic":
        where = location(ctx).describe()
        message = (
            message.replace(" not found", f" not found in {where}", 1)
            if " not found" in message
            else f"{message} (looked in {where})"
        )
    lines = [f"uscn: error: {visible(message)}"]
    if isinstance(exc, DataError):
        lines += [visible(str(problem)) for problem in exc.problems]
        read = f" in {location(ctx).describe()}" if ctx is not None else ""
        lines.append(visible(f"{len(exc.problems)} problem{'s' if len(exc.problems) != 1 else ''} found{read}."))
    stream = sys.stderr
    if stream.encoding and not stream.encoding.lower().replace("-", "").startswith("utf"):
        stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    stream.write("\n".join(lines) + "\n")
