"""The validated dataset cache: keyed by the bytes read, one entry per dataset, never trusts its directory."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, NO_PASSWD_ENTRY, VALID_MIN, Run, same_size_edit
from usc_cli import datacache, loader
from usc_cli.cachefile import cache_dir, entry_path, write_entry
from usc_cli.errors import DataError
from usc_cli.loader import load_dataset, load_dataset_keyed
from usc_cli.locations import resolve_location


def _cache() -> Path:
    directory = cache_dir()
    assert directory is not None
    return directory


def _entries() -> list[Path]:
    return sorted(_cache().glob("dataset-*"))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A private copy of the minimal dataset (seeds inside it)."""
    target = tmp_path / "data"
    shutil.copytree(VALID_MIN, target)
    return target


def test_the_cached_dataset_equals_the_loaded_one() -> None:
    location = resolve_location(None)
    fresh, key = load_dataset_keyed(location)
    [entry] = _entries()
    cached = datacache.read(location, key)
    assert cached is not None
    assert cached.counts() == fresh.counts()
    assert cached.positions == fresh.positions and cached.recommendations == fresh.recommendations
    assert cached.issues == fresh.issues and cached.actors == fresh.actors and cached.events == fresh.events
    assert cached.spans == fresh.spans
    assert {k: v.text for k, v in cached.seeds.items()} == {k: v.text for k, v in fresh.seeds.items()}
    assert entry.exists()


def test_a_corrupt_entry_is_rebuilt() -> None:
    location = resolve_location(VALID_MIN)
    _, key = load_dataset_keyed(location)
    [entry] = _entries()
    entry.write_text('{"key": "x"')
    assert datacache.read(location, key) is None
    assert "export-controls" in load_dataset(location).issues
    assert datacache.read(location, key) is not None


def test_a_changed_file_replaces_the_datasets_one_entry(data: Path) -> None:
    location = resolve_location(data)
    load_dataset(location)
    issues = data / "issues.yaml"
    issues.write_text(issues.read_text().replace("title: Fisheries", "title: Fishing"))
    assert load_dataset(location).issues["fisheries"].title == "Fishing"
    assert len(_entries()) == 1


def test_two_datasets_do_not_evict_each_other(data: Path) -> None:
    first, second = resolve_location(VALID_MIN), resolve_location(data)
    _, first_key = load_dataset_keyed(first)
    _, second_key = load_dataset_keyed(second)
    assert len(_entries()) == 2
    assert datacache.read(first, first_key) is not None
    assert datacache.read(second, second_key) is not None


def test_invalid_data_is_never_cached() -> None:
    with pytest.raises(DataError):
        load_dataset(resolve_location(FIXTURES / "quote_not_found"))
    assert _entries() == []


def test_a_same_size_seed_edit_with_its_mtime_restored_is_seen(run: Run, data: Path) -> None:
    assert run("--data-dir", str(data), "validate").exit_code == 0
    same_size_edit(data / "seeds" / "tiny.txt", b"Ann Example", b"Ann Exampel")
    result = run("--data-dir", str(data), "validate")
    assert result.exit_code == 65, result.output
    assert "has changed" in result.stderr


def test_a_same_size_issues_edit_with_its_mtime_restored_is_seen(run: Run, data: Path) -> None:
    assert run("--data-dir", str(data), "validate").exit_code == 0
    same_size_edit(data / "issues.yaml", b"related: [fisheries]", b"related: [fisherian]")
    result = run("--data-dir", str(data), "validate")
    assert result.exit_code == 65, result.output
    assert "unknown issue 'fisherian'" in result.stderr


