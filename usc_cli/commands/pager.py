"""Paging: long output on a terminal goes through a pager, as git does; never when piped."""

from __future__ import annotations

import os
import sys


class _Paging:
    """Whether output to a terminal goes through a pager: on unless ``--no-pager`` was given."""

    enabled = True


def set_paging(enabled: bool) -> None:
    """Called by the root command with ``not --no-pager``."""
    _Paging.enabled = enabled


def _pager() -> list[str] | None:
    """The pager to run, as git chooses one: $USCN_PAGER, then $PAGER, then ``less``; none when
    paging is off, stdout is not a terminal, the terminal is dumb, or the pager is empty or ``cat``."""
    if not _Paging.enabled or not sys.stdout.isatty() or os.environ.get("TERM") == "dumb":
        return None
    import shlex

    command = os.environ.get("USCN_PAGER", os.environ.get("PAGER", "less"))
    try:
        words = shlex.split(command)
    except ValueError:
        return None
    return words if words and words != ["cat"] else None


def _page(value: str, pager: list[str]) -> bool:
    """Send the text through the pager (``LESS=FRX`` unless $LESS is set: quit if it fits one screen,
    keep colours, leave the text on screen); False when the pager cannot be started."""
    import subprocess

    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX"), "LV": os.environ.get("LV", "-c")}
    try:
        process = subprocess.Popen(pager, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert process.stdin is not None
    try:
        process.stdin.write(value.encode(sys.stdout.encoding or "utf-8", errors="backslashreplace"))
        process.stdin.close()
    except BrokenPipeError:  # the reader quit the pager before the end: not an error
        pass
    while True:
        try:
            process.wait()
            return True
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager while it runs, as in git
            continue


def page(value: str) -> bool:
    """Send the text through the pager when paging applies; False when it does not or the pager cannot
    be started (the caller then writes the text itself)."""
    pager = _pager()
    return pager is not None and _page(value, pager)
