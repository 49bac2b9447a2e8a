"""``uscn report``: every quote links to its highlighted span; nothing from the data becomes markup."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import VALID_MIN, Run, run_on_shipped_data
from usc_cli.dataset import fold_whitespace
from usc_cli.models import Side
from usc_cli.render.document import quoted
from usc_cli.render.palette import SIDE_COLOURS


class Page(HTMLParser):
    """What the tests need from a report: elements, ids, links, quotes and highlighted text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.quote_links: list[tuple[str, str]] = []  # (use id, target id)
        self.blockquotes: dict[str, str] = {}  # use id -> text
        self.highlight: dict[str, str] = {}  # target id -> text of every piece, in page order
        self.text: list[str] = []
        self._figure: str | None = None
        self._in: list[tuple[str, str]] = []  # open (tag, data-q) elements collecting text
        self.html = html
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append(tag)
        self.attrs += attrs
        if found.get("id"):
            self.ids.append(str(found["id"]))
        if tag == "figure":
            self._figure = found.get("id")
        if tag == "a" and found.get("href") is not None:
            self.hrefs.append(str(found["href"]))
            if self._figure and found.get("href") != "#" + self._figure:
                self.quote_links.append((self._figure, str(found["href"])[1:]))
        if tag in ("blockquote", "mark"):
            self._in.append((tag, str(found.get("data-q") or "")))

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1][0] == tag:
            self._in.pop()
        if tag == "figure":
            self._figure = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for tag, marks in self._in:
            if tag == "blockquote" and self._figure:
                self.blockquotes[self._figure] = self.blockquotes.get(self._figure, "") + data
            for target in marks.split():
                self.highlight[target] = self.highlight.get(target, "") + data


@pytest.fixture(scope="module")
def shipped_page(tmp_path_factory: pytest.TempPathFactory) -> Page:
    """The report of every issue of the shipped dataset, written with -o and parsed."""
    out = tmp_path_factory.mktemp("report") / "report.html"
    run_on_shipped_data(out, "report", "-o", str(out))
    return Page(out.read_text(encoding="utf-8"))


def test_every_quote_link_target_exists_and_highlights_the_quote(shipped_page: Page) -> None:
    page = shipped_page
    assert len(page.quote_links) > 200
    ids = set(page.ids)
    assert len(ids) == len(page.ids), "duplicate ids"
    for use, target in page.quote_links:
        assert target in ids, target
        # the seed may break a line inside a quote where the data has a space: compare as validate does
        assert fold_whitespace(quoted(page.highlight[target])) == fold_whitespace(page.blockquotes[use]), target


def test_every_quote_of_every_position_is_in_the_report(shipped_page: Page) -> None:
    from usc_cli.loader import load_dataset
    from usc_cli.locations import resolve_location

    ds = load_dataset(resolve_location(None))
    shown = set(shipped_page.blockquotes.values())
    for position in ds.positions:
        for evidence in position.evidence:
            assert quoted(evidence.quote) in shown


def test_links_stay_in_the_page_and_nothing_is_loaded(shipped_page: Page) -> None:
    ids = set(shipped_page.ids)
    assert shipped_page.hrefs and all(h.startswith("#") and h[1:] in ids for h in shipped_page.hrefs)
    assert not {"script", "link", "img", "iframe", "object", "embed", "base"} & set(shipped_page.tags)
    assert not [name for name, _ in shipped_page.attrs if name in ("src", "srcset", "action") or name.startswith("on")]


class Grid(HTMLParser):
    """The coverage grid as text: a list per row of its cells, each cell's labels joined by spaces."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._in_grid = False
        self._cell: list[str] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and ("class", "grid") in attrs:
            self._in_grid = True
        elif self._in_grid and tag == "tr":
            self.rows.append([])
        elif self._in_grid and tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_grid = False
        elif self._cell is not None and tag in ("th", "td"):
            self.rows[-1].append(" ".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None and data.strip():
            self._cell.append(data.strip())


def timeline_titles(html: str) -> list[str]:
    """The titles of the timeline's events, in page order."""
    section = html.split('<section id="timeline"', 1)[1].split("</section>", 1)[0]
    return [unescape(t) for t in re.findall(r'<p class="summary">(.*?)</p>', section)]


