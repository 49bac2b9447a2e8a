"""``uscn events``: the same event as each government told it, and whose own words a position is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, Run

OFFICIAL = ["--data-dir", str(FIXTURES / "official_min")]


def test_events_list_says_whose_own_texts_tell_each_event(run: Run) -> None:
    events = run.json(*OFFICIAL, "events", "list")["events"]
    by_id = {e["id"]: e["accounts_by"] for e in events}
    assert by_id == {"lakeview-meeting": ["us", "china"], "harbor-talks": ["china"]}


def test_events_list_both_keeps_only_events_told_by_both_governments(run: Run) -> None:
    events = run.json(*OFFICIAL, "events", "list", "--both")["events"]
    assert [e["id"] for e in events] == ["lakeview-meeting"]


def test_events_show_sets_each_governments_account_side_by_side(run: Run) -> None:
    shown = run.json(*OFFICIAL, "events", "show", "lakeview")
    accounts = shown["accounts"]
    assert [(a["side"], a["source"], a["issues"]) for a in accounts] == [
        ("us", "us-readout", ["military-communication", "export-controls"]),
        ("china", "cn-presser", ["export-controls", "fisheries"]),
    ]
    assert shown["only_raised_by"] == {"us": ["military-communication"], "china": ["fisheries"]}
    chinese = [q["quote"] for q in accounts[1]["quotes"]]
    assert chinese == ["美方应停止对华芯片出口管制。", "中方愿意就渔业问题保持沟通。"]  # verbatim, in Chinese
    assert accounts[1]["quotes"][0]["speakers"][0]["actor"] == "mfa-spokesperson"
    assert [m["source"] for m in shown["mentions"]] == ["column"]  # a commentator's mention is not an account


def test_a_press_conference_is_split_where_it_moves_to_another_event(run: Run) -> None:
    lakeview = run.json(*OFFICIAL, "events", "show", "lakeview-meeting")["accounts"][1]
    harbor = run.json(*OFFICIAL, "events", "show", "harbor-talks")["accounts"]
    assert "military-communication" not in lakeview["issues"]  # said under the harbor question
    assert [(a["side"], a["issues"]) for a in harbor] == [("china", ["military-communication"])]


def test_events_show_table_names_the_missing_account_as_a_gap(run: Run) -> None:
    out = run.ok(*OFFICIAL, "events", "show", "harbor-talks", env={"COLUMNS": "80"})  # stacked panes
    assert "No text of Washington's own in the dataset gives an account of this event." in out
    assert "Beijing's account" in out and "中方重视两军沟通。" in out
    assert "Only" not in out  # nothing to set against: one side alone


def test_events_show_unknown_event_is_one_line_and_exit_1(run: Run) -> None:
    result = run(*OFFICIAL, "events", "show", "no-such-meeting")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("uscn: error: event 'no-such-meeting' not found")


def test_compare_marks_each_positions_voice_and_puts_own_words_first(run: Run) -> None:
    sides = run.json(*OFFICIAL, "compare", "export-controls")["sides"]
    assert [(p["voice"], p["reported_by"]) for p in sides["china"]["positions"]] == [
        ("own", ["cn-presser"]),
        ("reported", ["column"]),
    ]
    assert [p["voice"] for p in sides["us"]["positions"]] == ["own"]
    out = run.ok(*OFFICIAL, "compare", "export-controls")
    assert out.index("In the government's own words:") < out.index("As reported by others:")


def test_words_a_government_text_reports_are_reported_by_its_body_not_by_an_author(run: Run) -> None:
    """A readout has no author in person: the President's words are reported by the White House."""
    out = run.ok(*OFFICIAL, "compare", "military-communication", "-f", "markdown")
    assert "> — The President, as reported by The White House · in us-readout\n" in out
    assert "the author reports" not in out
    data = run.json(*OFFICIAL, "compare", "military-communication")  # JSON, CSV and the export say it too
    [quote] = data["sides"]["us"]["positions"][0]["evidence"]
    assert (
        quote["attribution"]
        == "The President, reported by The White House, the author (us-readout · The White House (inferred))"
    )
    assert "the author reports" not in run.ok(*OFFICIAL, "compare", "military-communication", "-f", "csv")


def test_shipped_positions_are_reported_unless_a_government_text_states_them(run: Run) -> None:
    sources = {s["id"]: s for s in run.json("sources", "list")["sources"]}
    for side in run.json("compare", "taiwan")["sides"].values():
        for position in side["positions"]:
            own = all(sources[s]["author_side"] == position["side"] for s in position["reported_by"])
            assert position["voice"] == ("own" if own and position["side"] != "third-party" else "reported")


def test_sources_list_json_gives_kind_language_and_the_authors_side(run: Run) -> None:
    sources = {s["id"]: s for s in run.json(*OFFICIAL, "sources", "list")["sources"]}
    assert {i: (s["kind"], s["language"], s["author_side"]) for i, s in sources.items()} == {
        "us-readout": ("readout", "en", "us"),
        "cn-presser": ("press-conference", "zh", "china"),
        "column": ("opinion", "en", "third-party"),
    }
    assert sources["cn-presser"]["author"]["actor"] == "prc-mfa"


