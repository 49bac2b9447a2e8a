"""``uscn report``: one self-contained HTML page, drawn by Jinja2 templates with autoescaping on.

This module turns the dataset into plain view records (strings and ids only); the templates under
``usc_cli/templates/`` lay them out: the issue × source coverage grid (which also indexes the issues),
each issue, the timeline, and the articles (``report_articles``), where every quote's span is highlighted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from usc_cli.dataset import Dataset
from usc_cli.models import Event, Evidence, Position, Side
from usc_cli.queries.coverage import Cell
from usc_cli.queries.events import EventAccounts, event_accounts, own_first, voice
from usc_cli.render.common import SIDE_NAMES, date_text, holder_text, proposer_text, reporters
from usc_cli.render.document import quoted, visible
from usc_cli.render.palette import SIDE_COLOURS
from usc_cli.render.report_articles import QuoteUses, QuoteView, article_title, article_view

TEMPLATES = Path(__file__).parent.parent / "templates"


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
    level: int = 3  # its heading's level: 4 inside an event's accounts


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


#: The grid's cell labels, short enough for a phone; each label's title and the legend spell them out.
#: The same letters as ``uscn matrix``.
SIDE_ABBREVIATIONS = {Side.US: "US", Side.CHINA: "CN", Side.THIRD_PARTY: "3P"}


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
    mentions: list[QuoteView]


@dataclass(frozen=True)
class AccountsView:
    """One event as each government told it: Washington's and Beijing's accounts side by side."""

    id: str
    title: str
    date: str
    sides: list[SideView]
    only: list[str]  # "Only Washington raised: …" lines


def report_html(ds: Dataset, issue_ids: list[str], grid: dict[str, dict[str, Cell]], events: list[Event]) -> str:
    """The report for these issues (in this order) as one HTML document, with their rows of the
    coverage ``grid``, the ``events`` of the timeline, and each government's account of those events
    that both governments' own texts tell."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    quotes = QuoteUses()
    issues = [_issue_view(ds, issue_id, quotes) for issue_id in issue_ids]
    told = [event_accounts(ds, e.id) for e in events]
    accounts = [_accounts_view(ds, found, quotes) for found in told if found.both_sides]
    timeline = [_event_view(ds, event, set(issue_ids), quotes) for event in events]
    articles = [
        article_view(ds, source_id, quotes.uses[source_id]) for source_id in ds.sources if source_id in quotes.uses
    ]
    columns = [ColumnView(s, article_title(ds, s), f"#article-{s}" if s in quotes.uses else "") for s in ds.sources]
    rows = [RowView(i, ds.issues[i].title, [_cell_view(grid[i][c.id]) for c in columns]) for i in issue_ids]
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # every value is escaped; the templates never mark data safe
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["visible"] = visible  # bidi and control characters shown as escapes, as on a terminal
    return env.get_template("report.html").render(
        issues=issues,
        columns=columns,
        rows=rows,
        timeline=timeline,
        accounts=accounts,
        articles=articles,
        legend=[(side.value, SIDE_ABBREVIATIONS[side], SIDE_NAMES[side]) for side in Side],
        side_colours=_css_colours(),
    )


def _css_colours() -> dict[str, str]:
    """The palette's side colours by side, checked to be plain hex so the style sheet can take them as written."""
    colours = {side.value: colour for side, colour in SIDE_COLOURS.items()}
    bad = [c for c in colours.values() if not re.fullmatch(r"#[0-9a-fA-F]{6}", c)]
    assert not bad, f"side colours must be #rrggbb: {bad}"
    return colours


def _cell_view(cell: Cell) -> CellView:
    sides = [(side.value, SIDE_ABBREVIATIONS[side], SIDE_NAMES[side]) for side in cell.sides]
    return CellView(sides, cell.recommendations)


def _event_view(ds: Dataset, event: Event, shown: set[str], quotes: QuoteUses) -> EventView:
    date = event.date
    evidence = (date.basis if date.inferred else quoted(date.quote or "")) or ""
    issues = [(f"#issue-{i}" if i in shown else "", ds.issues[i].title) for i in event.issues]
    mentions = [quotes.view(ds, Evidence(source=m.source, quote=m.quote)) for m in event.mentions]
    return EventView(date.value, date.precision, date.inferred, evidence, event.title, issues, mentions)


def _item(ds: Dataset, position: Position, quotes: QuoteUses, summary: str | None = None) -> ItemView:
    own = "In the government's own words · " if voice(ds, position) == "own" else ""
    return ItemView(
        summary or position.summary,
        f"{own}Held by {holder_text(ds, position.holder)} · reported by {', '.join(reporters(position))}",
        [quotes.view(ds, e) for e in position.evidence],
    )


def _items_for_side(ds: Dataset, issue_id: str, side: Side, quotes: QuoteUses) -> list[ItemView]:
    return [_item(ds, p, quotes) for p in own_first(ds, ds.positions_for(issue_id, side))]


def _accounts_view(ds: Dataset, found: EventAccounts, quotes: QuoteUses) -> AccountsView:
    sides = []
    for side in (Side.US, Side.CHINA):
        items = [
            _item(ds, p, quotes, f"{ds.issues[p.issue].title}: {p.summary}")
            for account in found.accounts
            if account.side is side
            for p in account.positions
        ]
        gap = None if items else "No issue raised."
        sides.append(SideView(side.value, f"{SIDE_NAMES[side]}'s account", items, gap, level=4))
    only = [
        f"Only {SIDE_NAMES[side]} raised: {', '.join(ds.issues[i].title for i in issues)}"
        for side, issues in found.only.items()
        if issues
    ]
    event = found.event
    return AccountsView(event.id, event.title, date_text(event.date), sides, only)


def _issue_view(ds: Dataset, issue_id: str, quotes: QuoteUses) -> IssueView:
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
