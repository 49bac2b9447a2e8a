"""``render/html.py``: every block drawn as HTML and read back with ``html.parser``; data only ever
becomes text; ``-f html`` pages and the report's issue sections hold what ``compare`` says."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import get_args

import pytest

from tests.conftest import FIXTURES, VALID_MIN, Run, run_on_shipped_data
from usc_cli.render.document import (
    Block,
    Columns,
    Document,
    Fields,
    Heading,
    Pane,
    Para,
    Place,
    Quote,
    Table,
    quoted,
    visible,
)
from usc_cli.render.html import blocks_html, to_html
from usc_cli.render.palette import SIDE_COLOURS
from usc_cli.vocab import Side

ZH = ["--data-dir", str(FIXTURES / "official_zh")]


@dataclass
class Node:
    """An element of the parsed page: its tag, attributes, children and the text directly in it."""

    tag: str
    attrs: dict[str, str | None]
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    parts: list[str | Node] = field(default_factory=list)

    @property
    def text(self) -> str:
        """All the text inside, in order."""
        return "".join(p if isinstance(p, str) else p.text for p in self.parts)

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def find(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        """Every element below with this tag and/or class, in document order."""
        found = []
        for child in self.children:
            if (tag is None or child.tag == tag) and (cls is None or cls in child.classes):
                found.append(child)
            found += child.find(tag, cls)
        return found

    def one(self, tag: str | None = None, cls: str | None = None) -> Node:
        found = self.find(tag, cls)
        assert len(found) == 1, (tag, cls, len(found))
        return found[0]


VOID = {"meta", "br", "link", "img", "input", "hr"}


class Dom(HTMLParser):
    """The page as a tree of ``Node`` (the parser checks that every element it opens is closed)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self._open = self.root
        self.feed(html)
        self.close()
        assert self._open is self.root, f"<{self._open.tag}> left open"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), parent=self._open)
        self._open.children.append(node)
        self._open.parts.append(node)
        if tag not in VOID:
            self._open = node

    def handle_endtag(self, tag: str) -> None:
        assert self._open.tag == tag, f"</{tag}> closes <{self._open.tag}>"
        assert self._open.parent is not None
        self._open = self._open.parent

    def handle_data(self, data: str) -> None:
        self._open.parts.append(data)


def dom(html: str) -> Node:
    return Dom(html).root


CHINESE = "美方应停止对华出口管制。"

#: One of every block type, every field set (a new block type fails ``test_every_block_type_is_drawn``).
SAMPLES: list[Block] = [
    Heading("Fisheries [fisheries]"),
    Para("Washington's view is not recorded.", "gap"),
    Para("A summary of a view.", "strong", "— held by someone"),
    Fields([("Outlet", "Example Weekly"), ("Date", "2024")]),
    Table(
        ["issue", "Washington", "Beijing"],
        [["taiwan", "US", "·"], ["tariffs", "a «hit» here", "CN"]],
        title="Coverage",
        gap="·",
        marked=True,
        sides=(None, Side.US, Side.CHINA),
        marks={"US": Side.US, "CN": Side.CHINA},
        row_heads=True,
    ),
    Quote(
        CHINESE, "Mao Ning · in cn-presser", "它说：" + CHINESE, "The US should stop export controls on China.", "zh"
    ),
    Columns([Pane("Washington", [Para("one")], Side.US), Pane("Beijing", [Para("two")], Side.CHINA)]),
]


