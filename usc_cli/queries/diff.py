"""How two sources differ: where their recommendations agree, partly agree or differ (from the curated
agreements, not from ``kind`` labels), what only one proposes, and who speaks to which issue."""

from __future__ import annotations

from dataclasses import dataclass

from usc_cli.dataset import Dataset
from usc_cli.models import Agreement, AgreementLevel, Recommendation
from usc_cli.queries.coverage import Cell, matrix

LEVEL_ORDER = (AgreementLevel.AGREE, AgreementLevel.PARTLY, AgreementLevel.DIFFER)


@dataclass(frozen=True)
class Link:
    """A curated agreement that links recommendations of ``a`` with recommendations of ``b``."""

    agreement: Agreement
    a: list[Recommendation]
    b: list[Recommendation]


@dataclass(frozen=True)
class SourceDiff:
    """The comparison of sources ``a`` and ``b``."""

    a: str
    b: str
    links: list[Link]  # agree, then partly, then differ
    only_a: list[Recommendation]  # in no link with b
    only_b: list[Recommendation]
    coverage: list[tuple[str, Cell, Cell]]  # issues either source speaks to

    def at(self, level: AgreementLevel) -> list[Link]:
        """The links at one level."""
        return [link for link in self.links if link.agreement.level is level]


def diff_sources(ds: Dataset, a: str, b: str) -> SourceDiff:
    """Link the recommendations of ``a`` and ``b`` through the curated agreements."""
    by_id = {r.id: r for r in ds.recommendations}
    links: list[Link] = []
    for agreement in ds.agreements.values():
        recs = [by_id[i] for i in agreement.recommendations if i in by_id]
        left = [r for r in recs if r.source == a]
        right = [r for r in recs if r.source == b]
        if left and right:
            links.append(Link(agreement, left, right))
    links.sort(key=lambda link: LEVEL_ORDER.index(link.agreement.level))
    linked = {r.id for link in links for r in (*link.a, *link.b)}
    only_a = [r for r in ds.recommendations if r.source == a and r.id not in linked]
    only_b = [r for r in ds.recommendations if r.source == b and r.id not in linked]
    grid = matrix(ds)
    coverage = [(i, row[a], row[b]) for i, row in grid.items() if not (row[a].empty and row[b].empty)]
    return SourceDiff(a, b, links, only_a, only_b, coverage)
