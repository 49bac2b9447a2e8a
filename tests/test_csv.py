"""CSV as RFC 4180 for every view that has one: CRLF records, one header, the same number of fields
in every record, no line break inside a cell (lists are space-separated, quotes one row each) and no
filler character standing for an empty cell."""

from __future__ import annotations

import csv
import io

import pytest

from tests.conftest import Run

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
