"""``uscn report`` in a real browser: headless Chromium opens the page from a file, off the network, and
the tests read the rendered DOM (see ``tests/browser.py``).

Without Chromium these tests skip, unless ``USCN_REQUIRE_BROWSER=1`` (set by ``.ci/run``, which installs
Debian's ``chromium``) makes a missing browser a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import Browser, find_chromium
from tests.conftest import Run, run_on_shipped_data
from tests.test_report import HOSTILE, make_hostile
from usc_cli.dataset import fold_whitespace
from usc_cli.models import Side
from usc_cli.render.document import quoted
from usc_cli.render.palette import SIDE_COLOURS

DESKTOP = (1280, 800)
PHONE = (390, 844)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module."""
    executable = find_chromium()
    if executable is None:
        reason = "Chromium is not installed (Debian: apt-get install chromium; or set USCN_CHROMIUM)"
        if os.environ.get("USCN_REQUIRE_BROWSER") == "1":
            pytest.fail(f"USCN_REQUIRE_BROWSER=1: {reason}")
        pytest.skip(reason)
    chromium = Browser(executable)
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of every issue of the shipped dataset, as a file."""
    out = tmp_path_factory.mktemp("browser") / "report.html"
    run_on_shipped_data(out, "report", "-o", str(out))
    return out


# For every link to a quote's place in its article: the target, whether the highlight starts right
# there (after the back links that share the spot), the highlighted text (every piece of the span),
# and the quote as the link's figure shows it.
QUOTE_LINKS = """
[...document.querySelectorAll('a[href^="#q-"]')].map(link => {
  const id = link.getAttribute('href').slice(1);
  const target = document.getElementById(id);
  let next = target && target.nextElementSibling;
  while (next && next.matches('a.back')) next = next.nextElementSibling;
  const pieces = [...document.querySelectorAll('mark')].filter(m => m.dataset.q.split(' ').includes(id));
  return {
    id,
    exists: target !== null,
    starts_here: next !== null && next.tagName === 'MARK' && next.dataset.q.split(' ').includes(id),
    highlight: pieces.map(m => m.textContent).join(''),
    quote: link.closest('figure').querySelector('blockquote').textContent,
    figure: link.closest('figure').id,
    back: target && target.getAttribute('href'),
  };
})
"""


def test_every_quote_link_lands_on_its_highlighted_quote(browser: Browser, report: Path) -> None:
    browser.open(report, *DESKTOP)
    links: list[dict[str, Any]] = browser.evaluate(QUOTE_LINKS)
    assert len(links) > 200
    for link in links:
        assert link["exists"] and link["starts_here"], link
        # the seed may break a line inside a quote where the data has a space: compare as validate does
        assert fold_whitespace(quoted(link["highlight"])) == fold_whitespace(link["quote"]), link
    # each spot links back to a quote that links to it
    figures = {link["figure"] for link in links}
    assert all(link["back"][1:] in figures for link in links)


# Follow links as a reader would (a click): the page scrolls the spot into view and marks it; then the
# spot's first back link returns to a quote, which is scrolled into view and marked too. Chromium
# throttles a page past 200 navigations in 10 s, so a spread of 80 links (160 navigations) is followed.
FOLLOW = """
(() => {
  const failures = [];
  const seen = (el) => { const r = el.getBoundingClientRect(); return r.top > -1 && r.top < innerHeight; };
  const links = [...document.querySelectorAll('a[href^="#q-"]')];
  const spread = [...new Set([...Array(80).keys()].map(k => Math.round(k * (links.length - 1) / 79)))];
  for (const link of spread.map(n => links[n])) {
    link.click();
    const spot = document.querySelector(':target');
    const mark = spot && spot.parentElement.querySelector(':target ~ mark');
    const back = spot && document.getElementById(spot.getAttribute('href').slice(1));
    if (!spot || '#' + spot.id !== link.getAttribute('href') || !seen(spot)
        || getComputedStyle(mark).backgroundColor !== 'rgb(255, 213, 74)') {
      failures.push('to ' + link.getAttribute('href'));
      continue;
    }
    spot.click();
    const quote = document.querySelector(':target');
    if (quote !== back || !seen(quote)
        || getComputedStyle(quote.querySelector('blockquote')).backgroundColor !== 'rgb(255, 241, 168)') {
      failures.push('back from ' + spot.id);
    }
  }
  return {followed: spread.length, failures};
})()
"""


def test_following_a_link_shows_the_marked_quote_and_the_back_link_returns(browser: Browser, report: Path) -> None:
    browser.open(report, *DESKTOP)
    assert browser.evaluate(FOLLOW) == {"followed": 80, "failures": []}


def test_no_request_leaves_the_page(browser: Browser, report: Path) -> None:
    # with the page's own Content-Security-Policy off: the markup itself must ask for nothing
    browser.open(report, *DESKTOP, bypass_csp=True)
    assert browser.evaluate("document.images.length + document.scripts.length + document.styleSheets.length") == 1
    assert browser.requests() == [report.resolve().as_uri()]


def test_side_colours_are_the_terminals(browser: Browser, report: Path) -> None:
    browser.open(report, *DESKTOP)
    shown = browser.evaluate(
        """Object.fromEntries(['us', 'china', 'third-party'].map(side => [side, [
             getComputedStyle(document.querySelector('.side-' + side + ' h3')).color,
             getComputedStyle(document.querySelector('.grid .chip-' + side)).backgroundColor,
             getComputedStyle(document.querySelector('.grid .chip-' + side)).color]]))"""
    )

    def rgb(colour: str) -> str:
        return "rgb({}, {}, {})".format(*(int(colour[i : i + 2], 16) for i in (1, 3, 5)))

    assert shown == {
        side.value: [rgb(SIDE_COLOURS[side]), rgb(SIDE_COLOURS[side]), "rgb(255, 255, 255)"] for side in Side
    }


# Where Washington's and Beijing's columns stand, for every issue, and how wide the page is.
LAYOUT = """
({
  width: innerWidth,
  scroll_width: document.documentElement.scrollWidth,
  sides: [...document.querySelectorAll('.sides')].map(pair => [
    pair.querySelector('.side-us').getBoundingClientRect().toJSON(),
    pair.querySelector('.side-china').getBoundingClientRect().toJSON(),
  ]),
})
"""


def test_phone_stacks_washington_above_beijing_and_nothing_overflows(browser: Browser, report: Path) -> None:
    browser.open(report, *PHONE)
    layout = browser.evaluate(LAYOUT)
    assert layout["width"] == PHONE[0]
    assert layout["scroll_width"] <= layout["width"]
    assert len(layout["sides"]) == report.read_text(encoding="utf-8").count('<div class="sides">')  # issues, events
    for us, china in layout["sides"]:
        assert china["top"] >= us["bottom"]
        assert china["left"] == us["left"] and us["right"] <= PHONE[0]


def test_desktop_puts_washington_beside_beijing(browser: Browser, report: Path) -> None:
    browser.open(report, *DESKTOP)
    layout = browser.evaluate(LAYOUT)
    assert layout["scroll_width"] <= layout["width"] == DESKTOP[0]
    for us, china in layout["sides"]:
        assert china["top"] == us["top"] and china["left"] > us["right"]


def test_keyboard_first_reaches_the_skip_link(browser: Browser, report: Path) -> None:
    browser.open(report, *DESKTOP)
    browser.send("Input.dispatchKeyEvent", type="keyDown", key="Tab", code="Tab", windowsVirtualKeyCode=9)
    focused = browser.evaluate(
        "[document.activeElement.className, document.activeElement.getAttribute('href'),"
        " document.activeElement.getBoundingClientRect().left]"
    )
    assert focused[:2] == ["skip", "#main"] and focused[2] >= 0  # visible once focused


def test_print_hides_navigation_and_keeps_the_sides_apart(browser: Browser, report: Path) -> None:
    browser.open(report, *DESKTOP)
    browser.send("Emulation.setEmulatedMedia", media="print")
    try:
        shown = browser.evaluate(
            """['nav', '.back', '.top', '.sides'].map(s => getComputedStyle(document.querySelector(s)).display)"""
        )
    finally:
        browser.send("Emulation.setEmulatedMedia", media="")
    assert shown == ["none", "none", "none", "grid"]


def test_hostile_data_runs_nothing_in_the_browser(browser: Browser, run: Run, tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    result = run("--data-dir", str(make_hostile(tmp_path)), "report", "-o", str(page))
    assert result.exit_code == 0, result.output
    browser.open(page, *DESKTOP, bypass_csp=True)  # the escaping alone must hold
    found = browser.evaluate(
        """({
          scripts: document.scripts.length,
          bold: document.querySelectorAll('b').length,
          handlers: [...document.querySelectorAll('*')].flatMap(el => el.getAttributeNames())
                      .filter(name => name.startsWith('on')),
          urls: [...document.querySelectorAll('[href]')].map(el => el.getAttribute('href'))
                  .filter(href => !href.startsWith('#')),
          styles: document.styleSheets.length,
          text: document.body.innerText,
        })"""
    )
    assert found["scripts"] == found["bold"] == 0 and found["styles"] == 1
    assert found["handlers"] == [] and found["urls"] == []
    shown = HOSTILE.replace("\u202e", "\\u202e").replace("\u2066", "\\u2066")
    assert found["text"].count(shown) >= 11
    assert not [e for e in browser.events if e.get("method") == "Page.javascriptDialogOpening"]
    assert browser.requests() == [page.resolve().as_uri()]


@pytest.fixture(scope="module")
def compare_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``uscn compare taiwan -f html`` of the shipped dataset, as a file."""
    out = tmp_path_factory.mktemp("browser") / "taiwan.html"
    run_on_shipped_data(out, "compare", "taiwan", "-f", "html", "-o", str(out))
    return out


