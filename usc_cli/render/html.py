"""HTML output: a ``Document`` drawn as HTML, for ``-f html`` pages and the sections of ``uscn report``.

Every piece of markup is built with markupsafe's ``Markup.format``, which escapes each argument that is
not itself markup, so a value from the data can only ever be text. Before escaping, the characters of
uscn's one unsafe-character policy (``render.unsafe``) are shown as escapes, as on a terminal. Chinese
text is marked ``lang="zh"`` (a quote by its article's language, other text by its Han characters), so
a browser picks Chinese fonts and a screen reader a Chinese voice. Side colours come from
``render.palette``; a side is named in words wherever it is coloured.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import assert_never

from markupsafe import Markup, escape

from usc_cli.render.document import (
    Block,
    Columns,
    Document,
    Fields,
    Heading,
    Para,
    Quote,
    Table,
    each_cited,
    quoted,
    translated,
    visible,
)
from usc_cli.render.palette import SIDE_COLOURS

#: A quote's own id on the page and the id of its place in the page's embedded article, or None when
#: the page holds no article to link to (the report passes one; a ``-f html`` page does not).
Link = Callable[[Quote], tuple[str, str] | None]

_CSS = Path(__file__).parent.parent / "templates" / "document.css"

# A run of Chinese: at least one Han character, with the CJK punctuation and full-width forms around it.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PUNCT = "\u3000-\u303f\uff00-\uffef"
_CHINESE = re.compile(f"[{_PUNCT}]*[{_HAN}][{_HAN}{_PUNCT}]*")
_HIT = re.compile("«([^«»]*)»")
_URL = re.compile(r"\bhttps?://(?:[^\s<>&]|&amp;)+")  # in escaped text: a quotation mark's entity ends it


def text(value: str, lang: str = "en") -> Markup:
    """Data as HTML text: unsafe characters shown as escapes, markup escaped, a URL free to break
    anywhere (so a table cell holding one still fits a phone), and (in text not already marked as
    another language) each run of Chinese marked ``lang="zh"``."""
    escaped = _URL.sub(r'<span class="url">\g<0></span>', str(escape(visible(value))))
    if lang != "en":
        return Markup(escaped)
    return Markup(_CHINESE.sub(lambda m: f'<span lang="zh">{m.group()}</span>', escaped))


def _lang(lang: str) -> Markup:
    return Markup(' lang="{}"').format(lang) if lang != "en" else Markup("")


def _join(parts: Iterable[Markup]) -> Markup:
    return Markup("\n").join(parts)


def blocks_html(blocks: list[Block], depth: int = 0, link: Link | None = None) -> Markup:
    """The blocks as an HTML fragment; a heading of level ``n`` becomes ``h(n + depth)``. A heading
    that names a side opens a section in the side's colour that holds the blocks under it."""
    blocks = each_cited(blocks)
    out: list[Markup] = []
    n = 0
    while n < len(blocks):
        block = blocks[n]
        if isinstance(block, Heading) and block.side is not None:
            end = next((m for m in range(n + 1, len(blocks)) if _heading_at_most(blocks[m], block.level)), len(blocks))
            inner = blocks_html(blocks[n + 1 : end], depth, link)
            out.append(
                Markup('<section class="side side-{}">\n{}\n{}\n</section>').format(
                    block.side.value, _block(block, depth, link), inner
                )
            )
            n = end
            continue
        out.append(_block(block, depth, link))
        n += 1
    return _join(out)


def _heading_at_most(block: Block, level: int) -> bool:
    return isinstance(block, Heading) and block.level <= level


def _h(level: int, depth: int, body: Markup, cls: str = "") -> Markup:
    n = max(1, min(6, level + depth))
    attr = Markup(' class="{}"').format(cls) if cls else Markup("")
    return Markup("<h{0}{1}>{2}</h{0}>").format(n, attr, body)


def _block(block: Block, depth: int, link: Link | None) -> Markup:
    match block:
        case Heading(value, level, side):
            return _h(level, depth, text(value), "side-title" if side else "")
        case Para(value, style, note):
            cls = Markup("") if style == "plain" else Markup(' class="{}"').format(style)
            tail = Markup(' <span class="note">{}</span>').format(text(note)) if note else Markup("")
            return Markup("<p{}>{}{}</p>").format(cls, text(value), tail)
        case Fields(items):
            rows = (Markup("<dt>{}</dt><dd>{}</dd>").format(text(label), text(value)) for label, value in items)
            return Markup('<dl class="fields">\n{}\n</dl>').format(_join(rows))
        case Table():
            return _table(block)
        case Quote():
            return _quote(block, link)
        case Columns(panes):  # side by side on a wide screen, stacked on a narrow one (the style sheet)
            cells = []
            for pane in panes:
                pane_class = f"side side-{pane.side.value}" if pane.side else "side"
                title = _h(2, depth, text(pane.title), "side-title")
                cells.append(
                    Markup('<div class="{}">\n{}\n{}\n</div>').format(
                        pane_class, title, blocks_html(pane.blocks, depth + 1, link)
                    )
                )
            return Markup('<div class="sides">\n{}\n</div>').format(_join(cells))
        case _:
            assert_never(block)


