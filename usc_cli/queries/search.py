"""Full-text search over the seed texts and the dataset: SQLite FTS5 with BM25, cached on disk.

The index is one cache entry per dataset directory (``usc_cli.cachefile``), holding the content key
of the dataset it was built from: it is used only for exactly that dataset, and rebuilt otherwise.
It is read into memory (``deserialize``), so SQLite never opens whatever is at the entry's path.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from usc_cli.cachefile import entry_path, read_entry, write_entry
from usc_cli.dataset import Dataset, fold_whitespace
from usc_cli.errors import UscnError
from usc_cli.locations import DataLocation

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
    db.execute(
        "CREATE VIRTUAL TABLE docs USING fts5("
        "kind UNINDEXED, ref UNINDEXED, source UNINDEXED, issue UNINDEXED, side UNINDEXED, body,"
        " tokenize = 'porter unicode61 remove_diacritics 2')"
    )
    db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?)", _rows(ds))
    db.commit()


def open_index(ds: Dataset, location: DataLocation, key: str) -> sqlite3.Connection:
    """An in-memory index of ``ds``: the cached one if it was built from the same content, else a new one."""
    stamp = f"{INDEX_VERSION}\0{key}"
    path = entry_path("search", location, ".sqlite")
    raw = read_entry(path) if path is not None else None
    if raw is not None:
        db = sqlite3.connect(":memory:")
        try:
            db.deserialize(raw)
            if db.execute("SELECT key FROM meta").fetchone() == (stamp,):
                db.execute("SELECT count(*) FROM docs").fetchone()  # a corrupt entry raises here
                return db
        except sqlite3.Error:
            pass  # corrupt or another version: rebuilt below
        db.close()
    db = sqlite3.connect(":memory:")
    _fill(db, ds)
    db.execute("CREATE TABLE meta(key TEXT)")
    db.execute("INSERT INTO meta VALUES (?)", (stamp,))
    db.commit()
    if path is not None:
        write_entry(path, db.serialize())
    return db


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
