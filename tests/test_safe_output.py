"""Output that is safe where it lands: CSV in a spreadsheet, JSON and CSV on a terminal, -o on odd paths."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import VALID_MIN, Run
from usc_cli import writer

HOSTILE_TITLE = "=HYPERLINK(1)\x1b[31m\x07\rX\x7f\x9bY\u202eZ\u2066W\u2069"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The minimal dataset with control characters, bidi overrides and formula starts in its text."""
    data = tmp_path / "data"
    shutil.copytree(VALID_MIN, data)
    issues = data / "issues.yaml"
    title = json.dumps(HOSTILE_TITLE)  # a JSON string is a YAML double-quoted scalar
    text = issues.read_text(encoding="utf-8").replace("title: Fisheries", f"title: {title}")
    issues.write_text(text, encoding="utf-8")
    return data


def test_csv_neutralises_formulas_and_control_characters(run: Run, hostile: Path) -> None:
    out = run.ok("--data-dir", str(hostile), "issues", "list", "-f", "csv")
    for char in "\x1b\x07\r\x7f\x9b\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        assert char not in out, repr(char)
    [row] = [line for line in out.splitlines() if line.startswith("fisheries,")]
    assert row.split(",")[1] == "'=HYPERLINK(1)\ufffd[31m\ufffd X\ufffd\ufffdY\ufffdZ\ufffdW\ufffd"  # CR: a line break


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

    data = tmp_path / "data"
    shutil.copytree(VALID_MIN, data)
    issues = data / "issues.yaml"
    title = json.dumps(f"{start}SUM(A1:A9)")
    issues.write_text(
        issues.read_text(encoding="utf-8").replace("title: Fisheries", f"title: {title}"), encoding="utf-8"
    )
    rows = list(csv.reader(io.StringIO(run.ok("--data-dir", str(data), "issues", "list", "-f", "csv"))))
    [row] = [row for row in rows if row[0] == "fisheries"]
    assert row[1] == f"'{start}SUM(A1:A9)"


def test_json_escapes_bidi_c1_and_del(run: Run, hostile: Path) -> None:
    out = run.ok("--data-dir", str(hostile), "issues", "list", "-f", "json")
    for char in "\x7f\x9b\u202e\u2066\u2069":
        assert char not in out, repr(char)
    assert "\\u202e" in out and "\\u2066" in out and "\\u009b" in out and "\\u007f" in out
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
