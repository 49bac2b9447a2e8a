"""``uscn report``: every quote links to its highlighted span; nothing from the data becomes markup."""

from __future__ import annotations

import hashlib
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import VALID_MIN, Run, run_on_shipped_data
from usc_cli.dataset import fold_whitespace
from usc_cli.render.document import quoted


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


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The minimal dataset with markup, a javascript: URL, </style> and bidi controls in titles,
    summaries, a holder and a quote (the quote also in the seed text, so it loads)."""
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
    source.write_text(text, encoding="utf-8")
    issues = data / "issues.yaml"
    text = issues.read_text(encoding="utf-8").replace("title: Fisheries", f"title: {json.dumps(HOSTILE)}")
    text = text.replace("summary: A made-up issue with no side's view.", f"summary: {json.dumps(HOSTILE)}")
    issues.write_text(text, encoding="utf-8")
    return data


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
    assert text.count(shown) >= 5  # index, title, summary, position summary, holder, quote, article
    [(use, target)] = [(u, t) for u, t in page.quote_links if HOSTILE[:8] in page.blockquotes[u]]
    assert page.highlight[target] == shown
