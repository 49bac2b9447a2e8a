"""Printing what a command made: a view in the chosen format, or text, to stdout (through the pager on
a terminal) or to a file (whole or not at all, said on stderr)."""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from usc_cli.commands.pager import page
from usc_cli.errors import UsageError
from usc_cli.render.document import Document, visible
from usc_cli.render.formats import OutputFormat, render_text

# Spaces at the end of a line, before any closing style codes. Matched from the first space of a run
# and without backtracking: a long table has thousands of runs of spaces, and trying each space of
# each run as a start made this quadratic (0.4 s on a 2,000-line table).
_TRAILING_PAD = re.compile(r"(?<! ) ++((?:\x1b\[[0-9;]*m)*+)$", re.MULTILINE)


def write_stdout(value: str) -> None:
    """Text to standard output: through the pager on a terminal, else written as it is."""
    if page(value):
        return
    if sys.stdout.encoding and sys.stdout.encoding.lower().replace("-", "") not in ("utf8", "utf8sig"):
        sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    sys.stdout.write(value)
    sys.stdout.flush()


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal (a person reading), not a pipe or a file."""
    return sys.stdout.isatty()


def refuse_html_on_terminal(html_to_stdout: bool, what: str) -> None:
    """Raise the one usage error (exit 2) for a page of HTML about to be printed on a terminal: it is
    no reading there."""
    if html_to_stdout and stdout_is_terminal():
        raise UsageError(f"{what}: write it with -o FILE, or pipe it")


def size_text(size: int) -> str:
    """A file's size as people read it: ``3,371 bytes``, ``276 KiB``."""
    return f"{size:,} bytes" if size < 10_000 else f"{size / 1024:,.0f} KiB"


def said_wrote(path: Path, size: int, what: str) -> None:
    """The one stderr line every command that writes a file prints: path, size, what is in it."""
    sys.stderr.write(visible(f"uscn: wrote {path} ({size_text(size)}: {what})") + "\n")


def _utf8(stream: Any) -> bool:
    """Whether the stream writes UTF-8."""
    return (getattr(stream, "encoding", None) or "").lower().replace("-", "") in ("utf8", "utf8sig")


def terminal_width() -> int:
    """Width to lay out tables for: the terminal's, $COLUMNS, or 80 when piped."""
    return shutil.get_terminal_size((80, 24)).columns


def emit(text: str, output: Path | None = None, force: bool = False, what: str = "output") -> None:
    """Text to stdout (through the pager on a terminal), or to ``output`` (whole or not at all, and
    said on stderr)."""
    if output is None:
        write_stdout(text)
        return
    from usc_cli.writer import atomic_write

    data = text.encode("utf-8")
    atomic_write(output, data, force, make_parents=False)
    said_wrote(output, len(data), what)


def show(
    fmt: OutputFormat,
    kind: str,
    payload: Callable[[], dict[str, Any]],
    doc: Callable[[], Document],
    output: Path | None = None,
    force: bool = False,
) -> None:
    """Render a view in the chosen format to stdout, or to ``output`` (whole or not at all); an HTML
    page goes to a file or a pipe, never to a terminal (as ``uscn report``)."""
    refuse_html_on_terminal(fmt is OutputFormat.HTML and output is None, "-f html makes an HTML page")
    rendered = render_text(fmt, kind, payload, doc, ascii_only=output is None and not _utf8(sys.stdout))
    if output is not None and not isinstance(rendered, str):
        width = int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS", "").isdigit() else 80
        rendered = _table_text(rendered, max(width, 10), ascii_only=False, to_file=True)
    if isinstance(rendered, str):
        emit(rendered, output, force, f"{kind} as {fmt.value}")
        return
    encoding = (sys.stdout.encoding or "utf-8").lower()
    ascii_only = not encoding.replace("-", "").startswith("utf")
    if ascii_only:
        sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    write_stdout(_table_text(rendered, max(terminal_width(), 10), ascii_only, to_file=False))


def _table_text(doc: Document, width: int, ascii_only: bool, to_file: bool) -> str:
    """The document laid out by rich at ``width``; styled only for a terminal (never for a file)."""
    from rich.console import Console

    from usc_cli.render.terminal import to_renderable

    plain = {"force_terminal": False, "color_system": None} if to_file else {}
    # rich keeps a width it is given only with a height too: on a dumb terminal (Emacs' shell) it
    # otherwise falls back to 80 columns, whatever $COLUMNS says.
    height = shutil.get_terminal_size((80, 24)).lines
    console = Console(width=width, height=height, highlight=False, emoji=False, markup=False, soft_wrap=False, **plain)  # type: ignore[arg-type]
    with console.capture() as captured:
        console.print(to_renderable(doc, width, ascii_only=ascii_only), crop=False)
    # rich pads every line to the table's width; a pasted or piped copy should not carry that.
    return _TRAILING_PAD.sub(r"\1", captured.get())
