"""The dataset as the tables of one SQLite database (``uscn export sqlite``), for Datasette,
sqlite-utils or plain SQL: the schema, and each table's rows. ``usc_cli.sqlite_file`` makes the file
(foreign keys enforced and checked, an FTS5 index over each table of ``FULL_TEXT``); this module
touches no database.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from usc_cli.dataset import Dataset
from usc_cli.errors import ExportError
from usc_cli.models import Evidence, Speaker
from usc_cli.render.common import holder_text, proposer_text, said_by

SCHEMA_VERSION = 1  # stored as PRAGMA user_version; raised when a table or column changes meaning

SCHEMA = """
CREATE TABLE sources (
  id TEXT PRIMARY KEY, title TEXT, title_inferred INTEGER, outlet TEXT, outlet_inferred INTEGER,
  author_name TEXT, author_description TEXT, author_standpoint TEXT, kind TEXT NOT NULL,
  date TEXT, date_precision TEXT, date_inferred INTEGER, covers TEXT NOT NULL,
  seed TEXT NOT NULL, sha256 TEXT NOT NULL, aliases TEXT NOT NULL, text TEXT NOT NULL
);
CREATE TABLE actors (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, side TEXT NOT NULL, country TEXT,
  standpoint TEXT, standpoint_source TEXT REFERENCES sources(id), aliases TEXT NOT NULL
);
CREATE TABLE actor_roles (
  actor TEXT NOT NULL REFERENCES actors(id), n INTEGER NOT NULL, title TEXT NOT NULL,
  source TEXT NOT NULL REFERENCES sources(id), quote TEXT NOT NULL, PRIMARY KEY (actor, n)
);
CREATE TABLE issues (id TEXT PRIMARY KEY, title TEXT NOT NULL, summary TEXT NOT NULL, tags TEXT NOT NULL);
CREATE TABLE issue_related (
  issue TEXT NOT NULL REFERENCES issues(id), related TEXT NOT NULL REFERENCES issues(id),
  PRIMARY KEY (issue, related)
);
CREATE TABLE gaps (
  issue TEXT NOT NULL REFERENCES issues(id), side TEXT NOT NULL, note TEXT NOT NULL, PRIMARY KEY (issue, side)
);
CREATE TABLE frames (id TEXT PRIMARY KEY, title TEXT NOT NULL, summary TEXT NOT NULL);
CREATE TABLE issue_frames (
  issue TEXT NOT NULL REFERENCES issues(id), frame TEXT NOT NULL REFERENCES frames(id), PRIMARY KEY (issue, frame)
);
CREATE TABLE frame_labels (
  id INTEGER PRIMARY KEY, frame TEXT NOT NULL REFERENCES frames(id), side TEXT NOT NULL,
  label TEXT NOT NULL, summary TEXT NOT NULL
);
CREATE TABLE events (
  id TEXT PRIMARY KEY, title TEXT NOT NULL, date TEXT NOT NULL, date_precision TEXT NOT NULL,
  date_inferred INTEGER NOT NULL
);
CREATE TABLE event_issues (
  event TEXT NOT NULL REFERENCES events(id), issue TEXT NOT NULL REFERENCES issues(id), PRIMARY KEY (event, issue)
);
CREATE TABLE event_actors (
  event TEXT NOT NULL REFERENCES events(id), actor TEXT NOT NULL REFERENCES actors(id), PRIMARY KEY (event, actor)
);
CREATE TABLE positions (
  id INTEGER PRIMARY KEY, issue TEXT NOT NULL REFERENCES issues(id), side TEXT NOT NULL,
  holder_actor TEXT REFERENCES actors(id), holder_description TEXT, holder TEXT NOT NULL, summary TEXT NOT NULL
);
CREATE TABLE recommendations (
  id TEXT PRIMARY KEY, source TEXT NOT NULL REFERENCES sources(id), proposer_actor TEXT REFERENCES actors(id),
  proposer TEXT NOT NULL, addressee TEXT NOT NULL, kind TEXT NOT NULL, summary TEXT NOT NULL
);
CREATE TABLE recommendation_issues (
  recommendation TEXT NOT NULL REFERENCES recommendations(id), issue TEXT NOT NULL REFERENCES issues(id),
  PRIMARY KEY (recommendation, issue)
);
CREATE TABLE evidence (
  id INTEGER PRIMARY KEY, quote TEXT NOT NULL, source TEXT NOT NULL REFERENCES sources(id),
  start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL, said_by TEXT NOT NULL, cut_reason TEXT,
  position INTEGER REFERENCES positions(id), recommendation TEXT REFERENCES recommendations(id),
  frame_label INTEGER REFERENCES frame_labels(id), event TEXT REFERENCES events(id),
  CHECK ((position IS NOT NULL) + (recommendation IS NOT NULL) + (frame_label IS NOT NULL) + (event IS NOT NULL) = 1)
);
CREATE TABLE evidence_speakers (
  evidence INTEGER NOT NULL REFERENCES evidence(id), n INTEGER NOT NULL, is_author INTEGER NOT NULL,
  actor TEXT REFERENCES actors(id), description TEXT, name TEXT NOT NULL, occasion TEXT, presented TEXT,
  PRIMARY KEY (evidence, n)
);
CREATE INDEX evidence_position ON evidence(position);
CREATE INDEX evidence_recommendation ON evidence(recommendation);
CREATE INDEX evidence_frame_label ON evidence(frame_label);
CREATE INDEX evidence_event ON evidence(event);
CREATE INDEX positions_issue ON positions(issue, side);
"""

# Table -> the columns its ``<table>_fts`` index covers.
FULL_TEXT = {
    "evidence": ("quote",),
    "positions": ("summary",),
    "recommendations": ("summary",),
    "issues": ("title", "summary"),
    "frame_labels": ("label", "summary"),
}


Tables = list[tuple[str, list[Sequence[object]]]]


def export_tables(ds: Dataset) -> Tables:
    """Every table's rows, parents before children (foreign keys are on while they are filled)."""
    tables: Tables = []

    def add(table: str, rows: Iterable[Sequence[object]]) -> None:
        tables.append((table, list(rows)))

    add("sources", (_source_row(ds, source_id) for source_id in ds.sources))
    add(
        "actors",
        (
            (a.id, a.name, a.kind.value, a.side.value, a.country, a.standpoint and a.standpoint.value)
            + (a.standpoint and a.standpoint.source, json.dumps(a.aliases, ensure_ascii=False))
            for a in ds.actors.values()
        ),
    )
    add(
        "actor_roles",
        ((a.id, n, r.title, r.source, r.quote) for a in ds.actors.values() for n, r in enumerate(a.roles, 1)),
    )
    issues = ds.issues.values()
    add("issues", ((i.id, i.title, i.summary, json.dumps(i.tags)) for i in issues))
    add("issue_related", dict.fromkeys((i.id, r) for i in issues for r in i.related))
    add("gaps", ((i.id, g.side.value, g.note) for i in issues for g in i.gaps))
    add("frames", ((f.id, f.title, f.summary) for f in ds.frames.values()))
    add("issue_frames", dict.fromkeys((i.id, f) for i in issues for f in i.frames))
    events = ds.events.values()
    add("events", ((e.id, e.title, e.date.value, e.date.precision, e.date.inferred) for e in events))
    add("event_issues", dict.fromkeys((e.id, i) for e in events for i in e.issues))
    add("event_actors", dict.fromkeys((e.id, a) for e in events for a in e.actors))

    quotes: list[tuple[Evidence, str, object]] = []  # (evidence, the column naming what it backs, that id)
    labels: list[Sequence[object]] = []
    for frame in ds.frames.values():
        for label in frame.labels:
            labels.append((len(labels) + 1, frame.id, label.side.value, label.label, label.summary))
            quotes += [(e, "frame_label", len(labels)) for e in label.evidence]
    add("frame_labels", labels)
    positions: list[Sequence[object]] = []
    for n, p in enumerate(ds.positions, 1):
        positions.append(
            (n, p.issue, p.side.value, p.holder.actor, p.holder.description, holder_text(ds, p.holder), p.summary)
        )
        quotes += [(e, "position", n) for e in p.evidence]
    add("positions", positions)
    add(
        "recommendations",
        (
            (r.id, r.source, r.proposer, proposer_text(ds, r), r.to.value, r.kind.value, r.summary)
            for r in ds.recommendations
        ),
    )
    add(
        "recommendation_issues", (key for r in ds.recommendations for key in dict.fromkeys((r.id, i) for i in r.issues))
    )
    for r in ds.recommendations:
        quotes += [(e, "recommendation", r.id) for e in r.evidence]
    for event in events:
        quotes += [(Evidence(source=m.source, quote=m.quote), "event", event.id) for m in event.mentions]
    tables += _evidence_tables(ds, quotes)
    return tables