def matrix_cells(matrix: dict[str, Any], issue: str) -> list[str]:
    """What ``uscn matrix -f json`` says of each source on an issue, as the report's cells read."""
    labels = {"us": "US", "china": "CN", "third-party": "3P"}
    cells = []
    for source in matrix["sources"]:
        cell = matrix["cells"][issue][source]
        text = [labels[s] for s in cell["sides"]] + ([f"R{cell['recommendations']}"] if cell["recommendations"] else [])
        cells.append(" ".join(text) or "·")
    return cells


def test_grid_shows_for_each_issue_and_article_what_uscn_matrix_reports(run: Run, shipped_page: Page) -> None:
    matrix = run.json("matrix")
    titles = {i["id"]: i["title"] for i in run.json("issues", "list")["issues"]}
    header, *rows = Grid(shipped_page.html).rows
    assert header == ["Issue", *matrix["sources"]]
    assert rows == [[titles[issue], *matrix_cells(matrix, issue)] for issue in matrix["issues"]]
    assert rows[0][:3] == ["Taiwan", "CN", "US CN"]  # the grid is not empty: cnn reports Beijing's view, …


def test_timeline_holds_every_event_in_date_order(run: Run, shipped_page: Page) -> None:
    events = run.json("timeline")["events"]
    assert len(events) > 10
    assert timeline_titles(shipped_page.html) == [e["title"] for e in events]


def test_report_of_one_issue_has_its_row_and_its_events(run: Run) -> None:
    html = run.ok("report", "taiwan")
    header, *rows = Grid(html).rows
    assert [row[0] for row in rows] == ["Taiwan"]
    expected = [e["title"] for e in run.json("timeline", "--issue", "taiwan")["events"]]
    assert expected and timeline_titles(html) == expected


