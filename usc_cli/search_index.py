"""The search index, kept in the dataset's store: an SQLite FTS5 table ranked with BM25.

The only search code that speaks SQL. ``usc_cli.queries.search`` decides what a record's searchable
text is and what a hit is; this module stores its rows and answers its matches, so the query stays
pure (import-linter's ``forbidden`` contract keeps queries off sqlite3 and the store).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence

from usc_cli import sqlite_file
from usc_cli.dataset import Dataset
from usc_cli.errors import SearchQueryError
from usc_cli.locations import DataLocation
from usc_cli.store import with_index

# kind, ref, sources, issues, side, layout, about_layout, body, about: the columns below, in order
IndexRow = tuple[str, str, tuple[str, ...], tuple[str, ...], str, str, str, str, str]
ResultRow = tuple[str, str, str, str, str, str, str, str, str, float]  # ids space-separated; the rank last

_TABLE = (
    "CREATE VIRTUAL TABLE docs USING fts5("
    "kind UNINDEXED, ref UNINDEXED, sources UNINDEXED, issues UNINDEXED, side UNINDEXED,"
    " layout UNINDEXED, about_layout UNINDEXED, body, about,"
    # U+E002 parts adjacent Chinese characters (usc_cli.queries.search.APART): each is a token of its own
    " tokenize = 'porter unicode61 remove_diacritics 2 separators "
    "''\ue002''')"
)


class SearchIndex:
    """An open index: ``match`` runs one FTS5 query with the filters."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def match(
        self,
        query: str,
        marks: tuple[str, str],
        sources: Sequence[str] = (),
        issue: str | None = None,
        side: str | None = None,
        limit: int = 20,
    ) -> list[ResultRow] | None:
        """The best ``limit`` rows for an FTS5 ``query``, matched words between ``marks``, or None when
        FTS5 cannot read the query. A source or issue matches a whole id of the row's space-separated
        list (``tiny`` is not ``tiny-two``)."""
        sql = (
            "SELECT kind, ref, sources, issues, side, layout, about_layout, highlight(docs, 7, ?, ?),"
            " highlight(docs, 8, ?, ?), rank FROM docs WHERE docs MATCH ?"
        )
        tail: list[object] = []
        if sources:
            sql += f" AND ({' OR '.join('instr(sources, ?)' for _ in sources)})"
            tail += [_id_list([s]) for s in sources]
        if issue:
            sql += " AND instr(issues, ?)"
            tail.append(_id_list([issue]))
        if side:
            sql += " AND side = ?"
            tail.append(side)
        try:
            return self.db.execute(sql + " ORDER BY rank LIMIT ?", [*marks, *marks, query, *tail, limit]).fetchall()
        except sqlite3.OperationalError:
            return None


def _id_list(ids: Iterable[str]) -> str:
    """Ids as the index stores them: space-separated, with a space at each end, so that a search
    for `` tiny `` finds the whole id only."""
    return f" {' '.join(ids)} "


def open_index(
    location: DataLocation, key: str, ds: Dataset, version: str, rows: Callable[[], Iterable[IndexRow]], weight: float
) -> SearchIndex:
    """The index of ``ds``: from its store when the store holds one of this ``version`` built from the
    same content, else built now from ``rows`` (``weight``: the BM25 weight of the ``about`` column)."""

    def fill(db: sqlite3.Connection) -> None:
        try:
            db.execute(_TABLE)
        except sqlite3.OperationalError as exc:  # an SQLite built without FTS5
            raise SearchQueryError(f"search needs SQLite's FTS5, which this Python's SQLite lacks ({exc})") from None
        db.execute("INSERT INTO docs(docs, rank) VALUES ('rank', ?)", (f"bm25(1.0, {weight})",))
        stored = ((kind, ref, _id_list(s), _id_list(i), *rest) for kind, ref, s, i, *rest in rows())
        sqlite_file.fill(db, "", [("docs", stored)])

    return SearchIndex(with_index(location, key, ds, version, fill))
