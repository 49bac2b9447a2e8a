"""Data loss and corruption (issue 22): read commands change nothing, writes are all-or-nothing,
a corrupt store is never served, and hostile bytes in a data directory get one clear line."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from tests.conftest import Run
from usc_cli import locations
from usc_cli.locations import shipped_data_dir


def _user_dir() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "uscn"


def _tree(root: Path) -> dict[str, tuple[bytes | str, int]]:
    """Every entry under ``root`` (not following symlinks below it): its bytes or link target, and mode."""
    found: dict[str, tuple[bytes | str, int]] = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            found[path.relative_to(root).as_posix()] = (os.readlink(path), info.st_mode)
        elif stat.S_ISREG(info.st_mode):
            found[path.relative_to(root).as_posix()] = (path.read_bytes(), info.st_mode)
        else:
            found[path.relative_to(root).as_posix()] = (b"", info.st_mode)
    return found


# --- 1. no read command deletes or modifies anything ---------------------------------------------------


def _checkout(root: Path) -> Path:
    """A tree shaped like a git clone of uscn: data/, seeds/ and a few other files."""
    shutil.copytree(shipped_data_dir(), root / "data")
    shutil.copytree(shipped_data_dir().parent / "seeds", root / "seeds")
    (root / "pyproject.toml").write_text("[project]\nname = 'uscn'\n", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("command", [["issues", "list"], ["validate"], ["sources", "list"], ["compare", "taiwan"]])
def test_a_clone_of_uscn_in_the_users_directory_survives_a_read_command(run: Run, command: list[str]) -> None:
    mine = _checkout(_user_dir())
    (mine / "seeds" / "cnn-analysis.txt").chmod(0o600)
    before = _tree(mine)
    result = run(*command)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert _tree(mine) == before


def test_a_symlink_to_the_checkouts_data_survives_and_the_dataset_stays_readable(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checkout = _checkout(tmp_path / "checkout")
    monkeypatch.setattr(locations, "_PACKAGE", checkout / "usc_cli")  # uscn run from that checkout
    assert shipped_data_dir() == checkout / "data"
    _user_dir().parent.mkdir(parents=True)
    _user_dir().symlink_to(checkout / "data")
    before = _tree(checkout)
    for _ in range(2):
        result = run("issues", "list")
        assert result.exit_code == 0, result.output
        assert result.stderr == ""
    assert _tree(checkout) == before
