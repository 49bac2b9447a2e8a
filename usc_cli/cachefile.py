"""Where cache entries live: one per dataset and kind, named after the dataset's resolved directories.

Two datasets never evict each other. A relative ``XDG_CACHE_HOME`` or no home directory means no
cache at all: uscn then works without one, only slower. What is in the cache directory may be
anything (a FIFO, a symlink to /dev/zero, a truncated file): ``usc_cli.store`` trusts none of it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from usc_cli.locations import DataLocation, xdg_dir


def cache_dir() -> Path | None:
    """``$XDG_CACHE_HOME/uscn`` (or ``~/.cache/uscn``), or None when neither is a usable absolute path."""
    return xdg_dir("XDG_CACHE_HOME", ".cache")


def entry_path(kind: str, location: DataLocation, suffix: str) -> Path | None:
    """The one entry of ``kind`` for this dataset, or None when there is no usable cache."""
    directory = cache_dir()
    if directory is None:
        return None
    try:
        where = "\0".join(str(part.resolve()) for part in location.dirs())
    except (OSError, RuntimeError):
        return None
    name = hashlib.sha256(where.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return directory / f"{kind}-{name}{suffix}"
