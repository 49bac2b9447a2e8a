"""The shipped dataset: it validates, and it says what the articles say (spot checks a reader can verify)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from tests.conftest import Run
from usc_cli.dataset import Dataset
from usc_cli.locations import shipped_data_dir
from usc_cli.models import Side, SourceKind
from usc_cli.queries.analyze import analyze

SHARED_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="module")
def ds(shipped: Dataset) -> Dataset:
    return shipped


def test_shipped_dataset_validates(run: Run) -> None:
    counts = run.json("validate")["counts"]
    assert counts["sources"] >= 5  # the five seed articles, then the governments' own texts
    assert counts["issues"] >= 12
    assert counts["positions"] >= 60 and counts["recommendations"] >= 40


def test_every_quote_is_located_in_its_seed(ds: Dataset) -> None:
    for (source, quote), spans in ds.spans.items():
        assert spans, (source, quote)
        text = ds.seeds[source].text
        assert " ".join(text[spans[0].start : spans[0].end].split()) == " ".join(quote.split())


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="the shared seeds are not beside this checkout")
def test_seeds_are_byte_identical_to_the_shared_articles(ds: Dataset) -> None:
    shared = {hashlib.sha256(p.read_bytes()).hexdigest() for p in SHARED_SEEDS.glob("*.txt")}
    seed_articles = {s.sha256 for s in ds.sources.values() if s.government is None}  # not the official texts
    assert seed_articles == shared


def test_each_issue_has_both_sides_or_an_explicit_gap(ds: Dataset) -> None:
    for issue in ds.issues.values():
        for side in (Side.US, Side.CHINA):
            has = bool(ds.positions_for(issue.id, side))
            assert has != any(g.side is side for g in issue.gaps), (issue.id, side)


def test_authors_the_articles_do_not_name_stay_unnamed(ds: Dataset) -> None:
    names = {s.id: s.author.name for s in ds.sources.values() if s.government is None}
    assert names == {
        "hormats": "Robert Hormats",
        "georgetown": None,
        "cnn": None,
        "diplomat": None,
        "marschik": "Quinn Marschik",
    }
    assert ds.sources["georgetown"].author.description is not None


def test_inferred_metadata_is_marked_with_a_basis(ds: Dataset) -> None:
    assert ds.sources["hormats"].outlet is not None and ds.sources["hormats"].outlet.how == "stated"
    for sid in ("cnn", "marschik"):
        outlet = ds.sources[sid].outlet
        assert outlet is not None and outlet.inferred and outlet.basis
    for source in (s for s in ds.sources.values() if s.government is None):  # the seed articles
        assert source.date is not None and source.date.inferred and source.date.basis


def test_every_shipped_source_is_citable_or_says_why_not(ds: Dataset) -> None:
    """Title, outlet, date and URL: each given with its basis, or unknown with the reason."""
    hows = {
        sid: {f: (getattr(s, f).how if getattr(s, f) is not None else "unknown") for f in ("title", "outlet", "url")}
        for sid, s in ds.sources.items()
        if s.government is None  # the seed articles (each official text is matched whole: tests/test_official.py)
    }
    assert hows == {
        "cnn": {"title": "inferred", "outlet": "inferred", "url": "matched"},
        "diplomat": {"title": "stated", "outlet": "matched", "url": "matched"},
        "georgetown": {"title": "unknown", "outlet": "matched", "url": "matched"},
        "hormats": {"title": "unknown", "outlet": "stated", "url": "unknown"},
        "marschik": {"title": "unknown", "outlet": "inferred", "url": "unknown"},
    }
    for source in ds.sources.values():
        for field in ("title", "outlet", "url", "date"):
            assert getattr(source, field) is not None or source.unknown.get(field), (source.id, field)


def test_wang_li_is_recorded_as_written(ds: Dataset) -> None:
    wang = ds.actors["wang-yi"]
    assert [(v.name, v.source) for v in wang.variants] == [("Wang Li", "hormats")]
    assert "Wang Li" in ds.seeds["hormats"].text and "Wang Yi" not in ds.seeds["hormats"].text


def test_news_analysis_makes_no_recommendations_of_its_own(ds: Dataset) -> None:
    assert ds.sources["cnn"].kind is SourceKind.NEWS_ANALYSIS
    assert all(r.proposer is not None for r in ds.recommendations if r.source == "cnn")
    for sid in ("hormats", "georgetown", "diplomat", "marschik"):
        assert any(r.source == sid for r in ds.recommendations), sid


def test_every_seed_mentions_the_issues_it_is_filed_under(ds: Dataset) -> None:
    """The analyze cues (kept in the data) find, in each seed, every issue that seed speaks to."""
    for sid, seed in ds.seeds.items():
        if ds.sources[sid].government is not None:
            continue  # the cues are made for articles (and English words); a government's text is filed by hand
        found = {f.id for f in analyze(ds, seed.text, minimum=1) if f.kind == "issue"}
        expected = {i for i in ds.issues if sid in ds.sources_speaking_to(i)}
        assert expected <= found, (sid, sorted(expected - found))


def test_the_user_card_commands(run: Run) -> None:
    taiwan = run.json("compare", "taiwan")
    assert taiwan["sides"]["us"]["positions"] and taiwan["sides"]["china"]["positions"]
    hormats = run.json("recommend", "--source", "hormats")["recommendations"]
    assert len(hormats) >= 15 and {r["source"] for r in hormats} == {"hormats"}
    assert {r["source"] for r in run.json("recommend", "--source", "Asia Times")["recommendations"]} == {"marschik"}
    assert {r["source"] for r in run.json("recommend", "--source", "fortune")["recommendations"]} == {"hormats"}
    assert len(run.json("issues", "list")["issues"]) >= 12


def test_security_vs_development_and_fight_nicely_vs_thaw(run: Run) -> None:
    frames = {f["id"]: f for f in run.json("frames", "list")["frames"]}
    labels = {lb["side"]: lb["label"] for lb in frames["security-vs-development"]["labels"]}
    assert labels["us"] == "security" and labels["china"] == "development"
    thaw = {lb["side"]: lb["label"] for lb in frames["fight-nicely-vs-thaw"]["labels"]}
    assert "fight nicely" in thaw["us"] and "thaw" in thaw["china"]
    assert "sources-of-instability" in frames


def test_diff_of_two_authors_on_real_data(run: Run) -> None:
    data = run.json("diff", "hormats", "marschik")
    assert data["a"] == "hormats" and data["b"] == "marschik"
    levels = {a["id"]: a["level"] for a in data["agreements"]}
    assert levels["keep-top-level-engagement"] == "agree"
    assert levels["broad-goals-or-concrete-objectives"] == "partly"
    assert any(c["issue"] == "leader-diplomacy" for c in data["coverage"])
    for fmt in ("table", "markdown", "csv"):
        assert run.ok("diff", "hormats", "marschik", "-f", fmt)


def test_shipped_data_dir_is_found_without_flags() -> None:
    assert (shipped_data_dir() / "issues.yaml").exists()


_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.|U\.S\.|\b(?:Jr|Sr|Gen|No|Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Lt|Col|Adm)\.)\W*$")


def test_no_context_sentence_starts_or_ends_mid_sentence(ds: Dataset) -> None:
    """The ``--context`` sentence of every quote used as evidence is whole: it neither ends at an
    abbreviation or initial ("China-U.") nor starts after one or in lower case ("S.-China relations").
    With the hand-written splitter that syntok replaced, 13 of these 248 sentences broke so."""
    broken = []
    located = {(site.evidence.source, spans[0]) for site in ds.sites if (spans := ds.locate(site.evidence))}
    for source, span in sorted(located, key=lambda item: (item[0], item[1].start)):
        seed = ds.seeds[source]
        hit = seed.sentence_spans(span)
        text = seed.text[hit[0].start : hit[-1].end]
        before = seed.text[: hit[0].start].rstrip()
        if _ABBREVIATION_END.search(text) or _ABBREVIATION_END.search(before) or text[:1].islower():
            broken.append(seed.sentence_around(span))
    assert len(located) >= 240
    assert broken == []


def test_the_hormats_text_really_has_no_apostrophes_and_sources_show_says_so(run: Run) -> None:
    seed = (Path(__file__).parent.parent / "seeds" / "hormats-fortune.txt").read_text(encoding="utf-8")
    assert "'" not in seed and "’" not in seed
    for word in ("countrys", "Chinas", "dont"):
        assert word in seed
    out = " ".join(run.ok("sources", "show", "hormats").split())
    assert "About the text: The article's text, as published, has no apostrophes" in out
    notes = run.json("sources", "show", "hormats")["source"]["text_notes"]
    assert notes[0]["quote"] == "mutual respect for each countrys culture and system"


def test_where_an_author_stands_is_the_same_in_sources_show_and_diff(run: Run) -> None:
    shown = " ".join(run.ok("sources", "show", "hormats").split())
    assert "Where the author stands: a former US official writing as an American" in shown
    assert "stands as a former US official writing as an American" in " ".join(
        run.ok("diff", "hormats", "georgetown").split()
    )
    standpoint = run.json("sources", "show", "hormats")["source"]["author"]["standpoint"]
    assert standpoint["recorded_on"] == "actor" and standpoint["quote"]


def test_a_quoted_texts_note_is_shown_where_its_quotes_are(run: Run) -> None:
    for view in (["recommend", "--source", "hormats"], ["compare", "trade-tariffs"], ["issues", "show", "climate"]):
        assert "About the text of hormats: The article's text, as published, has no apostrophes" in " ".join(
            run.ok(*view).split()
        ), view
    assert "About the text of" not in run.ok("recommend", "--source", "hormats", "--no-quotes")


def test_each_government_speaks_for_itself_on_six_issues_or_more(ds: Dataset) -> None:
    """Beijing's column holds a PRC government text's words and Washington's a US one's (issue 19)."""

    def own(side: Side) -> set[str]:
        return {
            p.issue
            for p in ds.positions
            if p.side is side and all(ds.sources[e.source].government is side for e in p.evidence)
        }

    assert len(own(Side.US) & own(Side.CHINA)) >= 6


def test_five_events_have_both_governments_texts(ds: Dataset) -> None:
    both = [
        e.id
        for e in ds.events.values()
        if {ds.sources[m.source].government for m in e.mentions} >= {Side.US, Side.CHINA}
    ]
    assert len(both) >= 5, both


def test_an_event_whose_official_account_raises_an_issue_is_among_that_issues_events(run: Run, ds: Dataset) -> None:
    """Bali is filed under leader diplomacy, but its readout raises Taiwan: ``timeline --issue``,
    ``events list --issue`` and ``compare``'s events find it there."""
    from usc_cli.queries.events import event_accounts

    assert "taiwan" not in ds.events["bali-summit"].issues
    assert any("taiwan" in a.issues for a in event_accounts(ds, "bali-summit").accounts)
    for args in (["timeline", "--issue", "taiwan"], ["events", "list", "--issue", "taiwan"]):
        assert {"bali-summit", "sullivan-wang-malta"} <= {e["id"] for e in run.json(*args)["events"]}, args
    assert "bali-summit" in {e["id"] for e in run.json("compare", "taiwan")["events"]}
    assert "bali-summit" not in {e["id"] for e in run.json("timeline", "--issue", "fentanyl")["events"]}


def test_a_date_a_text_states_is_the_events_own_in_every_view(run: Run) -> None:
    """The Malta readout says "met on September 16-17": no view dates the meeting by the readout's day."""
    shown = run.json("events", "show", "sullivan-wang-malta")["event"]["date"]
    listed = [e for e in run.json("events", "list")["events"] if e["id"] == "sullivan-wang-malta"][0]["date"]
    assert shown["value"] == listed["value"] == "2023-09" and not shown["inferred"]


def test_official_texts_are_cited_and_the_excerpts_say_so(ds: Dataset) -> None:
    for source in (s for s in ds.sources.values() if s.government is not None):
        assert source.title and source.url and source.date and source.outlet, source.id
        assert source.date.how != "inferred" and source.url.matched, source.id
        if source.government is Side.CHINA:  # no licence: a marked excerpt, its language Chinese
            assert source.language == "zh" and ds.seeds[source.id].text.startswith("[uscn excerpt]")
