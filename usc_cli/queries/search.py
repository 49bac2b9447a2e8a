"""Full-text search over the seed texts and the dataset: SQLite FTS5 with BM25.

One row per record a user can look up (a position, a recommendation, an issue, one side's label of a
frame, an article sentence), so no record is listed twice, and each word of an article is indexed
once: in the records that quote it, or else in its sentence. A record's text is its own words
(summary, label, title) and its quotes; the issues it is about are searchable too, weighted lower,
so ``--side china`` finds Beijing's view of fentanyl though Beijing's words never say "fentanyl".
Where each hit lies (the whole sentence, offsets in it and in the article) is worked out in
``usc_cli.queries.search_hits``.


The index is a table of the dataset's store (``usc_cli.store``), added by the first search: it is
used only while the store's key is the key of the files as they are, and rebuilt with it otherwise.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from usc_cli.dataset import Dataset, SeedText
from usc_cli.errors import ExitStatus, UscnError
from usc_cli.locations import DataLocation
from usc_cli.models import Evidence, Issue
from usc_cli.queries.search_hits import Hit, Record, Segment, build_hits, rank_and_merge, split_segments, unmark
from usc_cli.store import with_index

INDEX_VERSION = "4"  # 4: one row per record, each article word in one record, issues searchable
_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use marks around matched tokens in highlight()
_ABOUT_WEIGHT = 0.3  # a word of the issue a record is about counts less than a word of the record


class SearchQueryError(UscnError):
    """A query with nothing searchable in it: a bad command line, so a usage error."""

    exit_status = ExitStatus.USAGE


@dataclass(frozen=True)
class _Text:
    """A record's searchable text: its own words and article sentences, and the issues it is about."""

    record: Record
    segments: tuple[Segment, ...]
    about: tuple[Segment, ...]  # one per issue: its title and tags


def _quotes(ds: Dataset, evidence: list[Evidence]) -> list[Segment]:
    """The quotes as the article has them (its whitespace, its offsets), each once."""
    found: dict[tuple[str, int, int], Segment] = {}
    for e in evidence:
        seed = ds.seeds.get(e.source)
        for span in ds.locate(e)[:1] if seed is not None else ():
            text = seed.text[span.start : span.end] if seed is not None else ""
            found.setdefault((e.source, span.start, span.end), Segment(text, e.source, span.start))
    return list(found.values())


def _unquoted(text: str, source: str, start: int, end: int, quoted: list[tuple[int, int]]) -> list[Segment]:
    """The parts of ``text[start:end]`` that no record quotes (and that hold a word)."""
    pieces: list[Segment] = []
    at = start
    for q_start, q_end in sorted(quoted):
        if q_end <= at or q_start >= end:
            continue
        if q_start > at:
            pieces.append(Segment(text[at:q_start], source, at))
        at = max(at, q_end)
    if at < end:
        pieces.append(Segment(text[at:end], source, at))
    return [p for p in pieces if re.search(r"\w", p.text)]


def _about(ds: Dataset, issue_ids: list[str]) -> tuple[Segment, ...]:
    issues: list[Issue] = [ds.issues[i] for i in issue_ids if i in ds.issues]
    return tuple(Segment(" ".join([i.title, *(t.replace("-", " ") for t in i.tags)]), i.id) for i in issues)


def _records(ds: Dataset) -> Iterator[_Text]:
    """Every searchable record, once; the articles' words each in exactly one record."""
    quoted: dict[str, list[tuple[int, int]]] = {}
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
            rest = _unquoted(seed.text, source_id, sentence.start, sentence.end, quoted.get(source_id, []))
            if rest:  # the words of the sentence that no record quotes
                yield _Text(Record("seed-sentence", f"{source_id}#{n}", (source_id,), (), ""), tuple(rest), ())


def _text(
    ds: Dataset, record: Record, own: list[Segment], evidence: list[Evidence], quoted: dict[str, list[tuple[int, int]]]
) -> _Text:
    """A record's text: its own words, then its quotes (noted in ``quoted``)."""
    quotes = _quotes(ds, evidence)
    for q in quotes:
        quoted.setdefault(q.source or "", []).append((q.start or 0, (q.start or 0) + len(q.text)))
    return _Text(record, (*own, *quotes), _about(ds, list(record.issues)))


def _layout(segments: tuple[Segment, ...]) -> str:
    return json.dumps([[len(s.text), s.source, s.start] for s in segments])


def _fill(db: sqlite3.Connection, ds: Dataset) -> None:
    try:
        db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5("
            "kind UNINDEXED, ref UNINDEXED, sources UNINDEXED, issues UNINDEXED, side UNINDEXED,"
            " layout UNINDEXED, about_layout UNINDEXED, body, about,"
            " tokenize = 'porter unicode61 remove_diacritics 2')"
        )
    except sqlite3.OperationalError as exc:  # an SQLite built without FTS5
        raise SearchQueryError(f"search needs SQLite's FTS5, which this Python's SQLite lacks ({exc})") from None
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
    ds: Dataset,
    query: str,
    sources: list[str] | None = None,
    issue: str | None = None,
    side: str | None = None,
    limit: int = 20,
) -> list[Hit]:
    """Ranked hits for ``query`` (FTS5 syntax; malformed syntax falls back to plain words): those
    whose sentence holds the words first, one hit per article sentence (see ``rank_and_merge``)."""
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
            rows = db.execute(  # more than asked: a hit in a sentence may rank below one that is not
                sql + " ORDER BY rank LIMIT ?", [_OPEN, _CLOSE, _OPEN, _CLOSE, attempt, *tail, limit * 5 + 50]
            ).fetchall()
        except sqlite3.OperationalError:
            continue
        return rank_and_merge([_hits(row, ds.seeds) for row in rows], limit)
    raise SearchQueryError(f"nothing to search for in {query!r}: give one or more words")


def _hits(row: tuple[str, str, str, str, str, str, str, str, str, float], seeds: Mapping[str, SeedText]) -> list[Hit]:
    """A result row as its candidate hits: each matched sentence located, and the issues whose words
    matched."""
    kind, ref, sources, issues, side, layout, about_layout, body, about = row[:9]
    text, spans = unmark(body, _OPEN, _CLOSE)
    about_text, about_spans = unmark(about, _OPEN, _CLOSE)
    matched_issues = tuple(
        segment.source
        for offset, segment in split_segments(json.loads(about_layout), about_text)
        if segment.source and any(offset <= a < offset + len(segment.text) for a, _ in about_spans)
    )
    record = Record(kind, ref, tuple(sources.split()), tuple(issues.split()), side)
    return build_hits(record, round(-row[9], 4), seeds, split_segments(json.loads(layout), text), spans, matched_issues)
