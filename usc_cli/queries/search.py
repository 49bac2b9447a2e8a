"""Full-text search over the seed texts and the dataset: SQLite FTS5 with BM25.

One row per record a user can look up (a position, a recommendation, an issue, one side's label of a
frame, an article sentence), so no record is listed twice, and each word of an article is indexed
once: in the records that quote it, or else in its sentence. A record's text is its own words
(summary, label, title) and its quotes; the issues it is about are searchable too, weighted lower,
so ``--side china`` finds Beijing's view of fentanyl though Beijing's words never say "fentanyl".
Where each hit lies (the whole sentence, offsets in it and in the article) is worked out in
``usc_cli.queries.search_hits``.


Chinese has no spaces between words, and FTS5's unicode61 tokenizer would take a whole run of Chinese
characters for one token. So every Chinese character is indexed as a token of its own (a private-use
separator is put between adjacent ones, in the index and in the query, and taken out of what the
index returns), and a run of Chinese in a query is a phrase: ``台湾`` finds those two characters side
by side, as a substring search would, at any length (FTS5's trigram tokenizer finds nothing under
three characters, and most Chinese words have two).

The index itself (SQLite FTS5, in the dataset's store) is ``usc_cli.search_index``: this module makes
its rows and reads its results, through the ``Index`` interface, and touches no file or database.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from usc_cli.dataset import Dataset, SeedText
from usc_cli.errors import SearchQueryError
from usc_cli.models import Evidence, Issue
from usc_cli.queries.search_hits import Hit, Record, Segment, build_hits, rank_and_merge, split_segments, unmark

INDEX_VERSION = "search-5"  # 5: each Chinese character a token; 4: one row per record, issues searchable
ABOUT_WEIGHT = 0.3  # a word of the issue a record is about counts less than a word of the record
_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use marks around matched tokens in highlight()
APART = "\ue002"  # between adjacent Chinese characters, in index and query only (search_index's separator)
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_PAIR = re.compile(f"([{_HAN}])(?=[{_HAN}])")

# kind, ref, sources, issues, side, layout, about_layout, body, about
Row = tuple[str, str, tuple[str, ...], tuple[str, ...], str, str, str, str, str]
# the same as stored (the ids space-separated), the matched words marked in body and about, and the rank
Result = tuple[str, str, str, str, str, str, str, str, str, float]


class Index(Protocol):
    """What a search needs of the index (``usc_cli.search_index.SearchIndex``)."""

    def match(
        self,
        query: str,
        marks: tuple[str, str],
        sources: Sequence[str] = (),
        issue: str | None = None,
        side: str | None = None,
        limit: int = 20,
    ) -> list[Result] | None:
        """Ranked rows for an FTS5 query; None when the query is not valid FTS5."""
        ...


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


def _apart(text: str) -> str:
    """The text with a separator between adjacent Chinese characters: each is a token of its own."""
    return _HAN_PAIR.sub(f"\\1{APART}", text)


def _layout(segments: tuple[Segment, ...]) -> str:
    return json.dumps([[len(s.text), s.source, s.start] for s in segments])


def index_rows(ds: Dataset) -> Iterator[Row]:
    """The index's rows: one per searchable record."""
    for t in _records(ds):
        yield (
            t.record.kind,
            t.record.ref,
            t.record.sources,
            t.record.issues,
            t.record.side,
            _layout(t.segments),
            _layout(t.about),
            _apart("\n".join(s.text for s in t.segments)),
            _apart("\n".join(s.text for s in t.about)),
        )


def _plain(query: str) -> str:
    """The query as plain words (each quoted), keeping a trailing * as a prefix search."""
    words = re.findall(r"[\w’']+\*?", query)
    return " ".join(f'"{w.rstrip("*")}"' + ("*" if w.endswith("*") else "") for w in words)


def search(
    index: Index,
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
    for attempt in (query, _plain(query)):
        # more than asked: a hit in a sentence may rank below one that is not
        rows = index.match(_apart(attempt), (_OPEN, _CLOSE), sources or (), issue, side, limit * 5 + 50)
        if rows is not None:
            return rank_and_merge([_hits(row, ds.seeds) for row in rows], limit)
    raise SearchQueryError(f"nothing to search for in {query!r}: give one or more words")


def _hits(row: Result, seeds: Mapping[str, SeedText]) -> list[Hit]:
    """A result row as its candidate hits: each matched sentence located, and the issues whose words
    matched."""
    kind, ref, sources, issues, side, layout, about_layout, body, about = row[:9]
    text, spans = unmark(body.replace(APART, ""), _OPEN, _CLOSE)
    about_text, about_spans = unmark(about.replace(APART, ""), _OPEN, _CLOSE)
    matched_issues = tuple(
        segment.source
        for offset, segment in split_segments(json.loads(about_layout), about_text)
        if segment.source and any(offset <= a < offset + len(segment.text) for a, _ in about_spans)
    )
    record = Record(kind, ref, tuple(sources.split()), tuple(issues.split()), side)
    return build_hits(record, round(-row[9], 4), seeds, split_segments(json.loads(layout), text), spans, matched_issues)
