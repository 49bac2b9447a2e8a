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
from usc_cli.queries.coverage import Cell, Coverage, coverage

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
class Tally:
    """Source ``a`` against one other source, counted over the issues: how many both speak to, how
    many of those no curated agreement links them on, how many only one speaks to, and the links."""

    other: str
    both: int
    no_link: int
    only_a: int
    only_other: int
    links: list[Link]

    def at(self, level: AgreementLevel) -> int:
        """How many links at one level."""
        return sum(1 for link in self.links if link.agreement.level is level)


@dataclass(frozen=True)
class Overview:
    """One source against every other: the coverage it is read from, and every curated link.

    Held sparsely (at 1,000 sources × 1,000 issues the full grid is a million verdicts): ``rows``
    builds the grid for the views that show it, ``tallies`` counts it per source without building it.
    """

    a: str
    others: list[str]
    issues: list[str]  # the issues anyone speaks to, in dataset order
    coverage: Coverage
    links: dict[str, list[Link]]  # every curated link between a and each other source

    def across(self, other: str) -> list[Link]:
        """The links with ``other`` whose two sides share no issue."""
        return [link for link in self.links[other] if not link.issues]

    def verdict(self, issue: str, other: str) -> Verdict:
        """Whether ``a`` and ``other`` agree on one issue."""
        cells = self.coverage.cell(issue, self.a), self.coverage.cell(issue, other)
        return Verdict(_addressed(*cells), [link for link in self.links[other] if issue in link.issues])

    @property
    def rows(self) -> list[OverviewRow]:
        """The grid: per issue, the verdict against each other source."""
        return [
            OverviewRow(issue, self.coverage.cell(issue, self.a), {o: self.verdict(issue, o) for o in self.others})
            for issue in self.issues
        ]

    def tallies(self) -> list[Tally]:
        """One tally per other source, closest first: most curated links, then most issues in common,
        then dataset order."""
        speaks: dict[str, set[str]] = {}
        for issue, source in self.coverage.said:
            speaks.setdefault(source, set()).add(issue)
        mine = speaks.get(self.a, set())
        tallies = []
        for other in self.others:
            theirs = speaks.get(other, set())
            both = mine & theirs
            linked = {issue for link in self.links[other] for issue in link.issues}
            tallies.append(
                Tally(other, len(both), len(both - linked), len(mine - theirs), len(theirs - mine), self.links[other])
            )
        order = {other: n for n, other in enumerate(self.others)}
        return sorted(tallies, key=lambda t: (-len(t.links), -t.both, order[t.other]))


def _links(ds: Dataset, a: str, others: set[str] | None = None) -> dict[str, list[Link]]:
    """The curated links between ``a`` and each other source (or each of ``others``), in one pass
    over the agreements."""
    by_id = {r.id: r for r in ds.recommendations}
    order = {issue: n for n, issue in enumerate(ds.issues)}
    links: dict[str, list[Link]] = {}
    for agreement in ds.agreements.values():
        recs = [by_id[i] for i in agreement.recommendations if i in by_id]
        left = [r for r in recs if r.source == a]
        if not left:
            continue
        theirs: dict[str, list[Recommendation]] = {}
        for r in recs:
            if r.source != a and (others is None or r.source in others):
                theirs.setdefault(r.source, []).append(r)
        for b, right in theirs.items():
            shared = {i for r in left for i in r.issues} & {i for r in right for i in r.issues}
            links.setdefault(b, []).append(
                Link(agreement, left, right, sorted(shared, key=lambda i: order.get(i, len(order))))
            )
    for found in links.values():
        found.sort(key=lambda link: LEVEL_ORDER.index(link.agreement.level))
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
    links = _links(ds, a, {b}).get(b, [])
    groups = _groups(ds, links)
    linked = {r.id for link in links for r in (*link.a, *link.b)}
    only_a = [r for r in ds.recommendations if r.source == a and r.id not in linked]
    only_b = [r for r in ds.recommendations if r.source == b and r.id not in linked]
    cov = coverage(ds, [a, b])
    rows = []
    for issue in cov.issues:
        cell_a, cell_b = cov.cell(issue, a), cov.cell(issue, b)
        if cell_a.empty and cell_b.empty:
            continue
        verdict = Verdict(_addressed(cell_a, cell_b), [link for link in links if issue in link.issues])
        unlinked = verdict.addressed_by == "both" and not verdict.links
        views = [ds.positions_for(issue, sources=[s]) if unlinked else [] for s in (a, b)]
        rows.append(
            IssueRow(
                issue,
                cell_a,
                cell_b,
                verdict,
                [g for g in groups if g.issues[:1] == [issue]],
                [r for r in only_a if r.issues[0] == issue],
                [r for r in only_b if r.issues[0] == issue],
                *views,
            )
        )
    return SourceDiff(a, b, links, only_a, only_b, rows, [g for g in groups if not g.issues])


def diff_against_all(ds: Dataset, a: str) -> Overview:
    """Source ``a`` against every other source of its class, for the issues anyone speaks to: an
    article against the other articles, a government's own text against the other governments' texts
    (``compare`` sets the two classes side by side)."""
    official = ds.sources[a].government is not None
    chosen = [s for s, src in ds.sources.items() if s == a or (src.government is not None) == official]
    cov = coverage(ds, chosen)
    spoken = {issue for issue, _ in cov.said}
    others = [s for s in cov.sources if s != a]
    links = _links(ds, a)
    return Overview(a, others, [i for i in cov.issues if i in spoken], cov, {o: links.get(o, []) for o in others})
