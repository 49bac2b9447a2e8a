"""Writing files safely: never over an existing file without --force, via a temp file and rename."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from usc_cli.errors import UscnError
from usc_cli.locations import DataLocation, shipped_data_dir


class WriteError(UscnError):
    """A file that cannot or may not be written."""


def atomic_write(path: Path, data: bytes, force: bool = False, make_parents: bool = True) -> None:
    """Write ``data`` to ``path`` whole or not at all; refuse to replace a file unless ``force``."""
    write_files([(path, data)], force, make_parents)


def write_files(
    files: Sequence[tuple[Path, bytes]],
    force: bool = False,
    make_parents: bool = True,
    remove: Sequence[Path] = (),
) -> None:
    """Write every file whole, and remove the files ``remove`` names (those that exist), or leave
    every one as it was (any exception, Ctrl-C included).

    Each file is checked, then staged as a temporary file beside it, and only then are all of them
    put in place, in order; a failure while putting them in place puts back the files already
    replaced (and removes those that are new, and the directories made for them). A replaced file
    keeps its permissions; a file with other hard links is rewritten in place, so that every link
    sees the new content (as ``cp`` and editors do), its old content written back on a failure. A new
    file gets the permissions a plain ``open()`` would give it (0666 less the umask).
    """
    found = [_existing(path, force, make_parents) for path, _ in files]
    made: list[Path] = []  # directories made for new files
    staged: list[str | None] = []
    done: list[_Undo] = []
    current = files[0][0] if files else Path()
    try:
        for (current, data), info in zip(files, found, strict=True):
            if make_parents:
                made += _make_dirs(current.parent)
            staged.append(None if _in_place(info) else _stage(current, data, info))
        for current in remove:
            if os.path.lexists(current):
                done.append(_put_aside(current))
        for (current, data), info, tmp in zip(files, found, staged, strict=True):
            done.append(_put(current, data, info, tmp))
    except BaseException as exc:
        for step in reversed(done):
            with contextlib.suppress(OSError):
                step.undo()
        _remove(staged)
        for directory in reversed(made):
            with contextlib.suppress(OSError):
                directory.rmdir()
        if isinstance(exc, OSError):
            raise WriteError(f"cannot write {current}: {exc.strerror or exc}") from None
        raise
    finally:
        _remove(staged)
    for step in done:
        with contextlib.suppress(OSError):
            step.drop()


def _remove(staged: list[str | None]) -> None:
    for tmp in staged:
        if tmp is not None and os.path.lexists(tmp):
            os.unlink(tmp)


class _Undo:
    """How to take back one file put in place: ``undo`` restores the old state, ``drop`` forgets it."""

    def __init__(self, path: Path, backup: Path | None = None, old: bytes | None = None) -> None:
        self.path, self.backup, self.old = path, backup, old

    def undo(self) -> None:
        if self.old is not None:  # rewritten in place: write the old content back
            _rewrite(self.path, self.old, _restore)
        elif self.backup is not None:
            os.replace(self.backup, self.path)
            self.backup = None
        else:  # a new file
            os.unlink(self.path)

    def drop(self) -> None:
        if self.backup is not None:
            self.backup.unlink(missing_ok=True)


def _existing(path: Path, force: bool, make_parents: bool) -> os.stat_result | None:
    """The file ``path`` is now (None: there is none), or WriteError when it may not be written."""
    try:
        info: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise WriteError(f"cannot write {path}: it is a directory")
        if stat.S_ISLNK(info.st_mode):  # dangling or not: replacing the link would not write where it points
            raise WriteError(f"will not write {path}: it is a symbolic link; give the file it points to")
        if not stat.S_ISREG(info.st_mode):
            raise WriteError(f"will not write {path}: it is not a regular file (a device, FIFO or socket)")
        if not force:
            raise WriteError(f"{path} exists; pass --force to overwrite it")
    if not make_parents and not path.parent.is_dir():
        raise WriteError(f"cannot write {path}: no such directory {path.parent}")
    return info


def _in_place(info: os.stat_result | None) -> bool:
    return info is not None and info.st_nlink > 1


def _make_dirs(directory: Path) -> list[Path]:
    """Make ``directory`` and its missing parents; the ones made, outermost first."""
    missing: list[Path] = []
    while not directory.exists():
        missing.append(directory)
        directory = directory.parent
    made: list[Path] = []
    for path in reversed(missing):
        path.mkdir()
        made.append(path)
    return made


def _write_all(fd: int, data: bytes, path: Path) -> None:
    """Write all of ``data`` to ``fd`` (the file for ``path``) and flush it to the disk."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)


