"""Deterministic terminal and shared helpers for the tests."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from usc_cli.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
VALID_MIN = FIXTURES / "valid_min"


@pytest.fixture(autouse=True)
def plain_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No colour, a dumb terminal, 100 columns, a private cache, no data directory from the environment."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for name in ("FORCE_COLOR", "PY_COLORS", "GITHUB_ACTIONS", "USCN_DATA_DIR", "USCN_DEBUG", "CLICOLOR_FORCE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("COLUMNS", "100")
    yield


class Run:
    """Invoke the CLI in-process and keep stdout, stderr and the exit code apart."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, env: dict[str, str] | None = None, input: str | None = None) -> Any:
        return self.runner.invoke(app, list(args), env=env, input=input, catch_exceptions=False)

    def ok(self, *args: str, env: dict[str, str] | None = None) -> str:
        result = self(*args, env=env)
        assert result.exit_code == 0, result.output
        assert result.stderr == "", result.stderr
        return str(result.stdout)

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args, "-f", "json"))


def run_on_shipped_data(out: Path, *args: str) -> Any:
    """Run a command that writes ``out`` from the shipped dataset, outside any test's environment
    (for module-scoped fixtures): the cache beside ``out``, no ``USCN_DATA_DIR``; it must succeed quietly."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(out.parent / "cache"))
        mp.delenv("USCN_DATA_DIR", raising=False)
        result = Run()(*args)
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == ""
    return result


@pytest.fixture
def run() -> Run:
    """The CLI runner."""
    return Run()


@pytest.fixture
def mini() -> list[str]:
    """Arguments pointing uscn at the minimal fixture dataset."""
    return ["--data-dir", str(VALID_MIN)]
