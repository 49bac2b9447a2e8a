"""Collecting problems: each with its file, line, column and field path, every one kept for one DataError."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from usc_cli.errors import Problem
from usc_cli.locations import DataLocation
from usc_cli.yamlfile import Loc, ParsedYaml


def format_loc(loc: Iterable[str | int]) -> str:
    """``('positions', 3, 'quote')`` → ``positions[3].quote``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class Collector:
    """Gathers problems, remembering each file's parsed marks to give lines for field paths."""

    def __init__(self, location: DataLocation) -> None:
        self.location = location
        self.problems: list[Problem] = []
        self.parsed: dict[str, ParsedYaml] = {}
        self.user_files: set[str] = set()  # names of the files read from the user's own directory
        # (kind, id or "*") whose file failed to load: references to them are not reported again
        self.broken: set[tuple[str, str]] = set()

    def is_broken(self, kind: str, ident: str) -> bool:
        """True when references to this item go unreported: the file that would define it failed to load."""
        return (kind, "*") in self.broken or (kind, ident) in self.broken

    def name(self, path: Path) -> str:
        """A shipped (or --data-dir) file by its path in the dataset; a file of the user's by its full path."""
        user = self.location.user_dir
        if user is not None and path.is_relative_to(user):
            self.user_files.add(str(path))
            return str(path)
        try:
            return str(path.relative_to(self.location.data_dir))
        except ValueError:
            return str(path)

    def full(self, file: str) -> str:
        """A file name with the directory it is in, for a message that names files of two directories."""
        return file if file in self.user_files else str(self.location.data_dir / file)

    def add(self, file: str, loc: Loc, message: str) -> None:
        """A problem at the field ``loc`` of ``file``, with the line the field is on when the file parsed."""
        mark = self.parsed[file].mark_for(loc) if file in self.parsed else None
        line, column = mark if mark else (None, None)
        self.problems.append(Problem(file, line, column, format_loc(loc), message))

    def line(self, file: str, loc: Loc) -> str:
        """``file:line`` of the field ``loc`` (the file alone when its line is unknown), for a message."""
        mark = self.parsed[file].mark_for(loc) if file in self.parsed else None
        return f"{file}:{mark[0]}" if mark else file
