"""Full-text search over the seed texts and the dataset: SQLite FTS5 with BM25, cached on disk.

One row per record a user can look up (a position, a recommendation, an issue, one side's label of a
frame, an article sentence no record quotes), so no record is listed twice. A record's text is its
own words (summary, label, title) and the whole article sentences its quotes stand in; the issues it
is about are searchable too, weighted lower, so ``--side china`` finds Beijing's view of fentanyl
even where Beijing's words never say "fentanyl". Where each hit lies (the sentence, and offsets in
it and in the article) is worked out in ``usc_cli.queries.search_hits``.

The index is one cache entry per dataset directory (``usc_cli.cachefile``), holding the content key
of the dataset it was built from: it is used only for exactly that dataset, and rebuilt otherwise.
It is read into memory (``deserialize``), so SQLite never opens whatever is at the entry's path.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from usc_cli.cachefile import entry_path, read_entry, write_entry
from usc_cli.dataset import Dataset
from usc_cli.errors import UscnError
from usc_cli.locations import DataLocation
from usc_cli.models import Evidence, Issue
from usc_cli.queries.search_hits import Hit, Record, Segment, build_hit, split_segments, unmark

INDEX_VERSION = "4"  # 4: one row per record, whole sentences, issues searchable
_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use marks around matched tokens in highlight()
_ABOUT_WEIGHT = 0.3  # a word of the issue a record is about counts less than a word of the record


class SearchQueryError(UscnError):
    """A query with nothing searchable in it."""


@dataclass(frozen=True)
class _Text:
    """A record's searchable text: its own words and article sentences, and the issues it is about."""

    record: Record
    segments: tuple[Segment, ...]
    about: tuple[Segment, ...]  # one per issue: its title and tags


def _sentences(ds: Dataset, evidence: list[Evidence]) -> list[Segment]:
    """The whole article sentences the quotes stand in, each once, in order of first use."""
    found: dict[tuple[str, int], Segment] = {}
    for e in evidence:
        seed = ds.seeds.get(e.source)
        if seed is None:  # a verified dataset has every seed; a draft may not
            continue
        for span in ds.locate(e)[:1]:
            for s in seed.sentence_spans(span):
                found.setdefault((e.source, s.start), Segment(seed.text[s.start : s.end], e.source, s.start))
    return list(found.values())


def _about(ds: Dataset, issue_ids: list[str]) -> tuple[Segment, ...]:
    issues: list[Issue] = [ds.issues[i] for i in issue_ids if i in ds.issues]
    return tuple(Segment(" ".join([i.title, *(t.replace("-", " ") for t in i.tags)]), i.id) for i in issues)


def _records(ds: Dataset) -> Iterator[_Text]:
    """Every searchable record, once."""
    quoted: set[tuple[str, int]] = set()
    for n, p in enumerate(ds.positions):
        sources = tuple(dict.fromkeys(e.source for e in p.evidence))
        record = Record("position", f"{p.issue}/{p.side.value}/{n}", sources, (p.issue,), p.side.value)
        yield _text(ds, record, [Segment(p.summary)], p.evidence, quoted)
    for r in ds.recommendations:
        record = Record("recommendation", r.id, (r.source,), tuple(r.issues), "")
        yield _text(ds, record, [Segment(r.summary)], r.evidence, quoted)
    for frame in ds.frames.values():
        issues = tuple(i.id for i in ds.issues.values() if frame.id in i.frames)
        for label in frame.labels:
            own = [Segment(label.label), Segment(label.summary), Segment(frame.title)]
            sources = tuple(dict.fromkeys(e.source for e in label.evidence))
            record = Record("frame", f"{frame.id}/{label.side.value}", sources, issues, label.side.value)
            yield _text(ds, record, own, label.evidence, quoted)
    for issue in ds.issues.values():
        tags = Segment(" ".join(t.replace("-", " ") for t in issue.tags), issue.id)
        words = (Segment(issue.title), Segment(issue.summary))
        yield _Text(Record("issue", issue.id, (), (issue.id,), ""), words, (tags,))
    for source_id, seed in ds.seeds.items():
        for n, sentence in enumerate(seed.sentences):
            if (source_id, sentence.start) not in quoted:
                segment = Segment(seed.text[sentence.start : sentence.end], source_id, sentence.start)
                yield _Text(Record("seed-sentence", f"{source_id}#{n}", (source_id,), (), ""), (segment,), ())


