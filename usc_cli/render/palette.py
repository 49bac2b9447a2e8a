"""Side colours, defined once: the terminal views and the HTML report both take them from here.

Each is a mid-tone chosen to keep a contrast of about 4.4–4.8 : 1 against both a white and a black
background, so it reads on light and dark terminals alike. Colour is never the only cue: every
place that colours a side also names it ("Washington", "Beijing", "Commentators …").
"""

from __future__ import annotations

from usc_cli.vocab import Side

SIDE_COLOURS: dict[Side, str] = {
    Side.US: "#2e74d6",  # blue: 4.6 : 1 on white, 4.6 : 1 on black
    Side.CHINA: "#d13b30",  # red: 4.8 : 1 on white, 4.4 : 1 on black
    Side.THIRD_PARTY: "#8f5bd6",  # purple: 4.5 : 1 on white, 4.6 : 1 on black
}

#: How a search hit is marked in the terminal (with colour off, rich drops the colour and keeps the
#: emphasis; plain formats mark hits in words, not styles).
HIT_STYLE = "bold black on #ffd54a"


def side_style(side: Side) -> str:
    """The rich style of a side's name or heading."""
    return f"bold {SIDE_COLOURS[side]}"
