"""Every view in every format, on the minimal fixture dataset (exact text where it is stable)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import VALID_MIN, Run
from usc_cli.render.formats import OutputFormat

VIEWS = [
    ["issues", "list"],
    ["issues", "show", "export-controls"],
    ["compare", "export-controls"],
    ["recommend"],
    ["sources", "list"],
    ["sources", "show", "tiny"],
    ["frames", "list"],
    ["frames", "show", "security-vs-development"],
    ["validate"],
    ["matrix"],
    ["timeline"],
    ["actors", "list"],
    ["actors", "show", "beijing"],
    ["search", "security"],
    ["analyze", "tests/articles/made-up-oped.txt"],
]
CSV_VIEWS = {
    "issues list",
    "compare export-controls",
    "recommend",
    "sources list",
    "frames list",
    "validate",
    "matrix",
    "timeline",
    "actors list",
    "search security",
    "analyze tests/articles/made-up-oped.txt",
}


@pytest.mark.parametrize("fmt", list(OutputFormat))
@pytest.mark.parametrize("view", VIEWS, ids=" ".join)
def test_every_view_renders_in_every_format(run: Run, mini: list[str], view: list[str], fmt: OutputFormat) -> None:
    result = run(*mini, *view, "-f", fmt.value)
    if fmt is OutputFormat.CSV and " ".join(view) not in CSV_VIEWS:
        assert result.exit_code == 2
        assert "csv is not available" in result.stderr
        assert result.stdout == ""
        return
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.strip()
    if fmt is OutputFormat.JSON:
        data = json.loads(result.stdout)
        assert data["schema_version"] == 2
        assert list(data)[:2] == ["schema_version", "kind"]
    if fmt is OutputFormat.CSV:
        rows = list(csv.reader(io.StringIO(result.stdout)))
        assert len(rows) >= 2 and all(len(r) == len(rows[0]) for r in rows)


def test_issues_list_table_exact(run: Run, mini: list[str]) -> None:
    out = run.ok(*mini, "issues", "list", env={"COLUMNS": "80"})
    lines = [line.rstrip() for line in out.splitlines()]
    assert lines == [
        "id               title                    sides  src  frames",
        "─" * 77,
        "export-controls  Export controls [draft]  US CN  1    security-vs-development",
        "fisheries        Fisheries                3P     1",
        "sides: US / CN / 3P = Washington / Beijing / third-party positions; src:",
        "sources.",
    ]


def test_issues_list_markdown_and_csv_exact(run: Run, mini: list[str]) -> None:
    assert run.ok(*mini, "issues", "list", "-f", "markdown") == (
        "| id | title | sides | src | frames |\n"
        "|---|---|---|---|---|\n"
        "| export-controls | Export controls \\[draft\\] | US CN | 1 | security-vs-development |\n"
        "| fisheries | Fisheries | 3P | 1 |  |\n"
        "\n"
        "sides: US / CN / 3P = Washington / Beijing / third-party positions; src: sources.\n"
    )
    assert run.ok(*mini, "issues", "list", "-f", "csv") == (
        "id,title,sides,src,frames\n"
        "export-controls,Export controls [draft],US CN,1,security-vs-development\n"
        "fisheries,Fisheries,3P,1,\n"
    )


def test_issues_list_json_shape(run: Run, mini: list[str]) -> None:
    data = run.json(*mini, "issues", "list")
    assert data == {
        "schema_version": 2,
        "kind": "issues",
        "issues": [
            {
                "id": "export-controls",
                "title": "Export controls [draft]",
                "tags": ["technology", "chips"],
                "sides": ["us", "china"],
                "sources": ["tiny"],
                "frames": ["security-vs-development"],
            },
            {
                "id": "fisheries",
                "title": "Fisheries",
                "tags": ["oceans"],
                "sides": ["third-party"],
                "sources": ["tiny"],
                "frames": [],
            },
        ],
    }


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--tag", "chips", ["export-controls"]),
        ("--tag", "nothing", []),
        ("--source", "Example Weekly", ["export-controls", "fisheries"]),
        ("--frame", "security", ["export-controls"]),
    ],
)
def test_issues_list_filters(run: Run, mini: list[str], option: str, value: str, expected: list[str]) -> None:
    data = run.json(*mini, "issues", "list", option, value)
    assert [i["id"] for i in data["issues"]] == expected


def test_compare_json_has_both_sides_quotes_offsets_and_gaps(run: Run, mini: list[str]) -> None:
    data = run.json(*mini, "compare", "chips")
    assert data["kind"] == "comparison"
    us = data["sides"]["us"]
    assert us["gap"] is None
    position = us["positions"][0]
    assert position["holder"] == {"actor": None, "name": "Washington, as the author characterises it"}
    assert position["reported_by"] == ["tiny"]
    evidence = position["evidence"][0]
    assert evidence["quote"] == "Washington says export controls on chips protect its national security."
    [offsets] = evidence["offsets"]
    seed = (VALID_MIN / "seeds" / "tiny.txt").read_text(encoding="utf-8")
    assert seed[offsets["start"] : offsets["end"]] == evidence["quote"]
    assert data["sides"]["china"]["positions"][0]["holder"] == {"actor": "beijing", "name": "Beijing"}
    assert data["frames"] == [
        {
            "id": "security-vs-development",
            "title": "Security vs. development",
            "labels": {"us": "security", "china": "development"},
        }
    ]
    assert [r["id"] for r in data["recommendations"]] == ["tiny-hotline"]
    assert data["events"][0]["date"] == {
        "value": "2022-11",
        "precision": "month",
        "inferred": False,
        "basis": None,
        "quote": "in Bali in November 2022",
    }


def test_compare_shows_explicit_gaps(run: Run, mini: list[str]) -> None:
    data = run.json(*mini, "compare", "fisheries")
    assert data["sides"]["us"] == {"positions": [], "gap": "No seed gives Washington's view."}
    assert data["sides"]["china"] == {"positions": [], "gap": "No seed gives Beijing's view."}
    out = run.ok(*mini, "compare", "fisheries")
    assert "Gap — No seed gives Washington's view." in out
    assert "Gap — No seed gives Beijing's view." in out


def test_compare_no_quotes_and_context(run: Run, mini: list[str]) -> None:
    bare = run.json(*mini, "compare", "export-controls", "--no-quotes")
    assert "evidence" not in bare["sides"]["us"]["positions"][0]
    out = run.ok(*mini, "compare", "export-controls", "--no-quotes")
    assert "“" not in out
    with_context = run.json(*mini, "compare", "export-controls", "--context")
    assert with_context["sides"]["china"]["positions"][0]["evidence"][0]["context"] == (
        "Beijing says the controls aim at suppressing its development."
    )


def test_issues_show_no_quotes_and_context(run: Run, mini: list[str]) -> None:
    bare = run.json(*mini, "issues", "show", "export-controls", "--no-quotes")
    assert "evidence" not in bare["positions"]["us"][0]
    assert "“" not in run.ok(*mini, "issues", "show", "export-controls", "--no-quotes")
    with_context = run.json(*mini, "issues", "show", "export-controls", "--context")
    assert with_context["positions"]["china"][0]["evidence"][0]["context"] == (
        "Beijing says the controls aim at suppressing its development."
    )
    assert "in context: Beijing says" in run.ok(*mini, "issues", "show", "export-controls", "--context")


def test_compare_source_filter_by_alias(run: Run, mini: list[str]) -> None:
    data = run.json(*mini, "compare", "export-controls", "--source", "example weekly")
    assert data["source_filter"] == ["tiny"]
    assert data["sides"]["us"]["positions"]


def test_compare_columns_side_by_side_when_wide_and_stacked_when_narrow(run: Run, mini: list[str]) -> None:
    wide = run.ok(*mini, "compare", "export-controls", env={"COLUMNS": "120"})
    header = next(line for line in wide.splitlines() if "Washington" in line)
    assert "Beijing" in header
    narrow = run.ok(*mini, "compare", "export-controls", env={"COLUMNS": "80"})
    lines = narrow.splitlines()
    washington = next(i for i, line in enumerate(lines) if line.strip() == "Washington")
    beijing = next(i for i, line in enumerate(lines) if line.strip() == "Beijing")
    assert washington < beijing
    assert "national security" in "\n".join(lines[washington:beijing])


def test_markup_in_data_prints_as_written(run: Run, mini: list[str]) -> None:
    out = run.ok(*mini, "issues", "show", "export-controls")
    assert "Export controls [draft] [export-controls]" in out


@pytest.mark.parametrize("env", [{"FORCE_COLOR": "1"}, {"NO_COLOR": "1"}, {"TERM": "dumb"}, {"COLUMNS": "20"}])
def test_json_bytes_do_not_depend_on_the_terminal(run: Run, mini: list[str], env: dict[str, str]) -> None:
    plain = run.ok(*mini, "compare", "export-controls", "-f", "json")
    assert run.ok(*mini, "compare", "export-controls", "-f", "json", env=env) == plain
    assert "\x1b" not in plain


def test_recommend_filters(run: Run, mini: list[str]) -> None:
    assert [r["id"] for r in run.json(*mini, "recommend", "--to", "us")["recommendations"]] == ["tiny-hotline"]
    assert run.json(*mini, "recommend", "--issue", "fisheries")["recommendations"] == []
    assert [r["id"] for r in run.json(*mini, "recommend", "--source", "Example")["recommendations"]] == ["tiny-hotline"]
    out = run.ok(*mini, "recommend", "--issue", "fisheries")
    assert "No recommendation matches these filters." in out


def test_sources_show_marks_inferred_fields_with_their_basis(run: Run, mini: list[str]) -> None:
    data = run.json(*mini, "sources", "show", "Ann Example")["source"]
    assert data["outlet"] == {
        "value": "Example Weekly",
        "how": "inferred",
        "inferred": True,
        "basis": "Made up for the tests.",
        "quote": None,
        "matched": None,
    }
    assert data["date"]["inferred"] is True
    assert data["author"]["name"] == "Ann Example"
    assert data["url"] is None and data["unknown"] == {"url": "A test fixture; it has no url."}
    assert [(c["field"], c["value"], c["how"]) for c in data["citation"]] == [
        ("author", "Ann Example", "stated"),
        ("title", "Tiny Test Article", "stated"),
        ("outlet", "Example Weekly", "inferred"),
        ("date", "2023-05", "inferred"),
        ("url", None, "unknown"),
    ]
    assert data["citation"][-1]["basis"] == "A test fixture; it has no url."
    out = run.ok(*mini, "sources", "show", "tiny")
    assert "Outlet: Example Weekly (inferred)\nMade up for the tests.\n" in out
    assert "URL: unknown\nA test fixture; it has no url.\n" in out
    assert "Title: Tiny Test Article (stated in the text)\n  “Tiny Test Article”" in out


def test_frames_show_lists_labels_and_issues(run: Run, mini: list[str]) -> None:
    data = run.json(*mini, "frames", "show", "development")["frame"]
    assert [(lb["side"], lb["label"]) for lb in data["labels"]] == [("us", "security"), ("china", "development")]
    assert data["issues"] == ["export-controls"]


def test_validate_prints_counts(run: Run, mini: list[str]) -> None:
    data = run.json(*mini, "validate")
    assert data["valid"] is True
    assert data["counts"] == {
        "sources": 1,
        "issues": 2,
        "positions": 3,
        "recommendations": 1,
        "frames": 1,
        "events": 1,
        "actors": 1,
        "quotes": 8,
    }


def test_matrix_marks_sides_recommendations_and_gaps(run: Run, mini: list[str]) -> None:
    data = run.json(*mini, "matrix")
    assert data["cells"]["export-controls"]["tiny"] == {"sides": ["us", "china"], "recommendations": 1}
    assert data["cells"]["fisheries"]["tiny"] == {"sides": ["third-party"], "recommendations": 0}
    assert run.ok(*mini, "matrix", "-f", "csv") == "issue,tiny\nexport-controls,US CN R1\nfisheries,3P\n"


def test_timeline_gives_precision_and_filters_by_issue(run: Run, mini: list[str]) -> None:
    events = run.json(*mini, "timeline")["events"]
    assert [(e["id"], e["date"]["value"], e["date"]["precision"]) for e in events] == [
        ("bali-meeting", "2022-11", "month")
    ]
    assert run.json(*mini, "timeline", "--issue", "fisheries")["events"] == []


def test_actors_filter_by_side_and_show_by_alias(run: Run, mini: list[str]) -> None:
    assert [a["id"] for a in run.json(*mini, "actors", "list", "--side", "china")["actors"]] == ["beijing"]
    assert run.json(*mini, "actors", "list", "--side", "us")["actors"] == []
    actor = run.json(*mini, "actors", "show", "Chinese government")["actor"]
    assert actor["sources"] == ["tiny"]
    assert [p["issue"] for p in actor["positions"]] == ["export-controls"]


def test_actors_with_no_command_lists_and_takes_the_list_options(run: Run, mini: list[str]) -> None:
    assert run.json(*mini, "actors", "--side", "china") == run.json(*mini, "actors", "list", "--side", "china")
    assert run.ok(*mini, "actors") == run.ok(*mini, "actors", "list")


def test_actors_options_before_a_subcommand_are_a_usage_error_not_ignored(run: Run, mini: list[str]) -> None:
    result = run(*mini, "actors", "--side", "us", "show", "beijing")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "options go after the command: uscn actors show [OPTIONS]" in result.stderr


def test_positions_are_separated_by_a_blank_line(run: Run) -> None:
    out = run.ok("compare", "taiwan", env={"COLUMNS": "80"})
    beijing = out.split("\nBeijing\n", 1)[1].split("\nCommentators", 1)[0]
    items = beijing.strip().split("\n\n")
    assert [i.split(" ", 1)[0] for i in items] == ["Beijing", "China's", "Chinese"]


def test_recommendations_under_their_source_run_tight_each_line_saying_to_whom(run: Run) -> None:
    out = run.ok("recommend", "--source", "hormats", env={"COLUMNS": "200"})
    heading, rest = out.split("\n", 1)
    assert heading == "hormats — Robert Hormats, Fortune: 21 recommendations"
    items = [line for line in rest.splitlines() if line.startswith("→ ")]
    assert len(items) == 21 and "\n\n" not in rest.strip()
    assert items[1].startswith("→ Washington and Beijing: After significant personnel changes in Beijing")


def test_recommend_csv_has_one_row_per_quote_with_its_speaker(run: Run) -> None:
    out = run.ok("recommend", "--source", "hormats", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    recs = run.json("recommend", "--source", "hormats")["recommendations"]
    assert [(row["id"], row["quote"]) for row in rows] == [(r["id"], e["quote"]) for r in recs for e in r["evidence"]]
    assert all(row["said_by"] for row in rows)
    assert not any("\n" in cell for row in rows for cell in row.values())


def test_sources_show_gives_the_whole_sha256(run: Run) -> None:
    sha = run.json("sources", "show", "hormats")["source"]["sha256"]
    assert f"sha256: {sha}" in " ".join(run.ok("sources", "show", "hormats", env={"COLUMNS": "120"}).split())


@pytest.mark.parametrize("group", ["issues", "frames", "actors"])
def test_a_group_with_no_command_lists(run: Run, group: str) -> None:
    assert run.ok(group) == run.ok(group, "list")


@pytest.mark.parametrize(
    "args",
    [["issues", "-f", "csv"], ["issues", "--tag", "security"], ["frames", "-f", "json"], ["sources", "-f", "csv"]],
    ids=" ".join,
)
def test_a_group_with_no_command_takes_the_lists_options(run: Run, args: list[str]) -> None:
    assert run.ok(*args) == run.ok(args[0], "list", *args[1:])


def test_a_groups_options_before_a_command_are_refused_with_where_they_go(run: Run) -> None:
    result = run("issues", "-f", "csv", "show", "taiwan")
    assert result.exit_code == 2
    assert "options go after the command: uscn issues show [OPTIONS]" in result.stderr
