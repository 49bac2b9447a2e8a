"""The dataset's store: keyed by the bytes read, one SQLite file per dataset, never trusts its directory,
and every view prints the same with it as without it."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.benchmarks.synth import build as build_synthetic
from tests.conftest import FIXTURES, NO_PASSWD_ENTRY, VALID_MIN, Run, same_size_edit
from usc_cli import loader, models, store
from usc_cli.cachefile import cache_dir
from usc_cli.dataset import Dataset, LoadedDataset
from usc_cli.errors import DataError
from usc_cli.loader import load_dataset, load_dataset_keyed, parsing
from usc_cli.locations import resolve_location, shipped_data_dir
from usc_cli.models import Side
from usc_cli.queries.coverage import Cell, coverage
from usc_cli.store.reader import Reader
from usc_cli.store.rows import RECORDS


def _cache() -> Path:
    directory = cache_dir()
    assert directory is not None
    return directory


def _entries() -> list[Path]:
    return sorted(_cache().glob("store-*"))


def _stored(location: Any) -> Dataset:
    """The dataset at ``location`` as its store gives it (written first if need be)."""
    load_dataset(location)
    ds = load_dataset(location)
    assert not isinstance(ds, LoadedDataset), "not read from the store"
    return ds


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic dataset three times the shipped one (the benchmark's generator)."""
    return build_synthetic(tmp_path_factory.mktemp("synthetic") / "data", 3)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A private copy of the minimal dataset (seeds inside it)."""
    target = tmp_path / "data"
    shutil.copytree(VALID_MIN, target)
    return target


def _tables(ds: Dataset) -> dict[str, Any]:
    """Every table of the dataset as plain values, in order."""
    tables: dict[str, Any] = {}
    for name in ("sources", "actors", "issues", "frames", "events", "positions", "recommendations", "spans"):
        table = getattr(ds, name)
        tables[name] = list(table.items()) if isinstance(table, Mapping) else list(table)
    tables["seeds"] = [(k, v.text) for k, v in ds.seeds.items()]
    tables["attributions"] = [(k, list(v)) for k, v in ds.attributions.items()]
    tables["agreements"] = list(ds.agreements.items())
    tables["sites"] = list(ds.sites)
    return tables


def test_the_stored_dataset_equals_the_loaded_one() -> None:
    location = resolve_location(None)
    fresh = load_dataset(location)
    assert isinstance(fresh, LoadedDataset)
    [entry] = _entries()
    stored = _stored(location)
    assert _tables(stored) == _tables(fresh)
    assert stored.counts() == fresh.counts()
    for issue_id in fresh.issues:
        assert stored.positions_for(issue_id) == fresh.positions_for(issue_id)
        assert stored.recommendations_for(issue_id) == fresh.recommendations_for(issue_id)
        assert stored.sources_speaking_to(issue_id) == fresh.sources_speaking_to(issue_id)
        assert stored.events_for(issue_id) == fresh.events_for(issue_id)
        assert stored.sides_on(issue_id) == fresh.sides_on(issue_id)
        assert fresh.sides_on(issue_id) == [s for s in Side if any(p.side is s for p in fresh.positions_for(issue_id))]
    for source_id in fresh.sources:
        assert stored.contributions(source_id) == fresh.contributions(source_id)
        assert stored.issues_spoken_to(source_id) == fresh.issues_spoken_to(source_id)
    assert coverage(stored).said == coverage(fresh).said == _coverage_by_scan(fresh)
    assert entry.exists()


def _coverage_by_scan(ds: Dataset) -> dict[tuple[str, str], Cell]:
    """Each (issue, source) cell counted from every position and recommendation, the slow way."""
    cells: dict[tuple[str, str], tuple[set[Side], int]] = {}
    for p in ds.positions:
        for e in p.evidence:
            cells.setdefault((p.issue, e.source), (set(), 0))[0].add(p.side)
    for r in ds.recommendations:
        for issue_id in dict.fromkeys(r.issues):
            sides, count = cells.get((issue_id, r.source), (set(), 0))
            cells[(issue_id, r.source)] = (sides, count + 1)
    return {key: Cell([s for s in Side if s in sides], count) for key, (sides, count) in cells.items()}


@pytest.mark.parametrize("dataset", ["shipped", "synthetic"])
def test_every_stored_row_builds_the_model_the_files_gave(dataset: str, synthetic: Path) -> None:
    """``store.build`` rebuilds rows without validating them again: each equals the validated model."""
    location = resolve_location(shipped_data_dir() if dataset == "shipped" else synthetic)
    fresh = load_dataset(location)
    path = store.store_path(location)
    assert path is not None
    db = sqlite3.connect(path)
    kinds = {kind: model for _, kind, model in RECORDS}
    for kind, ident, body in db.execute("SELECT kind, id, body FROM records"):
        built = store.build(kinds[kind], body)
        assert type(built) is kinds[kind] and built == getattr(fresh, kind + "s")[ident]
    for table, model in (("positions", models.Position), ("recommendations", models.Recommendation)):
        for n, body in db.execute(f"SELECT ord, body FROM {table}"):
            assert store.build(model, body) == getattr(fresh, table)[n]
    db.close()


SHOWN: list[list[str]] = [
    ["compare", "trade-tariffs", "--source", "hormats"],
    ["compare", "trade-tariffs", "--source", "hormats", "--context"],
    ["recommend", "--source", "hormats"],
    ["sources", "show", "hormats"],
    ["search", "dialogue"],
    ["search", "dialogue", "--source", "hormats", "--issue", "trade-tariffs"],
]


@pytest.mark.parametrize("view", SHOWN, ids=" ".join)
def test_a_command_served_from_the_store_reads_only_what_it_shows(
    run: Run, view: list[str], synthetic: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No whole table is read (every source, position, recommendation, seed…), and what is read is
    a handful of rows, whatever the size of the dataset."""
    args = ["--data-dir", str(synthetic)]
    run.ok(*args, "search", "warm")  # the store, with its search index
    statements: list[str] = []
    rows: list[int] = []
    real = Reader.rows

    def counted(self: Any, sql: str, params: Sequence[object] = ()) -> list[Any]:
        found = real(self, sql, params)
        statements.append(sql)
        rows.append(len(found))
        return found

    def not_from_the_files(*_: object) -> None:
        raise AssertionError("loaded from the files, not served from the store")

    monkeypatch.setattr(Reader, "rows", counted)
    monkeypatch.setattr(loader, "_load_and_verify", not_from_the_files)
    run.ok(*args, *view, "-f", "json")
    assert not [sql for sql in statements if "body FROM" in sql and "ORDER BY" in sql], statements
    assert sum(rows) < 250, (sum(rows), statements)  # compare also reads the events its official texts mention