def test_every_block_type_is_drawn() -> None:
    assert {type(b) for b in SAMPLES} == set(get_args(Block))
    page = dom(to_html(Document(SAMPLES), "sample"))
    assert page.one("h1").text == "Fisheries [fisheries]"
    gap = page.one("p", "gap")
    assert gap.text == "Washington's view is not recorded."
    strong = page.one("p", "strong")
    assert strong.one("span", "note").text == "— held by someone"  # who holds it: not dimmed
    assert "muted" not in strong.one("span", "note").classes
    fields = page.one("dl", "fields")
    assert [n.text for n in fields.find("dt")] == ["Outlet", "Date"]
    assert [n.text for n in fields.find("dd")] == ["Example Weekly", "2024"]
    table = page.one("table")
    assert table.one("caption").text == "Coverage"
    heads = table.one("thead").find("th")
    assert [h.text for h in heads] == ["issue", "Washington", "Beijing"]
    assert heads[1].classes == ["side-title", "side-us"] and heads[2].classes == ["side-title", "side-china"]
    rows = table.one("tbody").find("tr")
    assert [[c.tag for c in r.children] for r in rows] == [["th", "td", "td"], ["th", "td", "td"]]
    assert [[c.text for c in r.children] for r in rows] == [["taiwan", "US", "·"], ["tariffs", "a «hit» here", "CN"]]
    assert rows[0].children[2].one("span", "gap").text == "·"  # the missing value, marked
    assert rows[1].children[1].one("mark").text == "«hit»"  # a search hit keeps its « » in words
    assert rows[0].children[1].one("span").classes == ["side-mark", "side-us"]  # the side's colour, named
    assert rows[1].children[2].one("span").classes == ["side-mark", "side-china"]
    figure = page.one("figure", "quote")
    assert figure.one("blockquote").text == quoted(CHINESE)
    assert figure.one("figcaption").text == "— Mao Ning · in cn-presser"
    sides = page.one("div", "sides")
    assert [(p.classes, p.children[0].text) for p in sides.children] == [
        (["side", "side-us"], "Washington"),
        (["side", "side-china"], "Beijing"),
    ]
    assert [p.children[0].tag for p in sides.children] == ["h2", "h2"]


def test_a_chinese_quote_is_marked_chinese_and_its_translation_is_uscns_outside_the_quote() -> None:
    figure = dom(str(blocks_html(SAMPLES[5:6]))).one("figure")
    quote = figure.one("blockquote")
    assert quote.attrs["lang"] == "zh"
    assert quote.text == f"“{CHINESE}”"
    translation = figure.one("p", "translation")
    assert translation.parent is figure  # beside the quote, not inside it
    assert translation.text == "uscn's translation: The US should stop export controls on China."
    assert "“" not in translation.text and "lang" not in translation.attrs
    context = figure.one("p", "context")
    assert context.one("span").attrs["lang"] == "zh" and context.text == "In context: 它说：" + CHINESE
    # the order a reader meets them: the words, their sentence, our translation, whose words
    assert [c.tag for c in figure.children] == ["blockquote", "p", "p", "figcaption"]


def test_chinese_in_other_text_is_marked_chinese() -> None:
    para = dom(str(blocks_html([Para("2022年11月14日外交部发言人 — press-conference [mfa-221114]")]))).one("p")
    spans = para.find("span")
    assert [(s.attrs["lang"], s.text) for s in spans] == [("zh", "年"), ("zh", "月"), ("zh", "日外交部发言人")]
    assert para.text == "2022年11月14日外交部发言人 — press-conference [mfa-221114]"


def test_a_quote_links_to_its_place_only_when_the_page_holds_the_article() -> None:
    quote = Quote("words", "Someone · in src", place=Place("src", 10, 15))
    alone = dom(str(blocks_html([quote]))).one("figure")
    assert alone.find("a") == [] and "id" not in alone.attrs
    linked = dom(str(blocks_html([quote], link=lambda q: ("u7", f"q-{q.place.source}-{q.place.start}")))).one("figure")  # type: ignore[union-attr]
    assert linked.attrs["id"] == "u7"
    assert linked.one("figcaption").text == "— Someone · in src · in context"
    assert linked.one("a").attrs["href"] == "#q-src-10"


def test_quotes_that_share_an_attribution_each_carry_it() -> None:
    page = dom(str(blocks_html([Quote("one", ""), Quote("two", "Someone · in src")])))
    assert [f.text for f in page.find("figcaption")] == ["— Someone · in src", "— Someone · in src"]


def test_a_side_heading_opens_a_section_in_the_sides_colour_until_the_next_heading() -> None:
    blocks: list[Block] = [
        Heading("Commentators", 2, Side.THIRD_PARTY),
        Para("a view"),
        Heading("Frames", 2),
        Para("a frame"),
    ]
    page = dom(str(blocks_html(blocks, 1)))
    section = page.one("section")
    assert section.classes == ["side", "side-third-party"]
    assert [(c.tag, c.text) for c in section.children] == [("h3", "Commentators"), ("p", "a view")]
    assert section.children[0].classes == ["side-title"]
    assert [(c.tag, c.text) for c in page.children[1:]] == [("h3", "Frames"), ("p", "a frame")]


HOSTILE = "</style><script>alert(1)</script><a href=\"x\" onclick='y'>&amp;\u202eevil\u2066\u200bhid\u200fden\x1b[31m"


