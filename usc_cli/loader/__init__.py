"""The one way a dataset is loaded, and the only code that reads data files.

Served from the dataset's store when one was built from exactly the bytes read now; otherwise read
(``snapshot``), parsed (``parsing``), joined (``assembly``) and verified (``verifying``: seeds and
their checksums, references, every quote located), and stored. One pass collects every problem
(syntax, schema, unknown field, duplicate id, dangling reference, quote not found, seed missing or
changed) and raises one DataError listing them all.

By default it reads two directories as one dataset (``locations``): the shipped dataset and, laid
over it, the user's own directory, which adds sources (with their seeds), issues, actors, frames,
events and agreements. An id the user's files share with the shipped dataset is an error naming both
files, unless the user's item is identical to the shipped one: then it is a copy and read once. A
user file byte-identical to a file uscn ships or once shipped (``shipped_history``) is a copy left by
the old ``sources add`` and is not read at all (nor removed: no read deletes or changes a file).
"""

from __future__ import annotations

import os
from pathlib import Path

from usc_cli.dataset import Dataset, LoadedDataset
from usc_cli.errors import DataDirError, DataError, Problem
from usc_cli.ids import SOURCES_DIR
from usc_cli.loader.snapshot import Snapshot
from usc_cli.locations import DataLocation


def load_dataset(location: DataLocation, from_files: bool = False) -> Dataset:
    """Load and verify the dataset at ``location``; raise DataError listing every problem.

    ``from_files``: parse and check every file even when a store holds this dataset (``validate``).
    """
    return load_dataset_keyed(location, from_files)[0]


def load_dataset_lenient(location: DataLocation) -> tuple[Dataset, str, list[Problem]]:
    """The dataset and its content key, leaving out the files of the user's own directory that have
    problems (the first problem of each returned, for a warning): a broken draft must not stop every
    command. Problems in the shipped data (or a --data-dir) still raise DataError, as ``uscn
    validate`` always does."""
    user = location.user_dir
    problems: list[Problem] = []
    skipped: frozenset[Path] = frozenset()
    for _ in range(3):  # a file left out may leave another of the user's pointing at it: leave that out too
        try:
            dataset, key = load_dataset_keyed(location, skip=skipped)
        except DataError as exc:
            files = {Path(p.file) for p in exc.problems}
            if user is None or not all(f.is_relative_to(user) for f in files) or files <= skipped:
                raise DataError(problems + exc.problems) from None
            problems += exc.problems
            skipped |= files
            continue
        first = {p.file: p for p in reversed(problems)}
        return dataset, key, sorted(first.values())
    raise DataError(problems)


def load_dataset_keyed(
    location: DataLocation, from_files: bool = False, skip: frozenset[Path] = frozenset()
) -> tuple[Dataset, str]:
    """The dataset and the content key of the bytes it was built from (the store's key); ``skip``:
    files of the user's own directory to leave out.

    Read from the dataset's store when one built from exactly these bytes exists (unless
    ``from_files``); otherwise loaded from these bytes, verified and stored.
    """
    from usc_cli import store

    _check_data_dir(location)
    snapshot = Snapshot(location, skip)
    key = store.full_key(snapshot.key(location))

    def load() -> Dataset:
        dataset = _load_and_verify(location, snapshot)
        store.write(location, key, dataset)
        return dataset

    dataset = load() if from_files else store.open_dataset(location, key, load, snapshot.files)
    dataset.origins = snapshot.origins(location)  # where each file was read from: not part of the store
    return dataset, key


def _check_data_dir(location: DataLocation) -> None:
    data_dir = location.data_dir
    if not data_dir.exists():
        raise DataDirError(f"data directory {str(data_dir)!r} does not exist")
    if not data_dir.is_dir():
        raise DataDirError(f"data directory {str(data_dir)!r} is not a directory")
    if not os.access(data_dir, os.R_OK | os.X_OK):
        raise DataDirError(f"data directory {str(data_dir)!r} is not readable")
    if not any(data_dir.glob("*.yaml")) and not (data_dir / SOURCES_DIR).is_dir():
        raise DataDirError(f"data directory {str(data_dir)!r} holds no uscn data (no *.yaml files)")
    user = location.user_dir
    if user is None or not user.exists():
        return  # no additions of the user's: the shipped dataset alone
    if not user.is_dir():
        raise DataDirError(f"your data directory {str(user)!r} is not a directory (it holds your own sources)")
    if not os.access(user, os.R_OK | os.X_OK):
        raise DataDirError(f"your data directory {str(user)!r} is not readable (it holds your own sources)")


def _load_and_verify(location: DataLocation, snapshot: Snapshot) -> LoadedDataset:
    """The dataset the snapshot's bytes give: parsed, joined and verified; DataError listing every problem."""
    # Imported here: a run served from the store parses and verifies nothing.
    from usc_cli.loader.assembly import assemble
    from usc_cli.loader.parsing import parse_files
    from usc_cli.loader.problems import Collector
    from usc_cli.loader.verifying import verify

    col = Collector(location)
    tops, source_files = parse_files(col, snapshot)
    dataset, placed = assemble(col, tops, source_files)
    verify(col, dataset, placed, source_files, snapshot)
    if col.problems:
        raise DataError(col.problems)
    return dataset