def _evidence_tables(ds: Dataset, quotes: list[tuple[Evidence, str, object]]) -> Tables:
    slots = ("position", "recommendation", "frame_label", "event")
    evidence: list[Sequence[object]] = []
    speakers: list[Sequence[object]] = []
    for n, (quote, column, owner) in enumerate(quotes, 1):
        spans = ds.locate(quote)
        if not spans:
            raise ExportError(f"quote not located in {quote.source}: {quote.quote[:60]!r}")
        owners = tuple(owner if slot == column else None for slot in slots)
        evidence.append(
            (n, quote.quote, quote.source, spans[0].start, spans[0].end, said_by(ds, quote), quote.cut_reason, *owners)
        )
        found = ds.speakers(quote)
        if not found:
            author = ds.sources[quote.source].author
            speakers.append((n, 1, 1, None, None, author.name or "the unnamed author", None, None))
        speakers += [_speaker_row(ds, n, k, speaker) for k, speaker in enumerate(found, 1)]
    return [("evidence", evidence), ("evidence_speakers", speakers)]


def _speaker_row(ds: Dataset, evidence_id: int, n: int, speaker: Speaker) -> tuple[object, ...]:
    name = ds.actors[speaker.actor].name if speaker.actor is not None else speaker.description
    return (evidence_id, n, 0, speaker.actor, speaker.description, name, speaker.occasion, speaker.presented.value)


def _source_row(ds: Dataset, source_id: str) -> tuple[object, ...]:
    s = ds.sources[source_id]
    text = ds.seeds[source_id].text
    return (
        (s.id, s.title and s.title.value, s.title and s.title.inferred, s.outlet and s.outlet.value)
        + (s.outlet and s.outlet.inferred, s.author.name, s.author.description)
        + (s.author.standpoint and s.author.standpoint.value, s.kind.value)
        + (s.date and s.date.value, s.date and s.date.precision, s.date and s.date.inferred, s.covers)
        + (s.seed, s.sha256, json.dumps(s.aliases, ensure_ascii=False), text)
    )