def test_a_government_text_must_name_its_government(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "official_min", data)
    path = data / "sources" / "us-readout.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  government: us\n", ""), encoding="utf-8")
    result = run("--data-dir", str(data), "validate")
    assert result.exit_code == 65
    assert "names its 'government'" in result.stderr


def test_report_sets_each_governments_account_side_by_side(run: Run, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    result = run(*OFFICIAL, "report", "-o", str(page))
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"uscn: wrote {page} (")
    html = page.read_text(encoding="utf-8")
    section = html[html.index('id="event-lakeview-meeting"') : html.index('id="timeline"')]
    us, china = section.index("Washington&#39;s account"), section.index("Beijing&#39;s account")
    assert us < section.index("keeping military lines of communication open") < china
    assert china < section.index("美方应停止对华芯片出口管制。")
    assert "Only Beijing raised: fisheries" in section  # in the words of uscn events show
    assert 'id="event-harbor-talks"' not in html  # told by one government only: no pair to show


def test_compare_csv_gives_voice_and_uscns_translation_in_columns_of_their_own(run: Run) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(run.ok(*OFFICIAL, "compare", "export-controls", "-f", "csv"))))
    chinese = [r for r in rows if r["source"] == "cn-presser"]
    assert [(r["quote"], r["voice"]) for r in chinese] == [("美方应停止对华芯片出口管制。", "own")]
    assert chinese[0]["uscn_translation"].startswith("The US side should stop")  # ours, beside the quote
    assert all(r["uscn_translation"] == "" for r in rows if r["source"] != "cn-presser")


THROUGH = FIXTURES / "account_through"  # a made-up press conference: a meeting, then fisheries, then talks


def _without_through(tmp_path: Path) -> Path:
    """The same press conference with no mark where the Lakeview account ends."""
    data = tmp_path / "data"
    shutil.copytree(THROUGH, data)
    events = data / "events.yaml"
    kept = [line for line in events.read_text(encoding="utf-8").splitlines(keepends=True) if "through:" not in line]
    events.write_text("".join(kept), encoding="utf-8")
    return data


def test_a_marked_account_runs_from_its_mention_to_the_end_of_its_through(run: Run) -> None:
    china = run.json("--data-dir", str(THROUGH), "events", "show", "lakeview-meeting")["accounts"][1]
    assert (china["source"], china["issues"]) == ("cn-presser", ["export-controls"])  # not the fisheries question
    [extent] = china["extents"]
    assert extent["decided_by"] == "marked"
    text = (THROUGH / "seeds" / "cn-presser.txt").read_text(encoding="utf-8")
    assert text[extent["start"] : extent["end"]] == "双方在湖景举行了会晤。美方应停止对华芯片出口管制。"


def test_without_through_a_passage_belongs_to_the_event_last_mentioned(run: Run, tmp_path: Path) -> None:
    data = _without_through(tmp_path)
    china = run.json("--data-dir", str(data), "events", "show", "lakeview-meeting")["accounts"][1]
    assert china["issues"] == ["export-controls", "fisheries"]  # the next question, by the rule
    assert [x["decided_by"] for x in china["extents"]] == ["last-mention"]
    harbor = run.json("--data-dir", str(data), "events", "show", "harbor-talks")["accounts"]
    assert [(a["issues"], [x["decided_by"] for x in a["extents"]]) for a in harbor] == [
        (["military-communication"], ["last-mention"])
    ]


def test_a_mark_ends_an_account_before_the_next_event_is_mentioned(run: Run) -> None:
    harbor = run.json("--data-dir", str(THROUGH), "events", "show", "harbor-talks")["accounts"]
    assert [(a["issues"], [x["decided_by"] for x in a["extents"]]) for a in harbor] == [
        (["military-communication"], ["last-mention"])
    ]


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_events_show_draws_only_the_accounts_passages_in_every_format(run: Run, tmp_path: Path, fmt: str) -> None:
    marked = run.ok("--data-dir", str(THROUGH), "events", "show", "lakeview-meeting", "-f", fmt)
    unmarked = run.ok("--data-dir", str(_without_through(tmp_path)), "events", "show", "lakeview-meeting", "-f", fmt)
    for out in (marked, unmarked):
        assert "美方应停止对华芯片出口管制。" in out
    assert "中方愿意就渔业问题保持沟通。" in unmarked
    assert "中方愿意就渔业问题保持沟通。" not in marked


def test_beijings_account_of_vienna_holds_only_what_was_said_of_the_meeting(run: Run) -> None:
    """The spokesperson's later answers (export controls, developing-country status, the G7) are
    other questions of the same press conference."""
    accounts = run.json("events", "show", "sullivan-wang-yi-vienna")["accounts"]
    beijing = [a for a in accounts if a["side"] == "china"]
    assert [(a["source"], a["issues"]) for a in beijing] == [("mfa-230512", ["high-level-dialogue"])]
    assert [x["decided_by"] for x in beijing[0]["extents"]] == ["marked"]
