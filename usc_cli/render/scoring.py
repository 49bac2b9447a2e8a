"""``uscn analyze --score``: how well drafting does on each source, against its hand-made positions."""

from __future__ import annotations

from typing import Any

from usc_cli.queries.scoring import TARGETS, SourceScore, Totals, totals
from usc_cli.queries.speaker_score import SentenceFigures
from usc_cli.render.document import Block, Document, Heading, Para, Quote, Table
from usc_cli.render.speaker_score import sentence_blocks, sentences_json


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _source_json(score: SourceScore) -> dict[str, Any]:
    return {
        "source": score.source,
        "issues": {
            "drafted": score.drafted,
            "hand_made": score.expected,
            "missed": [i for i in score.expected if i not in score.drafted],
            "extra": [i for i in score.drafted if i not in score.expected],
        },
        "quotes_compared": score.compared,
        "speaker_right": score.speaker_right,
        "side_right": score.side_right,
        "misses": [
            {
                "issue": m.issue,
                "quote": m.quote,
                "drafted": {"holder": m.drafted, "side": m.drafted_side.value},
                "hand_made": {"holder": m.expected, "side": m.expected_side.value},
            }
            for m in score.misses
        ],
    }


def _totals_json(total: Totals) -> dict[str, Any]:
    return {
        "issue_precision": total.precision,
        "issue_recall": total.recall,
        "speaker_accuracy": total.speaker,
        "side_accuracy": total.side,
        "quotes_compared": total.compared,
    }


def score_json(scores: list[SourceScore], sentences: list[SentenceFigures]) -> dict[str, Any]:
    """Per-source figures, the totals over all sources, the targets they are held to, and the
    sentence-level speaker figures."""
    return {
        "sources": [_source_json(s) for s in scores],
        "totals": _totals_json(totals(scores)),
        "targets": {"issue_recall": TARGETS["recall"], "speaker_accuracy": TARGETS["speaker"]},
        "sentences": sentences_json(sentences),
    }


def _rows(scores: list[SourceScore]) -> list[tuple[str, SourceScore | None, Totals]]:
    return [(s.source, s, totals([s])) for s in scores] + [("all", None, totals(scores))]


def _issue_cells(scores: list[SourceScore], score: SourceScore | None, total: Totals) -> list[str]:
    counted = [score] if score else scores
    found = sum(len(s.found) for s in counted)
    drafted, expected = sum(len(s.drafted) for s in counted), sum(len(s.expected) for s in counted)
    return [f"{found} of {drafted}", f"{found} of {expected}", _figure(total.precision), _figure(total.recall)]


def _quote_cells(total: Totals) -> list[str]:
    return [str(total.compared), _figure(total.speaker), _figure(total.side)]


def _target(label: str, value: float | None, target: float) -> str:
    verdict = "no figure" if value is None else ("met" if value >= target else "NOT MET")
    return f"{label} {_figure(value)} (target ≥ {target:.2f}: {verdict})"


def score_doc(scores: list[SourceScore], sentences: list[SentenceFigures]) -> Document:
    """A table of figures per source with a totals row (issues drafted, hand-made and both), the
    targets, and each holder or side that differs."""
    rows = _rows(scores)
    overall = rows[-1][2]
    issues = Table(
        ["source", "drafted right", "hand-made found", "precision", "recall"],
        [[name, *_issue_cells(scores, score, total)] for name, score, total in rows],
        title="Issues",
    )
    quotes = Table(
        ["source", "quotes compared", "speaker right", "side right"],
        [[name, *_quote_cells(total)] for name, _, total in rows],
        title="Who holds each quote",
    )
    columns = ["source", "drafted right", "hand-made found", "precision", "recall", "quotes", "speaker", "side"]
    csv = Table(columns, [[n, *_issue_cells(scores, s, t), *_quote_cells(t)] for n, s, t in rows])
    blocks: list[Block] = [
        Heading("Drafting scored against the hand-made positions"),
        Para(
            "Each source's article drafted as `uscn sources add` would, forgetting the actors only it introduces; "
            "speaker and side compared where a drafted quote overlaps a hand-made one on the same issue.",
            "muted",
        ),
        issues,
        quotes,
        Para(
            f"{_target('Issue recall', overall.recall, TARGETS['recall'])}; "
            f"{_target('speaker accuracy', overall.speaker, TARGETS['speaker'])}."
        ),
    ]
    blocks += sentence_blocks(sentences, labelled=False)
    misses = [(s.source, m) for s in scores for m in s.misses]
    if misses:
        blocks.append(Heading("Holders or sides that differ", 2))
    for source, m in misses:
        drafted, expected = f"{m.drafted} ({m.drafted_side.value})", f"{m.expected} ({m.expected_side.value})"
        blocks.append(Para(f"{source} · {m.issue}: drafted {drafted}; hand-made {expected}", "strong"))
        blocks.append(Quote(m.quote, source))
    return Document(blocks, csv=csv)
