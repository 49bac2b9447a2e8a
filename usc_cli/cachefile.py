"""Where cache entries live: one per dataset and kind, named after the dataset's resolved directories.

Two datasets never evict each other. A relative ``XDG_CACHE_HOME`` or no home directory means no
cache at all: uscn then works without one, only slower. What is in the cache directory may be
anything (a FIFO, a symlink to /dev/zero, a truncated file): ``usc_cli.store`` trusts none of it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from usc_cli.locations import DataLocation


def cache_dir() -> Path | None:
    """``$XDG_CACHE_HOME/uscn`` (or ``~/.cache/uscn``), or None when neither is a usable absolute path."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec: a relative value is invalid and must be ignored
        try:
            home = Path.home()
        except (RuntimeError, KeyError, OSError):  # HOME unset and no passwd entry
            return None
        if not home.is_absolute():
            return None
        base = str(home / ".cache")
    return Path(base) / "uscn"


def entry_path(kind: str, location: DataLocation, suffix: str) -> Path | None:
    """The one entry of ``kind`` for this dataset, or None when there is no usable cache."""
    directory = cache_dir()
    if directory is None:
        return None
    try:
        where = f"{location.data_dir.resolve()}\0{location.seeds_dir.resolve()}"
    except (OSError, RuntimeError):
        return None
    name = hashlib.sha256(where.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return directory / f"{kind}-{name}{suffix}"
