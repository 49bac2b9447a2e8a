"""What a run imports: ``--help`` and TAB completion never load the dataset or the models."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from tests.conftest import VALID_MIN


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("USCN", "FORCE_COLOR", "COLUMNS"))}
    return {**base, "XDG_CACHE_HOME": str(tmp_path / "cache"), "NO_COLOR": "1", "COLUMNS": "100"}


def _imported(env: dict[str, str], *args: str) -> str:
    command = [sys.executable, "-X", "importtime", "-m", "usc_cli", "--data-dir", str(VALID_MIN), *args]
    result = subprocess.run(command, capture_output=True, env=env, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return result.stderr.decode()


def test_json_output_does_not_import_rich(env: dict[str, str]) -> None:
    assert " rich" not in _imported(env, "compare", "chips", "-f", "json")
    assert " rich" in _imported(env, "compare", "chips")  # the check itself can fail


def test_help_does_not_read_the_dataset(env: dict[str, str]) -> None:
    assert "yaml" not in _imported(env, "--help")
    assert "usc_cli.loader" in _imported(env, "validate")


def test_completion_does_not_read_the_dataset(env: dict[str, str]) -> None:
    words = f"uscn --data-dir {VALID_MIN} compare e"
    completing = {**env, "_USCN_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": "4"}
    imported = _imported(completing)
    assert "usc_cli.loader" not in imported and " pydantic" not in imported


@pytest.mark.parametrize("args", [["--help"], ["compare", "--help"], ["actors", "-h"]])
def test_help_does_not_import_pydantic_or_the_models(env: dict[str, str], args: list[str]) -> None:
    imported = _imported(env, *args)
    assert " pydantic" not in imported and "usc_cli.models" not in imported
    assert " pydantic" in _imported(env, "validate")  # the check itself can fail


def test_a_run_served_from_the_store_does_not_import_pydantic(env: dict[str, str]) -> None:
    """Only the loader validates: the first run reads the files (pydantic) and writes the store; a
    run the store serves builds its models as plain dataclasses."""
    assert " pydantic" in _imported(env, "compare", "chips")  # no store yet: loaded from the files
    for args in (["compare", "chips"], ["compare", "chips", "-f", "json"], ["recommend"], ["issues", "list"]):
        imported = _imported(env, *args)
        assert " pydantic" not in imported and "usc_cli.schema" not in imported, args
        assert "usc_cli.models" in imported, args  # the check itself can fail


COMMAND_MODULES = (
    "import runpy, sys\n"
    "try:\n"
    "    runpy.run_module('usc_cli', run_name='__main__')\n"
    "except SystemExit:\n"
    "    print(sorted(m for m in sys.modules if m.startswith('usc_cli.commands.')), file=sys.stderr)\n"
)


# What every command that loads and shows a view shares (usc_cli/commands/, one job each).
SHARED_MODULES = ["completion", "data", "options", "output", "pager"]


@pytest.mark.parametrize(
    ("args", "module"),
    [(["compare", "chips", "-f", "json"], "compare"), (["issues", "show", "chips", "-f", "json"], "issues")],
)
def test_a_run_imports_only_the_command_it_runs(env: dict[str, str], args: list[str], module: str) -> None:
    command = [sys.executable, "-c", COMMAND_MODULES, "--data-dir", str(VALID_MIN), *args]
    result = subprocess.run(command, capture_output=True, env=env, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    wanted = sorted(f"usc_cli.commands.{name}" for name in [*SHARED_MODULES, module])
    assert result.stderr.decode().splitlines()[-1] == str(wanted)


def test_the_command_list_is_the_help_each_command_gives() -> None:
    """``uscn --help`` lists the commands from their help texts without building them; each line is
    the summary the built command gives of itself."""
    from typer.testing import CliRunner

    from usc_cli.cli import COMMANDS, app

    listing = CliRunner().invoke(app, ["--help"]).stdout.split("Commands:\n", 1)[1]
    group = typer.main.get_command(app)
    ctx = group.make_context("uscn", ["--help"], resilient_parsing=True)
    shown = [" ".join(line.split()) for line in listing.strip().splitlines()]
    built = [f"{name} {group.get_command(ctx, name).get_short_help_str(120 - 6 - 9)}" for name in COMMANDS]  # type: ignore[attr-defined]
    assert shown == built