@pytest.mark.parametrize("size", [(1000, 800), (400, 844)], ids=["wide", "narrow"])
def test_compare_page_sets_the_sides_apart_and_never_dims_who_said_it(
    browser: Browser, compare_page: Path, size: tuple[int, int]
) -> None:
    browser.open(compare_page, *size, bypass_csp=True)
    layout = browser.evaluate(LAYOUT)
    assert layout["scroll_width"] <= layout["width"] == size[0]
    [(us, china)] = layout["sides"]
    if size[0] > 700:
        assert china["top"] == us["top"] and china["left"] > us["right"]
    else:
        assert china["top"] >= us["bottom"] and china["left"] == us["left"]
    shown = browser.evaluate(
        """({
          captions: [...new Set([...document.querySelectorAll('figcaption')].map(c => getComputedStyle(c).color))],
          opacity: [...new Set([...document.querySelectorAll('figcaption')].map(c => getComputedStyle(c).opacity))],
          chinese: [...document.querySelectorAll('blockquote:lang(zh)')].length,
          translations: [...document.querySelectorAll('blockquote:lang(zh) ~ .translation')].length,
          titles: Object.fromEntries([...document.querySelectorAll('.side-title')].map(
                    h => [h.textContent, getComputedStyle(h).color])),
          requests: document.images.length + document.scripts.length,
        })"""
    )
    assert shown["captions"] == ["rgb(26, 26, 26)"] and shown["opacity"] == ["1"]  # the ink, as the quote
    assert shown["chinese"] >= 2 and shown["translations"] == shown["chinese"]
    assert shown["titles"]["Beijing"] == "rgb({}, {}, {})".format(
        *(int(SIDE_COLOURS[Side.CHINA][i : i + 2], 16) for i in (1, 3, 5))
    )
    assert shown["requests"] == 0
    assert browser.requests() == [compare_page.resolve().as_uri()]
