"""Every failure kind has a fixture directory; each gives its message, with file, line and field, and exit 65."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, VALID_MIN, Run
from usc_cli.errors import DataDirError, DataError
from usc_cli.ids import quick_ids
from usc_cli.loader import load_dataset
from usc_cli.locations import DataLocation, resolve_location

CASES = {
    "bad_syntax": ["issues.yaml:6:12: invalid YAML: did not find expected ',' or ']'"],
    "unknown_field": [
        "issues.yaml:9:5: issues[1].summary: required field 'summary' is missing",
        "issues.yaml:11:5: issues[1].sumary: unknown field 'sumary'",
    ],
    "duplicate_id": ["issues.yaml:9:5: issues[1].id: duplicate issue id 'export-controls' (also at issues.yaml:2)"],
    "dangling_ref": [
        "issues.yaml:6:15: issues[0].related[0]: unknown issue 'fishery'",
        "sources/tiny.yaml:35:14: positions[1].holder.actor: unknown actor 'peking'",
    ],
    "quote_not_found": [
        "sources/tiny.yaml:32:9: positions[0].evidence[0].quote: quote not found in seed of 'tiny': "
        "'Washington says export controls on chips protects its national security.'"
    ],
    "seed_changed": ["sources/tiny.yaml:22:3: source.sha256: seed 'tiny.txt' has changed: its sha256 is 1b06b23b"],
    "seed_missing": ["sources/tiny.yaml:21:3: source.seed: seed", "cannot read: No such file or directory"],
    "missing_gap": ["issues.yaml:9:5: issues[1]: no 'china' position: add one or declare a gap"],
    "yaml_alias": ["issues.yaml:5:11: anchors and aliases (&, *) are not allowed in data files"],
    "yaml_python_tag": ["issues.yaml:5:11: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"],
    "duplicate_key": ["issues.yaml:11:5: duplicate key 'title' (first at line 10)"],
    "bad_enum": [
        "sources/tiny.yaml:27:5: positions[0].side: Input should be 'us', 'china' or 'third-party' (got 'usa')"
    ],
    "yaml11_no": [
        "sources/tiny.yaml:14:3: source.kind: Input should be 'opinion', 'news-analysis', 'news', 'readout', "
        "'statement', 'remarks' or 'press-conference' (got 'NO')"
    ],
    "seed_escape": ["sources/tiny.yaml:21:3: source.seed: seed '../../../../etc/passwd' must be a plain file name"],
    "not_utf8": ["issues.yaml:10: not valid UTF-8 (byte 0xff)"],
    "empty_file": ["events.yaml: file is empty"],
    "citation_missing": [
        "source.title: no title: give it with its basis, or say why under 'unknown: {title: …}'",
        "source.url: no url: give it with its basis, or say why under 'unknown: {url: …}'",
    ],
    "news_recommends": ["recommendations[0].proposer: a news analysis makes no recommendations of its own"],
    "translation_missing": [
        "sources/presser-zh.yaml:36:9: positions[0].evidence[0].translation: 'presser-zh' is in 'zh': "
        "give uscn's English 'translation'"
    ],
    "term_misquoted": ["frames.yaml:21:13: frames[0].labels[1].terms[0].term: term '合作共赢' is not in its quote"],
    "through_not_found": [
        "events.yaml:15:9: events[0].mentions[1].through: 'through' not found in seed of 'cn-presser' after the "
        "mention: '关于湖景会晤'"
    ],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_failure_fixture_reports_its_problem_and_exits_65(run: Run, name: str) -> None:
    result = run("--data-dir", str(FIXTURES / name), "validate")
    assert result.exit_code == 65, result.output
    assert result.stdout == ""
    for expected in CASES[name]:
        assert expected in result.stderr
    assert result.stderr.startswith("uscn: error: the dataset has ")


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_command_refuses_invalid_data_with_65(run: Run, name: str) -> None:
    result = run("--data-dir", str(FIXTURES / name), "issues", "list")
    assert result.exit_code == 65
    assert result.stdout == ""


def test_every_fixture_directory_is_covered() -> None:
    """Each fixture directory is used by name in some test (a directory nothing reads is dead weight)."""
    dirs = {p.name for p in FIXTURES.iterdir() if p.is_dir()} - {"valid_min"}  # conftest.VALID_MIN
    tests = "".join(p.read_text(encoding="utf-8") for p in Path(__file__).parent.glob("test_*.py"))
    assert {d for d in dirs if f'"{d}"' not in tests} == set()


def test_bom_file_is_accepted() -> None:
    location = DataLocation(FIXTURES / "bom", FIXTURES / "bom" / "seeds")
    assert "export-controls" in load_dataset(location).issues


def test_all_problems_across_files_are_reported_in_one_run(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID_MIN, data)
    (data / "issues.yaml").write_text(
        (data / "issues.yaml").read_text().replace("related: [fisheries]", "related: [x]")
    )
    src = data / "sources" / "tiny.yaml"
    src.write_text(src.read_text().replace("kind: military-channel", "kind: military-channel\n    colour: red"))
    with pytest.raises(DataError) as caught:
        load_dataset(resolve_location(data))
    texts = [str(p) for p in caught.value.problems]
    assert len(texts) == 2
    assert texts[0].startswith("issues.yaml:6:15:")
    assert texts[1].startswith("sources/tiny.yaml:") and "unknown field 'colour'" in texts[1]


def test_symlinked_seed_pointing_outside_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID_MIN, data)
    outside = tmp_path / "outside.txt"
    shutil.copy(data / "seeds" / "tiny.txt", outside)
    (data / "seeds" / "tiny.txt").unlink()
    (data / "seeds" / "tiny.txt").symlink_to(outside)
    with pytest.raises(DataError, match="1 problem") as caught:
        load_dataset(resolve_location(data))
    assert "symlink out of the seeds directory" in str(caught.value.problems[0])


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "nope", "does not exist"),
        (lambda p: (p / "file.txt").write_text("x") and p / "file.txt", "is not a directory"),
        (lambda p: p, "holds no uscn data"),
    ],
)
def test_bad_data_dir_is_one_line_and_65(run: Run, tmp_path: Path, make: object, message: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    result = run("--data-dir", str(path), "issues", "list")
    assert result.exit_code == 65
    assert message in result.stderr
    assert str(path) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    with pytest.raises(DataDirError):
        load_dataset(resolve_location(path))


def test_data_dir_from_environment(run: Run) -> None:
    result = run("issues", "list", "-f", "json", env={"USCN_DATA_DIR": str(VALID_MIN)})
    assert result.exit_code == 0
    assert "fisheries" in result.stdout


def test_quick_ids_reads_only_ids() -> None:
    location = resolve_location(VALID_MIN)
    assert quick_ids(location, "issue") == ["export-controls", "fisheries"]
    assert quick_ids(location, "source") == ["tiny"]
    assert quick_ids(location, "frame") == ["security-vs-development"]
    assert quick_ids(resolve_location(VALID_MIN / "nope"), "issue") == []


def test_duplicate_ids_across_files_name_both_locations(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID_MIN, data)
    shutil.copy(data / "sources" / "tiny.yaml", data / "sources" / "tiny2.yaml")
    with pytest.raises(DataError) as caught:
        load_dataset(resolve_location(data))
    texts = [str(p) for p in caught.value.problems]
    assert "sources/tiny2.yaml:2:3: source.id: duplicate source id 'tiny' (also at sources/tiny.yaml:2)" in texts
    assert (
        "sources/tiny2.yaml:53:5: recommendations[0].id: duplicate recommendation id 'tiny-hotline' "
        "(also at sources/tiny.yaml:53)"
    ) in texts


def test_an_unknown_home_in_data_dir_is_a_missing_directory_not_a_crash(run: Run) -> None:
    result = run("--data-dir", "~no-such-user-uscn/data", "issues", "list")
    assert result.exit_code == 65
    assert result.stderr == "uscn: error: data directory '~no-such-user-uscn/data' does not exist\n"


def test_agreements_file_is_optional_and_checked(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID_MIN, data)
    load_dataset(resolve_location(data))  # no agreements.yaml: fine
    (data / "agreements.yaml").write_text(
        "agreements:\n"
        "  - id: one-source\n"
        "    level: agree\n"
        "    recommendations: [tiny-hotline, no-such-rec]\n"
        "    summary: Links a recommendation with one that does not exist.\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load_dataset(resolve_location(data))
    texts = [str(p) for p in caught.value.problems]
    assert "agreements.yaml:4:37: agreements[0].recommendations[1]: unknown recommendation 'no-such-rec'" in texts
    assert (
        "agreements.yaml:4:5: agreements[0].recommendations: an agreement links recommendations of two or more sources"
    ) in texts


@pytest.mark.parametrize(
    ("module", "checks"), [("source_checks", "SOURCE_CHECKS"), ("dataset_checks", "DATASET_CHECKS")]
)
def test_every_check_the_loader_defines_runs(module: str, checks: str) -> None:
    """A check is one public function of its module, run by being in the module's list: none left out."""
    import importlib
    import inspect

    found = importlib.import_module(f"usc_cli.loader.{module}")
    defined = {
        name
        for name, value in inspect.getmembers(found, inspect.isfunction)
        if value.__module__ == found.__name__ and not name.startswith("_")
    }
    listed = getattr(found, checks)
    assert len(defined) >= 4
    assert sorted(check.__name__ for check in listed) == sorted(defined)
