"""Do two sources agree? Issue by issue, from the curated agreements only (never from ``kind`` labels):
where their proposals are linked as agreeing, partly agreeing or differing, where both speak to an
issue with no recorded link, and where only one of them does; and one source against all the others.

Every item is placed once: linked proposals under the first issue both sides' linked proposals share
(links that share a proposal travel together), unlinked ones under their own first issue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from usc_cli.dataset import Dataset
from usc_cli.models import Agreement, AgreementLevel, Position, Recommendation
from usc_cli.queries.coverage import Cell, matrix

LEVEL_ORDER = (AgreementLevel.AGREE, AgreementLevel.PARTLY, AgreementLevel.DIFFER)

Addressed = Literal["both", "a", "b", "neither"]


@dataclass(frozen=True)
class Link:
    """A curated agreement that links recommendations of ``a`` with recommendations of ``b``."""

    agreement: Agreement
    a: list[Recommendation]
    b: list[Recommendation]
    issues: list[str]  # issues that a linked proposal of each side speaks to (none: they meet across issues)


@dataclass(frozen=True)
class Group:
    """Links that share a proposal, shown together so that no proposal appears twice."""

    links: list[Link]
    a: list[Recommendation]
    b: list[Recommendation]
    issues: list[str]  # the links' issues together, in dataset order; the first is where it is shown


@dataclass(frozen=True)
class Verdict:
    """Whether two sources agree on one issue: who speaks to it, and the curated links on it."""

    addressed_by: Addressed
    links: list[Link]

    @property
    def levels(self) -> list[AgreementLevel]:
        """The levels of the links on the issue, agree first."""
        return [level for level in LEVEL_ORDER if any(link.agreement.level is level for link in self.links)]


@dataclass(frozen=True)
class IssueRow:
    """One issue either source speaks to: what each says, the verdict, and the items shown under it."""

    issue: str
    a: Cell
    b: Cell
    verdict: Verdict
    groups: list[Group]
    only_a: list[Recommendation]  # a's proposals on this issue that no agreement links with b
    only_b: list[Recommendation]
    views_a: list[Position] = field(default_factory=list)  # where both speak to it and no link: a's positions
    views_b: list[Position] = field(default_factory=list)


@dataclass(frozen=True)
class SourceDiff:
    """The comparison of sources ``a`` and ``b``."""

    a: str
    b: str
    links: list[Link]  # agree, then partly, then differ
    only_a: list[Recommendation]  # in no link with b
    only_b: list[Recommendation]
    rows: list[IssueRow]  # issues either source speaks to, in dataset order
    across: list[Group]  # links whose two sides share no issue

    def at(self, level: AgreementLevel) -> list[Link]:
        """The links at one level."""
        return [link for link in self.links if link.agreement.level is level]


@dataclass(frozen=True)
class OverviewRow:
    """One issue: what source ``a`` says on it, and its verdict against each other source."""

    issue: str
    a: Cell
    verdicts: dict[str, Verdict]


@dataclass(frozen=True)
class Overview:
    """One source against every other: a verdict per issue and source, and the links across issues."""

    a: str
    others: list[str]
    rows: list[OverviewRow]
    links: dict[str, list[Link]]  # every curated link between a and each other source

    def across(self, other: str) -> list[Link]:
        """The links with ``other`` whose two sides share no issue."""
        return [link for link in self.links[other] if not link.issues]


def _links(ds: Dataset, a: str, b: str) -> list[Link]:
    by_id = {r.id: r for r in ds.recommendations}
    order = {issue: n for n, issue in enumerate(ds.issues)}
    links: list[Link] = []
    for agreement in ds.agreements.values():
        recs = [by_id[i] for i in agreement.recommendations if i in by_id]
        left = [r for r in recs if r.source == a]
        right = [r for r in recs if r.source == b]
        if left and right:
            shared = {i for r in left for i in r.issues} & {i for r in right for i in r.issues}
            links.append(Link(agreement, left, right, sorted(shared, key=lambda i: order.get(i, len(order)))))
    links.sort(key=lambda link: LEVEL_ORDER.index(link.agreement.level))
    return links


def _groups(ds: Dataset, links: list[Link]) -> list[Group]:
    """Links joined while they share a proposal."""
    clusters: list[list[Link]] = []
    for link in links:
        ids = {r.id for r in (*link.a, *link.b)}
        touching = [c for c in clusters if ids & {r.id for other in c for r in (*other.a, *other.b)}]
        merged = [x for c in touching for x in c] + [link]
        clusters = [c for c in clusters if c not in touching] + [merged]
    groups = []
    for cluster in clusters:
        ids = {r.id for link in cluster for r in (*link.a, *link.b)}
        recs = [r for r in ds.recommendations if r.id in ids]
        issues = [i for i in ds.issues if any(i in link.issues for link in cluster)]
        a = cluster[0].a[0].source
        groups.append(Group(cluster, [r for r in recs if r.source == a], [r for r in recs if r.source != a], issues))
    return groups


def _addressed(a: Cell, b: Cell) -> Addressed:
    if a.empty and b.empty:
        return "neither"
    return "a" if b.empty else "b" if a.empty else "both"


def diff_sources(ds: Dataset, a: str, b: str) -> SourceDiff:
    """Link the recommendations of ``a`` and ``b`` through the curated agreements, issue by issue."""
    return _diff(ds, a, b, matrix(ds))


def _diff(ds: Dataset, a: str, b: str, grid: dict[str, dict[str, Cell]]) -> SourceDiff:
    links = _links(ds, a, b)
    groups = _groups(ds, links)
    linked = {r.id for link in links for r in (*link.a, *link.b)}
    only_a = [r for r in ds.recommendations if r.source == a and r.id not in linked]
    only_b = [r for r in ds.recommendations if r.source == b and r.id not in linked]
    rows = []
    for issue, row in grid.items():
        if row[a].empty and row[b].empty:
            continue
        verdict = Verdict(_addressed(row[a], row[b]), [link for link in links if issue in link.issues])
        unlinked = verdict.addressed_by == "both" and not verdict.links
        views = [ds.positions_for(issue, sources=[s]) if unlinked else [] for s in (a, b)]
        rows.append(
            IssueRow(
                issue,
                row[a],
                row[b],
                verdict,
                [g for g in groups if g.issues[:1] == [issue]],
                [r for r in only_a if r.issues[0] == issue],
                [r for r in only_b if r.issues[0] == issue],
                *views,
            )
        )
    return SourceDiff(a, b, links, only_a, only_b, rows, [g for g in groups if not g.issues])


def diff_against_all(ds: Dataset, a: str) -> Overview:
    """Source ``a`` against every other source: the verdict per issue, for issues anyone speaks to."""
    grid = matrix(ds)
    others = [s for s in ds.sources if s != a]
    diffs = {other: _diff(ds, a, other, grid) for other in others}
    rows = []
    for issue, row in grid.items():
        if all(cell.empty for cell in row.values()):
            continue
        verdicts = {
            other: Verdict(
                _addressed(row[a], row[other]), [link for link in diffs[other].links if issue in link.issues]
            )
            for other in others
        }
        rows.append(OverviewRow(issue, row[a], verdicts))
    return Overview(a, others, rows, {other: d.links for other, d in diffs.items()})
