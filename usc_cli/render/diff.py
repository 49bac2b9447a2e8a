"""``uscn diff A B``: do two sources agree? Who they are once, a verdict per issue, then each item once."""

from __future__ import annotations

from typing import Any

from usc_cli.dataset import Dataset
from usc_cli.models import AgreementLevel, Fact, Recommendation, Side
from usc_cli.queries.coverage import Cell
from usc_cli.queries.diff import Group, IssueRow, Link, SourceDiff, Verdict
from usc_cli.render.common import (
    SIDE_MARKS,
    author_standpoint,
    outlet_text,
    position_json,
    quote_blocks,
    recommendation_json,
    text_note_blocks,
)
from usc_cli.render.coverage import MATRIX_LEGEND, cell_text
from usc_cli.render.document import Block, Document, Fields, Heading, Para, Table

_SAY = {
    AgreementLevel.AGREE: "They agree",
    AgreementLevel.PARTLY: "They partly agree",
    AgreementLevel.DIFFER: "They differ",
}
NO_LINK = "no link"
_VIEW = {Side.US: "Washington's view", Side.CHINA: "Beijing's view", Side.THIRD_PARTY: "a commentator's view"}
LEVELS_LEGEND = (
    "agree / partly / differ: a curated agreement links proposals each of them makes on the issue (the "
    "same step, the same aim by other means, or steps that pull apart); no link: both speak to the issue "
    "but no curated agreement links them on it, which does not mean they disagree: each one's positions "
    "there are shown to compare"
)


def standpoint_text(ds: Dataset, source_id: str) -> str | None:
    """Where the author stands: the source's own record, else the author's entry among the actors."""
    stands = author_standpoint(ds, ds.sources[source_id])
    if stands is None:
        return None
    return stands.value + (" (inferred)" if isinstance(stands, Fact) and stands.inferred else "")


def who_text(ds: Dataset, source_id: str) -> str:
    """Who wrote a source, once: name (or that it is unnamed), the article's description, outlet, standpoint."""
    source = ds.sources[source_id]
    who = source.author.name or "an unnamed author"
    if source.author.description:
        who += f", {source.author.description}"
    stands = standpoint_text(ds, source_id)
    return " · ".join([who, outlet_text(source), *([f"stands as {stands}"] if stands else [])])


def author_json(ds: Dataset, source_id: str) -> dict[str, Any]:
    """Who wrote a source, as JSON."""
    source = ds.sources[source_id]
    return {
        "source": source_id,
        "name": source.author.name,
        "description": source.author.description,
        "outlet": source.outlet.value if source.outlet else None,
        "standpoint": standpoint_text(ds, source_id),
    }


def cell_json(cell: Cell) -> dict[str, Any]:
    """What one source says on an issue: the sides whose views it reports, how many proposals."""
    return {"sides": [s.value for s in cell.sides], "recommendations": cell.recommendations}


def verdict_json(verdict: Verdict) -> dict[str, Any]:
    """Who speaks to the issue, and the levels and ids of the curated links on it."""
    return {
        "addressed_by": verdict.addressed_by,
        "levels": [level.value for level in verdict.levels],
        "agreements": [link.agreement.id for link in verdict.links],
    }


def verdict_text(verdict: Verdict, a: str, b: str) -> str:
    """``agree``, ``partly, differ``, ``no link``, ``only A``…: never agreement the data does not record."""
    if verdict.levels:
        return ", ".join(level.value for level in verdict.levels)
    return {"both": NO_LINK, "a": f"only {a}", "b": f"only {b}", "neither": "—"}[verdict.addressed_by]


def diff_json(ds: Dataset, d: SourceDiff, quotes: bool = True) -> dict[str, Any]:
    """The diff as JSON: the authors, a verdict per issue, agreements by level, what only one proposes."""

    def recs(items: list[Recommendation]) -> list[dict[str, Any]]:
        return [recommendation_json(ds, r, quotes) for r in items]

    return {
        "a": d.a,
        "b": d.b,
        "authors": {"a": author_json(ds, d.a), "b": author_json(ds, d.b)},
        "issues": [
            {
                "issue": row.issue,
                "title": ds.issues[row.issue].title,
                **verdict_json(row.verdict),
                "views": {
                    "a": [position_json(ds, p, quotes) for p in row.views_a],
                    "b": [position_json(ds, p, quotes) for p in row.views_b],
                },
            }
            for row in d.rows
        ],
        "agreements": [
            {
                "id": link.agreement.id,
                "level": link.agreement.level.value,
                "summary": link.agreement.summary,
                "issues": link.issues,
                "a": recs(link.a),
                "b": recs(link.b),
            }
            for link in d.links
        ],
        "only_a": recs(d.only_a),
        "only_b": recs(d.only_b),
        "coverage": [{"issue": row.issue, "a": cell_json(row.a), "b": cell_json(row.b)} for row in d.rows],
    }


