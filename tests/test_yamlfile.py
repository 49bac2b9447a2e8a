"""The safe YAML reader: no construction, no aliases, no coercion surprises, positions for every field."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from usc_cli.yamlfile import MAX_BYTES, YamlProblem, parse_yaml, read_text


def test_plain_scalars_stay_strings_except_core_null_and_booleans() -> None:
    parsed = parse_yaml("a: NO\nb: 012\nc: 1:30\nd: yes\ne: true\nf: null\ng: ~\nh:\ni: 2023\n")
    assert parsed.value == {
        "a": "NO",
        "b": "012",
        "c": "1:30",
        "d": "yes",
        "e": True,
        "f": None,
        "g": None,
        "h": None,
        "i": "2023",
    }


def test_quoted_scalars_are_strings() -> None:
    assert parse_yaml("a: \"true\"\nb: 'null'\n").value == {"a": "true", "b": "null"}


def test_every_key_and_item_has_a_line_and_column() -> None:
    parsed = parse_yaml("top:\n  - id: x\n    tags: [a, b]\n")
    assert parsed.marks[("top", 0, "tags")] == (3, 5)
    assert parsed.marks[("top", 0, "tags", 1)] == (3, 15)
    assert parsed.mark_for(("top", 0, "missing", 3)) == (2, 5)


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("a: 1\na: 2\n", "duplicate key 'a' (first at line 1)", 2),
        ("a: &x [1]\nb: *x\n", "anchors and aliases", 1),
        ("a: !!python/object/apply:os.system [echo hi]\n", "tag 'tag:yaml.org,2002:python/object/apply", 1),
        ("a: !custom x\n", "tag '!custom' is not allowed", 1),
        ("a: [1,\n", "invalid YAML", 2),
        ("\ta: 1\n", "invalid YAML", 1),
        ("<<: {a: 1}\n", "merge keys", 1),
        ("", "file is empty", None),
        ("# only a comment\n", "holds no YAML document", None),
    ],
)
def test_hazards_are_refused_with_a_position(text: str, message: str, line: int | None) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(text)
    assert message in caught.value.message
    assert caught.value.line == line


def test_billion_laughs_is_refused() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 9):
        prev = chr(ord("a") + n - 1)
        cur = chr(ord("a") + n)
        lines.append(f"{cur}: &{cur} [{','.join('*' + prev for _ in range(9))}]")
    with pytest.raises(YamlProblem, match="aliases"):  # refused at the first alias, before any expansion
        parse_yaml("\n".join(lines) + "\n")


@pytest.mark.parametrize(
    "text", ["[" * 50_000 + "]" * 50_000, "a:\n" + "".join(" " * (2 * i) + "b:\n" for i in range(1, 300))]
)
def test_deep_nesting_is_refused_before_parsing(text: str) -> None:
    with pytest.raises(YamlProblem, match="nesting too deep"):
        parse_yaml(text)


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: b\n")
    assert parse_yaml(read_text(path)).value == {"a": "b"}


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: b\nc: \xff\n")
    with pytest.raises(YamlProblem, match="not valid UTF-8") as caught:
        read_text(path)
    assert caught.value.line == 2


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(YamlProblem, match="limit"):
        read_text(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_and_device_are_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    with pytest.raises(YamlProblem, match="not a regular file"):
        read_text(fifo)
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(YamlProblem, match="not a regular file"):
        read_text(link)
