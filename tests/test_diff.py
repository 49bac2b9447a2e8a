"""``uscn diff``: do two sources agree? Verdicts from the curated agreements only, each item once."""

from __future__ import annotations

import csv
import io
import itertools
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import Run
from usc_cli.dataset import Dataset
from usc_cli.loader import load_dataset
from usc_cli.locations import resolve_location, seeds_dir_for, shipped_data_dir

SOURCES = ["cnn", "diplomat", "georgetown", "hormats", "marschik"]
PAIRS = list(itertools.permutations(SOURCES, 2))
AT_80 = {"COLUMNS": "80"}
_BRACKETED = re.compile(r"\[([a-z0-9]+(?:-[a-z0-9]+)*)\]")


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset(resolve_location(None))


def _lines(out: str) -> list[str]:
    return out.splitlines()


def _tokens(out: str) -> set[str]:
    return set(out.split())


def test_hormats_georgetown_at_80_columns_is_about_a_third_of_the_old_702_lines(run: Run) -> None:
    """A third was 234 lines; each author's positions where no agreement links them (issue 21) add ~10."""
    out = run.ok("diff", "hormats", "georgetown", env=AT_80)
    assert len(_lines(out)) <= 250
    assert max(len(line) for line in _lines(out)) <= 80


@pytest.mark.parametrize("extra", [[], ["--quotes"]])
def test_each_author_is_introduced_once(run: Run, extra: list[str]) -> None:
    out = " ".join(run.ok("diff", "hormats", "georgetown", *extra, env=AT_80).split())
    assert out.count("a professor at Georgetown University who served on the staff") == 1
    assert out.count("a former Under Secretary of State") == 1
    assert out.count("stands as a former US National Security Council staffer, writing for US interests") == 1
    assert out.count("stands as a former US official writing as an American") == 1


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_every_proposal_and_agreement_is_shown_exactly_once(run: Run, ds: Dataset, a: str, b: str) -> None:
    out = run.ok("diff", a, b, env=AT_80)
    shown = _BRACKETED.findall(out)
    recs = {r.id for r in ds.recommendations if r.source in (a, b)}
    linking = {
        agreement.id
        for agreement in ds.agreements.values()
        if {a, b} <= {r.source for r in ds.recommendations if r.id in agreement.recommendations}
    }
    assert sorted(shown) == sorted(recs | linking)  # each once, none left out


def test_no_item_repeats_where_one_proposal_is_in_several_agreements(run: Run) -> None:
    """Marschik's annual summit is in three agreements with Hormats: it is shown once."""
    out = run.ok("diff", "hormats", "marschik", "--quotes", env=AT_80)
    assert out.count("marschik-annual-summit") == 1
    assert out.count("hormats-regular-high-level-dialogue") == 1
    assert "[keep-top-level-engagement]" in out and "[sustained-dialogue-process]" in out
    assert "It links the same proposals as above." in out


def test_default_is_a_verdict_per_issue(run: Run) -> None:
    out = run.ok("diff", "hormats", "georgetown", env=AT_80)
    lines = _lines(out)
    at = next(line for line in lines if line.startswith("issue ")).index("do they agree?")
    rows = {line.split()[0]: line[at:] for line in lines if re.match(r"[a-z-]+ {2}", line)}
    assert rows["global-finance"] == "partly"
    assert rows["high-level-dialogue"] == "agree"
    assert rows["military-communication"] == "no link"  # both speak to it; nothing links them there
    assert rows["taiwan"] == "only georgetown"
    assert rows["science-health"] == "only hormats"
    assert "global-finance: Global finance and debt — partly" in out
    assert "“" not in out  # no quotes unless asked


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_verdicts_are_exactly_the_curated_links_on_the_issue(run: Run, ds: Dataset, a: str, b: str) -> None:
    recs = {r.id: r for r in ds.recommendations}
    for row in run.json("diff", a, b)["issues"]:
        issue = row["issue"]
        expected = {
            agreement.id: agreement.level.value
            for agreement in ds.agreements.values()
            if all(
                any(recs[i].source == side and issue in recs[i].issues for i in agreement.recommendations if i in recs)
                for side in (a, b)
            )
        }
        assert {i: ds.agreements[i].level.value for i in row["agreements"]} == expected
        assert len(row["agreements"]) == len(expected)
        assert sorted(row["levels"]) == sorted(set(expected.values()))


