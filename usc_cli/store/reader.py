"""Reading a store: its connection, rows checked against their checksums, and the fall back to the
files once the store is found broken."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from usc_cli.dataset import Dataset
from usc_cli.store.key import MAX_STORE_BYTES
from usc_cli.store.rows import checksum

V = TypeVar("V")

CHUNK = 500  # ids per "IN (…)" list: SQLite allowed 999 parameters before 3.32


class Broken(Exception):
    """The store cannot be read as written (corrupt page, bad JSON): the dataset is loaded from its files."""


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


class Reader:
    """A store's connection, and the dataset loaded from the files once the store is found broken."""

    def __init__(self, db: sqlite3.Connection, load: Callable[[], Dataset]) -> None:
        self.db = db
        self.load = load
        self.recovered: Dataset | None = None

    def rows(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        """The rows of a ``SELECT sum, <every other column> …``, each checked against its sum and
        returned without it; a row that does not match is a broken store."""
        found = self.plain(sql, params)
        for row in found:
            if row[0] != checksum(row[1:]):
                raise Broken("a row does not match its checksum")
        return [row[1:] for row in found]

    def plain(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        """The rows of any query (ids alone, counts), unchecked."""
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise Broken(str(exc)) from None

    def fallback(self) -> Dataset:
        """The dataset loaded from the files (which rewrites the store); loaded once."""
        if self.recovered is None:
            self.db.close()
            self.recovered = self.load()
        return self.recovered


def parsed(make: Callable[[], V]) -> V:
    try:
        return make()
    except (ValueError, TypeError, KeyError, IndexError) as exc:  # bad JSON or a row of another shape
        raise Broken(str(exc)) from None
