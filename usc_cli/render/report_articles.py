"""The report's quotes and the articles they come from, embedded whole.

Every use of a quote in the report is numbered as ``render.html`` draws it (``u1``, ``u2`` …, the id
of its figure) and grouped by the span it highlights. Each article is cut into segments at every quote
boundary: the highlight is cut into pieces where quotes overlap, every piece names the quotes it
belongs to (``data-q``), so any quote's highlight can be found whole, and each span starts with links
back to the quotes that use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from usc_cli.dataset import Dataset, Span
from usc_cli.render.common import author_text, citation_rows, date_text, outlet_text, title_text
from usc_cli.render.document import Quote


@dataclass(frozen=True)
class Segment:
    """A run of article text; ``marks`` lists the quotes that cover it (empty: plain text), ``anchors``
    the (id or "", use) links back to quotes that start here."""

    text: str
    marks: str
    anchors: list[tuple[str, str]]


@dataclass(frozen=True)
class ArticleView:
    """An article embedded in full, cut into segments at every quote boundary."""

    id: str
    heading: str
    byline: str
    covers: str
    segments: list[Segment]
    citation: list[tuple[str, str, str, str | None]] = field(default_factory=list)
    lang: str = "en"  # the article's language (the html lang attribute of its text)


@dataclass
class QuoteUses:
    """Every quote use in the report, numbered, grouped by the span it highlights."""

    uses: dict[str, dict[Span, list[str]]] = field(default_factory=dict)  # source -> span -> uses
    count: int = 0

    def link(self, quote: Quote) -> tuple[str, str] | None:
        """The next use of a quote: its id, and the id of the highlight at its place in its article."""
        if quote.place is None:
            return None
        self.count += 1
        use = f"u{self.count}"
        span = Span(quote.place.start, quote.place.end)
        self.uses.setdefault(quote.place.source, {}).setdefault(span, []).append(use)
        return use, span_id(quote.place.source, span)


def span_id(source: str, span: Span) -> str:
    """The HTML id of a highlighted span (source ids are slugs, so the id is safe as written)."""
    return f"q-{source}-{span.start}-{span.end}"


def article_title(ds: Dataset, source_id: str) -> str:
    """The article's title (marked when inferred), or a plain statement that it is unknown."""
    return title_text(ds, ds.sources[source_id])


def article_view(ds: Dataset, source_id: str, uses: dict[Span, list[str]]) -> ArticleView:
    """The article whole, cut at the start and end of every span that quotes use."""
    source = ds.sources[source_id]
    text = ds.seeds[source_id].text
    cuts = sorted({0, len(text), *(s.start for s in uses), *(s.end for s in uses)})
    segments: list[Segment] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [s for s in uses if s.start <= start and end <= s.end]
        anchors = [
            (span_id(source_id, s) if n == 0 else "", use)
            for s in sorted(uses, key=lambda s: -s.end)
            if s.start == start
            for n, use in enumerate(uses[s])
        ]
        marks = " ".join(span_id(source_id, s) for s in sorted(covering, key=lambda s: (s.start, s.end)))
        segments.append(Segment(text[start:end], marks, anchors))
    title = article_title(ds, source_id)
    parts = (source_id, author_text(ds, source), outlet_text(source), date_text(source.date), source.kind.value)
    byline = " · ".join(parts)
    return ArticleView(
        f"article-{source_id}", title, byline, source.covers, segments, citation_rows(ds, source), source.language
    )
