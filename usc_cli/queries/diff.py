"""How two sources differ: shared recommendations, those only one makes, and per-issue coverage."""

from __future__ import annotations

from dataclasses import dataclass

from usc_cli.dataset import Dataset
from usc_cli.models import Recommendation
from usc_cli.queries.coverage import Cell, matrix


@dataclass(frozen=True)
class SourceDiff:
    """The comparison of sources ``a`` and ``b``."""

    a: str
    b: str
    shared: list[tuple[Recommendation, Recommendation]]  # same kind of step on a common issue
    only_a: list[Recommendation]
    only_b: list[Recommendation]
    diverging: list[tuple[str, list[Recommendation], list[Recommendation]]]  # issue, different steps
    coverage: list[tuple[str, Cell, Cell]]  # issues either source speaks to


def _same_step(x: Recommendation, y: Recommendation) -> bool:
    return x.kind == y.kind and bool(set(x.issues) & set(y.issues))


def diff_sources(ds: Dataset, a: str, b: str) -> SourceDiff:
    """Pair recommendations of ``a`` and ``b`` by kind of step and issue; find where they diverge."""
    recs_a = [r for r in ds.recommendations if r.source == a]
    recs_b = [r for r in ds.recommendations if r.source == b]
    shared = [(x, y) for x in recs_a for y in recs_b if _same_step(x, y)]
    paired_a = {x.id for x, _ in shared}
    paired_b = {y.id for _, y in shared}
    only_a = [x for x in recs_a if x.id not in paired_a]
    only_b = [y for y in recs_b if y.id not in paired_b]
    diverging = []
    for issue in ds.issues:
        left = [x for x in only_a if issue in x.issues]
        right = [y for y in only_b if issue in y.issues]
        if left and right:
            diverging.append((issue, left, right))
    grid = matrix(ds)
    coverage = [(i, row[a], row[b]) for i, row in grid.items() if not (row[a].empty and row[b].empty)]
    return SourceDiff(a, b, shared, only_a, only_b, diverging, coverage)
