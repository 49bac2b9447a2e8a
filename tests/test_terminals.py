"""Odd terminals: pipes, narrow widths, non-UTF-8 encodings. Real processes, so the real streams are used."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import VALID_MIN

FORMATS = ("json", "markdown", "csv")
VIEWS = [["compare", "chips"], ["issues", "list"], ["recommend"], ["sources", "show", "tiny"], ["matrix"]]


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[bytes]:
    base = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR", "COLUMNS", "USCN_DATA_DIR")}
    command = [sys.executable, "-m", "usc_cli", "--data-dir", str(VALID_MIN), *args]
    return subprocess.run(command, capture_output=True, env={**base, **env}, timeout=60, cwd=Path(__file__).parent)


@pytest.mark.parametrize("view", VIEWS, ids=" ".join)
@pytest.mark.parametrize("fmt", ["table", "json", "markdown"])
def test_piped_output_has_no_escape_codes(view: list[str], fmt: str) -> None:
    result = _run([*view, "-f", fmt], TERM="xterm-256color")
    assert result.returncode == 0, result.stderr
    assert b"\x1b" not in result.stdout


@pytest.mark.parametrize("view", VIEWS, ids=" ".join)
def test_piped_tables_carry_no_trailing_padding(view: list[str]) -> None:
    lines = _run(view).stdout.decode().splitlines()
    assert lines
    assert [line for line in lines if line != line.rstrip()] == []


@pytest.fixture(scope="module")
def plain_bytes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """``compare chips`` in each data format, run without any of the variables below (module-wide,
    so outside the autouse fixture: the terminal and the cache are set here)."""
    cache, env = str(tmp_path_factory.mktemp("cache")), {"TERM": "dumb"}
    return {fmt: _run(["compare", "chips", "-f", fmt], XDG_CACHE_HOME=cache, **env).stdout for fmt in FORMATS}


@pytest.mark.parametrize("env", [{"FORCE_COLOR": "1"}, {"NO_COLOR": "1"}, {"TERM": "dumb"}, {"COLUMNS": "30"}])
def test_json_and_markdown_bytes_do_not_depend_on_the_environment(
    env: dict[str, str], plain_bytes: dict[str, bytes]
) -> None:
    for fmt, plain in plain_bytes.items():
        assert plain and _run(["compare", "chips", "-f", fmt], **env).stdout == plain


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "csv"])
def test_non_utf8_streams_never_raise(encoding: str, fmt: str) -> None:
    result = _run(["compare", "chips", "-f", fmt], PYTHONIOENCODING=encoding, LANG="C", LC_ALL="C")
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    result.stdout.decode(encoding)  # every byte is valid in the stream's encoding


def test_ascii_table_falls_back_to_ascii_borders_and_escapes() -> None:
    out = _run(["compare", "chips"], PYTHONIOENCODING="ascii", COLUMNS="120").stdout.decode("ascii")
    assert "----" in out and "│" not in out
    assert "\\u201c" in out  # the opening quote mark, escaped rather than lost


def test_error_messages_survive_an_ascii_stderr() -> None:
    result = _run(["compare", "caf\u00e9\u202e"], PYTHONIOENCODING="ascii")
    assert result.returncode == 1
    assert b"caf\\xe9\\u202e" in result.stderr


@pytest.mark.parametrize("columns", ["10", "40"])
def test_narrow_terminals_keep_every_value(columns: str) -> None:
    out = _run(["compare", "export-controls", "--context"], COLUMNS=columns).stdout.decode()
    squeezed, shown = "".join(out.split()), _words(out)
    for value in [
        "Washington says export controls on chips protect its national security.",
        "Beijing says the controls aim at suppressing its development.",
        "Set up a military hotline between defence ministries.",
        "Security vs. development",
    ]:
        # folded paragraphs keep a value's characters in order; wrapped table cells keep its words
        assert "".join(value.split()) in squeezed or _words(value) <= shown, value
    assert "…" not in out


def _words(text: str) -> set[str]:
    """The words of a text, compound words as their hyphenated parts (a table may break after a hyphen)."""
    return {part for word in text.split() for part in re.findall(r"[^\s-]*-|[^\s-]+", word)}


@pytest.mark.parametrize("columns", [60, 80])
def test_ids_in_a_wrapped_table_are_never_split(columns: int) -> None:
    """The shipped timeline must wrap at these widths; each id stays whole on one line."""
    from typer.testing import CliRunner

    from usc_cli.cli import app

    runner = CliRunner()
    out = runner.invoke(app, ["timeline"], env={"COLUMNS": str(columns)}).stdout
    assert max(len(line) for line in out.splitlines()) <= columns
    events = json.loads(runner.invoke(app, ["timeline", "-f", "json"]).stdout)["events"]
    ids = {issue for event in events for issue in event["issues"]}
    words = {word.rstrip(",") for line in out.splitlines() for word in line.split()}
    assert ids <= words, ids - words


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_dumb_terminal_of_unknown_height_keeps_its_width(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Emacs' shell: TERM=dumb and $COLUMNS, no $LINES (rich alone would lay out 80 columns there)."""
    from tests.test_pager import _run_on_a_terminal

    monkeypatch.delenv("LINES")
    status, shown = _run_on_a_terminal(["--no-pager", "compare", "taiwan"], tmp_path, TERM="dumb", COLUMNS="40")
    assert status == 0
    assert max(len(line) for line in shown.splitlines()) <= 40
