"""Long output on a terminal goes through a pager as git does; never when piped or with --no-pager.

Real processes on a pseudo-terminal (``pty``), with a stand-in pager that records what it was given.
"""

from __future__ import annotations

import os
import pty
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")

RECORDER = (
    "import os, sys; open(sys.argv[1], 'wb').write(sys.stdin.buffer.read()); "
    "open(sys.argv[2], 'w').write(os.environ.get('LESS', '-'))"
)


def _run_on_a_terminal(args: list[str], tmp_path: Path, **env: str) -> tuple[int, str]:
    """Run uscn with stdout on a pty; its exit status and what reached the terminal."""
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "LESS", "USCN_NO_PAGER")}
    base.update({"TERM": "xterm", "COLUMNS": "80", "XDG_CACHE_HOME": str(tmp_path / "cache")})
    main, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "usc_cli", *args], stdout=terminal, stderr=subprocess.DEVNULL, env={**base, **env}
    )
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed: the process is done writing
            break
        if not chunk:
            break
        shown += chunk
    os.close(main)
    return process.wait(timeout=60), shown.decode("utf-8", "replace")


def _recorder(tmp_path: Path) -> tuple[str, Path, Path]:
    text, less = tmp_path / "paged.txt", tmp_path / "less.txt"
    return shlex.join([sys.executable, "-c", RECORDER, str(text), str(less)]), text, less


def test_output_on_a_terminal_goes_through_the_pager_with_less_frx(tmp_path: Path) -> None:
    pager, paged, less = _recorder(tmp_path)
    status, shown = _run_on_a_terminal(["compare", "taiwan"], tmp_path, PAGER=pager)
    assert status == 0
    assert "Taiwan [taiwan]" in paged.read_text()
    assert less.read_text() == "FRX"
    assert "Taiwan [taiwan]" not in shown  # the pager had it, not the terminal


def test_uscn_pager_wins_and_a_set_less_is_kept(tmp_path: Path) -> None:
    pager, paged, less = _recorder(tmp_path)
    _run_on_a_terminal(["issues", "list"], tmp_path, PAGER="false", USCN_PAGER=pager, LESS="-S")
    assert "taiwan" in paged.read_text()
    assert less.read_text() == "-S"


@pytest.mark.parametrize("uscn_pager", ["", "cat"])
def test_an_empty_or_cat_uscn_pager_turns_paging_off_whatever_pager_says(tmp_path: Path, uscn_pager: str) -> None:
    """As GIT_PAGER does: $USCN_PAGER, even empty, is read before $PAGER."""
    pager, paged, _ = _recorder(tmp_path)
    status, shown = _run_on_a_terminal(["compare", "taiwan"], tmp_path, PAGER=pager, USCN_PAGER=uscn_pager)
    assert status == 0
    assert "Taiwan [taiwan]" in shown
    assert not paged.exists()


@pytest.mark.parametrize("how", [["--no-pager"], "USCN_NO_PAGER", "cat", "TERM=dumb"])
def test_no_pager_when_asked_or_pointless(tmp_path: Path, how: object) -> None:
    pager, paged, _ = _recorder(tmp_path)
    args, env = ["compare", "taiwan"], {"PAGER": pager}
    if how == ["--no-pager"]:
        args = ["--no-pager", *args]
    elif how == "USCN_NO_PAGER":
        env["USCN_NO_PAGER"] = "1"
    elif how == "cat":
        env["PAGER"] = "cat"
    else:
        env["TERM"] = "dumb"
    status, shown = _run_on_a_terminal(args, tmp_path, **env)
    assert status == 0
    assert "Taiwan [taiwan]" in shown
    assert not paged.exists()


def test_a_pager_that_cannot_start_falls_back_to_the_terminal(tmp_path: Path) -> None:
    status, shown = _run_on_a_terminal(["compare", "taiwan"], tmp_path, PAGER="/nonexistent/pager -R")
    assert status == 0
    assert "Taiwan [taiwan]" in shown


def test_piped_output_never_pages(tmp_path: Path) -> None:
    pager, paged, _ = _recorder(tmp_path)
    env = {**os.environ, "PAGER": pager, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = subprocess.run([sys.executable, "-m", "usc_cli", "compare", "taiwan"], capture_output=True, env=env)
    assert result.returncode == 0
    assert b"Taiwan [taiwan]" in result.stdout
    assert not paged.exists()
