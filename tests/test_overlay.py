"""The user's own sources are read on top of the shipped dataset (``$XDG_DATA_HOME/uscn``, an overlay).

Each failure kind has a fixture directory under ``tests/fixtures/overlay/``, copied into a private
``XDG_DATA_HOME`` as ``uscn`` (the autouse fixture in ``conftest.py`` points it at an empty one).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, NO_PASSWD_ENTRY, VALID_MIN, Run, same_size_edit
from usc_cli import locations
from usc_cli.cachefile import cache_dir
from usc_cli.ids import quick_ids
from usc_cli.locations import resolve_location, shipped_data_dir

OVERLAY = FIXTURES / "overlay"
ARTICLE = (
    "Washington must press Beijing harder on fentanyl precursors flowing to Mexican cartels. "
    "Export controls on advanced chips should stay narrow.\n"
)


_SHIPPED = len(list((shipped_data_dir() / "sources").glob("*.yaml")))  # seed articles and official texts


def _user_dir() -> Path:
    """The user's own directory for this test: ``$XDG_DATA_HOME/uscn`` (not created)."""
    return Path(os.environ["XDG_DATA_HOME"]) / "uscn"


def _install(fixture: str) -> Path:
    """Copy a fixture directory in as the user's own directory."""
    target = _user_dir()
    shutil.copytree(OVERLAY / fixture, target)
    return target


def _shipped_files() -> list[Path]:
    data = shipped_data_dir()
    return [p for p in [*data.rglob("*.yaml"), *data.parent.joinpath("seeds").iterdir()] if p.is_file()]


# --- reading the user's sources by default --------------------------------------------------------------


