"""The one place pydantic runs: validating parsed data into the models, and their JSON Schema.

The models (``usc_cli.models``) are plain dataclasses whose annotations carry their constraints;
pydantic turns them into a validator here, once per model and run, only when data is read from its
files (``usc_cli.loader``) or a schema is printed. A command served from the dataset's store never
imports this module.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

__all__ = ["ValidationError", "json_schema", "validate"]

M = TypeVar("M")


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def _adapter(model: type[Any]) -> TypeAdapter[Any]:
    """The model's validator, built on first use (building one costs more than most validations)."""
    found = _ADAPTERS.get(model)
    if found is None:
        found = _ADAPTERS[model] = TypeAdapter(model)
    return found


def validate(model: type[M], data: object) -> M:
    """``data`` (as parsed from YAML) as a ``model``; raises ``ValidationError`` listing every problem."""
    found: M = _adapter(model).validate_python(data)
    return found


def json_schema(model: type[Any]) -> dict[str, Any]:
    """The model's JSON Schema, as ``uscn validate --schema`` prints it."""
    schema: dict[str, Any] = _adapter(model).json_schema()
    return schema
