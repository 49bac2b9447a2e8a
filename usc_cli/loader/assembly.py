"""Joining the parsed files into one dataset: each id once, the user's items laid over the shipped ones."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from usc_cli.dataset import LoadedDataset
from usc_cli.loader.parsing import Tops
from usc_cli.loader.problems import Collector
from usc_cli.models import Issue, SourceFile
from usc_cli.yamlfile import Loc

# Each top-level file: (list key in the file, kind of item, the dataset's table of that kind)
TABLES: dict[str, tuple[str, str, str]] = {
    "issues.yaml": ("issues", "issue", "issues"),
    "actors.yaml": ("actors", "actor", "actors"),
    "frames.yaml": ("frames", "frame", "frames"),
    "events.yaml": ("events", "event", "events"),
    "agreements.yaml": ("agreements", "agreement", "agreements"),
}

# The items of each top-level list as read: (file, index in the file, item), the shipped files' first.
Placed = dict[str, list[tuple[str, int, Any]]]


def assemble(col: Collector, tops: Tops, source_files: dict[str, SourceFile]) -> tuple[LoadedDataset, Placed]:
    """One dataset of every item read, a problem for each duplicate id; and where each top-level item was."""
    dataset = LoadedDataset({}, {}, {}, {}, {}, [], [])
    placed: Placed = {}
    for name, (key, kind, table) in TABLES.items():
        target: dict[str, Any] = getattr(dataset, table)
        seen: dict[str, tuple[str, Loc]] = {}
        placed[key] = []
        for file, content in tops[name]:
            for index, item in enumerate(getattr(content, key)):
                if _copy_of_shipped(col, file, target.get(item.id), item):
                    continue
                if _register(col, kind, seen, item.id, file, (key, index, "id")):
                    target[item.id] = item
                    placed[key].append((file, index, item))
    _add_sources(col, dataset, source_files)
    _fill_gaps(col, dataset, placed, source_files)
    return dataset, placed


def _add_sources(col: Collector, dataset: LoadedDataset, source_files: dict[str, SourceFile]) -> None:
    """Each source with its positions, attributions and recommendations, a problem for each duplicate id."""
    seen_sources: dict[str, tuple[str, Loc]] = {}
    seen_recs: dict[str, tuple[str, Loc]] = {}
    by_id: dict[str, SourceFile] = {}
    for file, content in source_files.items():
        src = content.source
        if _copy_of_shipped(col, file, by_id.get(src.id), content):
            continue
        if Path(file).stem != src.id:
            col.add(file, ("source", "id"), f"source id {src.id!r} must match the file name {Path(file).name!r}")
        if _register(col, "source", seen_sources, src.id, file, ("source", "id")):
            dataset.sources[src.id] = src
            by_id[src.id] = content
        dataset.positions.extend(content.positions)
        dataset.attributions.setdefault(src.id, []).extend(content.attributions)
        for index, rec in enumerate(content.recommendations):
            if _register(col, "recommendation", seen_recs, rec.id, file, ("recommendations", index, "id")):
                dataset.recommendations.append(rec)


def _register(col: Collector, kind: str, seen: dict[str, tuple[str, Loc]], ident: str, file: str, loc: Loc) -> bool:
    if ident not in seen:
        seen[ident] = (file, loc)
        return True
    first, first_loc = seen[ident]
    if file in col.user_files and first not in col.user_files:
        shipped = col.line(first, first_loc).replace(first, col.full(first), 1)
        col.add(
            file,
            loc,
            f"{kind} id {ident!r} is also in the shipped dataset ({shipped}): remove yours to read the "
            "shipped one, or give yours another id",
        )
    else:
        col.add(file, loc, f"duplicate {kind} id {ident!r} (also at {col.line(first, first_loc)})")
    return False


def _copy_of_shipped(col: Collector, file: str, found: object, item: object) -> bool:
    """True when the user's ``item`` is identical to the shipped ``found`` of the same id (read once)."""
    return file in col.user_files and found is not None and found == item


def _fill_gaps(col: Collector, ds: LoadedDataset, placed: Placed, source_files: dict[str, SourceFile]) -> None:
    """A shipped gap ("no seed gives this side's view") is filled once one of the user's sources gives it."""
    given = {(p.issue, p.side) for file in col.user_files & source_files.keys() for p in source_files[file].positions}
    for n, (file, index, issue) in enumerate(placed["issues"]):
        kept = [gap for gap in issue.gaps if (issue.id, gap.side) not in given]
        if file not in col.user_files and len(kept) < len(issue.gaps):
            filled: Issue = replace(issue, gaps=kept)
            ds.issues[issue.id] = filled
            placed["issues"][n] = (file, index, filled)
