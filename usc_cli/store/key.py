"""The store's key: which code and which dependencies wrote it, and where a dataset's store lives."""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from importlib.util import find_spec
from pathlib import Path

from usc_cli.cachefile import entry_path
from usc_cli.locations import DataLocation

FORMAT = "uscn-store-4"  # 4: dataclass rows, every field; 3: a seed's language; 2: a checksum on every row
MAX_STORE_BYTES = 1024 * 1024 * 1024
_PACKAGE = Path(__file__).resolve().parent.parent  # usc_cli


def code_version() -> str:
    """A hash of uscn's own modules, with PyYAML's, pydantic's, SQLite's and Python's versions."""
    versions = (FORMAT, sys.version, sqlite3.sqlite_version)
    digest = hashlib.sha256("\0".join(versions).encode())
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(_PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
    # found without importing them (a run the store serves imports neither): PyYAML's __init__ carries
    # its version, pydantic's version module its own and the pydantic-core version it requires
    for module, file in (("yaml", None), ("pydantic", "version.py")):
        spec = find_spec(module)
        if spec is not None and spec.origin:
            origin = Path(spec.origin)
            digest.update((origin.parent / file if file else origin).read_bytes())
    return digest.hexdigest()


def full_key(content_key: str) -> str:
    """The store key of a dataset built from files whose content hash is ``content_key``."""
    return hashlib.sha256(f"{content_key}\0{code_version()}".encode()).hexdigest()


def store_path(location: DataLocation) -> Path | None:
    """Where this dataset's store lives, or None when there is no usable cache directory."""
    return entry_path("store", location, ".sqlite")