def hostile_blocks() -> list[Block]:
    """Every block type with the hostile text in every string it draws."""
    h = HOSTILE
    return [
        Heading(h),
        Heading(h, 2, Side.US),
        Para(h, "gap", h),
        Fields([(h, h)]),
        Table([h, h], [[h, h]], title=h, gap=h, marked=True, row_heads=True),
        Quote(h, h, h, h, "zh"),
        Quote(h, h, h, h),
        Columns([Pane(h, [Para(h)], Side.CHINA), Pane(h, [Para(h)])]),
    ]


def test_hostile_text_is_only_text_with_unsafe_characters_shown_as_escapes() -> None:
    html = to_html(Document(hostile_blocks()), HOSTILE)
    page = dom(html)
    assert {n.tag for n in page.find()} <= {
        *("html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "section", "p", "span"),
        *("dl", "dt", "dd", "div", "table", "caption", "thead", "tbody", "tr", "th", "td", "figure"),
        *("blockquote", "figcaption", "mark"),
    }
    assert page.find("script") == [] and page.find("a") == []
    assert not [name for n in page.find() for name in n.attrs if name.startswith("on") or name == "href"]
    assert len(page.find("style")) == 1
    for char in "\u202e\u2066\u200b\u200f\x1b":  # the one policy's characters never reach the page raw
        assert char not in html, repr(char)
    shown = visible(HOSTILE)
    assert "\\u202e" in shown and "\\u200b" in shown and "\\x1b" in shown
    body = page.one("main").text
    # headings 2, para and note 2, fields 2, table 5 (title, 2 headings, row head, cell), quotes 2 × 4
    # (words, context, translation, attribution), panes 2 × 2 (title, para)
    assert body.count(shown) == 2 + 2 + 2 + 5 + 8 + 4
    assert page.one("title").text == f"uscn — {shown}"


def test_markup_in_a_quote_is_escaped_in_the_bytes() -> None:
    html = str(blocks_html([Quote("<b>\"bold\" & 'so'</b>", "<i>who</i>")]))
    assert "&lt;b&gt;&#34;bold&#34; &amp; &#39;so&#39;&lt;/b&gt;" in html
    assert "&lt;i&gt;who&lt;/i&gt;" in html


def test_page_is_complete_self_contained_and_side_colours_are_the_palettes() -> None:
    html = to_html(Document(SAMPLES), "sample")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">') and html.endswith("</html>\n")
    page = dom(html)
    assert page.one("title").text == "uscn — Fisheries [fisheries]"
    csp = [m.attrs for m in page.find("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert csp == [
        {"http-equiv": "Content-Security-Policy", "content": "default-src 'none'; style-src 'unsafe-inline'"}
    ]
    style = page.one("style").text
    for side, colour in SIDE_COLOURS.items():
        assert f"--{side.value}: {colour};" in style
    assert re.search(r"\.quote figcaption \{ color: var\(--ink\)", style)  # attributions are never dim


def test_a_view_whose_first_heading_is_a_section_starts_at_h1() -> None:
    page = dom(to_html(Document([Heading("cnn — 2 recommendations", 2), Heading("sub", 3)]), "recommendations"))
    assert [(n.tag, n.text) for n in page.find("h1") + page.find("h2")] == [
        ("h1", "cnn — 2 recommendations"),
        ("h2", "sub"),
    ]
    assert page.one("title").text == "uscn — recommendations"


# ---- through the CLI ------------------------------------------------------------------------------


def figures(node: Node) -> list[tuple[str, str]]:
    """Each quote as (its words, its attribution line)."""
    return [(f.one("blockquote").text, f.one("figcaption").text) for f in node.find("figure")]


def position_quotes(position: dict[str, object]) -> list[str]:
    return [quoted(str(e["quote"])) for e in position["evidence"]]  # type: ignore[attr-defined]


def check_same_as_json(section: Node, cmp: dict[str, object], recommendation_quotes: bool) -> None:
    """The section holds every summary, quote and speaker of ``compare -f json``, each side in its
    pane, and every recommendation (with its quotes, where the page has them)."""
    panes = {side: section.one(cls=f"side-{side}") for side in ("us", "china", "third-party")}
    for side, pane in panes.items():
        view = cmp["sides"][side]  # type: ignore[index]
        summaries = [p.text for p in pane.find("p") if {"strong", "lead"} & set(p.classes)]
        shown = [s.split(" — held by ")[0] for s in summaries]
        assert shown == [p["summary"] for p in view["positions"]], side
        quotes = figures(pane)
        assert [q for q, _ in quotes] == [q for p in view["positions"] for q in position_quotes(p)], side
        evidence = [e for p in view["positions"] for e in p["evidence"]]
        for (_, cite), quote in zip(quotes, evidence, strict=True):
            for speaker in quote["speakers"]:  # the author's own words say it was the author
                who = speaker["name"] or (None if speaker["is_author"] else speaker["description"])
                assert who in cite if who else re.search(r"\bauthor · ", cite), (cite, speaker)
            assert quote["source"] in cite
        if not view["positions"]:
            assert pane.one("p", "gap").text == (f"Gap — {view['gap']}" if side != "third-party" else "None recorded.")
    recs = cmp["recommendations"]
    assert all(r["summary"] in section.text for r in recs)  # type: ignore[attr-defined]
    rec_quotes = [quoted(e["quote"]) for r in recs for e in r["evidence"]]  # type: ignore[attr-defined]
    inside = {id(f) for pane in panes.values() for f in pane.find("figure")}
    rest = [f.one("blockquote").text for f in section.find("figure") if id(f) not in inside]
    assert rest == (rec_quotes if recommendation_quotes else [])


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Node:
    out = tmp_path_factory.mktemp("html") / "report.html"
    run_on_shipped_data(out, "report", "-o", str(out))
    return dom(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("issue", ["taiwan", "export-controls", "fentanyl"])
def test_the_reports_issue_section_holds_what_compare_json_says(run: Run, report_page: Node, issue: str) -> None:
    cmp = run.json("compare", issue)
    section = next(s for s in report_page.find("section") if s.attrs.get("id") == f"issue-{issue}")
    assert section.one("h2").text == f"{cmp['issue']['title']} [{issue}]"
    check_same_as_json(section, cmp, recommendation_quotes=True)


def test_compare_as_an_html_page_holds_what_compare_json_says(run: Run) -> None:
    page = dom(run.ok("compare", "taiwan", "-f", "html"))
    check_same_as_json(page.one("main"), run.json("compare", "taiwan"), recommendation_quotes=False)
    assert page.find("a") == []  # no article on this page to link to


def test_a_chinese_quote_in_an_html_page(run: Run) -> None:
    page = dom(run.ok(*ZH, "compare", "export-controls", "-f", "html"))
    chinese = [f for f in page.find("figure") if f.one("blockquote").attrs.get("lang") == "zh"]
    assert chinese, "no quote marked as Chinese"
    for figure in chinese:
        assert re.search("[\u4e00-\u9fff]", figure.one("blockquote").text)
        assert figure.one("p", "translation").text.startswith("uscn's translation: ")


def test_gap_is_marked_in_an_html_page(run: Run, mini: list[str]) -> None:
    page = dom(run.ok(*mini, "compare", "fisheries", "-f", "html"))
    gaps = [p.text for p in page.find("p", "gap")]
    assert "Gap — No seed gives Washington's view." in gaps


def test_html_with_output_writes_the_page(run: Run, mini: list[str], tmp_path: Path) -> None:
    out = tmp_path / "issues.html"
    result = run(*mini, "issues", "list", "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr.startswith(f"uscn: wrote {out} (")
    assert result.stderr.endswith(": issues as html)\n")
    page = dom(out.read_text(encoding="utf-8"))
    assert [r.children[0].text for r in page.one("tbody").find("tr")] == ["export-controls", "fisheries"]


def test_an_authors_own_quote_before_someone_elses_keeps_its_own_attribution(run: Run, tmp_path: Path) -> None:
    """A recommendation's quote in its proposer's own words goes without an attribution line only
    where no other speaker's quote follows it: an empty attribution means the next quote's covers
    it, so a page (or a terminal running them on) would give the author's words to someone else."""
    data = tmp_path / "data"
    shutil.copytree(VALID_MIN, data)
    source = data / "sources" / "tiny.yaml"
    own = "The author proposes a military hotline between the two defence ministries."
    beijing = "Beijing says the controls aim at suppressing its development."
    text = source.read_text(encoding="utf-8")
    source.write_text(
        text.replace(f'quote: "{own}"', f'quote: "{own}"\n      - source: tiny\n        quote: "{beijing}"')
    )
    page = dom(run.ok("--data-dir", str(data), "recommend", "-f", "html"))
    assert figures(page) == [
        (quoted(own), "— Ann Example, the author · tiny"),
        (quoted(beijing), "— Beijing, as the author reports it · in tiny"),
    ]
    markdown = run.ok("--data-dir", str(data), "recommend", "-f", "markdown")
    assert f"> {quoted(own)}\n>\n> — Ann Example, the author · tiny\n" in markdown
