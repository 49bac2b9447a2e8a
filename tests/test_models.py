"""Model constraints: unknown fields rejected, closed sets closed, facts stated or inferred."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import Any

import pytest

from usc_cli.models import DateFact, Evidence, Fact, Holder, Issue, Position, Side
from usc_cli.schema import ValidationError, json_schema, validate


def test_unknown_fields_are_rejected() -> None:
    with pytest.raises(ValidationError, match="qoute\n  Unexpected keyword argument"):
        validate(Evidence, {"source": "cnn", "quote": "x", "qoute": "y"})


def test_models_are_frozen() -> None:
    evidence = Evidence(source="cnn", quote="x")
    with pytest.raises(FrozenInstanceError):
        evidence.quote = "y"  # type: ignore[misc]


@pytest.mark.parametrize("side", ["usa", "US", "taiwan", ""])
def test_sides_are_a_closed_set(side: str) -> None:
    with pytest.raises(ValidationError):
        validate(
            Position,
            {
                "issue": "taiwan",
                "side": side,
                "holder": {"description": "x"},
                "summary": "s",
                "evidence": [{"source": "cnn", "quote": "q"}],
            },
        )
    assert {s.value for s in Side} == {"us", "china", "third-party"}


def test_a_fact_is_stated_with_a_quote_or_inferred_with_a_basis() -> None:
    assert Fact(value="CNN", quote="told CNN").inferred is False
    assert Fact(value="CNN", inferred=True, basis="b").basis == "b"
    with pytest.raises(ValidationError, match="needs a 'basis'"):
        validate(Fact, {"value": "CNN", "inferred": True})
    with pytest.raises(ValidationError, match="needs the 'quote'"):
        validate(Fact, {"value": "CNN"})
    with pytest.raises(ValueError, match="needs a 'basis'"):  # the rule holds for a model built in code too
        Fact(value="CNN", inferred=True)


@pytest.mark.parametrize(
    ("value", "precision"), [("1970s", "decade"), ("2023", "year"), ("2023-02", "month"), ("2022-11-14", "day")]
)
def test_dates_carry_only_the_precision_given(value: str, precision: str) -> None:
    assert DateFact(value=value, quote="q").precision == precision


@pytest.mark.parametrize("value", ["23", "2023-13", "2023-02-30x", "Feb 2023", "2023/02", "1975s", "197s", "1970s-02"])
def test_malformed_dates_are_rejected(value: str) -> None:
    with pytest.raises(ValidationError, match="should match pattern"):
        validate(DateFact, {"value": value, "quote": "q"})


def test_a_holder_is_an_actor_or_a_description_not_both() -> None:
    with pytest.raises(ValidationError, match="exactly one"):
        validate(Holder, {"actor": "xi-jinping", "description": "Xi"})
    with pytest.raises(ValidationError, match="exactly one"):
        validate(Holder, {})
    with pytest.raises(ValueError, match="exactly one"):
        Holder()


@pytest.mark.parametrize("ident", ["Taiwan", "taiwan strait", "-x", "a--b", ""])
def test_ids_are_slugs(ident: str) -> None:
    with pytest.raises(ValidationError):
        validate(Issue, {"id": ident, "title": "t", "summary": "s"})
    assert validate(Issue, {"id": "taiwan-strait", "title": "t", "summary": "s"}).id == "taiwan-strait"


def test_position_needs_evidence() -> None:
    position: dict[str, Any] = {"issue": "taiwan", "side": "us", "holder": {"description": "x"}, "summary": "s"}
    with pytest.raises(ValidationError, match="at least 1 item"):
        validate(Position, {**position, "evidence": []})
    assert validate(Position, {**position, "evidence": [{"source": "cnn", "quote": "q"}]}).side is Side.US


@pytest.mark.parametrize("text", ["", "x" * 5001, "bell\x07", "escape \x1b[31m"])
def test_text_is_non_empty_bounded_and_free_of_control_characters(text: str) -> None:
    with pytest.raises(ValidationError):
        validate(Evidence, {"source": "cnn", "quote": text})
    assert validate(Evidence, {"source": "cnn", "quote": "tab\tand\nline"}).quote == "tab\tand\nline"


def test_the_schema_carries_constraints_and_descriptions() -> None:
    """The models are plain dataclasses; their annotations and attribute docstrings still make the schema."""
    schema = json_schema(Position)
    evidence = schema["$defs"]["Evidence"]
    assert schema["additionalProperties"] is False and evidence["additionalProperties"] is False
    assert schema["properties"]["evidence"]["minItems"] == 1
    assert schema["properties"]["issue"]["pattern"].startswith("^")
    assert evidence["properties"]["quote"] == {"maxLength": 5000, "minLength": 1, "title": "Quote", "type": "string"}
    assert "outside quotation marks" in evidence["properties"]["translation"]["description"]
    assert schema["properties"]["summary"]["description"] == "One sentence in our own words."
