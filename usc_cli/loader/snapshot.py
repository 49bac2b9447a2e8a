"""Reading: the bytes of every file a load reads, each read once, and the hash they are keyed by.

The user's own directory is read too; a file of it byte-identical to a file uscn ships or once
shipped (``shipped_history``) is a copy left by the old ``sources add``: set apart, not read as data
(nor removed: no read deletes or changes a file).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from usc_cli.dataset import Origin
from usc_cli.ids import SOURCES_DIR
from usc_cli.locations import DataLocation, shipped_data_dir
from usc_cli.yamlfile import YamlProblem, read_bytes


class Snapshot:
    """The bytes of every file a load reads, each file read exactly once.

    The dataset is parsed from these bytes and the cache key is their hash, so a cached dataset is
    always the one these bytes give, however the files change during or after the load. Paths are
    followed through symlinks (a symlinked ``sources/`` or seed is read like any other).
    """

    def __init__(self, location: DataLocation, skip: frozenset[Path] = frozenset()) -> None:
        data_dir, seeds_dir = location.data_dir, location.seeds_dir
        self.tops = _listing(data_dir, (".yaml", ".yml"))
        sources_dir = data_dir / SOURCES_DIR
        self.sources = _listing(sources_dir, (".yaml", ".yml")) if sources_dir.is_dir() else []
        # the user's own directory: only what they added (copies of shipped files are set apart)
        self.user_tops: list[Path] = []
        self.user_sources: list[Path] = []
        user_seeds: list[Path] = []
        if location.user_dir is not None:
            self.user_tops = [p for p in _listing(location.user_dir, (".yaml", ".yml")) if p not in skip]
            self.user_sources = [
                p for p in _listing(location.user_dir / SOURCES_DIR, (".yaml", ".yml")) if p not in skip
            ]
            user_seeds = _listing(location.user_dir / "seeds", ())
        self.files: dict[Path, bytes | YamlProblem] = {}
        for path in [*self.tops, *self.sources, *_listing(seeds_dir, ())]:
            self.files[path] = _read(path)
        for path in [*self.user_tops, *self.user_sources, *user_seeds]:
            self.files[path] = _read(path)
        self.copies = [p for p in [*self.user_tops, *self.user_sources] if _is_copy(location, p, self.files[p])]
        self.user_tops = [p for p in self.user_tops if p not in self.copies]
        self.user_sources = [p for p in self.user_sources if p not in self.copies]

    def get(self, path: Path) -> bytes | YamlProblem:
        """The bytes read from ``path``, or the problem met reading it (a missing file included)."""
        found = self.files.get(path)
        if found is None:
            return YamlProblem(f"cannot read: {os.strerror(2)}")
        return found

    def origins(self, location: DataLocation) -> dict[str, Origin]:
        """Where each source's file is, by id (a file's name is its source's id)."""
        found = {path.stem: Origin("user", str(path)) for path in self.user_sources}
        kind = "shipped" if location.overlay or _same_file(location.data_dir, shipped_data_dir()) else "data-dir"
        found.update({path.stem: Origin(kind, str(path)) for path in self.sources})  # a copy is the shipped one
        return found

    def key(self, location: DataLocation) -> str:
        """A hash of the directories, every file's name, real path and bytes, and the code reading them."""
        digest = hashlib.sha256()
        for part in location.dirs():
            digest.update(_real(part).encode("utf-8", "surrogateescape") + b"\0")
        directories: dict[Path, str] = {}
        for path, raw in sorted(self.files.items()):
            digest.update(f"{path}\0{_real(path, directories)}\0".encode("utf-8", "surrogateescape"))
            if isinstance(raw, YamlProblem):
                digest.update(b"problem\0" + raw.message.encode() + b"\0")
            else:
                digest.update(b"bytes\0" + hashlib.sha256(raw).digest())
        return digest.hexdigest()


def _read(path: Path) -> bytes | YamlProblem:
    try:
        return read_bytes(path)
    except YamlProblem as exc:
        return exc


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return False


def _shipped_counterpart(location: DataLocation, relative: Path) -> Path:
    """The shipped file a file of the user's directory would be a copy of (same place in the layout)."""
    if relative.parts[0] == "seeds":
        return location.seeds_dir.joinpath(*relative.parts[1:])
    return location.data_dir / relative


def _is_copy(location: DataLocation, path: Path, raw: bytes | YamlProblem) -> bool:
    """True when a file of the user's directory is one of uscn's own data files, as shipped now or once."""
    from usc_cli.shipped_history import SHIPPED_FILES

    if location.user_dir is None or isinstance(raw, YamlProblem):
        return False
    relative = path.relative_to(location.user_dir)
    if (relative.as_posix(), hashlib.sha256(raw).hexdigest()) in SHIPPED_FILES:
        return True
    counterpart = _shipped_counterpart(location, relative)
    try:
        return counterpart.stat().st_size == len(raw) and counterpart.read_bytes() == raw
    except OSError:
        return False


def _real(path: Path, directories: dict[Path, str] | None = None) -> str:
    """``os.path.realpath``; a file that is not a symlink is its directory's real path (resolved once
    per directory in ``directories``) and its name."""
    try:
        if directories is not None and not os.path.islink(path):
            parent = directories.get(path.parent)
            if parent is None:
                parent = directories[path.parent] = os.path.realpath(path.parent)
            return os.path.join(parent, path.name)
        return os.path.realpath(path)
    except OSError:  # pragma: no cover - realpath does not raise on Linux
        return str(path)


def _listing(directory: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The files in ``directory`` (following a symlinked directory) with one of ``suffixes``, sorted.

    A name starting with a dot is not data: editors and systems leave such files beside the ones
    they touch (``.#x.yaml`` Emacs locks, ``._x.yaml`` macOS resource forks, ``.x.yaml.swp``).
    """
    try:
        with os.scandir(directory) as entries:
            names = [
                e.name for e in entries if not e.name.startswith(".") and (not suffixes or e.name.endswith(suffixes))
            ]
    except OSError:
        return []
    paths = [directory / name for name in sorted(names)]
    if suffixes:
        return paths
    return [p for p in paths if not p.is_dir()]
