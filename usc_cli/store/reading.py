"""A dataset served from its store: the dataset whose tables read it (``reader.connect`` opens it)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from usc_cli import models
from usc_cli.dataset import Dataset, SeedText, Site
from usc_cli.locations import DataLocation
from usc_cli.store.key import store_path
from usc_cli.store.quotes import Quotes
from usc_cli.store.reader import Reader, connect
from usc_cli.store.rows import RECORDS, build
from usc_cli.store.views import Keyed, Numbered, SavedLookup

M = TypeVar("M")


def _of_kind(kind: str) -> Callable[[str], tuple[str, str]]:
    return lambda ident: (kind, ident)


def _ahead(quotes: Quotes, own: bool, rows: list[Any]) -> None:
    """Read ahead the spans of every quote of these records (a source's own facts quote itself)."""
    quotes.prefetch((json.loads(row[3]), row[1] if own else None) for row in rows)


def _site(body: Any) -> Site:
    file, line, path, item, summary, evidence = body
    return Site(file, line, path, item, summary, build(models.Evidence, evidence))


def _built(model: type[M]) -> Callable[[Any], M]:
    """Rows of ``model`` (the ``Numbered`` table checks their quotes)."""
    return lambda body: build(model, body)


def stored_dataset(db: sqlite3.Connection, load: Callable[[], Dataset], files: Mapping[Path, object]) -> Dataset:
    """The dataset in the store behind ``db``, read as asked; ``load`` gives it from the files instead.

    ``files`` are the bytes the loader read in this run: the articles' text comes from them, and
    every quote a row holds is checked against it before the row is used.
    """
    reader = Reader(db, load)
    quotes = Quotes(reader, files)
    tables: dict[str, Any] = {}
    for attr, kind, model in RECORDS:

        def record(row: Any, model: type[Any] = model, kind: str = kind) -> tuple[str, Any]:
            body = quotes.check(json.loads(row[3]), row[1] if kind == "source" else None)
            if body.get("id") != row[1]:
                raise ValueError("a record under another id")
            return row[1], build(model, body)

        tables[attr] = Keyed(
            reader,
            attr,
            ("SELECT sum, kind, id, ord, body FROM records WHERE kind = ? AND id = ?", _of_kind(kind)),
            f"SELECT sum, kind, id, ord, body FROM records WHERE kind = '{kind}' ORDER BY ord",
            record,
            keys=f"SELECT id FROM records WHERE kind = '{kind}' ORDER BY ord",
            ahead=partial(_ahead, quotes, kind == "source"),
        )

    def seed(row: Any) -> tuple[str, SeedText]:
        found = quotes.seed(row[0], (row[2], row[3]))
        assert found is not None
        return row[0], found

    return Dataset(
        positions=Numbered(reader, "positions", _built(models.Position), quotes),
        recommendations=Numbered(reader, "recommendations", _built(models.Recommendation), quotes),
        seeds=Keyed(
            reader,
            "seeds",
            ("SELECT sum, source, ord, path, language FROM seeds WHERE source = ?", lambda source: (source,)),
            "SELECT sum, source, ord, path, language FROM seeds ORDER BY ord",
            seed,
        ),
        seed_files=Keyed(
            reader,
            "seed_files",
            ("SELECT sum, source, ord, path, language FROM seeds WHERE source = ?", lambda source: (source,)),
            "SELECT sum, source, ord, path, language FROM seeds ORDER BY ord",
            lambda row: (row[0], row[2]),
        ),
        spans=Keyed(
            reader,
            "spans",
            ("SELECT sum, source, quote, ord, spans FROM spans WHERE source = ? AND quote = ?", lambda key: key),
            "SELECT sum, source, quote, ord, spans FROM spans ORDER BY ord",
            lambda row: ((row[0], row[1]), quotes.spans(row[0], row[1], row[3])),
        ),
        attributions=Keyed(
            reader,
            "attributions",
            ("SELECT sum, source, ord, body FROM attributions WHERE source = ?", lambda source: (source,)),
            "SELECT sum, source, ord, body FROM attributions ORDER BY ord",
            lambda row: (row[0], [build(models.Attribution, item) for item in json.loads(row[2])]),
        ),
        sites=Numbered(reader, "sites", _site, quotes),
        lookup=SavedLookup(reader),
        **tables,
    )


def open_dataset(
    location: DataLocation, key: str, load: Callable[[], Dataset], files: Mapping[Path, object]
) -> Dataset:
    """The dataset whose key is ``key``: from its store when there is one, else ``load()``.

    ``files``: the bytes of every file read in this run (the articles are taken from them).
    """
    path = store_path(location)
    db = connect(path, key) if path is not None else None
    if db is None:
        return load()
    return stored_dataset(db, load, files)
