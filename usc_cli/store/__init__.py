"""The dataset's store: one SQLite file per dataset, holding the verified dataset and its search index.

Keyed by content: the store's ``key`` is the hash of the bytes the loader read (``loader.snapshot.Snapshot``)
with uscn's code and its dependencies' versions (``full_key``). A store is used only when its key is
exactly this run's key; anything else (stale, corrupt, not a regular file, too large) is a miss: the
dataset is loaded from its files, and a new store is written beside the old one and renamed over it.
Only a dataset that passed every check is stored. One store per dataset directory
(``cachefile.entry_path``), so two datasets never evict each other.

A stored dataset reads only what a command shows: its tables are views that fetch one row by id
(``views.Keyed``), one position or recommendation by number (``views.Numbered``), one seed or one quote's spans
when asked, and answer per-issue and per-source questions from the lists of ``dataset.Index``, saved
as the in-memory dataset built them. A store found broken while it is read (SQLite or JSON errors)
turns into a miss in the middle of the command: the views answer from the dataset loaded from the
files, and the store is rewritten.

The package, a module per job: ``key`` (which code wrote a store, where it lives), ``rows`` (its
tables, a model as JSON and back, checksums), ``reader`` and ``quotes`` (rows read and checked),
``views`` (the tables of a stored dataset), ``reading`` (a dataset served from a store) and
``writing`` (a store made and renamed into place).
"""

from __future__ import annotations

from usc_cli.store.key import FORMAT, code_version, full_key, store_path
from usc_cli.store.reader import connect
from usc_cli.store.reading import open_dataset, stored_dataset
from usc_cli.store.rows import build
from usc_cli.store.writing import with_index, write

__all__ = [
    "FORMAT",
    "build",
    "code_version",
    "connect",
    "full_key",
    "open_dataset",
    "store_path",
    "stored_dataset",
    "with_index",
    "write",
]