def _stage(path: Path, data: bytes, info: os.stat_result | None) -> str:
    """``data`` in a new temporary file beside ``path``, with the mode ``path`` has or would get."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask())
        if info is not None and info.st_uid != os.geteuid():
            with contextlib.suppress(OSError):
                os.fchown(fd, info.st_uid, info.st_gid)
        _write_all(fd, data, path)
    except BaseException:
        os.close(fd)
        os.unlink(tmp)
        raise
    os.close(fd)
    return tmp


def _rewrite(path: Path, data: bytes, write: Callable[[int, bytes, Path], None]) -> None:
    """Write ``data`` over the file ``path`` itself (its inode, and so every hard link of it)."""
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        write(fd, data, path)
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    finally:
        os.close(fd)


def _put(path: Path, data: bytes, info: os.stat_result | None, tmp: str | None) -> _Undo:
    """Put the new content of ``path`` in place; what undoes it."""
    if tmp is None:  # other hard links: rewrite the same file
        step = _Undo(path, old=path.read_bytes())
        try:
            _rewrite(path, data, _write_all)
        except BaseException:
            step.undo()
            raise
        return step
    if info is None:
        os.replace(tmp, path)
        return _Undo(path)
    backup = path.parent / f".{path.name}.{secrets.token_hex(6)}.old"
    try:
        os.link(path, backup)
    except OSError:  # a file system without hard links: a copy will do
        shutil.copy2(path, backup)
    try:
        os.replace(tmp, path)
    except BaseException:
        os.unlink(backup)
        raise
    return _Undo(path, backup=backup)


def _put_aside(path: Path) -> _Undo:
    """Remove ``path`` (a link to it is kept aside until every file is in place)."""
    backup = path.parent / f".{path.name}.{secrets.token_hex(6)}.old"
    os.rename(path, backup)
    return _Undo(path, backup=backup)


def _restore(fd: int, data: bytes, path: Path) -> None:
    """Write old content back (into blocks the file already had: a full disk does not stop it)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def user_dir_for_writing(location: DataLocation) -> Path:
    """The user's own directory, where ``sources add`` writes by default; an error when there is none."""
    if location.user_dir is None:
        raise WriteError(
            "there is no home directory to keep your sources in (HOME and XDG_DATA_HOME are unset or "
            "relative); set XDG_DATA_HOME, or pass --data-dir DIR"
        )
    shipped = shipped_data_dir().resolve()
    target = location.user_dir.resolve()
    if target == shipped or shipped in target.parents:
        raise WriteError(f"will not write into uscn's own dataset ({shipped}); set XDG_DATA_HOME elsewhere")
    if location.user_dir.exists() and not location.user_dir.is_dir():
        raise WriteError(f"{location.user_dir} (your data directory) is not a directory")
    return location.user_dir


@contextmanager
def dataset_for_writing(target: Path) -> Iterator[bool]:
    """Make ``target`` a dataset (a copy of the shipped one) unless it already is one; yield True if
    copied. A copy that fails half-way, or that the ``with`` block then fails to use (any exception),
    is removed again: ``target`` is left absent or empty, as it was."""
    shipped = shipped_data_dir().resolve()
    if target.resolve() == shipped or shipped in target.resolve().parents:
        raise WriteError(f"will not write into uscn's own dataset ({shipped}); pass --data-dir DIR for yours")
    if target.exists() and not target.is_dir():
        raise WriteError(f"{target} is not a directory")
    if target.is_dir() and any(target.glob("*.yaml")):
        yield False
        return
    if target.is_dir() and any(target.iterdir()):
        raise WriteError(f"{target} is not empty and holds no uscn data; choose another --data-dir")
    made = _make_dirs(target)
    try:
        try:
            shutil.copytree(shipped, target, dirs_exist_ok=True, copy_function=_copy)
            shutil.copytree(shipped.parent / "seeds", target / "seeds", dirs_exist_ok=True, copy_function=_copy)
        except (_CopyFailed, OSError) as exc:
            error = exc.error if isinstance(exc, _CopyFailed) else exc
            raise WriteError(f"cannot create the dataset in {target}: {error.strerror or error}") from None
        yield True
    except BaseException:
        for child in target.iterdir() if target.is_dir() else ():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
        for directory in reversed(made):
            with contextlib.suppress(OSError):
                directory.rmdir()
        raise


class _CopyFailed(Exception):
    """A file of the dataset could not be copied (not an OSError: ``copytree`` would go on copying)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


def _copy(src: str, dst: str) -> object:
    try:
        return shutil.copy2(src, dst)
    except OSError as exc:
        raise _CopyFailed(exc) from None
