"""CSV as RFC 4180 for every view that has one: CRLF records, one header, the same number of fields
in every record, no line break inside a cell (lists are space-separated, quotes one row each) and no
filler character standing for an empty cell."""

from __future__ import annotations

import csv
import io

import pytest

from tests.conftest import FIXTURES, Run

VIEWS = [
    ["issues", "list"],
    ["recommend"],
    ["compare", "taiwan"],
    ["sources", "list"],
    ["frames", "list"],
    ["timeline"],
    ["actors"],
    ["search", "taiwan"],
    ["matrix"],
    ["diff", "hormats", "georgetown"],
    ["diff", "hormats"],
    ["validate"],
]
FILLERS = {"·", "—", "–", "-", "n/a", "N/A"}


@pytest.mark.parametrize("view", VIEWS, ids=" ".join)
def test_csv_is_rfc_4180_with_no_line_breaks_in_cells_and_no_filler(run: Run, view: list[str]) -> None:
    result = run(*view, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    raw = result.stdout_bytes.decode("utf-8")  # the bytes: click's ``stdout`` turns CRLF into LF
    assert raw.endswith("\r\n") and "\n" not in raw.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    assert len(rows) >= 2
    assert {len(row) for row in rows} == {len(rows[0])}
    assert [cell for row in rows for cell in row if cell.strip() in FILLERS] == []


LINE_BREAKS = FIXTURES / "csv_line_breaks"  # \n, \r\n, U+2028 and U+2029 in titles, summaries, quotes
BREAKS = ("\r", "\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
FIXTURE_VIEWS = [
    ["issues", "list"],
    ["recommend"],
    ["compare", "export-controls"],
    ["sources", "list"],
    ["frames", "list"],
    ["timeline"],
    ["actors"],
    ["search", "hotline"],
    ["matrix"],
    ["diff", "tiny"],
    ["validate"],
]


@pytest.mark.parametrize("view", FIXTURE_VIEWS, ids=" ".join)
def test_line_breaks_from_the_data_never_reach_a_csv_cell(run: Run, view: list[str]) -> None:
    """Every line break the data holds (a quote across lines, U+2028 in a title) becomes a space."""
    result = run("--data-dir", str(LINE_BREAKS), *view, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    raw = result.stdout_bytes.decode("utf-8")
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    assert [cell for row in rows for cell in row if any(b in cell for b in BREAKS)] == []
    assert raw.count("\r\n") == len(rows)


def test_a_quote_across_lines_is_one_line_in_its_cell(run: Run) -> None:
    raw = run.ok("--data-dir", str(LINE_BREAKS), "recommend", "-f", "csv")
    [row] = list(csv.DictReader(io.StringIO(raw)))
    assert row["quote"] == "The author proposes a military hotline between the two defence ministries."
    assert row["summary"] == "Set up a military hotline between defence ministries."
