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


# --- 2. ``sources add --force`` is all-or-nothing ------------------------------------------------------

FIRST = (
    "Washington must press Beijing harder on fentanyl precursors flowing to Mexican cartels. "
    "Export controls on advanced chips should stay narrow.\n"
)
SECOND = "Beijing should open its markets to American farmers. Tariffs would hurt both economies.\n"


@pytest.fixture
def added(run: Run, tmp_path: Path) -> Path:
    """The user's directory after a first ``sources add`` of ``my-oped``; the second article beside it."""
    (tmp_path / "first.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "second.txt").write_text(SECOND, encoding="utf-8")
    result = run("sources", "add", str(tmp_path / "first.txt"), "--id", "my-oped")
    assert result.exit_code == 0, result.output
    return _user_dir()


def _fail_on(monkeypatch: pytest.MonkeyPatch, name: str, target: str, error: BaseException) -> None:
    """Make ``os.<name>`` raise ``error`` when its path argument (the last one) ends with ``target``."""
    real = getattr(os, name)

    def failing(*args: object, **kwargs: object) -> object:
        if str(args[-1]).endswith(target):
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, failing)


def _disk_full(monkeypatch: pytest.MonkeyPatch, target: str) -> None:
    """Writing the staged copy of ``target`` fails as on a full disk."""
    from usc_cli import writer

    real = writer._write_all

    def full(fd: int, data: bytes, path: Path) -> None:
        if str(path).endswith(target):
            raise OSError(28, "No space left on device")
        real(fd, data, path)

    monkeypatch.setattr(writer, "_write_all", full)


FAILURES = {
    "draft-symlink": lambda mp, mine: (
        (mine / "sources" / "my-oped.yaml").rename(mine.parent / "draft-elsewhere.yaml"),
        (mine / "sources" / "my-oped.yaml").symlink_to(mine.parent / "draft-elsewhere.yaml"),
    ),
    "sources-read-only": lambda mp, mine: _read_only(mp, mine / "sources"),
    "disk-full": lambda mp, mine: _disk_full(mp, "my-oped.yaml"),
    "ctrl-c-at-commit": lambda mp, mine: _fail_on(mp, "replace", "sources/my-oped.yaml", KeyboardInterrupt()),
    "error-at-commit": lambda mp, mine: _fail_on(mp, "replace", "sources/my-oped.yaml", OSError(5, "I/O error")),
}


