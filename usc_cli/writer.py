"""Writing files safely: never over an existing file without --force, via a temp file and rename."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

from usc_cli.errors import UscnError
from usc_cli.locations import DataLocation, shipped_data_dir


class WriteError(UscnError):
    """A file that cannot or may not be written."""


def atomic_write(path: Path, data: bytes, force: bool = False, make_parents: bool = True) -> None:
    """Write ``data`` to ``path`` whole or not at all; refuse to replace a file unless ``force``.

    The file gets the permissions a plain ``open()`` would give it (0666 less the umask).
    """
    try:
        mode: int | None = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    if mode is not None:
        if stat.S_ISDIR(mode):
            raise WriteError(f"cannot write {path}: it is a directory")
        if stat.S_ISLNK(mode):  # dangling or not: replacing the link would not write where it points
            raise WriteError(f"will not write {path}: it is a symbolic link; give the file it points to")
        if not stat.S_ISREG(mode):
            raise WriteError(f"will not write {path}: it is not a regular file (a device, FIFO or socket)")
        if not force:
            raise WriteError(f"{path} exists; pass --force to overwrite it")
    if not make_parents and not path.parent.is_dir():
        raise WriteError(f"cannot write {path}: no such directory {path.parent}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            os.fchmod(handle.fileno(), 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:  # also on Ctrl-C between the write and the rename
        if os.path.lexists(tmp):
            os.unlink(tmp)


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


def remove_copies(copies: list[Path], user_dir: Path) -> str:
    """Delete the copies of uscn's own data files from the user's directory; a one-line notice to print.

    The old ``sources add`` copied the whole shipped dataset there. The copies are byte-identical to
    files uscn ships or once shipped, so nothing of the user's is lost; they are never read either way.
    """
    failed: OSError | None = None
    removed = 0
    for path in copies:
        try:
            path.unlink()
            removed += 1
        except FileNotFoundError:
            pass
        except OSError as exc:
            failed = failed or exc
    files = f"{len(copies)} cop{'ies' if len(copies) != 1 else 'y'} of uscn's own data files"
    if failed is not None:
        return (
            f"uscn: note: {user_dir} holds {files}, left by an older 'uscn sources add'; they are not read "
            f"(cannot remove them: {failed.strerror or failed})"
        )
    return (
        f"uscn: removed {files} from {user_dir} (left by an older 'uscn sources add'); "
        "uscn reads its own dataset and only your additions from there"
    )


def ensure_user_dataset(target: Path) -> bool:
    """Make ``target`` a dataset (a copy of the shipped one) unless it already is one; True if copied."""
    shipped = shipped_data_dir().resolve()
    if target.resolve() == shipped or shipped in target.resolve().parents:
        raise WriteError(f"will not write into uscn's own dataset ({shipped}); pass --data-dir DIR for yours")
    if target.exists() and not target.is_dir():
        raise WriteError(f"{target} is not a directory")
    if target.is_dir() and any(target.glob("*.yaml")):
        return False
    if target.is_dir() and any(target.iterdir()):
        raise WriteError(f"{target} is not empty and holds no uscn data; choose another --data-dir")
    try:
        shutil.copytree(shipped, target, dirs_exist_ok=True)
        shutil.copytree(shipped.parent / "seeds", target / "seeds", dirs_exist_ok=True)
    except OSError as exc:
        raise WriteError(f"cannot create the dataset in {target}: {exc.strerror or exc}") from None
    return True


def remove_together(paths: list[Path]) -> list[Path]:
    """Remove every file of ``paths`` (those that exist) or none: each is first renamed aside, and a
    failure renames back the ones already moved."""
    moved: list[tuple[Path, Path]] = []
    try:
        for path in paths:
            if path.exists():
                aside = path.with_name(f".{path.name}.removing")
                path.rename(aside)
                moved.append((path, aside))
    except BaseException as exc:
        for path, aside in reversed(moved):
            aside.rename(path)
        if isinstance(exc, OSError):
            raise WriteError(f"cannot remove {exc.filename}: {exc.strerror}") from None
        raise
    for _, aside in moved:
        aside.unlink(missing_ok=True)
    return [path for path, _ in moved]