def _text(
    ds: Dataset, record: Record, own: list[Segment], evidence: list[Evidence], quoted: set[tuple[str, int]]
) -> _Text:
    """A record's text: its own words, then the sentences its quotes stand in (noted in ``quoted``)."""
    sentences = _sentences(ds, evidence)
    quoted.update((s.source or "", s.start or 0) for s in sentences)
    return _Text(record, (*own, *sentences), _about(ds, list(record.issues)))


def _layout(segments: tuple[Segment, ...]) -> str:
    return json.dumps([[len(s.text), s.source, s.start] for s in segments])


def _fill(db: sqlite3.Connection, ds: Dataset) -> None:
    db.execute(
        "CREATE VIRTUAL TABLE docs USING fts5("
        "kind UNINDEXED, ref UNINDEXED, sources UNINDEXED, issues UNINDEXED, side UNINDEXED,"
        " layout UNINDEXED, about_layout UNINDEXED, body, about,"
        " tokenize = 'porter unicode61 remove_diacritics 2')"
    )
    db.execute("INSERT INTO docs(docs, rank) VALUES ('rank', ?)", (f"bm25(1.0, {_ABOUT_WEIGHT})",))
    rows = (
        (
            t.record.kind,
            t.record.ref,
            f" {' '.join(t.record.sources)} ",
            f" {' '.join(t.record.issues)} ",
            t.record.side,
            _layout(t.segments),
            _layout(t.about),
            "\n".join(s.text for s in t.segments),
            "\n".join(s.text for s in t.about),
        )
        for t in _records(ds)
    )
    db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
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
    ds: Dataset,
    query: str,
    sources: list[str] | None = None,
    issue: str | None = None,
    side: str | None = None,
    limit: int = 20,
) -> list[Hit]:
    """Ranked hits for ``query`` (FTS5 syntax; malformed syntax falls back to plain words)."""
    if not _plain(query):
        raise SearchQueryError(f"nothing to search for in {query!r}: give one or more words")
    sql = (
        "SELECT kind, ref, sources, issues, side, layout, about_layout, highlight(docs, 7, ?, ?),"
        " highlight(docs, 8, ?, ?), rank FROM docs WHERE docs MATCH ?"
    )
    tail: list[object] = []
    if sources:
        sql += f" AND ({' OR '.join('instr(sources, ?)' for _ in sources)})"
        tail += [f" {s} " for s in sources]
    if issue:
        sql += " AND instr(issues, ?)"
        tail.append(f" {issue} ")
    if side:
        sql += " AND side = ?"
        tail.append(side)
    for attempt in (query, _plain(query)):
        try:
            rows = db.execute(
                sql + " ORDER BY rank LIMIT ?", [_OPEN, _CLOSE, _OPEN, _CLOSE, attempt, *tail, limit]
            ).fetchall()
        except sqlite3.OperationalError:
            continue
        return [_hit(row) for row in rows]
    raise SearchQueryError(f"nothing to search for in {query!r}: give one or more words")


def _hit(row: tuple[str, str, str, str, str, str, str, str, str, float]) -> Hit:
    """A result row as a hit: the matched sentence located, and the issues whose words matched."""
    kind, ref, sources, issues, side, layout, about_layout, body, about = row[:9]
    text, spans = unmark(body, _OPEN, _CLOSE)
    about_text, about_spans = unmark(about, _OPEN, _CLOSE)
    matched_issues = tuple(
        segment.source
        for offset, segment in split_segments(json.loads(about_layout), about_text)
        if segment.source and any(offset <= a < offset + len(segment.text) for a, _ in about_spans)
    )
    record = Record(kind, ref, tuple(sources.split()), tuple(issues.split()), side)
    return build_hit(record, round(-row[9], 4), split_segments(json.loads(layout), text), spans, matched_issues)
