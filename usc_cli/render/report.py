"""``uscn report``: one self-contained HTML page whose sections are the views' own Documents.

Each issue is what ``uscn compare ISSUE`` shows (with each recommendation's quotes, since the page has
no ``uscn recommend`` to point to) and each event that both governments' own texts tell is what ``uscn
events show EVENT`` shows: the same Document builders, drawn by ``render.html``, so the page cannot
drift from the terminal. Every quote is numbered as it is drawn and linked to its place in its article,
embedded in full (``report_articles``).

Three parts have no Document equivalent and keep small records of their own, laid out by the Jinja2
templates under ``usc_cli/templates/`` (autoescaping on): the coverage grid, whose cells link to this
page's issues and articles (``uscn matrix`` has only letters); the timeline, whose entries link to the
issue sections (its quotes are Quote blocks, drawn by ``render.html``); and the articles, cut at every
quote boundary with links back to the quotes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from usc_cli.dataset import Dataset
from usc_cli.models import Event, Evidence, Side
from usc_cli.queries.compare import compare_issue
from usc_cli.queries.coverage import Cell
from usc_cli.queries.events import event_accounts
from usc_cli.render.common import quote_blocks
from usc_cli.render.compare import comparison_doc
from usc_cli.render.document import quoted, visible
from usc_cli.render.events import event_accounts_doc
from usc_cli.render.html import blocks_html, page
from usc_cli.render.report_articles import QuoteUses, article_title, article_view
from usc_cli.vocab import SIDE_CODES, SIDE_NAMES

TEMPLATES = Path(__file__).parent.parent / "templates"


@dataclass(frozen=True)
class Section:
    """A part of the page drawn from a view's Document: its id on the page, its title and its HTML."""

    id: str
    title: str
    html: Markup


@dataclass(frozen=True)
class ColumnView:
    """A source as a column of the coverage grid; ``href`` links to its embedded article ("" if not embedded)."""

    id: str
    title: str
    href: str


@dataclass(frozen=True)
class CellView:
    """One source on one issue: the sides it reports a view of, as (side, label, name), and its recommendations."""

    sides: list[tuple[str, str, str]]
    recommendations: int


@dataclass(frozen=True)
class RowView:
    """One issue as a row of the coverage grid, a cell per source."""

    id: str
    title: str
    cells: list[CellView]


@dataclass(frozen=True)
class EventView:
    """A timeline entry: the date with the precision the text supports, what that date rests on, the
    issues (href "" when the issue is not in the report) and the quotes that mention the event."""

    date: str
    precision: str
    inferred: bool
    evidence: str  # the quote that states the date, or the basis of its inference
    title: str
    issues: list[tuple[str, str]]
    mentions: Markup


def report_html(ds: Dataset, issue_ids: list[str], grid: dict[str, dict[str, Cell]], events: list[Event]) -> str:
    """The report for these issues (in this order) as one HTML document, with their rows of the
    coverage ``grid``, the ``events`` of the timeline, and each government's account of those events
    that both governments' own texts tell."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    quotes = QuoteUses()  # numbered in page order: issues, accounts, timeline
    issues = [_issue_section(ds, issue_id, quotes) for issue_id in issue_ids]
    told = [event_accounts(ds, e.id) for e in events]
    accounts = [
        Section(
            f"event-{found.event.id}",
            found.event.title,
            blocks_html(event_accounts_doc(ds, found).blocks, 2, quotes.link),
        )
        for found in told
        if found.both_sides
    ]
    timeline = [_event_view(ds, event, set(issue_ids), quotes) for event in events]
    articles = [
        article_view(ds, source_id, quotes.uses[source_id]) for source_id in ds.sources if source_id in quotes.uses
    ]
    columns = [ColumnView(s, article_title(ds, s), f"#article-{s}" if s in quotes.uses else "") for s in ds.sources]
    rows = [RowView(i, ds.issues[i].title, [_cell_view(grid[i][c.id]) for c in columns]) for i in issue_ids]
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # every value is escaped; only render.html's output, escaped as it is built, is markup
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["visible"] = visible  # bidi and control characters shown as escapes, as on a terminal
    body = env.get_template("report.html").render(
        issues=issues,
        columns=columns,
        rows=rows,
        timeline=timeline,
        accounts=accounts,
        articles=articles,
        legend=[(side.value, SIDE_CODES[side], SIDE_NAMES[side]) for side in Side],
    )
    # the template escaped every value as it rendered: its output is markup, whole
    return page("how Washington and Beijing frame each issue", Markup(body), env.get_template("report.css").render())


def _issue_section(ds: Dataset, issue_id: str, quotes: QuoteUses) -> Section:
    """The issue as ``uscn compare`` shows it, its title a second-level heading of the page."""
    doc = comparison_doc(ds, compare_issue(ds, issue_id), quotes=True, context=False, recommendation_quotes=True)
    return Section(f"issue-{issue_id}", ds.issues[issue_id].title, blocks_html(doc.blocks, 1, quotes.link))


def _cell_view(cell: Cell) -> CellView:
    sides = [(side.value, SIDE_CODES[side], SIDE_NAMES[side]) for side in cell.sides]
    return CellView(sides, cell.recommendations)


def _event_view(ds: Dataset, event: Event, shown: set[str], quotes: QuoteUses) -> EventView:
    date = event.date
    evidence = (date.basis if date.inferred else quoted(date.quote or "")) or ""
    issues = [(f"#issue-{i}" if i in shown else "", ds.issues[i].title) for i in event.issues]
    mentions = [Evidence(source=m.source, quote=m.quote, translation=m.translation) for m in event.mentions]
    html = blocks_html(quote_blocks(ds, mentions, context=False), 2, quotes.link)
    return EventView(date.value, date.precision, date.inferred, evidence, event.title, issues, html)
