"""Deterministic terminal and shared helpers for the tests."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from typer.testing import CliRunner

from usc_cli.cli import app

if TYPE_CHECKING:
    from usc_cli.dataset import Dataset
    from usc_cli.render.document import Document

FIXTURES = Path(__file__).parent / "fixtures"
VALID_MIN = FIXTURES / "valid_min"


@pytest.fixture(autouse=True)
def plain_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No colour, a dumb terminal of 100 columns and 24 lines, a private cache, no data directory from the environment,
    and a private (empty) user data directory, so the developer's own sources never reach a test."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    for name in ("FORCE_COLOR", "PY_COLORS", "GITHUB_ACTIONS", "USCN_DATA_DIR", "USCN_DEBUG", "CLICOLOR_FORCE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("COLUMNS", "100")
    # rich keeps the width it is given on a dumb terminal only when it knows the height as well
    monkeypatch.setenv("LINES", "24")
    yield


@pytest.fixture(scope="session")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """The shipped dataset alone (no user's directory), loaded once per test process, with a private
    cache: for tests of queries and renderers, which need no CLI."""
    from usc_cli.loader import load_dataset
    from usc_cli.locations import DataLocation, seeds_dir_for, shipped_data_dir

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("shipped-cache")))
        return load_dataset(DataLocation(shipped_data_dir(), seeds_dir_for(shipped_data_dir())))


def as_terminal(doc: Document, width: int = 80) -> str:
    """A view's document as a plain terminal ``width`` columns wide shows it (what ``uscn`` prints
    there, without the CLI)."""
    import io

    from rich.console import Console

    from usc_cli.render.terminal import to_renderable

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, height=24, color_system=None, highlight=False, emoji=False)
    console.print(to_renderable(doc, width), crop=False)
    return buffer.getvalue()


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
    (for module-scoped fixtures): the cache beside ``out``, no ``USCN_DATA_DIR``; it must succeed,
    saying only that it wrote ``out``."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(out.parent / "cache"))
        mp.setenv("XDG_DATA_HOME", str(out.parent / "data-home"))
        mp.delenv("USCN_DATA_DIR", raising=False)
        result = Run()(*args)
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr.startswith(f"uscn: wrote {out} (")
    assert len(result.stderr.splitlines()) == 1
    return result


@pytest.fixture
def run() -> Run:
    """The CLI runner."""
    return Run()


@pytest.fixture
def mini() -> list[str]:
    """Arguments pointing uscn at the minimal fixture dataset."""
    return ["--data-dir", str(VALID_MIN)]


# Runs uscn as a uid with no passwd entry would (``env -i``: no HOME, and ``pwd`` knows no such user).
NO_PASSWD_ENTRY = (
    "import pwd, runpy, sys\n"
    "def getpwuid(uid): raise KeyError(f'getpwuid(): uid not found: {uid}')\n"
    "pwd.getpwuid = getpwuid\n"
    "sys.argv = ['uscn', *sys.argv[1:]]\n"
    "runpy.run_module('usc_cli', run_name='__main__')\n"
)


def same_size_edit(path: Path, old: bytes, new: bytes) -> None:
    """Replace ``old`` by ``new`` (same length) and put the file's times back, as ``cp -p`` would."""
    assert len(old) == len(new)
    info = path.stat()
    raw = path.read_bytes()
    assert old in raw
    path.write_bytes(raw.replace(old, new, 1))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size and path.stat().st_mtime_ns == info.st_mtime_ns


def indented_blocks(text: str) -> list[str]:
    """The blocks of a help topic indented by four spaces (commands, YAML, SQL, output), dedented."""
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.startswith("    "):
            blocks[-1].append(line[4:])
        elif blocks[-1]:
            blocks.append([])
    return ["\n".join(b) + "\n" for b in blocks if b]


HAN = re.compile(r"[\u4e00-\u9fff]")


def unbreakable(text: str, trailing: str = ",;") -> Counter[str]:
    """The pieces of a text no line may split: its words (without the ``trailing`` marks a list puts
    after them), and each character of a word of Chinese text, which may break between any two."""
    words = [word.rstrip(trailing) for word in text.split()]
    return Counter(piece for word in words for piece in (HAN.findall(word) if HAN.search(word) else [word]))
