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


# --- 5. side files, control characters, a killed store build ------------------------------------------


def _dataset_copy(tmp_path: Path) -> Path:
    from tests.conftest import VALID_MIN

    target = tmp_path / "dataset"
    shutil.copytree(VALID_MIN, target)
    return target


def test_editor_and_os_side_files_in_a_data_directory_are_ignored(run: Run, tmp_path: Path) -> None:
    data = _dataset_copy(tmp_path)
    clean = run("--data-dir", str(data), "validate", "-f", "json")
    assert clean.exit_code == 0, clean.output
    (data / ".#issues.yaml").symlink_to("root@host.1234:1700000000")  # an Emacs lock: a dangling link
    (data / "._issues.yaml").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")  # AppleDouble
    (data / "sources" / "._mini.yaml").write_bytes(b"\x00\x05\x16\x07\xff\xfe")
    (data / "sources" / ".mini.yaml.swp").write_bytes(b"b0VIM 9.0")
    (data / ".hidden.yaml").write_text("not: [uscn\n", encoding="utf-8")
    result = run("--data-dir", str(data), "validate", "-f", "json")
    assert result.exit_code == 0, result.output
    assert result.stdout == clean.stdout


def test_side_files_in_the_users_directory_are_ignored(run: Run) -> None:
    mine = _user_dir()
    (mine / "sources").mkdir(parents=True)
    (mine / "seeds").mkdir()
    (mine / "._issues.yaml").write_bytes(b"\x00\x05\x16\x07")
    (mine / "sources" / ".#draft.yaml").symlink_to("nobody@nowhere.1:1")
    result = run("issues", "list")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


@pytest.mark.parametrize("escape", ["\\u0000", "\\x1b[31m", "\\r", "\\x7f", "\\u0085"])
def test_a_control_character_in_a_text_field_is_refused_in_one_line(run: Run, tmp_path: Path, escape: str) -> None:
    data = _dataset_copy(tmp_path)
    issues = data / "issues.yaml"
    raw = issues.read_text(encoding="utf-8")
    title = next(line for line in raw.splitlines() if line.strip().startswith("title:"))
    line = raw.splitlines().index(title) + 1
    issues.write_text(raw.replace(title, title.split(":")[0] + f': "Tariffs{escape} and trade"', 1), encoding="utf-8")
    result = run("--data-dir", str(data), "validate")
    assert result.exit_code == 65
    problems = [p for p in result.stderr.splitlines() if p.startswith("issues.yaml")]
    assert len(problems) == 1, result.stderr
    assert problems[0].startswith(f"issues.yaml:{line}:")
    assert "title" in problems[0] and "control character U+" in problems[0]
    assert "\x00" not in result.stderr and "\x1b" not in result.stderr


def test_tabs_and_line_breaks_stay_allowed_in_text(run: Run, tmp_path: Path) -> None:
    data = _dataset_copy(tmp_path)
    issues = data / "issues.yaml"
    raw = issues.read_text(encoding="utf-8")
    title = next(line for line in raw.splitlines() if line.strip().startswith("title:"))
    issues.write_text(raw.replace(title, title.split(":")[0] + ': "Tariffs\\tand\\ntrade"', 1), encoding="utf-8")
    result = run("--data-dir", str(data), "validate")
    assert result.exit_code == 0, result.output


def _dead_pid() -> int:
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_store_build_removes_the_temporary_files_of_killed_builds(run: Run) -> None:
    from usc_cli.cachefile import cache_dir

    directory = cache_dir()
    assert directory is not None
    directory.mkdir(parents=True)
    dead = directory / f".store-0123abcd.sqlite.{_dead_pid()}.k2j3h4.tmp"
    alive = directory / f".store-0123abcd.sqlite.{os.getpid()}.a1b2c3.tmp"  # a build still running
    other = directory / "notes.tmp"
    for path in (dead, alive, other):
        path.write_bytes(b"SQLite format 3\x00 half written")
    assert run("validate").exit_code == 0
    assert not dead.exists()
    assert alive.exists() and other.exists()


KILLED_BUILD = """
import os, sys, time
from usc_cli.store import writing
marker = sys.argv[1]
def stuck(*args, **kwargs):
    open(marker, "w").close()
    time.sleep(600)
writing.fill = stuck
sys.argv = ["uscn", "validate"]
from usc_cli.__main__ import main
main()
"""


def test_a_build_killed_with_sigkill_leaves_a_temporary_file_the_next_build_removes(run: Run, tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    from usc_cli.cachefile import cache_dir

    marker = tmp_path / "building"
    process = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(marker)], env=dict(os.environ))
    try:
        for _ in range(600):  # a bound on waiting for the build to start, not a timing check
            if marker.exists() or process.poll() is not None:
                break
            time.sleep(0.1)
        assert marker.exists()
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    directory = cache_dir()
    assert directory is not None
    assert len(list(directory.glob(".store-*.tmp"))) == 1
    assert run("validate").exit_code == 0
    assert list(directory.glob(".store-*.tmp")) == []


# --- 4. a corrupt store is never served ---------------------------------------------------------------

VIEWS = [
    ["compare", "taiwan"],
    ["compare", "trade-tariffs", "--context"],
    ["sources", "show", "hormats"],
    ["recommend", "--source", "hormats"],
    ["issues", "list"],
    ["actors", "list"],
    ["timeline"],
]


def _store() -> Path:
    from usc_cli import store
    from usc_cli.locations import resolve_location

    path = store.store_path(resolve_location(None))
    assert path is not None and path.exists()
    return path


def test_a_sound_store_serves_every_view_without_reading_the_dataset_again(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check of each quote against its article passes on a store as written (no false alarm)."""
    from usc_cli import loader

    expected = [run.json(*view) for view in VIEWS]

    def not_from_the_files(*_: object) -> None:
        raise AssertionError("loaded from the files, not served from the store")

    monkeypatch.setattr(loader, "_load_and_verify", not_from_the_files)
    assert [run.json(*view) for view in VIEWS] == expected


# Text in the store, each changed by one character where it is stored (every place, one at a time).
FLIPS = {
    "quote": ("coercively reunify with Taiwan", "coercively reunify with Taiwxn"),
    "summary": ("would also raise, the author expects", "would also raise, the author expecfs"),
    "holder": ("Chinese Communist Party", "Chinese Communist Parfy"),
    "title": ('"title":"Taiwan"', '"title":"Taiwbn"'),
    "offsets": ("[[1039, 1157]]", "[[1039, 1167]]"),
}


@pytest.mark.parametrize("what", sorted(FLIPS))
def test_a_byte_changed_in_the_store_is_never_served(run: Run, what: str) -> None:
    expected = run.json("compare", "taiwan")
    path = _store()
    pristine = path.read_bytes()
    old, new = (text.encode("utf-8") for text in FLIPS[what])
    places = [n for n in range(len(pristine)) if pristine.startswith(old, n)]
    assert places, what
    for place in places:
        path.write_bytes(pristine[:place] + new + pristine[place + len(old) :])
        assert run.json("compare", "taiwan") == expected, (what, place)
        assert run.json("compare", "taiwan") == expected  # and the store was written again
        path.write_bytes(pristine)


def test_validate_reads_the_files_even_with_a_store(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from usc_cli import loader

    run.ok("validate")
    loads: list[object] = []
    real = loader._load_and_verify

    def counted(*args: object) -> object:
        loads.append(args)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "_load_and_verify", counted)
    run.ok("validate")
    assert len(loads) == 1
