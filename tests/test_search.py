"""``uscn search``: FTS5 syntax, malformed queries, filters, and the on-disk index cache."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import VALID_MIN, Run
from usc_cli.cachefile import cache_dir


def _kinds(run: Run, mini: list[str], *args: str) -> list[tuple[str, str]]:
    return [(h["kind"], h["ref"]) for h in run.json(*mini, "search", *args)["hits"]]


def test_plain_word_finds_seed_text_dataset_and_highlights(run: Run, mini: list[str]) -> None:
    data = run.json(*mini, "search", "security")
    kinds = {h["kind"] for h in data["hits"]}
    assert {"seed-sentence", "position", "issue", "frame"} <= kinds
    assert all("«" in h["snippet"] for h in data["hits"])
    assert data["hits"] == sorted(data["hits"], key=lambda h: -h["score"])


def test_phrase_prefix_and_stemming(run: Run, mini: list[str]) -> None:
    assert ("seed-sentence", "tiny#2") in _kinds(run, mini, '"national security"')
    assert _kinds(run, mini, '"security national"') == []
    assert ("issue", "export-controls") in _kinds(run, mini, "export*")
    assert ("recommendation", "tiny-hotline") in _kinds(run, mini, "hotlines")  # porter stemming


@pytest.mark.parametrize("query", ['"unbalanced', "(x", "AND", "OR security", "chips)", "NEAR(", "a:b", "^x"])
def test_malformed_syntax_is_treated_as_plain_words(run: Run, mini: list[str], query: str) -> None:
    result = run(*mini, "search", query, "-f", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


@pytest.mark.parametrize("query", ["*", "", "  ", '""', "()"])
def test_a_query_with_no_words_is_a_clear_error(run: Run, mini: list[str], query: str) -> None:
    result = run(*mini, "search", query)
    assert result.exit_code == 1
    assert result.stderr.startswith("uscn: error: nothing to search for in")


def test_filters(run: Run, mini: list[str]) -> None:
    assert {h["side"] for h in run.json(*mini, "search", "security", "--side", "us")["hits"]} == {"us"}
    hits = run.json(*mini, "search", "security", "--issue", "chips")["hits"]
    assert hits and {h["issue"] for h in hits} == {"export-controls"}
    assert run.json(*mini, "search", "security", "--source", "tiny")["hits"]
    assert len(run.json(*mini, "search", "security", "-n", "1")["hits"]) == 1


def test_index_is_cached_and_rebuilt_when_the_data_changes(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID_MIN, data)
    args = ["--data-dir", str(data), "search"]
    assert run.json(*args, "fisheries")["hits"]
    [index] = list(_cache().glob("store-*.sqlite"))
    built = index.read_bytes()
    assert run.json(*args, "mackerel")["hits"] == []
    assert index.read_bytes() == built  # reused, not rebuilt
    issues = data / "issues.yaml"
    issues.write_text(issues.read_text().replace("A made-up issue", "A mackerel issue"))
    assert run.json(*args, "mackerel")["hits"]
    assert list(_cache().glob("store-*.sqlite")) == [index]  # one index per dataset, rewritten
    assert index.read_bytes() != built


def test_two_datasets_keep_their_own_index(run: Run, tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    shutil.copytree(VALID_MIN, first)
    shutil.copytree(VALID_MIN, second)
    issues = second / "issues.yaml"
    issues.write_text(issues.read_text().replace("A made-up issue", "A mackerel issue"))
    assert run.json("--data-dir", str(first), "search", "fisheries")["hits"]
    assert run.json("--data-dir", str(second), "search", "mackerel")["hits"]
    assert len(list(_cache().glob("store-*.sqlite"))) == 2
    assert run.json("--data-dir", str(first), "search", "mackerel")["hits"] == []


def test_a_corrupt_cache_is_rebuilt(run: Run, mini: list[str]) -> None:
    assert run.json(*mini, "search", "security")["hits"]
    [index] = list(_cache().glob("store-*.sqlite"))
    index.write_bytes(b"not a database")
    assert run.json(*mini, "search", "security")["hits"]


def test_an_unwritable_cache_falls_back_to_memory(run: Run, mini: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", os.devnull)  # a file, so no directory can be made under it
    assert run.json(*mini, "search", "security")["hits"]


def test_seed_sentences_are_whole_across_abbreviations_and_wrapped_lines(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID_MIN, data)
    seed = data / "seeds" / "tiny.txt"
    seed.write_text(
        seed.read_text(encoding="utf-8")
        + "\nPresident Joseph R. Biden, Jr. met President Xi Jinping in Woodside. The two\n"
        "leaders discussed U.S.-China ties, trade and the U.S.\nrole in Asia. Gen. Mark Milley said little.\n",
        encoding="utf-8",
    )
    source = data / "sources" / "tiny.yaml"
    digest = hashlib.sha256(seed.read_bytes()).hexdigest()
    source.write_text(re.sub(r"sha256: \w+", f"sha256: {digest}", source.read_text(encoding="utf-8")), encoding="utf-8")
    snippets = [
        h["snippet"]
        for h in run.json("--data-dir", str(data), "search", "Asia")["hits"]
        if h["kind"] == "seed-sentence"
    ]
    assert snippets == ["The two leaders discussed U.S.-China ties, trade and the U.S. role in «Asia»."]
    [jr] = run.json("--data-dir", str(data), "search", "Biden")["hits"]
    assert jr["snippet"] == "President Joseph R. «Biden», Jr. met President Xi Jinping in Woodside."


def _cache() -> Path:
    directory = cache_dir()
    assert directory is not None
    return directory
