"""Where cache entries live, and reading and writing one entry without trusting what is there.

One entry per dataset and kind, named after the dataset's resolved directories, so two datasets never
evict each other. What is in the cache directory may be anything (a FIFO, a symlink to /dev/zero, a
truncated file): an entry is opened without following symlinks and without blocking, must be a
regular file, and is read up to a bound. A relative ``XDG_CACHE_HOME`` or no home directory means
no cache at all: uscn then works without one, only slower.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from pathlib import Path

from usc_cli.locations import DataLocation, xdg_dir

MAX_ENTRY_BYTES = 512 * 1024 * 1024


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


def read_entry(path: Path, limit: int = MAX_ENTRY_BYTES) -> bytes | None:
    """The bytes of a regular file of at most ``limit`` bytes at ``path``; None for anything else."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks: list[bytes] = []
        left = info.st_size + 1  # one byte more than announced tells a file that grew
        while left > 0:
            chunk = os.read(fd, min(left, 1024 * 1024))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        return data if len(data) == info.st_size else None
    except OSError:
        return None
    finally:
        os.close(fd)


def write_entry(path: Path, data: bytes) -> None:
    """Replace the entry at ``path`` atomically; a cache that cannot be written only costs speed.

    The temporary file is removed on any exception, Ctrl-C included.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)  # replaces a symlink or FIFO itself, never what it points to
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)  # already renamed on success: nothing to remove