def _cell(value: str, table: Table) -> Markup:
    """A cell in full: a search hit keeps its « » in words and is highlighted besides; a word that
    names a side (``US``, ``CN``) is in the side's colour; a missing value is marked as a gap."""
    if table.gap is not None and value == table.gap:
        return Markup('<span class="gap">{}</span>').format(text(value))
    if table.marks:
        words = re.split(r"(\S+)", value)
        body = Markup("").join(
            Markup('<span class="side-mark side-{}">{}</span>').format(table.marks[w].value, text(w))
            if w in table.marks
            else text(w)
            for w in words
        )
    else:
        body = text(value)
    return Markup(_HIT.sub(r"<mark>«\1»</mark>", str(body))) if table.marked else body


def _table(table: Table) -> Markup:
    """A table of every cell in full; it scrolls sideways in its own box when wider than the page."""
    heads = []
    for n, column in enumerate(table.columns):
        side = table.sides[n] if n < len(table.sides) else None
        cls = Markup(' class="side-title side-{}"').format(side.value) if side else Markup("")
        heads.append(Markup('<th scope="col"{}>{}</th>').format(cls, text(column)))
    rows = []
    for row in table.rows:
        cells = []
        for n, value in enumerate(row):
            body = _cell(value, table)
            head = table.row_heads and n == 0
            cells.append(Markup('<th scope="row">{}</th>' if head else "<td>{}</td>").format(body))
        rows.append(Markup("<tr>{}</tr>").format(Markup("").join(cells)))
    caption = Markup("<caption>{}</caption>\n").format(text(table.title)) if table.title else Markup("")
    return Markup(
        '<div class="table-wrap" role="region" tabindex="0">\n<table class="data">\n{}'
        "<thead><tr>{}</tr></thead>\n<tbody>\n{}\n</tbody>\n</table>\n</div>"
    ).format(caption, Markup("").join(heads), _join(rows))


def _quote(quote: Quote, link: Link | None) -> Markup:
    """The quote in its own language between quotation marks, the sentence around it, uscn's
    translation apart from the quote and labelled as ours, then whose words they are (and, in the
    report, the link to the quote highlighted in its article)."""
    ids = link(quote) if link is not None and quote.place is not None else None
    own_id = Markup(' id="{}"').format(ids[0]) if ids else Markup("")
    parts = [Markup("<blockquote{}>{}</blockquote>").format(_lang(quote.lang), text(quoted(quote.text), quote.lang))]
    if quote.context:
        parts.append(
            Markup('<p class="context">In context: <span{}>{}</span></p>').format(
                _lang(quote.lang), text(quote.context, quote.lang)
            )
        )
    if quote.translation:
        parts.append(Markup('<p class="translation">{}</p>').format(text(translated(quote.translation))))
    caption = [Markup("— {}").format(text(quote.cite))] if quote.cite else []
    if ids:
        caption.append(Markup('<a href="#{}">in context</a>').format(ids[1]))
    if caption:
        parts.append(Markup("<figcaption>{}</figcaption>").format(Markup(" · ").join(caption)))
    return Markup('<figure class="quote"{}>\n{}\n</figure>').format(own_id, _join(parts))


def style_sheet() -> Markup:
    """The style of every block: the palette's side colours (checked to be plain ``#rrggbb``, so the
    sheet can take them as written), then ``templates/document.css``."""
    bad = [c for c in SIDE_COLOURS.values() if not re.fullmatch(r"#[0-9a-fA-F]{6}", c)]
    assert not bad, f"side colours must be #rrggbb: {bad}"
    colours = "".join(f"  --{side.value}: {colour};\n" for side, colour in SIDE_COLOURS.items())
    return Markup(f":root {{\n{colours}}}\n{_CSS.read_text(encoding='utf-8')}")


def to_html(doc: Document, kind: str) -> str:
    """The document as one complete page, titled by its first heading; a view whose first heading is
    a section (``recommend``) is lifted so that the page starts at ``h1``."""
    headings = [block for block in doc.blocks if isinstance(block, Heading)]
    first = headings[0].level if headings else 1
    title = headings[0].text if headings and first == 1 else kind
    return page(title, Markup("<main>\n{}\n</main>").format(blocks_html(doc.blocks, 1 - first)))


def page(title: str, body: Markup, style: str = "") -> str:
    """A complete, self-contained page: no script, nothing loaded from outside (its policy forbids
    any), the blocks' style sheet and then ``style``, and ``body``."""
    return PAGE.format(title=escape(visible(f"uscn — {title}")), style=style_sheet() + Markup(style), body=body) + "\n"


PAGE = Markup("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<style>
{style}
</style>
</head>
<body>
{body}
</body>
</html>""")
