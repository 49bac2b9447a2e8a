"""The output cache: a hit prints exactly what a run prints; any change to inputs misses."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import VALID_MIN


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("USCN", "FORCE_COLOR", "COLUMNS"))}
    return {**base, "XDG_CACHE_HOME": str(tmp_path / "cache"), "NO_COLOR": "1", "COLUMNS": "100"}


def _uscn(env: dict[str, str], *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "usc_cli", *args], capture_output=True, env=env, timeout=60, cwd=cwd)


def _entries(env: dict[str, str]) -> list[Path]:
    out = Path(env["XDG_CACHE_HOME"]) / "uscn" / "out"
    return sorted(out.iterdir()) if out.is_dir() else []


def test_a_hit_prints_exactly_what_the_run_printed(env: dict[str, str]) -> None:
    args = ("--data-dir", str(VALID_MIN), "compare", "chips")
    first = _uscn(env, *args)
    assert first.returncode == 0 and len(_entries(env)) == 1
    second = _uscn(env, *args)
    assert second.returncode == 0 and second.stdout == first.stdout and second.stderr == b""
    assert _uscn({**env, "USCN_NO_CACHE": "1"}, *args).stdout == first.stdout


def test_width_colour_and_format_are_part_of_the_key(env: dict[str, str]) -> None:
    args = ("--data-dir", str(VALID_MIN), "compare", "chips")
    wide = _uscn(env, *args).stdout
    narrow = _uscn({**env, "COLUMNS": "40"}, *args).stdout
    assert narrow != wide
    assert _uscn({**env, "COLUMNS": "40"}, *args).stdout == narrow
    assert _uscn(env, *args, "-f", "json").stdout.startswith(b"{")
    assert len(_entries(env)) == 3


def test_a_changed_data_file_misses(env: dict[str, str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID_MIN, data)
    args = ("--data-dir", str(data), "issues", "list", "-f", "json")
    assert b"Fisheries" in _uscn(env, *args).stdout
    issues = data / "issues.yaml"
    issues.write_text(issues.read_text().replace("title: Fisheries", "title: Fishing"))
    assert b"Fishing" in _uscn(env, *args).stdout


def test_a_corrupt_entry_is_ignored_and_rewritten(env: dict[str, str]) -> None:
    args = ("--data-dir", str(VALID_MIN), "issues", "list")
    good = _uscn(env, *args).stdout
    [entry] = _entries(env)
    entry.write_bytes(entry.read_bytes()[:-5] + b"XXXXX")
    assert _uscn(env, *args).stdout == good
    assert _uscn(env, *args).stdout == good


def test_failures_and_input_reading_commands_are_not_cached(env: dict[str, str]) -> None:
    assert _uscn(env, "--data-dir", str(VALID_MIN), "compare", "nope").returncode == 1
    article = Path(__file__).parent / "articles" / "made-up-oped.txt"
    assert _uscn(env, "--data-dir", str(VALID_MIN), "analyze", str(article)).returncode == 0
    assert _entries(env) == []


def test_an_unwritable_cache_only_costs_speed(env: dict[str, str]) -> None:
    result = _uscn({**env, "XDG_CACHE_HOME": os.devnull}, "--data-dir", str(VALID_MIN), "issues", "list")
    assert result.returncode == 0 and b"export-controls" in result.stdout


def _imported(env: dict[str, str], *args: str) -> str:
    command = [sys.executable, "-X", "importtime", "-m", "usc_cli", "--data-dir", str(VALID_MIN), *args]
    result = subprocess.run(command, capture_output=True, env={**env, "USCN_NO_CACHE": "1"}, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stderr.decode()


def test_json_output_does_not_import_rich(env: dict[str, str]) -> None:
    assert " rich" not in _imported(env, "compare", "chips", "-f", "json")
    assert " rich" in _imported(env, "compare", "chips")  # the check itself can fail


def test_help_and_completion_do_not_read_the_dataset(env: dict[str, str]) -> None:
    assert "yaml" not in _imported(env, "--help")
    assert "usc_cli.loader" in _imported(env, "validate")


@pytest.mark.parametrize("args", [["--help"], ["compare", "--help"], ["actors", "-h"]])
def test_help_does_not_import_pydantic_or_the_models(env: dict[str, str], args: list[str]) -> None:
    imported = _imported(env, *args)
    assert " pydantic" not in imported and "usc_cli.models" not in imported
    assert " pydantic" in _imported(env, "compare", "chips")  # the check itself can fail
