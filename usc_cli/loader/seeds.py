"""The article texts (seeds) of the sources: each read from the snapshot and checked against its sha256."""

from __future__ import annotations

import hashlib
from pathlib import Path

from usc_cli.dataset import LoadedDataset, SeedText
from usc_cli.loader.problems import Collector
from usc_cli.loader.snapshot import Snapshot
from usc_cli.models import SourceFile
from usc_cli.yamlfile import Loc, YamlProblem, decode


def load_seeds(col: Collector, ds: LoadedDataset, source_files: dict[str, SourceFile], snapshot: Snapshot) -> None:
    """Each source's seed into ``ds.seeds``; a problem for a seed unsafe to open, unreadable or changed."""
    for file, content in source_files.items():
        src = content.source
        if ds.sources.get(src.id) is not src:
            continue  # a copy of a shipped source, or a duplicate (reported)
        user_seeds = col.location.user_seeds_dir if file in col.user_files else None
        seeds_dir = user_seeds or col.location.seeds_dir  # the user's sources quote the user's seeds
        loc: Loc = ("source", "seed")
        if Path(src.seed).name != src.seed or src.seed in ("", ".", ".."):
            col.add(file, loc, f"seed {src.seed!r} must be a plain file name inside {str(seeds_dir)!r}")
            continue
        path = seeds_dir / src.seed
        if path.is_symlink() and seeds_dir.resolve() not in path.resolve().parents:
            col.add(file, loc, f"seed {src.seed!r} is a symlink out of the seeds directory; refused")
            continue
        raw = snapshot.get(path)
        try:
            if isinstance(raw, YamlProblem):
                raise raw
            raw_text = decode(raw)
        except YamlProblem as exc:
            col.add(file, loc, f"seed {str(path)!r}: {exc.message}")
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if digest != src.sha256:
            col.add(file, ("source", "sha256"), f"seed {src.seed!r} has changed: its sha256 is {digest}")
        ds.seeds[src.id] = SeedText(raw_text, src.language)
        ds.seed_files[src.id] = str(path)