def _read_only(monkeypatch: pytest.MonkeyPatch, directory: Path) -> None:
    """``directory`` refuses new files (as a read-only directory does, even when the tests run as root)."""
    import tempfile

    real = tempfile.mkstemp

    def refuse(*args: object, **kwargs: object) -> object:
        if Path(str(kwargs.get("dir"))) == directory:
            raise PermissionError(13, "Permission denied")
        return real(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(tempfile, "mkstemp", refuse)


@pytest.mark.parametrize("failure", sorted(FAILURES))
def test_a_failed_forced_add_leaves_the_previous_source_exactly_as_it_was(
    run: Run, added: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    with monkeypatch.context() as mp:
        FAILURES[failure](mp, added)
        before = _tree(added)
        result = run("sources", "add", str(tmp_path / "second.txt"), "--id", "my-oped", "--force")
        assert result.exit_code in (1, 130), result.output
        assert "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1, result.stderr
        assert _tree(added) == before
    assert run("validate").exit_code == 0
    assert "fentanyl" in (added / "seeds" / "my-oped.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("failure", ["disk-full", "ctrl-c-at-commit", "error-at-commit"])
def test_an_interrupted_first_add_leaves_no_orphan_article(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    (tmp_path / "first.txt").write_text(FIRST, encoding="utf-8")
    (_user_dir() / "seeds").mkdir(parents=True)
    with monkeypatch.context() as mp:
        FAILURES[failure](mp, _user_dir())
        result = run("sources", "add", str(tmp_path / "first.txt"), "--id", "my-oped")
        assert result.exit_code in (1, 130), result.output
    assert _tree(_user_dir()) == {"seeds": (b"", _user_dir().joinpath("seeds").lstat().st_mode)}
    assert run("validate").exit_code == 0


def test_a_half_copied_data_dir_is_rolled_back(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "first.txt").write_text(FIRST, encoding="utf-8")
    mine = tmp_path / "mine"
    mine.mkdir()
    copied: list[str] = []
    real = shutil.copy2

    def fill_up(src: str, dst: str, **kwargs: object) -> object:
        if len(copied) == 5:
            raise OSError(28, "No space left on device")
        copied.append(dst)
        return real(src, dst, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as mp:
        mp.setattr(shutil, "copy2", fill_up)
        result = run("--data-dir", str(mine), "sources", "add", str(tmp_path / "first.txt"), "--id", "my-oped")
    assert result.exit_code == 1, result.output
    assert result.stderr == f"uscn: error: cannot create the dataset in {mine}: No space left on device\n"
    assert len(copied) == 5 and list(mine.iterdir()) == []


def test_a_data_dir_copied_for_an_add_that_then_fails_is_rolled_back(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "first.txt").write_text(FIRST, encoding="utf-8")
    mine = tmp_path / "new" / "mine"
    with monkeypatch.context() as mp:
        _disk_full(mp, "my-oped.yaml")
        result = run("--data-dir", str(mine), "sources", "add", str(tmp_path / "first.txt"), "--id", "my-oped")
    assert result.exit_code == 1, result.output
    assert not mine.exists()


# --- 5. --force keeps a file's permissions and hard links ----------------------------------------------


def test_force_keeps_the_permissions_of_the_file_it_replaces(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "issues.json"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o600)
    assert run("issues", "list", "-f", "json", "-o", str(out), "--force").exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text(encoding="utf-8").startswith("{")


def test_force_writes_through_hard_links_in_place(run: Run, tmp_path: Path) -> None:
    out, link = tmp_path / "issues.json", tmp_path / "link.json"
    out.write_text("old\n", encoding="utf-8")
    os.link(out, link)
    inode = out.stat().st_ino
    assert run("issues", "list", "-f", "json", "-o", str(out), "--force").exit_code == 0
    assert out.stat().st_ino == inode and out.stat().st_nlink == 2
    assert link.read_bytes() == out.read_bytes() and out.read_text(encoding="utf-8").startswith("{")


def test_a_failed_write_through_a_hard_link_puts_the_old_content_back(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, link = tmp_path / "issues.json", tmp_path / "link.json"
    out.write_text("old content\n", encoding="utf-8")
    os.link(out, link)
    _disk_full(monkeypatch, "issues.json")
    result = run("issues", "list", "-f", "json", "-o", str(out), "--force")
    assert result.exit_code == 1
    assert result.stderr == f"uscn: error: cannot write {out}: No space left on device\n"
    assert out.read_text(encoding="utf-8") == link.read_text(encoding="utf-8") == "old content\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "cache") == ["issues.json", "link.json"]


# --- 3. ``export sqlite --force`` over a database in WAL mode --------------------------------------------


def _wal_database(path: Path) -> Path:
    """A WAL-mode database with edits still in its -wal file, as a crashed or running writer leaves it."""
    import sqlite3

    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA wal_autocheckpoint = 0")
    db.execute("CREATE TABLE issues (id TEXT PRIMARY KEY, title TEXT)")
    db.commit()
    db.executemany("INSERT INTO issues VALUES (?, ?)", [(f"old-{n}", "an edit of mine") for n in range(50)])
    db.commit()
    saved = {suffix: Path(f"{path}{suffix}").read_bytes() for suffix in ("-wal", "-shm")}
    db.close()  # checkpoints and removes the -wal; put the crashed writer's files back
    for suffix, raw in saved.items():
        Path(f"{path}{suffix}").write_bytes(raw)
    return path


def test_export_sqlite_force_over_a_wal_database_gives_a_clean_new_database(run: Run, tmp_path: Path) -> None:
    import sqlite3

    out = _wal_database(tmp_path / "uscn.db")
    result = run("export", "sqlite", str(out), "--force")
    assert result.exit_code == 0, result.output
    assert not Path(f"{out}-wal").exists() and not Path(f"{out}-shm").exists()
    db = sqlite3.connect(out)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        ids = [row[0] for row in db.execute("SELECT id FROM issues")]
        assert ids and not any(i.startswith("old-") for i in ids)
        assert "taiwan" in ids
    finally:
        db.close()


def test_a_failed_export_leaves_the_wal_database_as_it_was(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "out").mkdir()
    out = _wal_database(tmp_path / "out" / "uscn.db")
    before = _tree(tmp_path / "out")
    _fail_on(monkeypatch, "replace", "uscn.db", KeyboardInterrupt())
    result = run("export", "sqlite", str(out), "--force")
    assert result.exit_code == 130, result.output
    assert _tree(tmp_path / "out") == before
