"""A dataset served from its store: the connection, and the dataset whose tables read it."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from usc_cli import models
from usc_cli.dataset import Dataset, SeedText, Site
from usc_cli.locations import DataLocation
from usc_cli.store.key import MAX_STORE_BYTES, store_path
from usc_cli.store.quotes import Quotes
from usc_cli.store.reader import Reader
from usc_cli.store.rows import RECORDS, build
from usc_cli.store.views import Keyed, Numbered, SavedLookup

M = TypeVar("M")


def connect(path: Path, key: str) -> sqlite3.Connection | None:
    """A read-only connection to the store at ``path`` if it is a regular file whose key is ``key``.

    The file is opened without following a symlink and without blocking and checked with ``fstat``
    (a FIFO, a device or an oversized file is a miss) before SQLite opens it; the file SQLite opened
    must be that one. ``immutable``: a store is never changed in place, only replaced by a rename, so
    SQLite needs no locks, and a reader keeps reading the file it opened.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    db: sqlite3.Connection | None = None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_STORE_BYTES:
            return None
        name = str(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")  # as a URI path
        db = sqlite3.connect(f"file:{name}?mode=ro&immutable=1", uri=True)
        found = db.execute("SELECT value FROM meta WHERE name = 'key'").fetchone()
        now = os.stat(path, follow_symlinks=False)
        if found != (key,) or (now.st_dev, now.st_ino) != (info.st_dev, info.st_ino):
            db.close()
            return None
        return db
    except (sqlite3.Error, OSError):  # not a database, another format, unreadable
        if db is not None:
            db.close()
        return None
    finally:
        os.close(fd)  # SQLite holds its own descriptor of the same file


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
