"""The reading views fit their line budgets at 80 columns, and losing lines never loses content:
every position's summary, every quote and who said it are still on the screen (issue 21)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import Run

AT_80 = {"COLUMNS": "80", "LINES": "40"}
BUDGETS = [
    (("compare", "stabilizing-ties"), 250),
    (("compare", "taiwan"), 70),
    (("recommend", "--source", "hormats"), 160),
    (("recommend",), 300),
]


def _flat(text: str) -> str:
    """The output as one line: wrapping and indentation undone."""
    return " ".join(text.split())


def _speakers(evidence: dict[str, Any]) -> list[str]:
    """Whose words a quote is, as the views name them (an unnamed author as such)."""
    return [
        s["name"] or s["description"] if not s["is_author"] else s["name"] or "unnamed author"
        for s in evidence["speakers"]
    ]


def _claims(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The positions of a comparison, or the recommendations of a list."""
    if data["kind"] == "comparison":
        return [p for side in data["sides"].values() for p in side["positions"]]
    return list(data["recommendations"])


@pytest.mark.parametrize(("args", "budget"), BUDGETS, ids=[" ".join(a) for a, _ in BUDGETS])
def test_a_view_fits_its_budget_and_keeps_every_summary_quote_and_speaker(
    run: Run, args: tuple[str, ...], budget: int
) -> None:
    out = run.ok(*args, env=AT_80)
    assert len(out.splitlines()) <= budget
    shown = _flat(out)
    data = json.loads(run.ok(*args, "-f", "json"))
    claims = _claims(data)
    assert claims
    for claim in claims:
        assert _flat(claim["summary"]) in shown, claim["summary"]
        for evidence in claim["evidence"]:
            assert _flat(evidence["quote"]) in shown, evidence["quote"]
            for speaker in _speakers(evidence):
                assert _flat(speaker) in shown, (speaker, evidence["quote"])


def test_brief_gives_summaries_and_holders_without_quotes(run: Run) -> None:
    out = run.ok("compare", "taiwan", "--brief", env=AT_80)
    assert len(out.splitlines()) <= 40
    shown = _flat(out)
    data = run.json("compare", "taiwan")
    for position in _claims(data):
        assert _flat(position["summary"]) in shown
        assert _flat(position["holder"]["name"]) in shown
        assert not any(_flat(e["quote"]) in shown for e in position["evidence"])
    assert "uscn recommend --issue taiwan" in shown
