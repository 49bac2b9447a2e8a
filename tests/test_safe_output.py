"""Output that is safe where it lands: CSV in a spreadsheet, JSON and CSV on a terminal, -o on odd paths."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import VALID_MIN, Run
from usc_cli import writer

# Control characters (ESC, BEL, CR, DEL, C1) never reach the output from the data: the loader refuses
# them in text (tests/test_reliability.py); bidi overrides and formula starts are text it accepts.
HOSTILE_TITLE = "=HYPERLINK(1)[31mXY\u202eZ\u2066W\u2069"


def titled(tmp_path: Path, title: str) -> Path:
    """A copy of the minimal dataset whose issue ``fisheries`` has this title."""
    data = tmp_path / "data"
    shutil.copytree(VALID_MIN, data)
    issues = data / "issues.yaml"
    quoted = json.dumps(title)  # a JSON string is a YAML double-quoted scalar
    text = issues.read_text(encoding="utf-8").replace("title: Fisheries", f"title: {quoted}")
    issues.write_text(text, encoding="utf-8")
    return data


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The minimal dataset with bidi overrides and a formula start in its text."""
    return titled(tmp_path, HOSTILE_TITLE)


def test_csv_neutralises_formulas_and_bidi_controls(run: Run, hostile: Path) -> None:
    out = run.ok("--data-dir", str(hostile), "issues", "list", "-f", "csv")
    for char in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        assert char not in out, repr(char)
    [row] = [line for line in out.splitlines() if line.startswith("fisheries,")]
    assert row.split(",")[1] == "'=HYPERLINK(1)[31mXY\ufffdZ\ufffdW\ufffd"


def test_csv_prefixes_every_formula_start() -> None:
    from usc_cli.render.csvout import safe_cell

    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert str(safe_cell(f"{start}1+1")).startswith("'"), repr(start)
    assert safe_cell("plain") == "plain"
    assert safe_cell("line one\nline two\tand a tab") == "line one line two\tand a tab"  # breaks: spaces


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t"])
def test_a_csv_cell_starting_like_a_formula_opens_as_text(run: Run, tmp_path: Path, start: str) -> None:
    """Every formula start, through a view: the cell a spreadsheet reads starts with ``'``."""
    import csv
    import io

    data = titled(tmp_path, f"{start}SUM(A1:A9)")
    rows = list(csv.reader(io.StringIO(run.ok("--data-dir", str(data), "issues", "list", "-f", "csv"))))
    [row] = [row for row in rows if row[0] == "fisheries"]
    assert row[1] == f"'{start}SUM(A1:A9)"


# one of each kind the policy covers that the loader lets into text (it refuses C0, DEL and C1):
# zero-width, LRM/RLM, line separator, bidi embedding and override, word joiner, isolate, byte-order mark
INVISIBLE = "\u200b\u200d\u200e\u200f\u2028\u202a\u202e\u2060\u2066\u2069\ufeff"


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_every_format_keeps_the_same_characters_out(run: Run, tmp_path: Path, fmt: str) -> None:
    """One policy (usc_cli.render.unsafe) for every format: none of these reaches the output raw."""
    data = titled(tmp_path, f"Fish{INVISIBLE}eries")
    out = run.ok("--data-dir", str(data), "issues", "list", "-f", fmt)
    assert "Fish" in out
    assert [char for char in INVISIBLE if char in out] == []


def test_json_escapes_bidi_controls(run: Run, hostile: Path) -> None:
    out = run.ok("--data-dir", str(hostile), "issues", "list", "-f", "json")
    for char in "\u202e\u2066\u2069":
        assert char not in out, repr(char)
    assert "\\u202e" in out and "\\u2066" in out and "\\u2069" in out
    titles = {i["id"]: i["title"] for i in json.loads(out)["issues"]}
    assert titles["fisheries"] == HOSTILE_TITLE  # the same value, only written safely


@pytest.mark.parametrize("force", [False, True])
def test_output_refuses_a_dangling_symlink(run: Run, mini: list[str], tmp_path: Path, force: bool) -> None:
    link = tmp_path / "out.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    result = run(*mini, "issues", "list", "-o", str(link), *(["--force"] if force else []))
    assert result.exit_code == 1, result.output
    assert result.stderr == f"uscn: error: will not write {link}: it is a symbolic link; give the file it points to\n"
    assert link.is_symlink() and not (tmp_path / "nowhere.txt").exists()


def test_output_refuses_a_symlink_to_a_file_even_with_force(run: Run, mini: list[str], tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("mine\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    result = run(*mini, "issues", "list", "-o", str(link), "--force")
    assert result.exit_code == 1
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "mine\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_output_refuses_a_fifo_and_a_character_device(run: Run, mini: list[str], tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for target in (fifo, Path(os.devnull)):
        result = run(*mini, "issues", "list", "-o", str(target), "--force")
        assert result.exit_code == 1, result.output
        assert result.stderr == (
            f"uscn: error: will not write {target}: it is not a regular file (a device, FIFO or socket)\n"
        )
    assert Path(os.devnull).is_char_device()


def test_ctrl_c_between_write_and_rename_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        writer.atomic_write(tmp_path / "out.txt", b"data")
    assert list(tmp_path.iterdir()) == []
