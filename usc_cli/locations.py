"""Where the dataset lives: the copy shipped in the wheel, the checkout, or a user's --data-dir."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "USCN_DATA_DIR"

_PACKAGE = Path(__file__).resolve().parent


class DataLocation:
    """A data directory and the seeds directory whose texts its quotes are checked against.

    A plain class, not a dataclass: this module is on the path of ``--help`` and TAB completion,
    where importing ``dataclasses`` (and ``inspect``) buys nothing.
    """

    __slots__ = ("data_dir", "seeds_dir")

    def __init__(self, data_dir: Path, seeds_dir: Path) -> None:
        self.data_dir = data_dir
        self.seeds_dir = seeds_dir

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DataLocation) and (self.data_dir, self.seeds_dir) == (other.data_dir, other.seeds_dir)

    def __hash__(self) -> int:
        return hash((self.data_dir, self.seeds_dir))

    def __repr__(self) -> str:
        return f"DataLocation(data_dir={self.data_dir!r}, seeds_dir={self.seeds_dir!r})"


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


def resolve_location(option: Path | None) -> DataLocation:
    """Pick the data directory: --data-dir, then $USCN_DATA_DIR, then the shipped dataset."""
    if option is not None:
        data_dir = option
    elif os.environ.get(ENV_DATA_DIR):
        data_dir = Path(os.environ[ENV_DATA_DIR])
    else:
        data_dir = shipped_data_dir()
    try:
        data_dir = data_dir.expanduser()
    except RuntimeError:  # ~user that does not exist, or no home: keep it as typed (reported missing)
        pass
    return DataLocation(data_dir=data_dir, seeds_dir=seeds_dir_for(data_dir))
