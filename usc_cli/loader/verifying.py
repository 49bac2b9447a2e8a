"""Verifying: the cross-file checks of a joined dataset (references, seeds and their checksums, quotes,
gaps), run in order; a new check is one function added to ``SOURCE_CHECKS`` or ``DATASET_CHECKS``."""

from __future__ import annotations

from usc_cli.dataset import LoadedDataset
from usc_cli.loader.assembly import Placed
from usc_cli.loader.checker import Checker
from usc_cli.loader.dataset_checks import DATASET_CHECKS
from usc_cli.loader.problems import Collector
from usc_cli.loader.seeds import load_seeds
from usc_cli.loader.snapshot import Snapshot
from usc_cli.loader.source_checks import SOURCE_CHECKS
from usc_cli.models import SourceFile


def verify(
    col: Collector, ds: LoadedDataset, placed: Placed, source_files: dict[str, SourceFile], snapshot: Snapshot
) -> None:
    """Load the seeds, then run every check: each source file's, then the top-level files'."""
    load_seeds(col, ds, source_files, snapshot)
    checker = Checker(col, ds, placed)
    for file, content in source_files.items():
        if ds.sources.get(content.source.id) is not content.source:
            continue  # a copy of a shipped source, or a second file of the same id (reported)
        for source_check in SOURCE_CHECKS:
            source_check(checker, file, content)
    for check in DATASET_CHECKS:
        check(checker)
