"""``uscn search``: ranked hits, each with the whole sentence that matched and where the record lives."""

from __future__ import annotations

from typing import Any

from usc_cli.dataset import Dataset
from usc_cli.queries.search_hits import Hit, Record
from usc_cli.render.common import passage_attribution, said_by_passage
from usc_cli.render.document import Document, Para, Table
from usc_cli.vocab import SIDE_SHORT, Side

#: Around each matched word in every plain format (and in the terminal, with the hit style too).
OPEN_MARK, CLOSE_MARK = "«", "»"

_KIND_LABELS = {"seed-sentence": "article"}
OUR_WORDS = "uscn's summary, in our words (not a quote)"


def hit_said_by(ds: Dataset, h: Hit) -> str:
    """Whose words the hit's sentence is: the article's speaker and reporter, or our own summary's."""
    if h.article is None or h.sentence_start is None or h.sentence_end is None:
        return OUR_WORDS
    return said_by_passage(ds, h.article, h.sentence_start, h.sentence_end)


def search_json(ds: Dataset, query: str, hits: list[Hit]) -> dict[str, Any]:
    """Hits as JSON: the whole sentence, its offsets in the article, whose words it is, and each
    match's offsets."""
    return {"query": query, "hits": [_hit_json(ds, h) for h in hits]}


def _record_json(r: Record) -> dict[str, Any]:
    return {"kind": r.kind, "ref": r.ref, "sources": list(r.sources), "issues": list(r.issues), "side": r.side or None}


def _hit_json(ds: Dataset, h: Hit) -> dict[str, Any]:
    r = h.record
    return {
        "kind": r.kind,
        "ref": r.ref,
        "source": r.sources[0] if r.sources else None,  # the first of sources, as in version 2
        "sources": list(r.sources),
        "issue": r.issues[0] if r.issues else None,  # the first of issues, as in version 2
        "issues": list(r.issues),
        "side": r.side or None,
        "score": h.score,
        "snippet": h.marked(OPEN_MARK, CLOSE_MARK),
        "sentence": {
            "text": h.sentence,
            "article": h.article,
            "start": h.sentence_start,
            "end": h.sentence_end,
            "said_by": hit_said_by(ds, h),
        },
        "matches": [
            {
                "text": m.text,
                "start": m.start,
                "end": m.end,
                "article_start": m.article_start,
                "article_end": m.article_end,
            }
            for m in h.matches
        ],
        "matched_issues": list(h.matched_issues),
        "matched_in": h.matched_in,
        "also": [_record_json(other) for other in h.also],
    }


def _where(h: Hit) -> str:
    """What the records the sentence backs are, whose side, which issues, which articles: one name
    a line, each once."""
    records = h.records
    issues = [i for r in records for i in r.issues]
    issues = [f"{OPEN_MARK}{i}{CLOSE_MARK}" if i in h.matched_issues and not h.matches else i for i in issues]
    kinds = [_KIND_LABELS.get(r.kind, r.kind) for r in records]
    kinds = [f"{k} ×{kinds.count(k)}" if kinds.count(k) > 1 else k for k in kinds]
    sides = [SIDE_SHORT[Side(r.side)] for r in records if r.side]
    return "\n".join(dict.fromkeys([*kinds, *sides, *issues, *(s for r in records for s in r.sources)]))


def _whose(ds: Dataset, h: Hit) -> str:
    """The line under a hit's sentence: whose words it is, and where the query matched when not in it."""
    if h.article is None or h.sentence_start is None or h.sentence_end is None:
        whose = f"— {OUR_WORDS}"
    else:
        whose = f"— {passage_attribution(ds, h.article, h.sentence_start, h.sentence_end)}"
    if h.matched_in == "issue":
        return f"{whose}; matched only the issue it is about (in «»), not these words"
    return whose


def search_doc(ds: Dataset, query: str, hits: list[Hit]) -> Document:
    """Hits as a table, best first: what and where each is, and its sentence with the matches marked
    and whose words it is."""
    rows = [[str(n), _where(h), f"{h.marked(OPEN_MARK, CLOSE_MARK)}\n{_whose(ds, h)}"] for n, h in enumerate(hits, 1)]
    flat = [
        [
            str(n),
            h.record.kind,
            " ".join(h.record.sources),
            " ".join(h.record.issues),
            h.record.side,
            h.marked(OPEN_MARK, CLOSE_MARK),
            h.article or "",
            "" if h.sentence_start is None else str(h.sentence_start),
            hit_said_by(ds, h),
        ]
        for n, h in enumerate(hits, 1)
    ]
    csv = Table(["rank", "kind", "sources", "issues", "side", "sentence", "article", "offset", "said_by"], flat)
    if not rows:
        return Document([Para(f"No match for {query!r}.", "gap")], csv=csv)
    table = Table(["#", "what, where", "sentence (matches in «»)"], rows, marked=True)
    legend = Para(
        "Hits whose sentence holds the words come first. what, where: the records the sentence backs "
        "(kind, side, issues, articles); an issue in «» matched by its title or tags.",
        "muted",
    )
    return Document([table, legend], csv=csv)
