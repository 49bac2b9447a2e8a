"""Full-text search over the seed texts and the dataset: SQLite FTS5 with BM25.

The index is a table of the dataset's store (``usc_cli.store``), added by the first search: it is
used only while the store's key is the key of the files as they are, and rebuilt with it otherwise.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from usc_cli.dataset import Dataset, fold_whitespace
from usc_cli.errors import UscnError
from usc_cli.locations import DataLocation
from usc_cli.store import with_index

INDEX_VERSION = "3"  # 3: seed sentences from usc_cli.sentences
HIGHLIGHT = ("«", "»")


@dataclass(frozen=True)
class Hit:
    """One search result: what kind of record, where it lives, and a highlighted snippet."""

    kind: str  # seed-sentence, position, recommendation, issue, frame
    ref: str
    source: str
    issue: str
    side: str
    snippet: str
    score: float


class SearchQueryError(UscnError):
    """A query with nothing searchable in it."""


def _rows(ds: Dataset) -> Iterator[tuple[str, str, str, str, str, str]]:
    """(kind, ref, source, issue, side, body) for everything searchable."""
    for source_id, seed in ds.seeds.items():
        for n, sentence in enumerate(seed.sentences):
            text = fold_whitespace(seed.text[sentence.start : sentence.end])
            yield "seed-sentence", f"{source_id}#{n}", source_id, "", "", text
    for n, p in enumerate(ds.positions):
        body = " ".join([p.summary, *(e.quote for e in p.evidence)])
        for source in dict.fromkeys(e.source for e in p.evidence):
            yield "position", f"{p.issue}/{p.side.value}/{n}", source, p.issue, p.side.value, body
    for r in ds.recommendations:
        body = " ".join([r.summary, *(e.quote for e in r.evidence)])
        for issue_id in r.issues:
            yield "recommendation", r.id, r.source, issue_id, "", body
    for issue in ds.issues.values():
        yield "issue", issue.id, "", issue.id, "", f"{issue.title}. {issue.summary}"
    for frame in ds.frames.values():
        for label in frame.labels:
            for e in label.evidence:
                yield "frame", frame.id, e.source, "", label.side.value, f"{label.label}: {label.summary} {e.quote}"


def _fill(db: sqlite3.Connection, ds: Dataset) -> None:
    try:
        db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5("
            "kind UNINDEXED, ref UNINDEXED, source UNINDEXED, issue UNINDEXED, side UNINDEXED, body,"
            " tokenize = 'porter unicode61 remove_diacritics 2')"
        )
    except sqlite3.OperationalError as exc:  # an SQLite built without FTS5
        raise SearchQueryError(f"search needs SQLite's FTS5, which this Python's SQLite lacks ({exc})") from None
    db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?)", _rows(ds))


def open_index(ds: Dataset, location: DataLocation, key: str) -> sqlite3.Connection:
    """The index of ``ds``: in its store when the store holds one built from the same content, else
    built now (into a new store, or in memory when there is no usable cache)."""
    return with_index(location, key, ds, f"search-{INDEX_VERSION}", lambda db: _fill(db, ds))


def _plain(query: str) -> str:
    """The query as plain words (each quoted), keeping a trailing * as a prefix search."""
    words = re.findall(r"[\w’']+\*?", query)
    return " ".join(f'"{w.rstrip("*")}"' + ("*" if w.endswith("*") else "") for w in words)


def search(
    db: sqlite3.Connection,
    query: str,
    sources: list[str] | None = None,
    issue: str | None = None,
    side: str | None = None,
    limit: int = 20,
) -> list[Hit]:
    """Ranked hits for ``query`` (FTS5 syntax; malformed syntax falls back to plain words)."""
    sql = (
        "SELECT kind, ref, source, issue, side, snippet(docs, 5, ?, ?, '…', 16), bm25(docs) FROM docs"
        " WHERE docs MATCH ?"
    )
    params: list[object] = [*HIGHLIGHT]
    filters = ""
    if sources:
        filters += f" AND source IN ({', '.join('?' for _ in sources)})"
    if issue:
        filters += " AND issue = ?"
    if side:
        filters += " AND side = ?"
    if not _plain(query):
        raise SearchQueryError(f"nothing to search for in {query!r}: give one or more words")
    tail = [*(sources or []), *([issue] if issue else []), *([side] if side else []), limit]
    for attempt in (query, _plain(query)):
        try:
            rows = db.execute(sql + filters + " ORDER BY bm25(docs) LIMIT ?", [*params, attempt, *tail]).fetchall()
        except sqlite3.OperationalError:
            continue
        return [Hit(row[0], row[1], row[2], row[3], row[4], row[5], round(-row[6], 4)) for row in rows]
    raise SearchQueryError(f"nothing to search for in {query!r}: give one or more words")
