"""``uscn analyze --score``: sentence-level speaker figures, on the seeds' attributions or on
hand-labelled articles."""

from __future__ import annotations

from typing import Any

from usc_cli.queries.speaker_score import SentenceFigures
from usc_cli.render.document import Block, Document, Heading, Para, Table


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _total(figures: list[SentenceFigures]) -> SentenceFigures:
    total = SentenceFigures("all")
    for f in figures:
        total.add(f)
    return total


def _json(f: SentenceFigures) -> dict[str, Any]:
    return {
        "name": f.name,
        "speech_sentences": f.speech,
        "right": f.right,
        "covered": f.covered,
        "flagged_unknown": f.flagged,
        "accuracy": f.accuracy,
        "coverage": f.coverage,
        "author_sentences": f.author,
        "author_given_away": f.given_away,
        "author_flagged_unknown": f.author_flagged,
        "author_side_right": f.author_side_right,
    }


def sentences_json(figures: list[SentenceFigures]) -> dict[str, Any]:
    """Per article and in all: speech sentences right and covered, author sentences given away."""
    misses = [{"article": f.name, "sentence": s, "expected": e, "found": w} for f in figures for s, e, w in f.misses]
    return {"articles": [_json(f) for f in figures], "totals": _json(_total(figures)), "misses": misses}


def sentence_blocks(figures: list[SentenceFigures], labelled: bool) -> list[Block]:
    """A table of sentence-level figures per article with a totals row, and (for labelled articles)
    each sentence where analyze differs from the label."""
    rows = [
        [
            f.name,
            str(f.speech),
            _figure(f.accuracy),
            _figure(f.coverage),
            str(f.flagged),
            f"{f.given_away} of {f.author}" if labelled else "—",
        ]
        for f in [*figures, _total(figures)]
    ]
    blocks: list[Block] = [
        Heading("Who says each sentence", 2),
        Para(
            "Speech sentences: those labelled with someone other than the author"
            + (" (hand labels)." if labelled else " (the sources' attributions).")
            + " Accuracy: every labelled speaker named, on the right side, and no one else; coverage: a speaker "
            "named at all; unknown: flagged “speaker unknown — check”; given away: the author's own sentences "
            "credited to someone.",
            "muted",
        ),
        Table(["article", "speech", "accuracy", "coverage", "unknown", "given away"], rows),
    ]
    if labelled:
        for f in figures:
            for sentence, expected, found in f.misses:
                blocks.append(Para(f"{f.name}: expected {expected}; analyze: {found} — {sentence}", "muted"))
    return blocks


def labelled_doc(figures: list[SentenceFigures]) -> Document:
    """The sentence-level figures of hand-labelled articles."""
    blocks: list[Block] = [Heading("Speakers scored against hand labels"), *sentence_blocks(figures, True)]
    return Document(blocks)
