"""``uscn help``: a topic's text laid out for the terminal, and the list of topics."""

from __future__ import annotations

import re
import textwrap

DESIGN_WIDTH = 80
_ITEM = re.compile(r"\s*(- |\d+\. )")  # a list item: "- " or "1. "


def topic_text(source: str, width: int) -> str:
    """A topic file for a terminal ``width`` columns wide (80 at most): prose paragraphs rewrapped,
    indented lines (commands, YAML, tables) kept as written, headings in capitals, ``%%`` lines
    (notes to the editors) left out."""
    width = max(20, min(width, DESIGN_WIDTH) - 1)
    out: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            lead = paragraph[0][: len(paragraph[0]) - len(paragraph[0].lstrip())]
            item = _ITEM.match(paragraph[0])
            hang = " " * item.end() if item else lead  # a list item's lines hang under its text
            words = " ".join(line.strip() for line in paragraph)
            out.extend(
                textwrap.wrap(
                    words,
                    width,
                    initial_indent=lead,
                    subsequent_indent=hang,
                    break_on_hyphens=False,
                    break_long_words=False,
                )
            )
            paragraph.clear()

    for line in source.split("\n"):
        if line.startswith("%%"):  # a note to the topic's editors, never shown
            continue
        if not line.strip() or line.startswith("    ") or line.startswith("# "):
            flush()
            out.append(line.removeprefix("# ").upper() if line.startswith("# ") else line.rstrip())
        elif _ITEM.match(line) and paragraph:
            flush()
            paragraph.append(line)
        else:
            paragraph.append(line)
    flush()
    return "\n".join(out).strip("\n") + "\n"


def topics_list(rows: list[tuple[str, str]]) -> str:
    """``uscn help``: each topic with its one-line summary, and how to read one."""
    name_width = max(len(name) for name, _ in rows)
    lines = ["Topics (uscn help TOPIC):", ""]
    lines += [f"  {name.ljust(name_width)}  {summary}" for name, summary in rows]
    lines += ["", "Every command also has its own help: uscn COMMAND --help."]
    return "\n".join(lines) + "\n"
