"""``-o/--output FILE``: every view can be written to a file, whole or not at all, never over one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import VALID_MIN, Run
from tests.test_cli_views import CSV_VIEWS, VIEWS


@pytest.mark.parametrize("view", VIEWS, ids=" ".join)
def test_every_view_writes_the_same_bytes_it_prints(run: Run, mini: list[str], view: list[str], tmp_path: Path) -> None:
    for fmt in ("table", "json", "markdown", "csv"):
        if fmt == "csv" and " ".join(view) not in CSV_VIEWS:
            continue
        target = tmp_path / f"out.{fmt}"
        result = run(*mini, *view, "-f", fmt, "-o", str(target), env={"COLUMNS": "80"})
        assert result.exit_code == 0, result.output
        assert result.stdout == ""
        assert target.read_text(encoding="utf-8") == run.ok(*mini, *view, "-f", fmt, env={"COLUMNS": "80"})


def test_output_never_replaces_a_file_without_force(run: Run, mini: list[str], tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "report.md"
    target.write_text("my notes\n", encoding="utf-8")
    result = run(*mini, "compare", "export-controls", "-f", "markdown", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"uscn: error: {target} exists; pass --force to overwrite it\n"
    assert target.read_text(encoding="utf-8") == "my notes\n"
    forced = run(*mini, "compare", "export-controls", "-f", "markdown", "-o", str(target), "--force")
    assert forced.exit_code == 0, forced.output
    assert target.read_text(encoding="utf-8").startswith("# ")
    assert [p.name for p in target.parent.iterdir()] == ["report.md"]  # no temp file left behind


def test_output_into_a_missing_directory_or_onto_a_directory_fails_cleanly(
    run: Run, mini: list[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nope" / "report.md"
    result = run(*mini, "issues", "list", "-o", str(missing))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"uscn: error: cannot write {missing}: no such directory {missing.parent}\n"
    assert not missing.parent.exists()
    onto_dir = run(*mini, "issues", "list", "-o", str(tmp_path), "--force")
    assert onto_dir.exit_code == 1
    assert onto_dir.stderr == f"uscn: error: cannot write {tmp_path}: it is a directory\n"


def test_invalid_data_writes_nothing(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    broken = Path(__file__).parent / "fixtures" / "bad_syntax"
    result = run("--data-dir", str(broken), "issues", "list", "-o", str(target))
    assert result.exit_code == 65
    assert not target.exists()


def test_written_file_is_plain_text_with_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "t.txt"
    env = {**os.environ, "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    command = [sys.executable, "-m", "usc_cli", "--data-dir", str(VALID_MIN), "matrix", "-o", str(target)]
    for _ in range(2):  # the second run must write again, not be served from the output cache
        target.unlink(missing_ok=True)
        done = subprocess.run(command, env=env, capture_output=True, timeout=60, umask=0o022)
        assert done.returncode == 0, done.stderr
        assert target.exists()
    text = target.read_bytes()
    assert b"\x1b" not in text
    assert all(line == line.rstrip() for line in text.decode().splitlines())
    assert target.stat().st_mode & 0o777 == 0o644
