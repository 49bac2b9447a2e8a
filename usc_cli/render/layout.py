"""Column widths for a table in a terminal of a given width, chosen so that no word is ever cut.

Three tiers, tried in order:

1. every word whole, compound words included (``security-vs-development``, ``People-to-people``):
   each column is at least as wide as its longest word;
2. compound words may break after a hyphen (``security-vs-`` / ``development``), never inside a
   part: each column is at least as wide as its longest hyphen-separated part;
3. neither fits: no layout (the caller shows the rows as records, one ``column: value`` per line).

Within a tier, each column starts at its minimum and the spare width is shared fairly among the
columns that want more (see ``_share``), so short columns stay unwrapped and prose gets the room.
"""

from __future__ import annotations

import re
import textwrap

GAP = 2  # columns between two table columns (rich's padding with collapsed edges)

_HYPHEN_PARTS = re.compile(r"[^\s-]*-|[^\s-]+")


def _longest_line(cells: list[str]) -> int:
    return max((len(line) for cell in cells for line in cell.splitlines()), default=0)


def _longest_word(cells: list[str], hyphens: bool) -> int:
    words = (word for cell in cells for word in cell.split())
    if hyphens:
        words = (part for word in words for part in _HYPHEN_PARTS.findall(word))
    return max((len(word) for word in words), default=0)


def column_widths(columns: list[str], rows: list[list[str]], width: int) -> tuple[list[int], bool] | None:
    """Widths for each column that fit ``width`` with no word cut, and whether hyphen breaks are
    needed; None when not even hyphenated parts fit."""
    cells = [[column, *(row[n] for row in rows)] for n, column in enumerate(columns)]
    natural = [max(_longest_line(c), 1) for c in cells]
    room = width - GAP * (len(columns) - 1)
    if sum(natural) <= room:
        return natural, False
    for hyphens in (False, True):
        minimum = [max(_longest_word(c, hyphens), 1) for c in cells]
        if sum(minimum) <= room:
            return _share(minimum, natural, room), hyphens
    return None


def _share(minimum: list[int], natural: list[int], room: int) -> list[int]:
    """Hand out the width above the minimums: first, smallest need first, to every column whose whole
    need fits what is left, so short columns end up unwrapped; then what remains in equal shares to
    the columns still short of their natural width."""
    widths = list(minimum)
    spare = room - sum(widths)
    wanting = sorted((n for n in range(len(widths)) if natural[n] > widths[n]), key=lambda n: natural[n] - widths[n])
    while wanting and natural[wanting[0]] - widths[wanting[0]] <= spare:
        first = wanting.pop(0)
        spare -= natural[first] - widths[first]
        widths[first] = natural[first]
    if wanting:
        share, extra = divmod(spare, len(wanting))
        for k, n in enumerate(wanting):
            widths[n] += share + (1 if k < extra else 0)
    return widths


def wrap(cell: str, width: int, hyphens: bool) -> str:
    """A cell's lines wrapped at ``width``: at spaces, and after hyphens only when ``hyphens``;
    never inside a word (the widths above guarantee every word fits)."""
    wrapper = textwrap.TextWrapper(
        width=width, break_long_words=False, break_on_hyphens=hyphens, replace_whitespace=False
    )
    return "\n".join(line for paragraph in cell.splitlines() for line in (wrapper.wrap(paragraph) or [""]))
