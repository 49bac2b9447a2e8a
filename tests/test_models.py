"""Model constraints: unknown fields rejected, closed sets closed, facts stated or inferred."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from usc_cli.models import DateFact, Evidence, Fact, Holder, Issue, Position, Side


def test_unknown_fields_are_rejected() -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Evidence.model_validate({"source": "cnn", "quote": "x", "qoute": "y"})


def test_models_are_frozen() -> None:
    evidence = Evidence(source="cnn", quote="x")
    with pytest.raises(ValidationError):
        evidence.quote = "y"  # type: ignore[misc]


@pytest.mark.parametrize("side", ["usa", "US", "taiwan", ""])
def test_sides_are_a_closed_set(side: str) -> None:
    with pytest.raises(ValidationError):
        Position.model_validate(
            {
                "issue": "taiwan",
                "side": side,
                "holder": {"description": "x"},
                "summary": "s",
                "evidence": [{"source": "cnn", "quote": "q"}],
            }
        )
    assert {s.value for s in Side} == {"us", "china", "third-party"}


def test_a_fact_is_stated_with_a_quote_or_inferred_with_a_basis() -> None:
    assert Fact(value="CNN", quote="told CNN").inferred is False
    assert Fact(value="CNN", inferred=True, basis="b").basis == "b"
    with pytest.raises(ValidationError, match="needs a 'basis'"):
        Fact(value="CNN", inferred=True)
    with pytest.raises(ValidationError, match="needs the 'quote'"):
        Fact(value="CNN")


@pytest.mark.parametrize(
    ("value", "precision"), [("1970s", "decade"), ("2023", "year"), ("2023-02", "month"), ("2022-11-14", "day")]
)
def test_dates_carry_only_the_precision_given(value: str, precision: str) -> None:
    assert DateFact(value=value, quote="q").precision == precision


@pytest.mark.parametrize("value", ["23", "2023-13", "2023-02-30x", "Feb 2023", "2023/02", "1975s", "197s", "1970s-02"])
def test_malformed_dates_are_rejected(value: str) -> None:
    with pytest.raises(ValidationError):
        DateFact(value=value, quote="q")


def test_a_holder_is_an_actor_or_a_description_not_both() -> None:
    with pytest.raises(ValidationError, match="exactly one"):
        Holder(actor="xi-jinping", description="Xi")
    with pytest.raises(ValidationError, match="exactly one"):
        Holder()


@pytest.mark.parametrize("ident", ["Taiwan", "taiwan strait", "-x", "a--b", ""])
def test_ids_are_slugs(ident: str) -> None:
    with pytest.raises(ValidationError):
        Issue(id=ident, title="t", summary="s")


def test_position_needs_evidence() -> None:
    with pytest.raises(ValidationError):
        Position(issue="taiwan", side=Side.US, holder=Holder(description="x"), summary="s", evidence=[])
