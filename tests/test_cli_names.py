"""Name resolution, its errors, usage errors, help and version: the exit codes a user sees."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

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
    assert str(caught.value) == "issue 'trade' is ambiguous: it could be tariffs (Trade tariffs), trade-war (Trade war)"


@pytest.mark.parametrize(
    ("name", "issue"),
    [
        ("chip", "export-controls"),  # the tag "chips", singular
        ("semiconductor", "export-controls"),
        ("sanction", "sanctions"),  # the id, singular
        ("export controls", "export-controls"),  # the id with a space
        ("Export Control", "export-controls"),  # words of the title, singular
        ("chip controls", "export-controls"),  # a tag and a title word together
        ("south china sea", "south-china-sea"),
        ("human right", "human-rights"),
        ("Leader summits (Biden–Xi)", "leader-diplomacy"),  # the whole title
    ],
)
def test_shipped_issue_names_resolve_singular_plural_and_multi_word(run: Run, name: str, issue: str) -> None:
    assert run.json("compare", name)["issue"]["id"] == issue


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "technology",
            "issue 'technology' is ambiguous: it could be china-rise (China's rise, development and \"containment\"),"
            " export-controls (Technology and export controls)",
        ),
        ("pelosi", "issue 'pelosi' not found; the articles mention it: try `uscn search pelosi`"),
        ("Nancy Pelosi", "issue 'Nancy Pelosi' not found; the articles mention it: try `uscn search 'Nancy Pelosi'`"),
        ("tawain", "issue 'tawain' not found; did you mean: taiwan?"),
        (
            "trade war",
            "issue 'trade war' not found; did you mean: trade-tariffs? The articles mention it: try "
            "`uscn search 'trade war'`",
        ),
        ("zebra", "issue 'zebra' not found"),
    ],
)
def test_shipped_issue_names_that_do_not_resolve_say_what_to_try(run: Run, name: str, message: str) -> None:
    result = run("compare", name)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert _without_where(result.stderr) == f"uscn: error: {message}\n"
    if "ambiguous" not in message:
        assert " not found in the shipped dataset (you have added no sources of your own)" in result.stderr


def _without_where(message: str) -> str:
    """The message without the part that says where uscn looked (it names a temporary directory)."""
    return message.replace(" not found in the shipped dataset (you have added no sources of your own)", " not found")


def test_an_ambiguous_actor_lists_the_candidates_by_name(run: Run) -> None:
    result = run("actors", "show", "president")
    assert result.exit_code == 1
    assert result.stderr == (
        "uscn: error: actor 'president' is ambiguous: it could be joe-biden (Joe Biden), xi-jinping (Xi Jinping)\n"
    )
    result = run("actors", "show", "li")  # a two-letter name is a word too; Hormats writes "Wang Li"
    assert result.stderr == (
        "uscn: error: actor 'li' is ambiguous: it could be li-qiang (Li Qiang), li-shangfu (Li Shangfu),"
        " wang-yi (Wang Yi)\n"
    )


def test_escape_sequences_typed_by_the_user_are_echoed_escaped(run: Run, mini: list[str]) -> None:
    result = run(*mini, "compare", "\x1b]52;c;aGk=\x07\u202ex")
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "\u202e" not in result.stderr
    assert "\\x1b]52;c;aGk=\\x07\\u202ex" in result.stderr


HOSTILE = "\x1b[31m\u202e"  # a colour code and a right-to-left override, in a directory's or a file's name


def test_an_error_line_naming_a_hostile_directory_shows_it_escaped(run: Run, tmp_path: Path) -> None:
    data = tmp_path / f"data{HOSTILE}"
    shutil.copytree(VALID_MIN, data)
    result = run("--data-dir", str(data), "compare", "nosuch")
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert result.stderr.endswith("data\\x1b[31m\\u202e\n")


def test_data_problems_naming_a_hostile_file_show_it_escaped(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID_MIN, data)
    (data / "sources" / f"bad{HOSTILE}.yaml").write_text("source: [unclosed\n", encoding="utf-8")
    result = run("--data-dir", str(data), "validate")
    assert result.exit_code == 65
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    problem = result.stderr.splitlines()[1]
    assert problem.startswith("sources/bad\\x1b[31m\\u202e.yaml")


USAGE_ERRORS = [
    (
        ["comprae", "x"],
        "no such command 'comprae'. Did you mean 'compare'?",
        "uscn [OPTIONS] COMMAND [ARGS]...",
        "uscn",
    ),
    (["compare"], "missing argument 'ISSUE'", "uscn compare [OPTIONS] {ISSUE}", "uscn compare"),
    (
        ["issues", "list", "-f", "xml"],
        "invalid value for '-f' / '--format': 'xml' is not one of 'table', 'json', 'markdown', 'csv', 'html'",
        "uscn issues list [OPTIONS]",
        "uscn issues list",
    ),
    (
        ["recommend", "--to", "russia"],
        "invalid value for '--to': 'russia' is not an addressee: one of us, washington, china, beijing, both",
        "uscn recommend [OPTIONS]",
        "uscn recommend",
    ),
    (["issues", "list", "--bogus"], "no such option: --bogus", "uscn issues list [OPTIONS]", "uscn issues list"),
    (["--bogus"], "no such option: --bogus", "uscn [OPTIONS] COMMAND [ARGS]...", "uscn"),
    (["issues", "nope"], "no such command 'nope'", "uscn issues [OPTIONS] COMMAND [ARGS]...", "uscn issues"),
]


@pytest.mark.parametrize(("args", "message", "usage", "command"), USAGE_ERRORS, ids=lambda v: str(v))
def test_usage_errors_are_one_uscn_error_line_and_a_usage_line(
    run: Run, mini: list[str], args: list[str], message: str, usage: str, command: str
) -> None:
    result = run(*mini, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"uscn: error: {message}", f"usage: {usage} ({command} -h for help)"]


@pytest.mark.parametrize(
    ("args", "code", "first_line"),
    [
        (["compare"], 2, "uscn: error: missing argument 'ISSUE'"),
        (
            ["search", "x", "-n", "0"],
            2,
            "uscn: error: invalid value for '--limit' / '-n': 0 is not in the range 1<=x<=500",
        ),
        (["compare", "-f"], 2, "uscn: error: option '-f' requires an argument"),
        (["--data-dir"], 2, "uscn: error: option '--data-dir' requires an argument"),
        (["comprae"], 2, "uscn: error: no such command 'comprae'. Did you mean 'compare'?"),
        (
            ["compare", "pelosi"],
            1,
            "uscn: error: issue 'pelosi' not found; the articles mention it: try `uscn search pelosi`",
        ),
        (
            ["compare", "taiwan", "-f", "csv", "--no-quotes", "-s", "nobody"],
            1,
            "uscn: error: source 'nobody' not found",
        ),
    ],
)
def test_every_error_has_one_style_in_a_real_process(args: list[str], code: int, first_line: str) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("USCN_DATA_DIR", "FORCE_COLOR")}
    result = subprocess.run(
        [sys.executable, "-m", "usc_cli", *args], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == code
    assert result.stdout == ""
    lines = _without_where(result.stderr).splitlines()
    assert lines[0] == first_line
    assert len(lines) <= 2 and all(line.startswith("usage: uscn") for line in lines[1:])
    assert "Error:" not in result.stderr


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


@pytest.mark.parametrize(
    ("typed", "value"),
    [(["search", "trade war", "--side", "Beijing"], "china"), (["search", "trade war", "--side", "china"], "china")],
)
def test_a_side_may_be_typed_by_the_name_the_views_show(run: Run, typed: list[str], value: str) -> None:
    hits = run.json(*typed)["hits"]
    assert hits and {h["side"] for h in hits} == {value}


def test_an_addressee_may_be_typed_by_the_name_the_views_show(run: Run) -> None:
    assert run.json("recommend", "--to", "washington") == run.json("recommend", "--to", "us")
    result = run("actors", "--side", "mars")
    assert result.exit_code == 2
    assert "'mars' is not a side: one of us, washington, china, beijing, third-party, commentators" in result.stderr


def test_global_options_are_accepted_after_the_command(run: Run, mini: list[str]) -> None:
    assert run.ok("compare", "taiwan", "--no-pager") == run.ok("--no-pager", "compare", "taiwan")
    assert run.ok("issues", "list", *mini) == run.ok(*mini, "issues", "list")
    assert run.ok("issues", "list", f"--data-dir={mini[1]}") == run.ok(*mini, "issues", "list")
    assert "Export controls [draft]" in run.ok("issues", "list", *mini)


def test_after_a_double_dash_a_global_option_is_a_word_to_search(run: Run) -> None:
    assert json.loads(run.ok("search", "-f", "json", "--", "--no-pager"))["query"] == "--no-pager"


def test_data_dir_last_without_its_directory_says_so(run: Run) -> None:
    result = run("compare", "taiwan", "--data-dir")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "uscn: error: option '--data-dir' requires an argument: the dataset directory (--data-dir DIR)"
    )


def test_version_after_the_command_says_where_it_goes(run: Run) -> None:
    result = run("compare", "taiwan", "--version")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "uscn: error: no such option: --version: --version goes before the command (uscn --version COMMAND …)"
    )


# Every command and option that takes a name, with NAME where the name goes.
NAME_ARGUMENTS = [
    ["compare", "NAME"],
    ["compare", "export-controls", "--source", "NAME"],
    ["recommend", "--source", "NAME"],
    ["recommend", "--issue", "NAME"],
    ["diff", "NAME"],
    ["diff", "tiny", "NAME"],
    ["issues", "show", "NAME"],
    ["issues", "list", "--source", "NAME"],
    ["issues", "list", "--frame", "NAME"],
    ["sources", "show", "NAME"],
    ["frames", "show", "NAME"],
    ["actors", "show", "NAME"],
    ["search", "NAME"],
    ["search", "chips", "--source", "NAME"],
    ["search", "chips", "--issue", "NAME"],
    ["matrix", "--source", "NAME"],
    ["timeline", "--issue", "NAME"],
    ["report", "NAME"],
]
NOT_UTF8 = b"\xffx".decode("utf-8", "surrogateescape")  # what Python makes of the bytes ff 78 in argv


@pytest.mark.parametrize("args", NAME_ARGUMENTS, ids=" ".join)
def test_a_name_that_is_not_utf8_is_one_line_and_exit_1_from_the_files_and_the_store(
    run: Run, mini: list[str], args: list[str]
) -> None:
    typed = [NOT_UTF8 if a == "NAME" else a for a in args]
    for _ in ("built from the files", "served from the store"):
        result = run(*mini, *typed)
        assert (result.exit_code, result.stdout) == (1, ""), result.stderr
        [line] = result.stderr.splitlines()
        assert line.startswith("uscn: error: ") and "'\\xffx'" in line and "not valid UTF-8" in line, line


def test_a_name_that_is_not_utf8_in_a_real_process() -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "USCN_DATA_DIR"}
    for args in ([b"compare", b"\xffx"], [b"sources", b"show", b"\xffx"], [b"search", b"\xffx"]):
        result = subprocess.run([sys.executable.encode(), b"-m", b"usc_cli", *args], capture_output=True, env=env)
        assert (result.returncode, result.stdout) == (1, b""), result.stderr
        assert result.stderr.decode().count("\n") == 1 and b"not valid UTF-8" in result.stderr
