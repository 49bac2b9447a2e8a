"""Name resolution, its errors, usage errors, help and version: the exit codes a user sees."""

from __future__ import annotations

import pytest

from tests.conftest import VALID_MIN, Run


@pytest.mark.parametrize(
    ("args", "issue"),
    [
        (["compare", "export-controls"], "export-controls"),
        (["compare", "EXPORT-CONTROLS"], "export-controls"),
        (["compare", "chips"], "export-controls"),  # a tag
        (["compare", "Export controls [draft]"], "export-controls"),  # the title
        (["compare", "controls"], "export-controls"),  # a title word
        (["compare", "oceans"], "fisheries"),
    ],
)
def test_issue_names_resolve(run: Run, mini: list[str], args: list[str], issue: str) -> None:
    assert run.json(*mini, *args)["issue"]["id"] == issue


@pytest.mark.parametrize("name", ["tiny", "TINY", "Example", "example weekly", "Ann Example", "weekly"])
def test_source_names_resolve(run: Run, mini: list[str], name: str) -> None:
    assert run.json(*mini, "sources", "show", name)["source"]["id"] == "tiny"


def test_unknown_issue_exits_1_with_suggestions(run: Run, mini: list[str]) -> None:
    result = run(*mini, "compare", "fisheres")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"uscn: error: issue 'fisheres' not found in {VALID_MIN}; did you mean: fisheries?\n"


def test_unknown_source_exits_1(run: Run, mini: list[str]) -> None:
    result = run(*mini, "recommend", "--source", "tiney")
    assert result.exit_code == 1
    assert result.stderr == f"uscn: error: source 'tiney' not found in {VALID_MIN}; did you mean: tiny?\n"


def test_a_word_of_a_name_resolves_and_a_fragment_is_suggested(run: Run, mini: list[str]) -> None:
    assert run.json(*mini, "actors", "show", "government")["actor"]["id"] == "beijing"
    result = run(*mini, "sources", "show", "week")
    assert result.exit_code == 1
    assert result.stderr == f"uscn: error: source 'week' not found in {VALID_MIN}; did you mean: tiny?\n"


def test_shipped_sources_and_actors_by_a_word_people_remember(run: Run) -> None:
    assert run.json("sources", "show", "asia")["source"]["id"] == "marschik"
    assert run.json("actors", "show", "yellen")["actor"]["id"] == "janet-yellen"


def test_ambiguous_name_lists_the_candidates(run: Run, tmp_path: object, mini: list[str]) -> None:
    from usc_cli.dataset import Dataset
    from usc_cli.errors import NotFoundError
    from usc_cli.models import Issue
    from usc_cli.queries.names import issue_id

    issues = {
        i: Issue(id=i, title=t, summary="s", tags=["trade"])
        for i, t in [("tariffs", "Trade tariffs"), ("trade-war", "Trade war")]
    }
    ds = Dataset({}, {}, issues, {}, {}, [], [])
    with pytest.raises(NotFoundError) as caught:
        issue_id(ds, "trade")
    assert str(caught.value) == "issue 'trade' is ambiguous; did you mean: tariffs, trade-war?"


def test_escape_sequences_typed_by_the_user_are_echoed_escaped(run: Run, mini: list[str]) -> None:
    result = run(*mini, "compare", "\x1b]52;c;aGk=\x07\u202ex")
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "\u202e" not in result.stderr
    assert "\\x1b]52;c;aGk=\\x07\\u202ex" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["comprae", "x"], "No such command 'comprae'. Did you mean 'compare'?"),
        (["compare"], "Missing argument"),
        (["issues", "list", "-f", "xml"], "'xml' is not one of"),
        (["recommend", "--to", "russia"], "'russia' is not one of"),
        (["issues", "list", "--bogus"], "No such option: --bogus"),
    ],
)
def test_usage_errors_exit_2_on_stderr_only(run: Run, mini: list[str], args: list[str], message: str) -> None:
    result = run(*mini, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_no_arguments_prints_help(run: Run) -> None:
    result = run()
    assert "Usage: uscn" in result.output
    assert "compare" in result.output


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_flags_everywhere(run: Run, flag: str) -> None:
    for args in ([], ["compare"], ["issues"], ["issues", "list"], ["sources", "show"], ["frames", "list"]):
        result = run(*args, flag)
        assert result.exit_code == 0, (args, result.output)
        assert "Usage:" in result.stdout


def test_help_documents_exit_codes(run: Run) -> None:
    out = " ".join(run.ok("--help").split())
    assert "65 invalid data" in out and "130 interrupted" in out


def test_version(run: Run) -> None:
    from importlib.metadata import version

    assert run.ok("--version") == f"uscn {version('uscn')}\n"


def test_internal_error_is_one_line_and_70(run: Run, mini: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import usc_cli.queries.compare as compare_module

    def boom(*_: object) -> None:
        raise ZeroDivisionError("secret local")

    monkeypatch.setattr(compare_module, "compare_issue", boom)
    result = run(*mini, "compare", "chips")
    assert result.exit_code == 70
    assert result.stderr == "uscn: internal error: ZeroDivisionError; run again with USCN_DEBUG=1 for the traceback\n"
    assert "secret local" not in result.output


def test_interrupt_exits_130(run: Run, mini: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import usc_cli.queries.compare as compare_module

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(compare_module, "compare_issue", interrupted)
    result = run(*mini, "compare", "chips")
    assert result.exit_code == 130
    assert result.stderr == "uscn: interrupted\n"
