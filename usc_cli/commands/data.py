"""The dataset a command reads: where it is (--data-dir / $USCN_DATA_DIR), and the one way to load it."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from usc_cli.locations import DataLocation, resolve_location

if TYPE_CHECKING:
    from usc_cli.dataset import Dataset


def location(ctx: typer.Context) -> DataLocation:
    """The data location chosen by --data-dir / $USCN_DATA_DIR, or the shipped dataset and the user's own."""
    root = ctx.find_root()
    option: Path | None = root.obj if isinstance(root.obj, Path) else None
    return resolve_location(option)


def warn_skipped(problems: list[Any]) -> None:
    """One warning line per file of the user's own left out of this run, naming the file and line."""
    for problem in problems:
        line = f":{problem.line}" if problem.line else ""
        where = f" at {problem.path}" if problem.path else ""
        sys.stderr.write(
            f"uscn: warning: left out your file {problem.file}{line}{where}: {problem.message}"
            " (`uscn validate` lists every problem)\n"
        )


def load(ctx: typer.Context, strict: bool = False) -> Dataset:
    """Load and verify the dataset the options name (raises DataError / DataDirError); see ``load_at``."""
    return load_at(location(ctx), strict)[0]


def load_at(where: DataLocation, strict: bool = False) -> tuple[Dataset, str]:
    """The one way every command loads a dataset: loaded and verified, with its content key (the
    store's and the search index's). A file with problems in the user's own directory is left out
    with one warning per file, unless ``strict`` (``uscn validate``: then every file is parsed and
    checked, never read from the store)."""
    from usc_cli.loader import load_dataset_keyed, load_dataset_lenient

    # Loading makes a few objects per byte of data and almost no garbage; the cyclic collector, run
    # every few hundred allocations, walked them again and again (45% of a 1,255-source load). The
    # dataset then lives until exit: frozen, later collections (a view's own objects) skip it.
    gc.disable()
    try:
        if strict:
            ds, key = load_dataset_keyed(where, from_files=True)
        else:
            ds, key, skipped = load_dataset_lenient(where)
            warn_skipped(skipped)
    finally:
        gc.enable()
    gc.freeze()
    return ds, key
