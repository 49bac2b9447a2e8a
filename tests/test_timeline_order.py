"""The timeline's order: partial dates at the end of their period, events dated by official texts,
one event per meeting."""

from __future__ import annotations

from dataclasses import asdict, replace

from tests.conftest import VALID_MIN, Run
from usc_cli.loader import load_dataset
from usc_cli.locations import DataLocation
from usc_cli.models import DateFact, EventMention, Side, Source, SourceKind, date_sort_key
from usc_cli.queries.coverage import dated, in_date_order
from usc_cli.schema import validate


def test_a_partial_date_sorts_at_the_end_of_its_period() -> None:
    order = ["2022-11-14", "2022-11", "2022", "2023-01", "2023-11-15", "2023-11", "2023"]
    assert sorted(order[3:] + order[:3], key=date_sort_key) == order
    assert date_sort_key("1970s") > date_sort_key("1979-12-31")
    assert date_sort_key("1970s") < date_sort_key("1980")


def test_the_shipped_timeline_never_puts_a_coarser_date_before_a_finer_one_of_its_period(run: Run) -> None:
    dates = [e["date"]["value"] for e in run.json("timeline")["events"]]
    for n, earlier in enumerate(dates):
        for later in dates[n + 1 :]:
            assert not (len(earlier) < len(later) and later.startswith(earlier)), (earlier, later)
    assert dates[-1] == "2023" and "2023-11" in dates and dates.index("2023-11") < dates.index("2023")


def test_the_view_says_how_partial_dates_are_placed(run: Run) -> None:
    rule = "An event known only to its year or month is placed at the end of that year or month"
    assert run.json("timeline")["order"].startswith(rule)
    assert rule in " ".join(run.ok("timeline", env={"COLUMNS": "200"}).split())


def test_the_same_meeting_is_one_event_told_apart_from_the_next_by_place_and_date(run: Run) -> None:
    events = {e["id"]: e for e in run.json("timeline", "--issue", "high-level-dialogue")["events"]}
    meetings = [i for i in events if i.startswith("sullivan-")]
    assert meetings == ["sullivan-wang-yi-vienna", "sullivan-wang-malta"]
    vienna, malta = events["sullivan-wang-yi-vienna"], events["sullivan-wang-malta"]
    assert vienna["sources"] == ["georgetown", "hormats", "wh-230511", "mfa-230512"]  # seeds and both governments
    # Malta: its readout says "met on September 16-17"
    assert (vienna["date"]["value"], malta["date"]["value"]) == ("2023-05-11", "2023-09")
    assert "Malta" in malta["title"] and "Vienna" in vienna["title"]


def test_an_event_is_dated_by_the_official_text_that_reports_it() -> None:
    ds = load_dataset(DataLocation(VALID_MIN, VALID_MIN / "seeds"))
    tiny = ds.sources["tiny"]
    readout = validate(
        Source,
        {
            **{k: v for k, v in asdict(tiny).items() if k not in {"title", "date", "kind", "government", "unknown"}},
            "id": "readout",
            "kind": SourceKind.READOUT,
            "government": Side.US,
            "title": {"value": "Readout of the meeting", "inferred": True, "basis": "Made up for the tests."},
            "date": {"value": "2022-11-14", "inferred": True, "basis": "Made up for the tests."},
        },
    )
    ds.sources["readout"] = readout
    event = ds.events["bali-meeting"]
    told = replace(event, mentions=[*event.mentions, EventMention(source="readout", quote="x")])
    assert dated(ds, event) is event  # only a commentator's account: the event's own date
    result = dated(ds, told)
    assert result.date.value == "2022-11-14" and result.date.inferred
    assert result.date.basis is not None and "us government's own text" in result.date.basis
    assert "readout 'Readout of the meeting' (readout), dated 2022-11-14" in result.date.basis
    elsewhere = replace(told, date=DateFact(value="2021", quote="2021"))
    assert dated(ds, elsewhere).date.value == "2021"  # a text dated outside the event's period does not date it
    assert [e.id for e in in_date_order(ds, [told])] == ["bali-meeting"]
