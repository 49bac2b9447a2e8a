"""Help that teaches: whole one-line descriptions at 80 columns, capitalised metavars, and two or three
real examples in each command's help — which are run here, so they stay true."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.conftest import Run

ARTICLE = Path(__file__).parent / "articles" / "made-up-oped.txt"

COMMANDS = [
    ["compare"],
    ["recommend"],
    ["diff"],
    ["search"],
    ["validate"],
    ["schema"],
    ["report"],
    ["issues", "list"],
    ["issues", "show"],
    ["frames", "list"],
    ["frames", "show"],
    ["export", "sqlite"],
    ["matrix"],
    ["timeline"],
    ["analyze"],
    ["actors", "list"],
    ["actors", "show"],
    ["sources", "list"],
    ["sources", "show"],
    ["sources", "add"],
    ["help"],
]
GROUPS = [[], ["issues"], ["frames"], ["export"], ["actors"], ["sources"]]


def _help(run: Run, command: list[str]) -> str:
    return str(run.ok(*command, "--help", env={"COLUMNS": "80"}))


@pytest.mark.parametrize("group", GROUPS, ids=lambda g: " ".join(g) or "uscn")
def test_command_lists_show_whole_descriptions_at_80_columns(run: Run, group: list[str]) -> None:
    out = _help(run, group)
    listed = out[out.index("Commands:") :].splitlines()[1:]
    assert listed
    assert [line for line in listed if line.rstrip().endswith("...")] == []


@pytest.mark.parametrize("command", [*COMMANDS, *GROUPS[1:]], ids=" ".join)
def test_metavars_are_capitalised(run: Run, command: list[str]) -> None:
    out = _help(run, command)
    assert re.findall(r"\{[a-z_]+\}|<(?:str|path|int|text|integer|float)>", out) == []


def _examples(out: str) -> list[str]:
    block = out[out.index("Examples:") :].split("\n\n")[0].splitlines()[1:]
    return [line.split("  #")[0].strip() for line in block if line.strip().startswith("uscn ")]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_each_command_shows_real_examples_that_work(
    run: Run, command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    examples = _examples(_help(run, command))
    assert len(examples) >= 2
    monkeypatch.chdir(tmp_path)  # examples that write a file write it here, and read article.txt from here
    (tmp_path / "article.txt").write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    for example in examples:
        args = shlex.split(example)[1:]
        assert args[: len(command)] == command
        result = run(*args)
        assert result.exit_code == 0, (example, result.stderr)
        assert result.stdout or len(list(tmp_path.iterdir())) > 1 or command == ["sources", "add"], example
