"""Safe reading of one YAML data file into plain Python values, with a line for every field.

We compose PyYAML's node tree and convert it ourselves, so nothing is ever constructed from a tag,
aliases (and with them "billion laughs") are refused, duplicate keys are errors, and YAML 1.1's
surprises (``NO`` → false, ``012`` → 10, ``1:30`` → 90) cannot happen: a plain scalar is a string
unless it is exactly ``true``, ``false`` or ``null``/``~``/empty.
"""

from __future__ import annotations

import os
import stat

TYPE_CHECKING = False  # not typing's: ``read_text`` serves TAB completion, which must not import typing
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    import yaml

MAX_BYTES = 2 * 1024 * 1024
MAX_FLOW_DEPTH = 100
MAX_INDENT = 400

Loc = tuple[str | int, ...]

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
_NULLS = {"", "~", "null", "Null", "NULL"}


class YamlProblem(Exception):
    """A file that cannot be read or parsed; ``line``/``column`` are 1-based when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


class ParsedYaml:
    """A file's value and the (line, column) of every mapping key and sequence item in it."""

    def __init__(self, value: Any, marks: dict[Loc, tuple[int, int]] | None = None) -> None:
        self.value = value
        self.marks: dict[Loc, tuple[int, int]] = marks if marks is not None else {}

    def mark_for(self, loc: Loc) -> tuple[int, int] | None:
        """The position of ``loc`` or of its nearest ancestor that exists in the file."""
        for end in range(len(loc), -1, -1):
            found = self.marks.get(loc[:end])
            if found is not None:
                return found
        return None


def read_bytes(path: Path | str) -> bytes:
    """The bytes of a regular file of bounded size, read once (symlinks followed).

    Opened without blocking and checked with ``fstat`` on the open file, so a FIFO or a device put
    in a file's place is refused rather than read or waited on.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise YamlProblem(f"cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise YamlProblem("not a regular file (a FIFO, device or directory?)")
        if info.st_size > MAX_BYTES:
            raise YamlProblem(f"file is {info.st_size} bytes; the limit is {MAX_BYTES}")
        chunks: list[bytes] = []
        left = MAX_BYTES + 1
        while left > 0:
            # the announced size (and one byte more, to see a file that grew) first: asking for the
            # whole limit would allocate 2 MB for every small file
            chunk = os.read(fd, min(left, info.st_size + 1 if not chunks else 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise YamlProblem(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) > MAX_BYTES:
        raise YamlProblem(f"file is over the {MAX_BYTES}-byte limit")
    return raw


def decode(raw: bytes) -> str:
    """UTF-8 text of a file's bytes (a BOM is accepted); YamlProblem with the line of a bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", line) from None


def read_text(path: Path | str) -> str:
    """Read a regular file of bounded size as UTF-8 (a BOM is accepted)."""
    return decode(read_bytes(path))


def _guard_depth(text: str) -> None:
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        indent = len(line) - len(line.lstrip(" "))
        if indent > MAX_INDENT:
            raise YamlProblem(f"nesting too deep (indent of {indent} columns)", number)
        for char in line:
            if char in "[{":
                depth += 1
                if depth > MAX_FLOW_DEPTH:
                    raise YamlProblem(f"nesting too deep (more than {MAX_FLOW_DEPTH} brackets)", number)
            elif char in "]}":
                depth = max(0, depth - 1)


def parse_yaml(text: str) -> ParsedYaml:
    """Parse one YAML document into plain values; raise YamlProblem with a position."""
    if not text.strip():
        raise YamlProblem("file is empty")
    _guard_depth(text)
    import yaml  # here, not at the top: a run served from the dataset cache never parses YAML

    # The C composer is much faster; depth is guarded above, so it cannot overflow.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "invalid YAML"
        if mark is None:
            raise YamlProblem(f"invalid YAML: {reason}") from None
        raise YamlProblem(f"invalid YAML: {reason}", mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"invalid YAML: {exc}") from None
    except RecursionError:
        raise YamlProblem("nesting too deep") from None
    if node is None:
        raise YamlProblem("file holds no YAML document")
    parsed = ParsedYaml(value=None)
    parsed.value = _Converter(parsed.marks).convert(node, ())
    return parsed


def _kind(node: yaml.Node) -> str:
    """``mapping``, ``sequence`` or ``scalar`` (PyYAML's node ids; no isinstance, so no import of yaml)."""
    return str(getattr(node, "id", ""))


class _Converter:
    def __init__(self, marks: dict[Loc, tuple[int, int]]) -> None:
        self.marks = marks
        self.seen: set[int] = set()

    @staticmethod
    def _fail(node: yaml.Node, message: str) -> YamlProblem:
        return YamlProblem(message, node.start_mark.line + 1, node.start_mark.column + 1)

    def convert(self, node: yaml.Node, loc: Loc) -> Any:
        if id(node) in self.seen:
            raise self._fail(node, "anchors and aliases (&, *) are not allowed in data files")
        self.seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            raise self._fail(node, f"tag {node.tag!r} is not allowed in data files")
        self.marks.setdefault(loc, (node.start_mark.line + 1, node.start_mark.column + 1))
        if _kind(node) == "mapping":
            return self._mapping(node, loc)  # type: ignore[arg-type]
        if _kind(node) == "sequence":
            return [self.convert(item, (*loc, index)) for index, item in enumerate(node.value)]
        assert _kind(node) == "scalar"
        return self._scalar(node)  # type: ignore[arg-type]

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if _kind(key_node) != "scalar" or key_node.tag == _STD + "merge":
                raise self._fail(key_node, "keys must be plain strings (no merge keys or complex keys)")
            key = str(key_node.value)
            if key in result:
                first = self.marks[(*loc, key)][0]
                raise self._fail(key_node, f"duplicate key {key!r} (first at line {first})")
            self.marks[(*loc, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.convert(value_node, (*loc, key))
        return result

    @staticmethod
    def _scalar(node: yaml.ScalarNode) -> Any:
        text = str(node.value)
        if not node.style:  # plain scalar: only YAML's core null and booleans are not strings
            if text in _NULLS:
                return None
            if text in ("true", "false"):
                return text == "true"
        return text
