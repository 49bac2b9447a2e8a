"""``uscn report``: one self-contained HTML page, drawn by Jinja2 templates with autoescaping on.

This module turns the dataset into plain view records (strings and ids only); the templates under
``usc_cli/templates/`` lay them out. Every quote links to its article, embedded in the same page,
where each located span is highlighted; the highlight is cut into pieces where quotes overlap, and
every piece names the quotes it belongs to (``data-q``), so any quote's highlight can be found whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from usc_cli.dataset import Dataset, Span
from usc_cli.models import Evidence, Side
from usc_cli.render.common import (
    SIDE_NAMES,
    author_text,
    date_text,
    holder_text,
    outlet_text,
    proposer_text,
    reporters,
    said_by,
)
from usc_cli.render.document import quoted, visible

TEMPLATES = Path(__file__).parent.parent / "templates"


@dataclass(frozen=True)
class QuoteView:
    """One use of a quote: its anchor here (``use``), the highlight it links to (``target``), whose words."""

    use: str
    target: str
    text: str
    said_by: str


@dataclass(frozen=True)
class ItemView:
    """A position or recommendation: our summary, who holds or proposes it, its quotes."""

    summary: str
    meta: str
    quotes: list[QuoteView]


@dataclass(frozen=True)
class SideView:
    """One side's positions on an issue, or the explicit gap when there are none."""

    side: str
    name: str
    items: list[ItemView]
    gap: str | None


@dataclass(frozen=True)
class IssueView:
    """Everything the report shows about one issue."""

    id: str
    title: str
    summary: str
    sides: list[SideView]  # Washington and Beijing, side by side
    commentators: SideView
    frames: list[tuple[str, list[tuple[str, str]]]]  # (title, [(side name, label)])
    recommendations: list[ItemView]


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


@dataclass
class _Quotes:
    """Every quote use in the report, numbered, grouped by the span it highlights."""

    uses: dict[str, dict[Span, list[str]]] = field(default_factory=dict)  # source -> span -> uses
    count: int = 0

    def view(self, ds: Dataset, evidence: Evidence) -> QuoteView:
        self.count += 1
        use = f"u{self.count}"
        span = ds.locate(evidence)[0]
        self.uses.setdefault(evidence.source, {}).setdefault(span, []).append(use)
        return QuoteView(use, span_id(evidence.source, span), quoted(evidence.quote), said_by(ds, evidence))


def span_id(source: str, span: Span) -> str:
    """The HTML id of a highlighted span (source ids are slugs, so the id is safe as written)."""
    return f"q-{source}-{span.start}-{span.end}"


def report_html(ds: Dataset, issue_ids: list[str]) -> str:
    """The report for these issues (in this order) as one HTML document."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    quotes = _Quotes()
    issues = [_issue_view(ds, issue_id, quotes) for issue_id in issue_ids]
    articles = [
        _article_view(ds, source_id, quotes.uses[source_id]) for source_id in ds.sources if source_id in quotes.uses
    ]
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # every value is escaped; the templates never mark data safe
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["visible"] = visible  # bidi and control characters shown as escapes, as on a terminal
    sides = {side.value: name for side, name in SIDE_NAMES.items()}
    return env.get_template("report.html").render(issues=issues, articles=articles, side_names=sides)


def _items_for_side(ds: Dataset, issue_id: str, side: Side, quotes: _Quotes) -> list[ItemView]:
    return [
        ItemView(
            p.summary,
            f"Held by {holder_text(ds, p.holder)} · reported by {', '.join(reporters(p))}",
            [quotes.view(ds, e) for e in p.evidence],
        )
        for p in ds.positions_for(issue_id, side)
    ]


def _issue_view(ds: Dataset, issue_id: str, quotes: _Quotes) -> IssueView:
    issue = ds.issues[issue_id]
    gaps = {gap.side: gap.note for gap in issue.gaps}

    def side_view(side: Side) -> SideView:
        items = _items_for_side(ds, issue_id, side, quotes)
        return SideView(side.value, SIDE_NAMES[side], items, None if items else gaps.get(side, "No position recorded."))

    sides = [side_view(Side.US), side_view(Side.CHINA), side_view(Side.THIRD_PARTY)]  # quotes numbered in page order
    frames = [
        (ds.frames[f].title, [(SIDE_NAMES[label.side], label.label) for label in ds.frames[f].labels])
        for f in issue.frames
    ]
    recs = [
        ItemView(
            r.summary,
            f"{proposer_text(ds, r)} → {r.to.value} · {r.kind.value} · in {r.source}",
            [quotes.view(ds, e) for e in r.evidence],
        )
        for r in ds.recommendations_for(issue_id)
    ]
    return IssueView(issue.id, issue.title, issue.summary, sides[:2], sides[2], frames, recs)


def _article_view(ds: Dataset, source_id: str, uses: dict[Span, list[str]]) -> ArticleView:
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
    title = source.title.value if source.title else f"Untitled article ({source_id})"
    byline = (
        f"{source_id} · {author_text(source)} · {outlet_text(source)} · {date_text(source.date)} · {source.kind.value}"
    )
    return ArticleView(f"article-{source_id}", title, byline, source.covers, segments)
