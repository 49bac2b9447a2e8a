"""Every command that writes a file says so in one stderr line; ``report`` never sends a page of
HTML to a terminal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import Run

WROTE = re.compile(r"^uscn: wrote (?P<path>.+) \((?P<size>[\d,]+ bytes|[\d,]+ KiB): (?P<what>.+)\)\n$")


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (["compare", "taiwan", "-f", "markdown"], "comparison as markdown"),
        (["issues", "list", "-f", "csv"], "issues as csv"),
        (["report"], "HTML report of all 2 issues; open it in a browser"),
        (["export", "sqlite"], "SQLite database of 1 source and 2 issues"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)
def test_a_file_written_is_named_on_stderr_with_its_size_and_contents(
    run: Run, mini: list[str], tmp_path: Path, args: list[str], what: str
) -> None:
    out = tmp_path / "out.file"
    where = [str(out)] if args[0] == "export" else ["-o", str(out)]
    if args[0] == "compare":
        mini = []  # the shipped dataset: the mini one has no taiwan
    result = run(*mini, *args, *where)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    said = WROTE.match(result.stderr)
    assert said, result.stderr
    assert said["path"] == str(out) and said["what"] == what
    size = out.stat().st_size
    assert said["size"] == (f"{size:,} bytes" if size < 10_000 else f"{size / 1024:,.0f} KiB")


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (["report"], "the report is an HTML page"),
        (["compare", "export-controls", "-f", "html"], "-f html makes an HTML page"),
        (["sources", "list", "-f", "HTML"], "-f html makes an HTML page"),
    ],
)
def test_html_is_never_sent_to_a_terminal(
    run: Run, mini: list[str], monkeypatch: pytest.MonkeyPatch, args: list[str], what: str
) -> None:
    from usc_cli.commands import output

    monkeypatch.setattr(output, "stdout_is_terminal", lambda: True)
    result = run(*mini, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"uscn: error: {what}: write it with -o FILE, or pipe it\n"


def test_html_page_to_a_file_from_a_terminal(
    run: Run, mini: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from usc_cli.commands import output

    monkeypatch.setattr(output, "stdout_is_terminal", lambda: True)
    out = tmp_path / "compare.html"
    result = run(*mini, "compare", "export-controls", "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.endswith("comparison as html)\n")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_piped_is_the_page(run: Run, mini: list[str]) -> None:
    result = run(*mini, "report")
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")


def test_sources_add_names_both_files_with_their_sizes(run: Run, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Washington must press Beijing on fentanyl precursors.\n", encoding="utf-8")
    result = run("sources", "add", str(article), "--id", "my-oped")
    assert result.exit_code == 0, result.output
    first = result.stderr.splitlines()[0]
    draft = Path(result.stdout.strip())
    seed = draft.parent.parent / "seeds" / "my-oped.txt"
    sizes = f"{seed.stat().st_size:,} bytes: the article; {draft.stat().st_size:,} bytes: its draft source"
    assert first == f"uscn: wrote {seed} and {draft} ({sizes})"