def _link_para(link: Link, home: str | None) -> Para:
    say = _SAY[link.agreement.level]
    others = [i for i in link.issues if i != home]
    if not link.issues:
        say += ", on different issues"
    elif home not in link.issues:
        say += f" on {', '.join(link.issues)}"
    elif others:
        say += f" here and on {', '.join(others)}"
    return Para(f"{say}: {link.agreement.summary} [{link.agreement.id}]", "strong")


def _rec_blocks(ds: Dataset, rec: Recommendation, quotes: bool, home: str | None) -> list[Block]:
    """A proposal on one line (with the issues it speaks to besides ``home``), then its quotes if asked."""
    others = [i for i in rec.issues if i != home]
    if home not in rec.issues:
        where = f" (on {', '.join(rec.issues)})"
    else:
        where = f" (also on {', '.join(others)})" if others else ""
    blocks: list[Block] = [Fields([(rec.source, f"{rec.summary}{where} [{rec.id}]")])]
    return blocks + (quote_blocks(ds, rec.evidence, False) if quotes else [])


def _group_blocks(ds: Dataset, group: Group, quotes: bool, home: str | None) -> list[Block]:
    """Each link followed by the proposals it links that no earlier link in the group has shown."""
    blocks: list[Block] = []
    shown: set[str] = set()
    for link in group.links:
        blocks.append(_link_para(link, home))
        recs = [r for r in (*link.a, *link.b) if r.id not in shown]
        if len(recs) < len(link.a) + len(link.b):
            blocks.append(
                Para(
                    "It also links a proposal shown above." if recs else "It links the same proposals as above.",
                    "muted",
                )
            )
        for rec in recs:
            blocks += _rec_blocks(ds, rec, quotes, home)
        shown |= {r.id for r in recs}
    return blocks


def _views_blocks(ds: Dataset, d: SourceDiff, row: IssueRow, quotes: bool) -> list[Block]:
    """Where no curated agreement links the two on an issue both speak to: each one's positions on
    it, one line each with whose view it is, so there is something to compare."""
    if not (row.views_a or row.views_b):
        return []
    blocks: list[Block] = []
    for source, views in ((d.a, row.views_a), (d.b, row.views_b)):
        for position in views:
            holder = position.holder.description or ds.actors[position.holder.actor or ""].name
            holder = f"{holder} ({_VIEW[position.side]})"
            blocks.append(Fields([(source, f"{position.summary} — {holder}")]))
            blocks += quote_blocks(ds, position.evidence, False) if quotes else []
    return blocks


def _issue_blocks(ds: Dataset, d: SourceDiff, row: IssueRow, quotes: bool) -> list[Block]:
    verdict = verdict_text(row.verdict, d.a, d.b)
    blocks: list[Block] = [Heading(f"{row.issue}: {ds.issues[row.issue].title} — {verdict}", 2)]
    blocks += _views_blocks(ds, d, row, quotes)
    for group in row.groups:
        blocks += _group_blocks(ds, group, quotes, row.issue)
    unlinked = [*row.only_a, *row.only_b]
    if unlinked and row.verdict.addressed_by == "both":
        blocks.append(Para("Not linked by any curated agreement:", "strong"))
    for rec in unlinked:
        blocks += _rec_blocks(ds, rec, quotes, row.issue)
    return blocks


def _csv_cell(cell: Cell) -> list[str]:
    """Whose views a source reports on an issue (side ids) and how many proposals it makes there."""
    return [" ".join(side.value for side in cell.sides), str(cell.recommendations)]


def diff_doc(ds: Dataset, d: SourceDiff, quotes: bool = False) -> Document:
    """Who the authors are, a verdict per issue, then under each issue its agreements and proposals."""
    verdicts = [verdict_text(row.verdict, d.a, d.b) for row in d.rows]
    table = Table(
        ["issue", d.a, d.b, "do they agree?"],
        [[row.issue, cell_text(row.a), cell_text(row.b), v] for row, v in zip(d.rows, verdicts, strict=True)],
        marks=SIDE_MARKS,
    )
    csv = Table(
        ["issue", "verdict", "agreements", f"{d.a} views", f"{d.a} proposals", f"{d.b} views", f"{d.b} proposals"],
        [
            [
                row.issue,
                v,
                " ".join(link.agreement.id for link in row.verdict.links),
                *_csv_cell(row.a),
                *_csv_cell(row.b),
            ]
            for row, v in zip(d.rows, verdicts, strict=True)
        ],
    )
    blocks: list[Block] = [
        Heading(f"{d.a} vs {d.b}: do they agree?"),
        Fields([(d.a, who_text(ds, d.a)), (d.b, who_text(ds, d.b))]),
        *(text_note_blocks(ds, [d.a, d.b]) if quotes else []),
        Heading("Issue by issue", 2),
        table,
        Para(f"{LEVELS_LEGEND}. {MATRIX_LEGEND}", "muted"),
    ]
    for row in d.rows:
        if row.groups or row.only_a or row.only_b or row.views_a or row.views_b:
            blocks += _issue_blocks(ds, d, row, quotes)
    if d.across:
        blocks.append(Heading("Linked across different issues", 2))
        for group in d.across:
            blocks += _group_blocks(ds, group, quotes, None)
    return Document(blocks, csv=csv)