def test_same_kind_of_step_is_never_read_as_agreement(run: Run, tmp_path: Path) -> None:
    """Without the curated agreements, proposals of the same kind on the same issue are 'no link'."""
    data = tmp_path / "data"
    shutil.copytree(shipped_data_dir(), data)
    shutil.copytree(seeds_dir_for(shipped_data_dir()), tmp_path / "seeds")
    (data / "agreements.yaml").unlink()
    args = ["--data-dir", str(data), "diff", "hormats", "georgetown"]
    shipped = {r["issue"]: r for r in run.json("diff", "hormats", "georgetown")["issues"]}
    assert shipped["high-level-dialogue"]["levels"] == ["agree"]
    kinds = {}
    for side in ("hormats", "georgetown"):
        recs = run.json("recommend", "--source", side, "--issue", "high-level-dialogue")["recommendations"]
        kinds[side] = {r["kind"] for r in recs}
    assert kinds["hormats"] & kinds["georgetown"]  # the same kind of step on the same issue...
    data_json = run.json(*args)
    assert all(row["levels"] == [] for row in data_json["issues"])  # ...is not agreement
    assert data_json["agreements"] == []
    out = run.ok(*args, env=AT_80)
    assert re.search(r"^high-level-dialogue .* no link$", out, re.MULTILINE)
    assert not re.search(r"\b(agree|partly|differ)$", out, re.MULTILINE)


def test_quotes_shows_each_proposals_verbatim_quotes_with_their_speaker(run: Run, ds: Dataset) -> None:
    out = " ".join(run.ok("diff", "hormats", "georgetown", "--quotes", env=AT_80).split())
    rec = next(r for r in ds.recommendations if r.id == "hormats-treasury-finance-meetings")
    quote = " ".join(rec.evidence[0].quote.split())
    assert f"“{quote}” — Robert Hormats, the author · hormats" in out
    game_plan = next(r for r in ds.recommendations if r.id == "georgetown-game-plan")
    assert f"“{' '.join(game_plan.evidence[0].quote.split())}” — the unnamed author · georgetown" in out


def test_one_source_against_every_other_in_one_table(run: Run) -> None:
    out = run.ok("diff", "hormats", env=AT_80)
    lines = _lines(out)
    assert max(len(line) for line in lines) <= 80
    [head] = [line for line in lines if line.startswith("issue ")]
    assert head.split() == ["issue", "cnn", "diplomat", "georgetown", "marschik"]
    cells = {line.split()[0]: line for line in lines if line.startswith(("leader-diplomacy ", "taiwan "))}
    leader = ["only", "A", "only", "A", "agree", "partly,", "differ"]
    assert cells["leader-diplomacy"].split(None, 1)[1].split() == leader
    assert cells["taiwan"].split(None, 1)[1].split() == ["only", "them"] * 4
    assert "only A: only hormats speaks to it" in " ".join(out.split())
    assert "marschik:   2 agree, 3 partly, 1 differ" in out
    assert out.count("Robert Hormats, a former Under Secretary") == 1


def test_one_source_against_every_other_as_json_and_csv(run: Run) -> None:
    data = run.json("diff", "hormats")
    assert data["schema_version"] == 2 and data["kind"] == "diff-overview"
    assert data["others"] == ["cnn", "diplomat", "georgetown", "marschik"]
    rows = {r["issue"]: r["verdicts"] for r in data["issues"]}
    assert rows["leader-diplomacy"]["marschik"]["levels"] == ["partly", "differ"]
    assert rows["taiwan"]["cnn"]["addressed_by"] == "b"
    assert {a["id"] for a in data["agreements"]["diplomat"]} == {"keep-top-level-engagement"}
    table = list(csv.reader(io.StringIO(run.ok("diff", "hormats", "-f", "csv"))))
    assert table[0] == ["issue", "cnn", "diplomat", "georgetown", "marschik"]
    by_issue = {row[0]: row[1:] for row in table[1:]}
    assert by_issue["taiwan"] == ["only cnn", "only diplomat", "only georgetown", "only marschik"]
    assert by_issue["fentanyl"][1:3] == ["", ""]  # neither: an empty cell, no filler


@pytest.mark.parametrize("args", [["hormats", "georgetown"], ["hormats", "georgetown", "--quotes"], ["georgetown"]])
def test_no_word_is_split_at_80_columns(run: Run, args: list[str]) -> None:
    wide = _tokens(run.ok("diff", *args, env={"COLUMNS": "2000"}))
    narrow = run.ok("diff", *args, env=AT_80)
    assert _tokens(narrow) - wide == set()
    assert max(len(line) for line in _lines(narrow)) <= 80