def test_a_corrupt_store_is_rebuilt() -> None:
    location = resolve_location(VALID_MIN)
    _, key = load_dataset_keyed(location)
    [entry] = _entries()
    entry.write_bytes(b"SQLite format 3\x00" + b"garbage" * 100)
    assert store.connect(entry, key) is None
    assert "export-controls" in load_dataset(location).issues
    assert store.connect(entry, key) is not None


def test_a_store_broken_inside_is_a_miss_in_mid_command(run: Run, mini: list[str]) -> None:
    """A store whose key is right but whose rows cannot be read: the output is the files' own, and
    the store is rewritten."""
    expected = run.json(*mini, "compare", "export-controls")
    [entry] = _entries()
    db = sqlite3.connect(entry)
    db.execute("UPDATE positions SET body = '{\"issue\": ' ")
    db.execute("DROP TABLE lookup")
    db.commit()
    db.close()
    assert run.json(*mini, "compare", "export-controls") == expected
    db = sqlite3.connect(entry)
    assert db.execute("SELECT count(*) FROM lookup").fetchone()[0] > 0  # rewritten
    db.close()


def test_another_datasets_store_in_its_place_is_not_served(run: Run, mini: list[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID_MIN, data)
    issues = data / "issues.yaml"
    issues.write_text(issues.read_text().replace("title: Fisheries", "title: Fishing"))
    assert run.json("--data-dir", str(data), "issues", "show", "fisheries")["issue"]["title"] == "Fishing"
    assert run.json(*mini, "issues", "show", "fisheries")["issue"]["title"] == "Fisheries"
    first, second = _entries()
    first_bytes, second_bytes = first.read_bytes(), second.read_bytes()
    first.write_bytes(second_bytes)  # each store now holds the other dataset, under the other's key
    second.write_bytes(first_bytes)
    assert run.json("--data-dir", str(data), "issues", "show", "fisheries")["issue"]["title"] == "Fishing"
    assert run.json(*mini, "issues", "show", "fisheries")["issue"]["title"] == "Fisheries"


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
    for location, key in ((first, first_key), (second, second_key)):
        path = store.store_path(location)
        assert path is not None and store.connect(path, key) is not None


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
    parse = parsing.parse_yaml
    calls = []

    def parse_while_someone_edits(text: str) -> object:
        calls.append(text)
        if len(calls) == 1:
            source.write_bytes(edited)  # lands between the start of the load and the source's parse
        return parse(text)

    location = resolve_location(data)
    monkeypatch.setattr(parsing, "parse_yaml", parse_while_someone_edits)
    during = load_dataset(location)
    monkeypatch.setattr(parsing, "parse_yaml", parse)
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

    def interrupted(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        load_dataset(location)
    assert list(_cache().iterdir()) == []


def _uscn(env: dict[str, str], *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "usc_cli", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=60
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_special_file_in_place_of_an_entry_is_not_read(kind: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    path = store.store_path(resolve_location(VALID_MIN))
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
    assert list((tmp_path / "home" / ".cache" / "uscn").glob("store-*"))


def test_an_unusable_cache_location_only_costs_speed(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": os.devnull, "NO_COLOR": "1"}
    result = _uscn(env, "--data-dir", str(VALID_MIN), "issues", "list", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


# ---- every view prints the same from the store as from the files ------------------------------

VIEWS: list[list[str]] = [
    ["issues", "list"],
    ["issues", "list", "--source", "hormats"],
    ["issues", "show", "taiwan", "--context"],
    ["compare", "taiwan"],
    ["compare", "taiwan", "--source", "hormats"],
    ["compare", "trade-tariffs", "--source", "Fortune", "--context"],
    ["compare", "trade-tariffs", "--source", "hormats", "--source", "cnn"],
    ["compare", "export-controls", "--no-quotes"],
    ["recommend"],
    ["recommend", "--source", "hormats"],
    ["recommend", "--issue", "taiwan", "--to", "us"],
    ["sources", "list"],
    ["sources", "show", "hormats"],
    ["actors", "list"],
    ["actors", "show", "xi-jinping"],
    ["frames", "list"],
    ["matrix"],
    ["timeline"],
    ["diff", "hormats", "diplomat"],
    ["search", "security"],
    ["search", "dialogue", "--source", "hormats", "--side", "us"],
    ["analyze", str(Path(__file__).parent / "articles" / "made-up-oped.txt")],
    ["validate"],
]


@pytest.mark.parametrize("dataset", ["shipped", "synthetic"])
def test_every_view_prints_the_same_with_and_without_the_store(
    run: Run, dataset: str, synthetic: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data = shipped_data_dir() if dataset == "shipped" else synthetic
    args = ["--data-dir", str(data)]
    monkeypatch.setenv("XDG_CACHE_HOME", os.devnull)  # no cache: every run loads the files
    without = [run.ok(*args, *view, "-f", "json") for view in VIEWS]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "store-cache"))
    run.ok(*args, "search", "warm")  # writes the store with its search index
    assert store.store_path(resolve_location(data)) is not None
    served = [load_dataset(resolve_location(data))]
    assert not isinstance(served[0], LoadedDataset)
    for view, expected in zip(VIEWS, without, strict=True):
        assert json.loads(run.ok(*args, *view, "-f", "json")) == json.loads(expected), view
