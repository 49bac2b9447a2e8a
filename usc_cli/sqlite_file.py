"""SQLite databases made from a schema and rows: ``fill``, the one way uscn fills a database (its
store, its search index, ``uscn export sqlite``), and ``database``, the export's file as bytes.

The export's rows come from ``usc_cli.render.sqlite`` (pure: it decides what each table holds);
``database`` fills them in memory with foreign keys enforced, adds an FTS5 index named
``<table>_fts`` per table with prose (``content="<table>"``, as sqlite-utils declares them, so
Datasette offers a search box), checks every reference, and returns the file's bytes so the command
writes it whole or not at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain

from usc_cli.errors import ExportError

Rows = Sequence[Sequence[object]]


def fill(db: sqlite3.Connection, schema: str, tables: Iterable[tuple[str, Iterable[Sequence[object]]]]) -> None:
    """Create ``schema`` in ``db`` and insert each table's rows, in the order given (parents before
    children); a table without rows is left empty."""
    if schema:
        db.executescript(schema)
    for table, rows in tables:
        found = iter(rows)
        first = next(found, None)
        if first is not None:
            marks = ", ".join("?" * len(first))
            db.executemany(f"INSERT INTO {table} VALUES ({marks})", chain((first,), found))


def database(
    schema: str, version: int, tables: Iterable[tuple[str, Rows]], full_text: Mapping[str, Sequence[str]]
) -> bytes:
    """The bytes of a database with ``schema`` (``version`` as its user_version) holding ``tables``
    (filled in order: parents before children) and a full-text index over each of ``full_text``."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA user_version = {int(version)}")
        conn.executescript(schema)
        with conn:
            fill(conn, "", tables)
            for table, columns in full_text.items():
                conn.execute(f'CREATE VIRTUAL TABLE {table}_fts USING fts5({", ".join(columns)}, content="{table}")')
                conn.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')")
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise ExportError(f"the export has {len(broken)} dangling reference(s), first: {broken[0]}")
        conn.execute("VACUUM")
        return conn.serialize()
    finally:
        conn.close()
