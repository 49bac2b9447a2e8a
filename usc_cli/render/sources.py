"""``uscn sources list`` and ``uscn sources show``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from usc_cli.dataset import Dataset
from usc_cli.models import Fact, Source, Standpoint
from usc_cli.queries.citation import citation
from usc_cli.render.common import (
    HOW_WORDS,
    author_standpoint,
    author_text,
    body,
    citation_rows,
    date_json,
    date_text,
    outlet_text,
)
from usc_cli.render.document import Block, Document, Fields, Heading, Para, Quote, Table

USER_MARK = "*"  # after the id of a source of the user's own in ``sources list``


def _fact_json(fact: Fact | None) -> dict[str, Any] | None:
    if fact is None:
        return None
    return {
        "value": fact.value,
        "how": fact.how,
        "inferred": fact.inferred,
        "basis": fact.basis,
        "quote": fact.quote,
        "matched": fact.matched,
    }


def citation_json(ds: Dataset, source: Source) -> list[dict[str, Any]]:
    """The full citation, a field at a time: value (null when unknown), how it is known, its basis."""
    fields = citation(source, body(ds, source))
    return [{"field": f.name, "value": f.value, "how": f.how, "basis": f.basis} for f in fields]


def _counts(ds: Dataset, source_id: str) -> dict[str, int]:
    positions, recommendations = ds.contributions(source_id)
    return {"positions": positions, "recommendations": recommendations}


def _issues(ds: Dataset, source_id: str) -> list[str]:
    return ds.issues_spoken_to(source_id)


def source_json(ds: Dataset, source: Source) -> dict[str, Any]:
    """One source as JSON."""
    return {
        "id": source.id,
        "title": _fact_json(source.title),
        "outlet": _fact_json(source.outlet),
        "url": _fact_json(source.url),
        "language": source.language,
        "government": source.government.value if source.government else None,
        "unknown": dict(source.unknown),
        "citation": citation_json(ds, source),
        "author": {
            "name": source.author.name,
            "actor": source.author.actor,
            "description": source.author.description,
            "quote": source.author.quote,
            "standpoint": _standpoint_json(author_standpoint(ds, source)),
        },
        "kind": source.kind.value,
        "author_side": source.author_side.value,
        "date": date_json(source.date) if source.date else None,
        "seed": source.seed,
        "sha256": source.sha256,
        "aliases": source.aliases,
        "covers": source.covers,
        "text_notes": [{"note": note.note, "quote": note.quote} for note in source.text_notes],
        "issues": _issues(ds, source.id),
        **_counts(ds, source.id),
        **_origin_json(ds, source.id),
    }


def _origin_json(ds: Dataset, source_id: str) -> dict[str, Any]:
    """Whose the source is: ``shipped`` with uscn, the ``user``'s own, or from a ``data-dir``; and its file."""
    origin = ds.origins.get(source_id)
    return {"origin": origin.kind if origin else None, "file": origin.path if origin else None}


def _user_dir(ds: Dataset) -> str | None:
    """The directory the user's own sources were read from (None when there are none)."""
    paths = [Path(o.path).parent for o in ds.origins.values() if o.kind == "user"]
    return str(paths[0]) if paths else None


def sources_json(ds: Dataset) -> dict[str, Any]:
    """All sources as a JSON payload."""
    return {"sources": [source_json(ds, s) for s in ds.sources.values()]}


def sources_doc(ds: Dataset) -> Document:
    """All sources as a table; the user's own marked ``*``, with a legend saying where they are."""
    rows = [
        [
            s.id,
            author_text(ds, s),
            outlet_text(s),
            s.kind.value,
            date_text(s.date),
            str(_counts(ds, s.id)["recommendations"]),
        ]
        for s in ds.sources.values()
    ]
    origins = [_origin_json(ds, s.id)["origin"] or "" for s in ds.sources.values()]
    csv = Table(
        ["id", "author", "outlet", "kind", "date", "recs", "origin"],
        [[*r, o] for r, o in zip(rows, origins, strict=True)],
    )
    user_dir = _user_dir(ds)
    if user_dir is None:
        return Document([Table(csv.columns[:-1], rows)], csv=csv)
    marked = [[f"{r[0]} {USER_MARK}" if o == "user" else r[0], *r[1:]] for r, o in zip(rows, origins, strict=True)]
    legend = Para(f"{USER_MARK} your own source, read from {user_dir}", "muted")
    return Document([Table(csv.columns[:-1], marked), legend], csv=csv)


def _standpoint_json(stands: Fact | Standpoint | None) -> dict[str, Any] | None:
    """The source's own record of where its author stands, or the author's actor entry's (``source``
    then names the article its quote is from)."""
    if isinstance(stands, Standpoint):
        return {"value": stands.value, "quote": stands.quote, "source": stands.source, "recorded_on": "actor"}
    return _fact_json(stands)


def citation_blocks(ds: Dataset, source: Source) -> list[Block]:
    """The full citation: each field's value, how it is known, and its quote, stored copy, basis or reason."""
    blocks: list[Block] = [Heading("Citation")]
    for label, value, how, basis in citation_rows(ds, source):
        given = value != "—"
        blocks.append(Para(f"{label}: {value} ({how})" if given else f"{label}: {how}", "strong" if given else "gap"))
        if basis and how == HOW_WORDS["stated"]:
            blocks.append(Quote(basis, "the article"))
        elif basis:
            blocks.append(Para(basis, "muted"))
    return blocks


def source_doc(ds: Dataset, source: Source) -> Document:
    """One source in full: metadata with its evidence or basis, coverage, counts."""
    counts = _counts(ds, source.id)
    blocks: list[Block] = [
        Heading(f"{source.id}: {author_text(ds, source)}"),
        Para(source.covers),
        Fields(
            [
                ("kind", source.kind.value),
                ("date", date_text(source.date)),
                ("seed", source.seed),
                ("sha256", source.sha256),
                ("aliases", ", ".join(source.aliases) or "—"),
                ("issues", ", ".join(_issues(ds, source.id)) or "—"),
                ("positions reported", str(counts["positions"])),
                ("recommendations", str(counts["recommendations"])),
            ]
        ),
    ]
    for note in source.text_notes:
        blocks += [Para(f"About the text: {note.note}", "strong"), Quote(note.quote, "the text as shipped")]
    blocks += citation_blocks(ds, source)
    if source.author.name is None and source.author.description:
        blocks.append(Para(f"The author, as the article describes them: {source.author.description}", "strong"))
        if source.author.quote:
            blocks.append(Quote(source.author.quote, "the article"))
    stands = author_standpoint(ds, source)
    if isinstance(stands, Standpoint):  # recorded on the author's actor entry, with the article's words
        cite = "the article" if stands.source == source.id else stands.source
        blocks += [Para(f"Where the author stands: {stands.value}", "strong"), Quote(stands.quote, cite)]
    elif stands is not None:
        blocks.append(
            Para(f"Where the author stands: {stands.value}" + (" (inferred)" if stands.inferred else ""), "strong")
        )
        if stands.basis:
            blocks.append(Para(f"Basis: {stands.basis}", "muted"))
        if stands.quote:
            blocks.append(Quote(stands.quote, "the article"))
    return Document(blocks)