def test_json_keeps_the_version_2_shape_and_adds_verdicts(run: Run) -> None:
    data = run.json("diff", "hormats", "georgetown")
    assert data["schema_version"] == 2 and data["kind"] == "diff"
    assert {"a", "b", "agreements", "only_a", "only_b", "coverage"} <= data.keys()
    link = next(x for x in data["agreements"] if x["id"] == "finance-and-macro-talks")
    assert link["level"] == "partly" and link["issues"] == ["global-finance"]
    assert [r["id"] for r in link["a"]] == ["hormats-treasury-finance-meetings"]
    assert link["a"][0]["evidence"][0]["speakers"][0]["is_author"] is True
    assert data["authors"]["b"]["name"] is None
    assert data["authors"]["b"]["standpoint"].startswith("a former US National Security Council staffer")
    across = next(x for x in data["agreements"] if x["id"] == "clarity-about-intentions")
    assert across["issues"] == []
    assert "evidence" not in run.json("diff", "hormats", "georgetown", "--no-quotes")["only_a"][0]


def test_markdown_and_csv(run: Run) -> None:
    md = run.ok("diff", "hormats", "georgetown", "-f", "markdown", "--quotes")
    assert md.startswith("# hormats vs georgetown: do they agree?\n")
    assert "| global-finance | 3P R1 | R2 | partly |" in md
    assert "## global-finance: Global finance and debt — partly" in md
    assert "> — Robert Hormats, the author · hormats" in md
    table = list(csv.reader(io.StringIO(run.ok("diff", "hormats", "georgetown", "-f", "csv"))))
    assert table[0] == [
        "issue",
        "verdict",
        "agreements",
        "hormats views",
        "hormats proposals",
        "georgetown views",
        "georgetown proposals",
    ]
    rows = {row[0]: row for row in table[1:]}
    finance = ["global-finance", "partly", "finance-and-macro-talks", "third-party", "1", "", "2"]
    assert rows["global-finance"] == finance
    assert not any("·" in cell for row in table for cell in row)


def test_diplomat_and_marschik_agree_in_other_words(run: Run) -> None:
    """Both want continued high-level engagement, though their `kind` labels differ."""
    data = run.json("diff", "diplomat", "marschik")
    [link] = [a for a in data["agreements"] if a["level"] == "agree"]
    assert [r["id"] for r in link["a"]] == ["diplomat-continue-engagement"]
    assert [r["id"] for r in link["b"]] == ["marschik-annual-summit"]
    assert link["a"][0]["kind"] != link["b"][0]["kind"]
    assert "diplomat-continue-engagement" not in {r["id"] for r in data["only_a"]}
    out = run.ok("diff", "diplomat", "marschik")
    assert 'stabilizing-ties: What "stabilising" the relationship means — agree\nThey agree: Keep high-level' in out


def test_quotes_needs_two_sources_and_two_different_ones(run: Run) -> None:
    result = run("diff", "hormats", "--quotes")
    assert result.exit_code == 2 and "--quotes needs a second SOURCE" in result.stderr
    result = run("diff", "hormats", "Fortune")
    assert result.exit_code == 2 and "are the same source" in result.stderr
    result = run("diff", "nobody", "hormats")
    assert result.exit_code == 1 and result.stdout == ""


def test_one_source_alone_in_its_dataset_says_so(run: Run, mini: list[str]) -> None:
    out = run.ok(*mini, "diff", "tiny")
    assert out.endswith("There is no other source in the dataset to compare it with.\n")
    assert run.json(*mini, "diff", "tiny")["others"] == []


def test_where_nothing_links_them_each_authors_positions_are_shown(run: Run) -> None:
    """``diff diplomat marschik`` said "no link" for most issues and showed nothing to compare there."""
    data = run.json("diff", "diplomat", "marschik")
    unlinked = [row for row in data["issues"] if row["addressed_by"] == "both" and not row["levels"]]
    assert len(unlinked) >= 5
    out = " ".join(run.ok("diff", "diplomat", "marschik", env=AT_80).split())
    for row in unlinked:
        views = [*row["views"]["a"], *row["views"]["b"]]
        assert views, row["issue"]
        for view in views:
            holder = view["holder"]["name"]
            holder = holder.split(" (")[0] if view["holder"]["actor"] else holder  # an actor by name alone
            assert f"{' '.join(view['summary'].split())} — {' '.join(holder.split())} (" in out
    linked = [row for row in data["issues"] if row["levels"]]
    assert linked and all(row["views"] == {"a": [], "b": []} for row in linked)  # curated verdicts as they were
