"""The reader's manual: ``uscn help TOPIC`` topics, one text file each in this package.

A topic file's first line is its one-line summary (what ``uscn help`` lists); a blank line, then the
body: paragraphs of prose, lines indented by four spaces kept as they are (commands, YAML, tables),
``# Heading`` lines. Other helpers add topics by adding a file here (and a line in the README).
"""

from __future__ import annotations

from importlib import resources

SUFFIX = ".txt"


def names() -> list[str]:
    """Every topic, in alphabetical order."""
    found = (f.name for f in resources.files(__package__).iterdir() if f.name.endswith(SUFFIX))
    return sorted(name.removesuffix(SUFFIX) for name in found)


def text(name: str) -> str:
    """The topic's whole text (its summary line first); KeyError when there is no such topic."""
    if name not in names():
        raise KeyError(name)
    return resources.files(__package__).joinpath(name + SUFFIX).read_text(encoding="utf-8")


def summary(name: str) -> str:
    """The topic's one-line summary."""
    return text(name).split("\n", 1)[0]