def test_side_colours_are_the_palette_and_readable_on_white(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def luminance(colour: str) -> float:
        rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    for side, colour in SIDE_COLOURS.items():  # side names on white, white letters on the side's colour
        assert 1.05 / (luminance(colour) + 0.05) >= 4.5, side
    html = run.ok("report", "taiwan")
    for side, colour in SIDE_COLOURS.items():
        assert f"--{side.value}: {colour};" in html
    monkeypatch.setitem(SIDE_COLOURS, Side.US, "#123456")
    assert "--us: #123456;" in run.ok("report", "taiwan")


def test_report_of_named_issues_only(run: Run, mini: list[str]) -> None:
    page = Page(run.ok(*mini, "report", "fisheries"))
    assert [h for h in page.hrefs if h.startswith("#issue-")] == ["#issue-fisheries"]
    assert "No seed gives Washington's view." in "".join(page.text)


def test_unknown_issue_exits_1(run: Run, mini: list[str]) -> None:
    result = run(*mini, "report", "nonsense")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("uscn: error: issue 'nonsense' not found")


def test_output_refuses_an_existing_file(run: Run, mini: list[str], tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    target.write_text("mine", encoding="utf-8")
    result = run(*mini, "report", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"uscn: error: {target} exists; pass --force to overwrite it\n"
    assert target.read_text(encoding="utf-8") == "mine"


HOSTILE = '</style><script>alert(1)</script><a href="javascript:alert(2)">x</a><b onclick="alert(3)">\u202eevil\u2066'


def make_hostile(tmp_path: Path) -> Path:
    """The minimal dataset with markup, a javascript: URL, </style> and bidi controls in titles (an
    article's, an issue's, an event's), summaries, a holder and quotes (also in the seed text, so they load)."""
    data = tmp_path / "data"
    shutil.copytree(VALID_MIN, data)
    seed = data / "seeds" / "tiny.txt"
    article = seed.read_bytes() + f"Hostile words: {HOSTILE} end.\n".encode()
    seed.write_bytes(article)
    source = data / "sources" / "tiny.yaml"
    text = source.read_text(encoding="utf-8")
    text = text.replace(
        "fcce7553d95e7e922ae6be36f49e4c3e7e8b937e49bc772e9f824b026406e569", hashlib.sha256(article).hexdigest()
    )
    text = text.replace(
        "recommendations:\n",
        "  - issue: fisheries\n    side: third-party\n"
        f"    holder: {{description: {json.dumps(HOSTILE)}}}\n"
        f"    summary: {json.dumps(HOSTILE)}\n"
        f"    evidence:\n      - source: tiny\n        quote: {json.dumps(HOSTILE)}\n"
        "recommendations:\n",
    )
    text = text.replace(
        'title:\n    value: Tiny Test Article\n    quote: "Tiny Test Article"',
        f"title:\n    value: {json.dumps(HOSTILE)}\n    quote: {json.dumps(HOSTILE)}",
    )
    source.write_text(text, encoding="utf-8")
    issues = data / "issues.yaml"
    text = issues.read_text(encoding="utf-8").replace("title: Fisheries", f"title: {json.dumps(HOSTILE)}")
    text = text.replace("summary: A made-up issue with no side's view.", f"summary: {json.dumps(HOSTILE)}")
    issues.write_text(text, encoding="utf-8")
    events = data / "events.yaml"
    text = events.read_text(encoding="utf-8").replace("title: Meeting in Bali", f"title: {json.dumps(HOSTILE)}")
    text = text.replace("issues: [export-controls]", "issues: [export-controls, fisheries]")
    text += f"      - source: tiny\n        quote: {json.dumps(HOSTILE)}\n"
    events.write_text(text, encoding="utf-8")
    return data


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The hostile dataset (see ``make_hostile``)."""
    return make_hostile(tmp_path)


def test_hostile_data_is_shown_as_text_only(run: Run, hostile: Path) -> None:
    html = run.ok("--data-dir", str(hostile), "report")
    page = Page(html)
    assert "script" not in page.tags
    assert page.tags.count("style") == 1 and page.tags.count("b") == 0
    assert [h for h in page.hrefs if not h.startswith("#")] == []
    assert not [name for name, _ in page.attrs if name.startswith("on")]
    for char in "\u202e\u2066":
        assert char not in html, repr(char)
    text = "".join(page.text)
    shown = HOSTILE.replace("\u202e", "\\u202e").replace("\u2066", "\\u2066")
    # grid row, issue title and summary, position summary, holder, quote, event title, its issue, its
    # quote, the article's title and text
    assert text.count(shown) >= 11
    assert ("title", shown) in page.attrs  # the grid's column of the article: its title as a tooltip
    hostile_quotes = [(u, t) for u, t in page.quote_links if HOSTILE[:8] in page.blockquotes[u]]
    assert len(hostile_quotes) == 2  # the position's and the event's
    for _, target in hostile_quotes:
        assert page.highlight[target] == shown


def test_each_article_is_headed_by_its_title_or_says_it_is_unknown_and_carries_its_citation(
    shipped_page: Page,
) -> None:
    text = " ".join(" ".join(shipped_page.text).split())
    assert "Untitled article" not in text
    assert "The Benefits (and Limits) of China-US High-Level Diplomatic Engagement" in text
    assert "China and the US are finally talking again. But can they really work together? (title inferred)" in text
    assert "Title unknown (hormats: Robert Hormats, Fortune)" in text
    assert "URL https://thediplomat.com/2023/11/the-benefits-and-limits-of-china-us-high-level-diplomatic-" in text
    assert "(matched against a stored public copy)" in text
    assert "URL — (unknown) No stored copy of the article on fortune.com was found" in text


def test_markup_in_a_recommendation_and_an_author_name_is_text(run: Run, tmp_path: Path) -> None:
    """A second path through the templates: fields the hostile dataset above leaves plain."""
    data = tmp_path / "data"
    shutil.copytree(VALID_MIN, data)
    source = data / "sources" / "tiny.yaml"
    text = source.read_text(encoding="utf-8").replace(
        "summary: Set up a military hotline between defence ministries.",
        'summary: "<img src=x onerror=alert(1)> Set up a hotline & <i>more</i>."',
    )
    source.write_text(text, encoding="utf-8")
    html = run.ok("--data-dir", str(data), "report")
    page = Page(html)
    assert "img" not in page.tags and "i" not in page.tags
    assert "&lt;img src=x onerror=alert(1)&gt; Set up a hotline &amp; &lt;i&gt;more&lt;/i&gt;." in html
