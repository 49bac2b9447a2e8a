"""Writing a dataset's store: a new file beside the old one, filled, then renamed over it."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from usc_cli import sqlite_file
from usc_cli.cachefile import entry_path
from usc_cli.dataset import Dataset
from usc_cli.locations import DataLocation
from usc_cli.store.key import store_path
from usc_cli.store.reader import connect
from usc_cli.store.rows import SCHEMA, tables

_LEGACY = (("dataset", ".json"), ("search", ".sqlite"))  # the caches the store replaced


def fill(db: sqlite3.Connection, key: str, ds: Dataset) -> None:
    """The store's tables filled with the dataset's rows, its key written last."""
    sqlite_file.fill(db, SCHEMA, tables(ds))
    db.execute("INSERT INTO meta VALUES ('key', ?)", (key,))


def write(
    location: DataLocation, key: str, ds: Dataset, extra: Callable[[sqlite3.Connection], None] | None = None
) -> Path | None:
    """Store a verified dataset (and what ``extra`` adds, e.g. the search index) as this dataset's one
    store; return its path, or None when it cannot be written (a store only saves time).

    Written to a temporary file in the cache directory and renamed over the old store, so a reader
    sees the old store or the new one, never half of one; the temporary file is removed on any
    exception, Ctrl-C included.
    """
    path = store_path(location)
    if path is None:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        _remove_stale(path.parent)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError:
        return None
    try:
        db = sqlite3.connect(tmp)
        try:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            with db:
                fill(db, key, ds)
                if extra is not None:
                    extra(db)
        finally:
            db.close()
        os.replace(tmp, path)  # replaces a symlink or FIFO itself, never what it points to
    except (OSError, sqlite3.Error):
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)  # already renamed on success: nothing to remove
    for kind, suffix in _LEGACY:
        legacy = entry_path(kind, location, suffix)
        if legacy is not None:
            with contextlib.suppress(OSError):
                legacy.unlink()
    return path


def _remove_stale(directory: Path) -> None:
    """Remove the temporary stores of builds whose process is gone (``kill -9``, a power cut).

    Each build names its temporary file with its process id; a build still running keeps its file.
    """
    with contextlib.suppress(OSError), os.scandir(directory) as entries:
        for entry in entries:
            if not (entry.name.startswith(".store-") and entry.name.endswith(".tmp")):
                continue
            pid = entry.name.removesuffix(".tmp").rsplit(".", 2)[-2]
            if pid.isdigit() and not _running(int(pid)):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _running(pid: int) -> bool:
    if os.name == "nt":  # os.kill would end the process there: assume it runs
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: running
        return True
    return True


def with_index(
    location: DataLocation, key: str, ds: Dataset, version: str, fill: Callable[[sqlite3.Connection], None]
) -> sqlite3.Connection:
    """A connection to this dataset's store holding the index that ``fill`` builds (``version``
    names its kind and shape, e.g. the search index's).

    The first run that asks for the index writes a new store with it (the index then serves every
    later run until the key changes); with no usable cache the index is built in memory.
    """
    path = store_path(location)
    if path is not None:
        for attempt in range(2):
            db = connect(path, key)
            if db is not None:
                if db.execute("SELECT value FROM meta WHERE name = 'index'").fetchone() == (version,):
                    return db
                db.close()
            if attempt == 0:

                def extra(db: sqlite3.Connection) -> None:
                    fill(db)
                    db.execute("INSERT INTO meta VALUES ('index', ?)", (version,))

                if write(location, key, ds, extra) is None:
                    break
    db = sqlite3.connect(":memory:")
    fill(db)
    return db
