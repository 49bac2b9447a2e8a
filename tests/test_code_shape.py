"""The shape of the code: no function of ``usc_cli`` is longer than 80 lines.

A function's length runs from its ``def`` line to its last line (docstring included, decorators not),
so a typer command with a long signature and help text has that much less room for its body: the
work goes into named helpers, as the house style asks.
"""

from __future__ import annotations

import ast
from pathlib import Path

import usc_cli

MAX_LINES = 80
PACKAGE = Path(usc_cli.__file__).parent


def long_functions(source: str, name: str) -> list[str]:
    """``file:line function (N lines)`` for each function (methods and nested ones too) over the limit."""
    found = []
    for node in ast.walk(ast.parse(source, name)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_LINES:
                found.append(f"{name}:{node.lineno} {node.name} ({length} lines)")
    return found


def test_no_function_is_longer_than_80_lines() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 50  # the walk found the package
    found = [line for path in files for line in long_functions(path.read_text("utf-8"), _shown(path))]
    assert found == [], "split these into named helpers:\n" + "\n".join(found)


def _shown(path: Path) -> str:
    return path.relative_to(PACKAGE.parent).as_posix()


def _function(lines: int, indent: str = "") -> str:
    body = "".join(f"{indent}    x = {n}\n" for n in range(lines - 1))
    return f"{indent}def f() -> None:\n{body}"


def test_the_measure_counts_from_def_to_the_last_line() -> None:
    assert long_functions(_function(80), "m.py") == []
    assert long_functions("@decorated\n" + _function(80), "m.py") == []  # decorators are not the function
    assert long_functions(_function(81), "m.py") == ["m.py:1 f (81 lines)"]


def test_the_measure_finds_methods_and_nested_functions() -> None:
    method = "class C:\n" + _function(81, "    ")
    nested = "def outer() -> None:\n" + _function(81, "    ")
    assert long_functions(method, "m.py") == ["m.py:2 f (81 lines)"]
    assert long_functions(nested, "m.py") == ["m.py:1 outer (82 lines)", "m.py:2 f (81 lines)"]