def test_sources_add_writes_only_the_users_files_and_every_command_reads_them(run: Run, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run("sources", "add", str(article), "--id", "my-oped")
    assert result.exit_code == 0, result.output
    mine = _user_dir()
    assert result.stdout == f"{mine / 'sources' / 'my-oped.yaml'}\n"
    assert result.stderr.splitlines()[-1] == "next: fill in the draft, then run: uscn validate"
    assert sorted(p.relative_to(mine).as_posix() for p in mine.rglob("*") if p.is_file()) == [
        "seeds/my-oped.txt",
        "sources/my-oped.yaml",
    ]
    assert run.json("sources", "show", "my-oped")["source"]["id"] == "my-oped"  # no USCN_DATA_DIR needed
    listed = {s["id"]: s for s in run.json("sources", "list")["sources"]}
    assert listed["my-oped"]["origin"] == "user"
    assert listed["my-oped"]["file"] == str(mine / "sources" / "my-oped.yaml")
    assert listed["hormats"]["origin"] == "shipped"
    assert listed["hormats"]["file"] == str(shipped_data_dir() / "sources" / "hormats.yaml")
    validation = run.json("validate")
    assert validation["read"]["user"] == str(mine)
    assert validation["counts"]["sources"] == _SHIPPED + 1
    assert validation["placeholders"][0] == "source my-oped: covers"  # then the drafted positions' summaries
    unknown = [f"source my-oped: unknown.{f}" for f in ("title", "outlet", "date", "url")]
    assert validation["placeholders"][1:5] == unknown
    assert all(p.endswith(": summary") for p in validation["placeholders"][5:])


def test_sources_list_marks_the_users_own_with_a_legend(run: Run) -> None:
    mine = _install("valid")
    table = run.ok("sources", "list", env={"COLUMNS": "120"})
    lines = table.splitlines()
    assert [line.split()[0] for line in lines if line.startswith(("my-oped", "hormats"))] == ["hormats", "my-oped"]
    assert next(line for line in lines if line.startswith("my-oped")).startswith("my-oped *")
    assert not any(line.startswith("hormats *") for line in lines)
    legend = table[table.rindex("* your own source") :]
    assert _squeezed(legend) == _squeezed(f"* your own source, read from {mine / 'sources'}")
    rows = run.ok("sources", "list", "-f", "csv").splitlines()
    assert rows[0] == "id,author,outlet,kind,date,recs,origin"
    assert rows[-1].startswith("my-oped,Jane Doe,") and rows[-1].endswith(",user")
    assert rows[1].endswith(",shipped")


def test_sources_list_has_no_marker_without_sources_of_the_users(run: Run) -> None:
    table = run.ok("sources", "list", env={"COLUMNS": "120"})
    assert "*" not in table and "your own source" not in table


def test_the_users_additions_merge_with_the_shipped_dataset(run: Run) -> None:
    _install("valid")
    comparison = run.json("compare", "ukraine-russia")
    us = comparison["sides"]["us"]
    assert [p["reported_by"] for p in us["positions"]][-1] == ["my-oped"]  # after the shipped ones
    assert us["gap"] is None
    china = comparison["sides"]["china"]["positions"]  # Beijing's: the shipped ones only
    assert china and all(p["reported_by"] != ["my-oped"] for p in china)
    assert "arctic-shipping" in {i["id"] for i in run.json("issues", "list")["issues"]}  # the user's own issue
    assert run.json("actors", "show", "Jane Doe")["actor"]["id"] == "jane-doe"  # the user's own actor
    recs = run.json("recommend", "--source", "my-oped")["recommendations"]
    assert [r["id"] for r in recs] == ["my-oped-ukraine-channel"]
    counts = run.json("validate")["counts"]
    shipped = run.json("--data-dir", str(shipped_data_dir()), "validate")["counts"]
    assert counts["sources"] == shipped["sources"] + 1 and counts["issues"] == shipped["issues"] + 1
    assert counts["actors"] == shipped["actors"] + 1 and counts["recommendations"] == shipped["recommendations"] + 1


def test_validate_says_which_directories_it_read(run: Run) -> None:
    mine = _install("valid")
    shown = _squeezed(run.ok("validate", env={"COLUMNS": "200"}))
    assert _squeezed(f"\ndata: {shipped_data_dir()}\nseeds:") in shown
    assert _squeezed(f"your data: {mine} (1 source of yours)") in shown
    data = run.json("validate")["read"]
    assert data == {
        "data": str(shipped_data_dir()),
        "seeds": str(locations.seeds_dir_for(shipped_data_dir())),
        "user": str(mine),
    }
    assert run.json("--data-dir", str(VALID_MIN), "validate")["read"]["user"] is None


def _squeezed(text: str) -> str:
    """The text without its white space: a temporary path is as long as $TMPDIR makes it, and wraps."""
    return "".join(text.split())


def test_not_found_says_where_uscn_looked(run: Run, mini: list[str]) -> None:
    result = run("recommend", "--source", "my-oped")
    assert result.exit_code == 1
    assert result.stderr == (
        "uscn: error: source 'my-oped' not found in the shipped dataset (you have added no sources of your own)\n"
    )
    mine = _install("valid")
    result = run("sources", "show", "nobody")
    assert result.stderr == f"uscn: error: source 'nobody' not found in the shipped dataset and {mine}\n"
    result = run(*mini, "sources", "show", "my-oped")
    assert result.stderr.startswith(f"uscn: error: source 'my-oped' not found in {VALID_MIN}")


def test_data_dir_reads_exactly_that_dataset_unless_it_is_the_users_own(run: Run) -> None:
    mine = _install("valid")
    exact = run.json("--data-dir", str(VALID_MIN), "sources", "list")["sources"]
    assert [(s["id"], s["origin"]) for s in exact] == [("tiny", "data-dir")]
    assert [s["id"] for s in run.json("sources", "list")["sources"]][-1] == "my-oped"
    for given in (["--data-dir", str(mine)], ["--data-dir", f"{mine}/"]):  # the old README's advice
        listed = run.json(*given, "sources", "list")["sources"]
        origins = {s["id"]: s["origin"] for s in listed}
        assert origins.pop("my-oped") == "user" and len(origins) == _SHIPPED
        assert set(origins.values()) == {"shipped"}
    result = run("sources", "list", "-f", "json", env={"USCN_DATA_DIR": str(VALID_MIN)})
    assert [s["id"] for s in json.loads(result.stdout)["sources"]] == ["tiny"]


def test_completion_offers_the_users_ids_too() -> None:
    _install("valid")
    location = resolve_location(None)
    assert quick_ids(location, "source")[-1] == "my-oped" and "hormats" in quick_ids(location, "source")
    assert quick_ids(location, "issue")[-1] == "arctic-shipping" and "taiwan" in quick_ids(location, "issue")


def test_sources_add_will_not_take_a_shipped_id_even_with_force(run: Run, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run("sources", "add", str(article), "--id", "hormats", "--force")
    assert result.exit_code == 1
    assert (
        result.stderr == "uscn: error: source 'hormats' is one of uscn's own (shipped) sources; choose another --id\n"
    )
    assert not _user_dir().exists()


def test_sources_add_replaces_the_users_own_draft_only_with_force(run: Run, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert run("sources", "add", str(article), "--id", "my-oped").exit_code == 0
    again = run("sources", "add", str(article), "--id", "my-oped")
    assert again.exit_code == 1
    assert (
        again.stderr
        == f"uscn: error: source 'my-oped' already exists in {_user_dir()}; pass --force to replace its draft\n"
    )
    assert run("sources", "add", str(article), "--id", "my-oped", "--force").exit_code == 0


# --- failure kinds ---------------------------------------------------------------------------------------

FAILURES = {
    "collision": [
        "{mine}/issues.yaml:2:5: issues[0].id: issue id 'taiwan' is also in the shipped dataset "
        "({shipped}/issues.yaml:{taiwan_line}): remove yours to read the shipped one, or give yours another id",
        "{mine}/sources/hormats.yaml:2:3: source.id: source id 'hormats' is also in the shipped dataset "
        "({shipped}/sources/hormats.yaml:4): remove yours to read the shipped one, or give yours another id",
    ],
    "broken_yaml": ["{mine}/sources/my-oped.yaml:22:9: invalid YAML: did not find expected ',' or ']'"],
    "seed_missing": [
        "{mine}/sources/my-oped.yaml:21:3: source.seed: seed '{mine}/seeds/my-oped.txt': cannot read: "
        "No such file or directory"
    ],
}


@pytest.mark.parametrize("name", sorted(FAILURES))
def test_a_broken_user_directory_names_the_users_file_and_exits_65(run: Run, name: str) -> None:
    mine = _install(name)
    result = run("validate")
    assert result.exit_code == 65, result.output
    assert result.stdout == ""
    problems = [line for line in result.stderr.splitlines() if line.startswith("/")]
    issues_yaml = (shipped_data_dir() / "issues.yaml").read_text(encoding="utf-8").splitlines()
    taiwan_line = issues_yaml.index("  - id: taiwan") + 1
    expected = [line.format(mine=mine, shipped=shipped_data_dir(), taiwan_line=taiwan_line) for line in FAILURES[name]]
    assert problems == expected
    assert result.stderr.splitlines()[-1].endswith(f"found in the shipped dataset and {mine}.")
    others = run("issues", "list")  # the other commands run without the broken files, and say so
    assert others.exit_code == 0, others.output
    warned = [line for line in others.stderr.splitlines() if line.startswith("uscn: warning: left out your file")]
    files = {line.split(":")[0] for line in expected}
    assert files <= {w.split("left out your file ")[1].split(":")[0] for w in warned}  # and what cites them
    assert "taiwan" in others.stdout
    found = run("search", "Taiwan", "-f", "json")  # search loads the one way every command does
    assert found.exit_code == 0, found.output
    assert any(line.startswith("uscn: warning: left out your file") for line in found.stderr.splitlines())
    assert json.loads(found.stdout)["hits"]


def test_a_users_quote_is_checked_against_the_users_seed(run: Run) -> None:
    mine = _install("valid")
    seed = mine / "seeds" / "my-oped.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("Arctic", "Baltic"), encoding="utf-8")
    result = run("validate")
    assert result.exit_code == 65
    assert f"{mine}/sources/my-oped.yaml:22:3: source.sha256: seed 'my-oped.txt' has changed" in result.stderr
    assert (
        f"{mine}/sources/my-oped.yaml:42:9: positions[1].evidence[0].quote: quote not found in seed of 'my-oped'"
        in result.stderr
    )


def test_the_users_directory_must_be_a_directory(run: Run) -> None:
    mine = _user_dir()
    mine.parent.mkdir(parents=True)
    mine.write_text("not a directory\n", encoding="utf-8")
    result = run("issues", "list")
    assert result.exit_code == 65
    assert result.stderr == (
        f"uscn: error: your data directory '{mine}' is not a directory (it holds your own sources)\n"
    )


def test_an_unwritable_data_home_reads_the_shipped_dataset_and_refuses_to_add(run: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    env = {"XDG_DATA_HOME": str(blocker)}  # $XDG_DATA_HOME/uscn can never be created
    assert run.ok("sources", "list", "-f", "json", env=env)
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run("sources", "add", str(article), "--id", "my-oped", env=env)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"uscn: error: cannot write {blocker}/uscn/seeds/my-oped.txt: ")
    assert len(result.stderr.splitlines()) == 1


def test_no_home_reads_the_shipped_dataset_and_sources_add_says_why_it_cannot(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_home(cls: type[Path]) -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", classmethod(no_home))
    env = {"XDG_DATA_HOME": "relative/dir"}  # ignored, as the XDG spec says: no usable absolute path at all
    listed = run("sources", "list", "-f", "json", env=env)
    assert listed.exit_code == 0 and listed.stderr == ""
    assert len(json.loads(listed.stdout)["sources"]) == _SHIPPED
    shown = run("validate", env={**env, "COLUMNS": "200"})
    assert "your data: none (no home directory; set XDG_DATA_HOME)" in shown.stdout
    missing = run("sources", "show", "my-oped", env=env)
    assert missing.stderr.startswith("uscn: error: source 'my-oped' not found in the shipped dataset only")
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run("sources", "add", str(article), "--id", "my-oped", env=env)
    assert result.exit_code == 1
    assert result.stderr.startswith("uscn: error: there is no home directory to keep your sources in")
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "relative").exists()


def test_no_home_and_no_passwd_entry_sources_add_fails_in_one_line(tmp_path: Path) -> None:
    """As ``env -i`` run by a uid with no passwd entry: the process has no home at all."""
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", NO_PASSWD_ENTRY, "sources", "add", str(article), "--id", "my-oped"],
        env={"PATH": os.environ.get("PATH", ""), "NO_COLOR": "1"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("uscn: error: there is no home directory to keep your sources in")
    assert len(result.stderr.splitlines()) == 1


# --- the dataset cache keys on both directories ----------------------------------------------------------


def test_a_same_size_edit_in_the_users_directory_is_seen(run: Run) -> None:
    mine = _install("valid")

    def summary() -> str:
        third = run.json("compare", "arctic-shipping")["sides"]["third-party"]["positions"]
        return str(third[0]["summary"])

    assert summary() == "Neither capital has a view on Arctic shipping."
    cache = cache_dir()
    assert cache is not None and list(cache.glob("store-*"))  # the first run stored the dataset
    same_size_edit(mine / "sources" / "my-oped.yaml", b"has a view on Arctic", b"had a view on Arctic")
    assert summary() == "Neither capital had a view on Arctic shipping."
    seed = mine / "seeds" / "my-oped.txt"
    same_size_edit(seed, b"Neither capital", b"Neither Capital")
    result = run("compare", "arctic-shipping")  # the changed source is left out, with a warning
    assert f"uscn: warning: left out your file {mine / 'sources' / 'my-oped.yaml'}:" in result.stderr
    assert "seed 'my-oped.txt' has changed" in result.stderr
    assert run("validate").exit_code == 65


@pytest.fixture
def shipped_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the shipped dataset, standing in for the one a new release ships."""
    root = tmp_path / "release"
    shutil.copytree(shipped_data_dir(), root / "data")
    shutil.copytree(shipped_data_dir().parent / "seeds", root / "seeds")
    monkeypatch.setattr(locations, "_PACKAGE", root / "usc_cli")
    assert shipped_data_dir() == root / "data"
    return root / "data"


def test_a_corrected_shipped_dataset_reaches_a_user_with_sources_of_their_own(run: Run, shipped_copy: Path) -> None:
    _install("valid")
    assert run.json("compare", "taiwan")["issue"]["title"] == "Taiwan"
    same_size_edit(shipped_copy / "issues.yaml", b"title: Taiwan\n", b"title: TAIWAN\n")
    assert run.json("compare", "taiwan")["issue"]["title"] == "TAIWAN"
    assert run.json("sources", "show", "my-oped")["source"]["origin"] == "user"


# --- a user directory made by the old ``sources add`` (a full copy of the shipped dataset) --------------


def _counts(sources: Path) -> tuple[int, int]:
    """How many positions and recommendations ``hormats.yaml`` in ``sources`` holds."""
    data = yaml.safe_load((sources / "hormats.yaml").read_text(encoding="utf-8"))
    return len(data["positions"]), len(data["recommendations"])


def _reads_the_shipped_hormats(listed: dict[str, dict[str, object]]) -> bool:
    """Whether the listed hormats is the shipped file's, not the older copy in the user's directory."""
    shipped, old = _counts(shipped_data_dir() / "sources"), _counts(OVERLAY / "legacy" / "sources")
    return shipped != old and (listed["hormats"]["positions"], listed["hormats"]["recommendations"]) == shipped


def _old_style_user_dir() -> Path:
    """What ``sources add`` made before the overlay: the whole shipped dataset copied, then the user's
    source added; here one file is an older shipped version, and the user added an actor and an issue."""
    mine = _user_dir()
    shutil.copytree(shipped_data_dir(), mine)
    shutil.copytree(shipped_data_dir().parent / "seeds", mine / "seeds")
    shutil.copy(OVERLAY / "legacy" / "sources" / "hormats.yaml", mine / "sources" / "hormats.yaml")
    shutil.copy(OVERLAY / "valid" / "sources" / "my-oped.yaml", mine / "sources")
    shutil.copy(OVERLAY / "valid" / "seeds" / "my-oped.txt", mine / "seeds")
    actors = (mine / "actors.yaml").read_text(encoding="utf-8")
    mine_only = (OVERLAY / "valid" / "actors.yaml").read_text(encoding="utf-8").removeprefix("actors:\n")
    (mine / "actors.yaml").write_text(actors.rstrip("\n") + "\n\n" + mine_only, encoding="utf-8")
    issues = (mine / "issues.yaml").read_text(encoding="utf-8")
    arctic = (OVERLAY / "valid" / "issues.yaml").read_text(encoding="utf-8").removeprefix("issues:\n")
    (mine / "issues.yaml").write_text(issues.rstrip("\n") + "\n\n" + arctic, encoding="utf-8")
    return mine


def test_an_old_full_copy_is_read_as_the_users_additions_and_left_in_place(run: Run) -> None:
    mine = _old_style_user_dir()
    before = {p: p.read_bytes() for p in mine.rglob("*") if p.is_file()}
    result = run("sources", "list", "-f", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    listed = {s["id"]: s for s in json.loads(result.stdout)["sources"]}
    assert {k: v["origin"] for k, v in listed.items()}["my-oped"] == "user"
    assert listed["hormats"]["origin"] == "shipped" and _reads_the_shipped_hormats(listed)
    assert {p: p.read_bytes() for p in mine.rglob("*") if p.is_file()} == before  # nothing removed or changed
    again = run("validate", "-f", "json")
    assert again.exit_code == 0, again.output
    assert again.stderr == ""
    counts = json.loads(again.stdout)["counts"]
    assert counts["actors"] == run.json("--data-dir", str(shipped_data_dir()), "validate")["counts"]["actors"] + 1
    assert "arctic-shipping" in {i["id"] for i in run.json("issues", "list")["issues"]}


def test_a_changed_copy_of_a_shipped_item_is_an_error_naming_both_files(run: Run) -> None:
    mine = _user_dir()
    (mine / "sources").mkdir(parents=True)
    hormats = (shipped_data_dir() / "sources" / "hormats.yaml").read_text(encoding="utf-8")
    (mine / "sources" / "hormats.yaml").write_text(hormats.replace("Robert Hormats", "R. Hormats"), encoding="utf-8")
    result = run("validate")
    assert result.exit_code == 65
    assert f"{mine}/sources/hormats.yaml" in result.stderr
    assert f"is also in the shipped dataset ({shipped_data_dir()}/sources/hormats.yaml:" in result.stderr
