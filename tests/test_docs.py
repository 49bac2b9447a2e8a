"""README, --help and the app stay in sync."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from usc_cli.cli import app

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _commands() -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        sub = getattr(command, "commands", None)
        if sub:
            found += [(f"{name} {child}", c) for child, c in sub.items()]
        else:
            found.append((name, command))
    return found


def test_every_command_is_in_the_readme_and_has_help() -> None:
    commands = _commands()
    assert len(commands) >= 10
    for name, command in commands:
        assert f"`uscn {name}" in README, f"README does not document 'uscn {name}'"
        assert getattr(command, "help", None), f"'uscn {name}' has no help text"


def test_readme_documents_every_exit_code() -> None:
    from usc_cli.errors import ExitStatus

    for status in ExitStatus:
        assert f"| {status.value} |" in README


def test_readme_quick_start_has_exactly_two_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = quick.split("```sh\n")[1:]
    commands = [b.split("```", 1)[0].strip() for b in blocks]
    assert commands == [
        "python3 -m venv .venv && . .venv/bin/activate && pip install . && uscn compare taiwan",
        "python3 -m venv .venv && . .venv/bin/activate && pip install '.[test]' && pytest",
    ]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install '.[test]' && pytest" in ci


def test_readme_adding_a_source_walkthrough_works(tmp_path: Path) -> None:
    """The README's walkthrough, step by step: add (the drafted position it shows is real), fill in
    with its YAML and summaries, validate."""
    import json
    import re
    import textwrap

    from tests.conftest import Run

    run = Run()
    section = README.split("## Adding a source", 1)[1].split("\n## ", 1)[0]
    drafted, recommendations = (b.split("```", 1)[0] for b in section.split("```yaml\n")[1:3])
    article = tmp_path / "article.txt"
    article.write_text(
        "Washington must press Beijing harder on fentanyl precursors flowing to Mexican cartels. "
        "Export controls on advanced chips should stay narrow.\n",
        encoding="utf-8",
    )
    data: list[str] = []  # as the README: into your own directory ($XDG_DATA_HOME/uscn), read by default
    assert run(*data, "sources", "add", str(article), "--id", "my-oped").exit_code == 0
    draft = Path(os.environ["XDG_DATA_HOME"]) / "uscn" / "sources" / "my-oped.yaml"
    text = draft.read_text(encoding="utf-8")
    assert drafted in text
    text = text.replace("recommendations: []\n", textwrap.dedent(recommendations))
    text = text.replace('"TODO: one sentence in your own words."', "Washington should press Beijing harder.")
    text = re.sub(r'"TODO: where you looked for the \w+\."', '"Not published online."', text)
    draft.write_text(text.replace("TODO: what the article is about", "What the article is about"), encoding="utf-8")
    result = run(*data, "validate", "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["placeholders"] == []