def test_a_symlinked_sources_directory_is_read(run: Run, data: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (data / "sources").rename(elsewhere)
    (data / "sources").symlink_to(elsewhere, target_is_directory=True)
    assert run("--data-dir", str(data), "validate").exit_code == 0
    source = elsewhere / "tiny.yaml"
    source.write_text(source.read_text() + "positions: [\n")  # breaks the YAML
    result = run("--data-dir", str(data), "validate")
    assert result.exit_code == 65, result.output
    assert "sources/tiny.yaml" in result.stderr


def test_a_file_changed_during_a_load_leaves_no_entry_from_no_file(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The source file changes after the load began; the entry must hold what its key's bytes say."""
    source = data / "sources" / "tiny.yaml"
    original = source.read_bytes()
    edited = original.replace(b"protect national security.", b"protect something else.!!")
    parse = loader.parse_yaml
    calls = []

    def parse_while_someone_edits(text: str) -> object:
        calls.append(text)
        if len(calls) == 1:
            source.write_bytes(edited)  # lands between the start of the load and the source's parse
        return parse(text)

    location = resolve_location(data)
    monkeypatch.setattr(loader, "parse_yaml", parse_while_someone_edits)
    during = load_dataset(location)
    monkeypatch.setattr(loader, "parse_yaml", parse)
    assert calls
    source.write_bytes(original)
    summaries = {p.summary for p in load_dataset(location).positions}
    assert "Export controls on chips protect national security." in summaries
    source.write_bytes(edited)
    summaries = {p.summary for p in load_dataset(location).positions}
    assert "Export controls on chips protect something else.!!" in summaries
    assert during.positions  # the racing load itself returned a whole dataset


def test_an_interrupted_write_leaves_no_temporary_file(monkeypatch: pytest.MonkeyPatch) -> None:
    location = resolve_location(VALID_MIN)
    path = entry_path("dataset", location, ".json")
    assert path is not None

    def interrupted(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_entry(path, b"{}")
    assert list(path.parent.iterdir()) == []


def _uscn(env: dict[str, str], *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "usc_cli", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=60
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_special_file_in_place_of_an_entry_is_not_read(kind: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    path = entry_path("dataset", resolve_location(VALID_MIN), ".json")
    assert path is not None
    entry = cache / "uscn" / path.name
    entry.parent.mkdir(parents=True)
    if kind == "fifo":
        os.mkfifo(entry)
    else:
        entry.symlink_to("/dev/zero")
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "NO_COLOR": "1"}
    # A subprocess under a timeout (and a memory cap), so a hang or a ballooning read fails the test.
    cap = "import resource, runpy, sys; resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30)); "
    code = cap + "sys.argv = ['uscn', *sys.argv[1:]]; runpy.run_module('usc_cli', run_name='__main__')"
    result = subprocess.run(
        [sys.executable, "-c", code, "--data-dir", str(VALID_MIN), "issues", "list", "-f", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "export-controls" in result.stdout
    assert entry.is_file() and not entry.is_symlink()  # replaced by a real entry


def test_no_home_and_no_passwd_entry_works_without_a_cache(tmp_path: Path) -> None:
    """As ``env -i`` run by a uid with no passwd entry: no HOME, and ``pwd`` knows no such user."""
    base = {"PATH": os.environ.get("PATH", ""), "NO_COLOR": "1"}
    for args in (["--help"], ["--version"], ["--data-dir", str(VALID_MIN), "issues", "list"], ["validate"]):
        result = subprocess.run(
            [sys.executable, "-c", NO_PASSWD_ENTRY, *args],
            env=base,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        assert result.stdout
    assert list(tmp_path.iterdir()) == []  # nothing written into the working directory


def test_a_relative_cache_home_is_ignored(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": "relative-cache", "HOME": str(tmp_path / "home"), "NO_COLOR": "1"}
    result = _uscn(env, "--data-dir", str(VALID_MIN), "issues", "list", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "relative-cache").exists()
    assert list((tmp_path / "home" / ".cache" / "uscn").glob("dataset-*"))


def test_an_unusable_cache_location_only_costs_speed(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": os.devnull, "NO_COLOR": "1"}
    result = _uscn(env, "--data-dir", str(VALID_MIN), "issues", "list", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
