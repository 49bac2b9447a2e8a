"""The validated dataset cache: same dataset back, rebuilt when stale or corrupt, never stores bad data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, VALID_MIN
from usc_cli import datacache
from usc_cli.errors import DataError
from usc_cli.loader import fingerprint, load_dataset
from usc_cli.locations import cache_dir, resolve_location


def _entries() -> list[Path]:
    return sorted(cache_dir().glob("dataset-*.json"))


def test_the_cached_dataset_equals_the_loaded_one() -> None:
    location = resolve_location(None)
    fresh = load_dataset(location)
    [entry] = _entries()
    cached = datacache.read(fingerprint(location))
    assert cached is not None
    assert cached.counts() == fresh.counts()
    assert cached.positions == fresh.positions and cached.recommendations == fresh.recommendations
    assert cached.issues == fresh.issues and cached.actors == fresh.actors and cached.events == fresh.events
    assert cached.spans == fresh.spans
    assert {k: v.text for k, v in cached.seeds.items()} == {k: v.text for k, v in fresh.seeds.items()}
    assert entry.exists()


def test_a_corrupt_entry_is_rebuilt() -> None:
    location = resolve_location(VALID_MIN)
    load_dataset(location)
    [entry] = _entries()
    entry.write_text('{"key": "x"')
    assert datacache.read(fingerprint(location)) is None
    assert "export-controls" in load_dataset(location).issues
    assert datacache.read(fingerprint(location)) is not None


def test_a_changed_file_is_a_different_entry(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID_MIN, data)
    location = resolve_location(data)
    load_dataset(location)
    issues = data / "issues.yaml"
    issues.write_text(issues.read_text().replace("title: Fisheries", "title: Fishing"))
    assert load_dataset(location).issues["fisheries"].title == "Fishing"
    assert len(_entries()) == 2


def test_invalid_data_is_never_cached() -> None:
    with pytest.raises(DataError):
        load_dataset(resolve_location(FIXTURES / "quote_not_found"))
    assert _entries() == []
