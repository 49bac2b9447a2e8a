"""TAB completion goes through typer's own mechanism and offers ids from the data directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import VALID_MIN
from usc_cli.cli import app

MINI = f"--data-dir {VALID_MIN}"


def _bash(words: str) -> list[str]:
    """The words typer's bash completion prints for the command line ``words`` (cursor at its end)."""
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    env = {"_USCN_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    result = CliRunner().invoke(app, [], prog_name="uscn", env=env)
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return str(result.stdout).split()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (f"uscn {MINI} compare ", ["export-controls", "fisheries"]),
        (f"uscn {MINI} compare ex", ["export-controls"]),
        (f"uscn {MINI} compare EX", []),  # typer keeps only values that start with the word as typed
        (f"uscn {MINI} compare -s ", ["tiny"]),
        (f"uscn {MINI} compare --source t", ["tiny"]),
        (f"uscn {MINI} issues show f", ["fisheries"]),
        (f"uscn {MINI} issues list --frame ", ["security-vs-development"]),
        (f"uscn {MINI} issues list --source ", ["tiny"]),
        (f"uscn {MINI} recommend --source t", ["tiny"]),
        (f"uscn {MINI} recommend -i f", ["fisheries"]),
        (f"uscn {MINI} search chips --issue ", ["export-controls", "fisheries"]),
        (f"uscn {MINI} timeline --issue e", ["export-controls"]),
        (f"uscn {MINI} sources show ", ["tiny"]),
        (f"uscn {MINI} frames show s", ["security-vs-development"]),
        (f"uscn {MINI} diff ", ["tiny"]),
        (f"uscn {MINI} diff tiny ", ["tiny"]),
        (f"uscn {MINI} compare zzz", []),
    ],
)
def test_bash_completion_offers_ids(words: str, expected: list[str]) -> None:
    assert _bash(words) == expected


def test_actor_ids_complete() -> None:
    offered = _bash(f"uscn {MINI} actors show ")
    assert offered, "no actor ids offered"
    assert all(word.islower() for word in offered)


def test_subcommands_complete_through_typer() -> None:
    assert _bash(f"uscn {MINI} co") == ["compare"]
    assert _bash(f"uscn {MINI} issues ") == ["list", "show"]


def test_zsh_completion_offers_ids() -> None:
    env = {"_USCN_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": f"uscn {MINI} compare "}
    result = CliRunner().invoke(app, [], prog_name="uscn", env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout == '_arguments \'*: :(("export-controls"\n"fisheries"))\'\n'


def test_a_missing_data_dir_completes_nothing() -> None:
    assert _bash(f"uscn --data-dir {VALID_MIN / 'nope'} compare ") == []


def test_the_installed_entry_point_completes() -> None:
    words = f"uscn {MINI} compare e"
    env = {**os.environ, "_USCN_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": "4"}
    result = subprocess.run(
        [sys.executable, "-m", "usc_cli"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "export-controls\n"
    assert result.stderr == ""


@pytest.mark.parametrize("shell", ["complete_bash", "complete_zsh"])
def test_completion_offers_no_file_name_that_is_not_an_id(tmp_path: Path, shell: str) -> None:
    """A source file whose name holds an escape sequence (or anything an id cannot hold) is never
    printed to the terminal by TAB: only names that are ids are offered."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(VALID_MIN, data)
    for name in ("t\x1b]0;owned\x07.yaml", "t\x1b[2J.yaml", "tiny\u202eevil.yaml", "Tiny Copy.yaml", "t\x9b31m.yaml"):
        shutil.copy(data / "sources" / "tiny.yaml", data / "sources" / name)
    env = {"_USCN_COMPLETE": shell, "COMP_WORDS": f"uscn --data-dir {data} sources show t", "COMP_CWORD": "5"}
    env |= {"_TYPER_COMPLETE_ARGS": env["COMP_WORDS"]}  # what zsh passes
    result = CliRunner().invoke(app, [], prog_name="uscn", env=env)
    assert result.exit_code == 0, result.output
    assert "tiny" in result.stdout
    assert not any(c in result.stdout for c in "\x1b\x07\x9b\u202e"), repr(result.stdout)
    assert "Copy" not in result.stdout
