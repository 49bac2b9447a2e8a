"""The coverage views (matrix, timeline, actors) and ``issues list`` as a reader sees them: tables at
80 and 60 columns with every word whole and no line over the width; sides coloured and lettered;
CSV without filler; and what ``matrix`` shows for a dataset with many sources."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.benchmarks.synth import build
from tests.conftest import Run, unbreakable
from usc_cli.locations import shipped_data_dir
from usc_cli.render.palette import SIDE_COLOURS
from usc_cli.vocab import Side

VIEWS = [["matrix"], ["timeline"], ["actors"], ["issues", "list"]]
# Five columns of ids and titles (issues list) need 78 columns with every word whole: records at 60.
TABLES_AT = [(view, 80) for view in VIEWS] + [(view, 60) for view in VIEWS if view != ["issues", "list"]]
_CELL_SEPARATOR = re.compile(r"(?<!\\) \| ")
_ESCAPE = re.compile(r"\\(.)")


def _table_cells(markdown: str) -> list[str]:
    """Every cell (heads included) of the Markdown tables of a view: the same table the terminal lays out."""
    cells = []
    for line in markdown.splitlines():
        if line.startswith("| "):
            for cell in _CELL_SEPARATOR.split(line[2:-2]):
                cells.append(_ESCAPE.sub(r"\1", cell.replace("<br>", "\n")))
    return cells


def _words(text: str) -> Counter[str]:
    """Words without the comma or semicolon that a list puts after them; Chinese by its characters."""
    return unbreakable(text, ",;")


@pytest.mark.parametrize("columns", [80, 60, 40])
@pytest.mark.parametrize("view", VIEWS, ids=" ".join)
def test_view_keeps_every_word_whole_within_the_width(run: Run, view: list[str], columns: int) -> None:
    """A word split across two lines ("administrat" / "ion") is missing whole from the output."""
    out = run.ok(*view, env={"COLUMNS": str(columns)})
    assert max(cell_len(line) for line in out.splitlines()) <= columns
    cells = _table_cells(run.ok(*view, "-f", "markdown"))
    assert cells
    missing = _words("\n".join(cells)) - _words(out.replace(": ", " "))  # records write "head: value"
    assert not missing, f"split or lost at {columns} columns: {sorted(missing)}"


@pytest.mark.parametrize(("view", "columns"), TABLES_AT, ids=lambda v: " ".join(v) if isinstance(v, list) else str(v))
def test_view_is_a_table_not_records_from_60_columns(run: Run, view: list[str], columns: int) -> None:
    lines = run.ok(*view, env={"COLUMNS": str(columns)}).splitlines()
    head = _table_cells(run.ok(*view, "-f", "markdown"))[0]
    assert lines[0].startswith(f"{head} ")
    assert not any(line.startswith(f"{head}: ") for line in lines)


#: The five seed articles: a grid of five sources (the governments' own texts are twelve more).
ARTICLES = ["-s", "cnn", "-s", "diplomat", "-s", "georgetown", "-s", "hormats", "-s", "marschik"]


def test_matrix_is_one_grid_at_80_columns(run: Run) -> None:
    lines = run.ok("matrix", *ARTICLES, env={"COLUMNS": "80"}).splitlines()
    assert lines[0].split() == ["issue", "cnn", "diplomat", "georgetown", "hormats", "marschik"]
    issues = run.json("matrix")["issues"]
    rows = lines[2 : 2 + len(issues)]
    assert [row.split()[0] for row in rows] == issues  # one line per issue: no cell wraps
    assert rows[issues.index("taiwan")].split() == ["taiwan", "CN", "US", "CN", "R", "·", "3P", "R"]


def test_matrix_splits_into_blocks_of_columns_that_repeat_the_issues_at_60(run: Run) -> None:
    lines = run.ok("matrix", *ARTICLES, env={"COLUMNS": "60"}).splitlines()
    heads = [line.split() for line in lines if line.startswith("issue ")]
    assert [head[0] for head in heads] == ["issue", "issue"]
    assert sorted(h for head in heads for h in head[1:]) == ["cnn", "diplomat", "georgetown", "hormats", "marschik"]
    assert sum(line.startswith("taiwan ") for line in lines) == 2


def test_timeline_gives_the_event_the_room_at_80_columns(run: Run) -> None:
    head = run.ok("timeline", env={"COLUMNS": "80"}).splitlines()[0]
    assert head.split() == ["date", "event", "issues", "sources"]
    assert head.index("issues") - head.index("event") >= 30
    rows = list(csv.reader(io.StringIO(run.ok("timeline", "-f", "csv"))))
    assert rows[0] == ["date", "precision", "event", "issues", "sources"]  # the precision stays in the data


def test_matrix_colours_each_side_and_keeps_its_letters(run: Run) -> None:
    out = run.ok("matrix", env={"NO_COLOR": "", "FORCE_COLOR": "1", "COLORTERM": "truecolor", "TERM": "xterm"})
    for side, code in ((Side.US, "US"), (Side.CHINA, "CN"), (Side.THIRD_PARTY, "3P")):
        red, green, blue = (int(SIDE_COLOURS[side][k : k + 2], 16) for k in (1, 3, 5))
        assert re.search(rf"\x1b\[[0-9;]*38;2;{red};{green};{blue}m{code}\x1b", out), code
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert plain == run.ok("matrix")  # colour adds nothing a reader without it would miss


def test_matrix_csv_leaves_silent_cells_empty_and_counts_recommendations(run: Run) -> None:
    rows = list(csv.reader(io.StringIO(run.ok("matrix", "-f", "csv"))))
    data = run.json("matrix")
    assert rows[0] == ["issue", *data["sources"]]
    assert [row[0] for row in rows[1:]] == data["issues"]
    assert all("·" not in cell for row in rows for cell in row)
    taiwan = dict(zip(rows[0], rows[1 + data["issues"].index("taiwan")], strict=True))
    assert taiwan["wh-231115"] == "US" and taiwan["mfa-231116"] == "CN"  # each government's own text
    assert {k: v for k, v in taiwan.items() if not k.startswith(("wh-", "mfa-"))} == {
        "issue": "taiwan",
        "cnn": "CN",
        "diplomat": "US CN",
        "georgetown": "R2",
        "hormats": "",
        "marschik": "3P R1",
    }


@pytest.mark.parametrize("view", [["matrix"], ["timeline"], ["actors"]], ids=" ".join)
def test_coverage_csv_has_one_line_per_row(run: Run, view: list[str]) -> None:
    out = run.ok(*view, "-f", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert len(rows) == len(out.splitlines())  # no line break inside a cell
    assert len({len(row) for row in rows}) == 1


def test_matrix_source_filter_keeps_the_order_given(run: Run) -> None:
    assert run.ok("matrix", "-s", "hormats", "-s", "cnn").splitlines()[0].split() == ["issue", "hormats", "cnn"]
    data = run.json("matrix", "--source", "hormats", "--source", "cnn")
    assert data["sources"] == ["hormats", "cnn"]
    assert set(data["cells"]["taiwan"]) == {"hormats", "cnn"}
    result = run("matrix", "-s", "nobody")
    assert result.exit_code != 0 and result.stderr.startswith("uscn: error: ")


def test_matrix_summary_counts_the_sources_per_issue(run: Run) -> None:
    lines = run.ok("matrix", "--summary").splitlines()
    assert lines[0].split() == ["issue", "sources", "US", "CN", "3P", "R"]
    cells = run.json("matrix")["cells"]["taiwan"].values()
    expected = [
        sum(bool(c["sides"] or c["recommendations"]) for c in cells),
        *(sum(side in c["sides"] for c in cells) for side in ("us", "china", "third-party")),
        sum(bool(c["recommendations"]) for c in cells),
    ]
    assert next(line for line in lines if line.startswith("taiwan ")).split()[1:] == [str(n) for n in expected]


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """A valid dataset of the shipped sources and 15 synthetic ones, and 30 issues."""
    return ["--data-dir", str(build(tmp_path_factory.mktemp("many") / "data", 3, articles=15, issue_count=30))]


def test_many_sources_get_counts_in_the_table_and_the_whole_grid_as_data(run: Run, many: list[str]) -> None:
    data = run.json(*many, "matrix")
    shipped = len(list((shipped_data_dir() / "sources").glob("*.yaml")))
    assert len(data["sources"]) == shipped + 15 and len(data["issues"]) == 30
    assert all(len(row) == shipped + 15 for row in data["cells"].values())  # JSON: every cell, silent ones too
    table = run.ok(*many, "matrix", env={"COLUMNS": "80"})
    assert table.splitlines()[0].split() == ["issue", "sources", "US", "CN", "3P", "R"]
    assert "uscn matrix --source SOURCE" in " ".join(table.split())
    assert len(run.ok(*many, "matrix").splitlines()) < 40
    rows = list(csv.reader(io.StringIO(run.ok(*many, "matrix", "-f", "csv"))))
    assert rows[0] == ["issue", *data["sources"]] and len(rows) == 31
    summary = list(csv.reader(io.StringIO(run.ok(*many, "matrix", "--summary", "-f", "csv"))))
    assert summary[0] == ["issue", "sources", "US", "CN", "3P", "R"] and len(summary) == 31


def test_many_sources_as_a_grid_come_in_blocks_that_fit(run: Run, many: list[str]) -> None:
    out = run.ok(*many, "matrix", "--grid", env={"COLUMNS": "80"})
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    heads = [line.split() for line in lines if line.startswith("issue ")]
    assert len(heads) > 1
    assert [h for head in heads for h in head[1:]] == run.json(*many, "matrix")["sources"]
    chosen = run.ok(*many, "matrix", "-s", "synthetic-0001", "-s", "cnn").splitlines()
    assert chosen[0].split() == ["issue", "synthetic-0001", "cnn"]


def test_many_sources_stay_a_table_view_in_markdown(run: Run, many: list[str], tmp_path: Path) -> None:
    out = run.ok(*many, "matrix", "-f", "markdown")
    assert out.startswith("| issue | sources | US | CN | 3P | R |")
    assert run.ok(*many, "matrix", "--grid", "-f", "markdown").startswith("| issue | cnn |")
