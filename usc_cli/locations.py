"""Where the dataset lives: the shipped copy plus the user's own additions, or exactly a --data-dir.

By default uscn reads the dataset it ships (inside the wheel, or the checkout) with the user's own
directory (``$XDG_DATA_HOME/uscn``, else ``~/.local/share/uscn``) laid over it: that directory
holds only what the user added (``sources/*.yaml``, their ``seeds/``, new issues, actors, frames,
events or agreements), so a corrected dataset in a new release reaches them. ``--data-dir DIR`` /
``$USCN_DATA_DIR`` reads exactly DIR, a complete dataset, with no overlay; naming the user's own
directory that way reads it as the overlay it is.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "USCN_DATA_DIR"

_PACKAGE = Path(__file__).resolve().parent


class DataLocation:
    """A data directory, the seeds directory its quotes are checked against, and an optional overlay.

    ``user_dir`` is the user's own directory read on top of ``data_dir`` (its seeds in
    ``user_dir/seeds``); None when the dataset is read exactly as it is (``--data-dir``) or when
    there is no home directory to keep one in.

    A plain class, not a dataclass: this module is on the path of ``--help`` and TAB completion,
    where importing ``dataclasses`` (and ``inspect``) buys nothing.
    """

    __slots__ = ("data_dir", "seeds_dir", "user_dir", "overlay")

    def __init__(self, data_dir: Path, seeds_dir: Path, user_dir: Path | None = None, overlay: bool = False) -> None:
        self.data_dir = data_dir
        self.seeds_dir = seeds_dir
        self.user_dir = user_dir
        # True when the user's directory is read on top of data_dir (even if it is None or absent)
        self.overlay = overlay or user_dir is not None

    def _parts(self) -> tuple[Path, Path, Path | None, bool]:
        return (self.data_dir, self.seeds_dir, self.user_dir, self.overlay)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DataLocation) and self._parts() == other._parts()

    def __hash__(self) -> int:
        return hash(self._parts())

    def __repr__(self) -> str:
        return f"DataLocation(data_dir={self.data_dir!r}, seeds_dir={self.seeds_dir!r}, user_dir={self.user_dir!r})"

    @property
    def user_seeds_dir(self) -> Path | None:
        """Where the seeds of the user's own sources are: ``user_dir/seeds``."""
        return None if self.user_dir is None else self.user_dir / "seeds"

    def dirs(self) -> tuple[Path, ...]:
        """Every directory this location reads, the shipped (or given) ones first."""
        return (self.data_dir, self.seeds_dir) + (() if self.user_dir is None else (self.user_dir,))

    def describe(self) -> str:
        """Where uscn looked, for a message: ``the shipped dataset and /home/a/.local/share/uscn``."""
        if not self.overlay:
            return str(self.data_dir)
        if self.user_dir is None:
            return "the shipped dataset only (no home directory for your own sources; set XDG_DATA_HOME)"
        if not self.user_dir.is_dir():
            return "the shipped dataset (you have added no sources of your own)"
        return f"the shipped dataset and {self.user_dir}"


def shipped_data_dir() -> Path:
    """The dataset that comes with uscn: inside the wheel, or the checkout for an editable install."""
    bundled = _PACKAGE / "_bundled" / "data"
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parent / "data"


def seeds_dir_for(data_dir: Path) -> Path:
    """Seeds live in ``DATA_DIR/seeds`` if present, else beside it (``DATA_DIR/../seeds``)."""
    inner = data_dir / "seeds"
    if inner.is_dir():
        return inner
    return data_dir.parent / "seeds"


def xdg_dir(variable: str, default: str) -> Path | None:
    """``$VARIABLE/uscn``, else ``~/DEFAULT/uscn``; None when neither is a usable absolute path.

    A relative value is ignored, as the XDG spec says; no home directory means no such directory.
    """
    base = os.environ.get(variable, "")
    if not os.path.isabs(base):
        try:
            home = Path.home()
        except (RuntimeError, KeyError, OSError):  # HOME unset and no passwd entry
            return None
        if not home.is_absolute():
            return None
        base = str(home / default)
    return Path(base) / "uscn"


def user_data_dir() -> Path | None:
    """The user's own directory, ``$XDG_DATA_HOME/uscn`` (or ``~/.local/share/uscn``), or None.

    With none (no home directory), uscn reads the shipped dataset alone.
    """
    return xdg_dir("XDG_DATA_HOME", ".local/share")


def _same_dir(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return False


def overlay_location() -> DataLocation:
    """The shipped dataset with the user's own directory (if there can be one) read on top."""
    shipped = shipped_data_dir()
    return DataLocation(shipped, seeds_dir_for(shipped), user_data_dir(), overlay=True)


def resolve_location(option: Path | None) -> DataLocation:
    """Pick the dataset: --data-dir, then $USCN_DATA_DIR (exactly that directory), else the overlay.

    A --data-dir that is the user's own directory is read as the overlay it is.
    """
    if option is not None:
        data_dir = option
    elif os.environ.get(ENV_DATA_DIR):
        data_dir = Path(os.environ[ENV_DATA_DIR])
    else:
        return overlay_location()
    try:
        data_dir = data_dir.expanduser()
    except RuntimeError:  # ~user that does not exist, or no home: keep it as typed (reported missing)
        pass
    user = user_data_dir()
    if user is not None and _same_dir(data_dir, user):
        return overlay_location()
    return DataLocation(data_dir=data_dir, seeds_dir=seeds_dir_for(data_dir))
