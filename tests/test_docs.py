"""README, the help topics, --help and the app stay in sync."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from tests.conftest import indented_blocks
from usc_cli import topics
from usc_cli.cli import app

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
MANUAL = README + "".join(topics.text(name) for name in topics.names())


def _commands() -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    group = typer.main.get_command(app)
    ctx = group.make_context("uscn", ["--help"], resilient_parsing=True)
    for name in group.list_commands(ctx):  # type: ignore[attr-defined]
        command = group.get_command(ctx, name)  # type: ignore[attr-defined]
        sub = getattr(command, "commands", None)
        if sub:
            found += [(f"{name} {child}", c) for child, c in sub.items()]
        else:
            found.append((name, command))
    return found


def test_every_command_is_in_the_readme_or_a_help_topic_and_has_help() -> None:
    commands = _commands()
    assert len(commands) >= 10
    for name, command in commands:
        assert f"`uscn {name}" in README or f"uscn {name}" in MANUAL, f"no documentation names 'uscn {name}'"
        assert getattr(command, "help", None), f"'uscn {name}' has no help text"


def test_every_help_topic_exists_is_in_the_readme_and_reads_at_80_columns(tmp_path: Path) -> None:
    import re

    from tests.conftest import Run

    named = set(re.findall(r"`uscn help ([a-z-]+)`", README))
    assert named == set(topics.names())
    assert {"attribution", "data", "adding-sources", "formats", "exit-codes", "environment", "performance"} <= named
    run = Run()
    for name in topics.names():
        summary, blank = topics.text(name).split("\n")[:2]
        assert summary and not blank, name
        assert max(len(line) for line in topics.text(name).split("\n")) <= 80, name
        out = run.ok("help", name, env={"COLUMNS": "80"})
        assert max(len(line) for line in out.splitlines()) <= 80, name
        assert "%%" not in out and out.startswith(summary)
    listed = run.ok("help")
    assert max(len(line) for line in listed.splitlines()) <= 80
    assert all(f"  {name}  " in listed or f"  {name} " in listed for name in topics.names())


def test_an_unknown_help_topic_says_which_exist() -> None:
    from tests.conftest import Run

    result = Run()("help", "atribution")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("uscn: error: help topic 'atribution' not found")
    assert "attribution" in result.stderr


def test_help_topics_are_rewrapped_for_a_narrow_terminal_keeping_indented_lines() -> None:
    from usc_cli.render.topics import topic_text

    source = "Summary\n\n# Heading\n\n" + "word " * 30 + "\n\n    uscn compare taiwan --brief   # kept\n%% hidden\n"
    out = topic_text(source, 40)
    assert "HEADING" in out and "hidden" not in out
    assert "    uscn compare taiwan --brief   # kept" in out.splitlines()
    assert max(len(line) for line in out.splitlines() if not line.startswith("    ")) <= 39


def test_the_exit_codes_topic_documents_every_exit_code() -> None:
    from usc_cli.errors import ExitStatus

    table = topics.text("exit-codes")
    for status in ExitStatus:
        assert f"\n    {status.value} " in table, status


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


def test_the_adding_sources_walkthrough_works(tmp_path: Path) -> None:
    """``uscn help adding-sources``, step by step: add (the drafted position it shows is real), fill
    in with its YAML and summaries, validate."""
    import json
    import re
    import textwrap

    from tests.conftest import Run

    run = Run()
    blocks = indented_blocks(topics.text("adding-sources"))
    drafted = next(b for b in blocks if b.startswith("  # the article's author"))
    recommendations = next(b for b in blocks if b.startswith("recommendations:"))
    article = tmp_path / "article.txt"
    article.write_text(
        "Washington must press Beijing on fentanyl precursors. Export controls on advanced chips should stay narrow.\n",
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
