from decimal import Decimal

import pytest
from django.db import models
from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from ekonomi.money import MONEY, format_sek, money_field, round_ore

NBSP = "\u00a0"


def render(source, **context):
    return Template("{% load ekonomi %}" + source).render(Context(context))


# --- the field preset ----------------------------------------------------------------------


def test_money_field_uses_the_preset():
    field = money_field(default=Decimal("0.00"))
    assert isinstance(field, models.DecimalField)
    assert (field.max_digits, field.decimal_places) == (14, 2)
    assert MONEY == {"max_digits": 14, "decimal_places": 2}
    assert field.default == Decimal("0.00")


# --- rounding ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("0.005"), Decimal("0.01")),
        (Decimal("0.004"), Decimal("0.00")),
        (Decimal("2.675"), Decimal("2.68")),
        (Decimal("2.665"), Decimal("2.67")),
        (Decimal("-0.005"), Decimal("-0.01")),
        (Decimal("-2.675"), Decimal("-2.68")),
        (Decimal("-2.674"), Decimal("-2.67")),
        (Decimal("1234567.495"), Decimal("1234567.50")),
        (Decimal("9"), Decimal("9.00")),
        (15, Decimal("15.00")),
        (-100, Decimal("-100.00")),
    ],
)
def test_it_rounds_half_up_to_ore(value, expected):
    result = round_ore(value)
    assert result == expected
    assert result.as_tuple().exponent == -2


def test_it_does_not_leave_a_negative_zero():
    assert str(round_ore(Decimal("-0.001"))) == "0.00"


@pytest.mark.parametrize("value", [2.675, 1.0, "2.675", True, None])
def test_round_ore_refuses_anything_but_decimal_and_int(value):
    with pytest.raises(TypeError):
        round_ore(value)


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_round_ore_refuses_non_finite_amounts(value):
    with pytest.raises(ValueError):
        round_ore(value)


@given(st.decimals(min_value=-(10**11), max_value=10**11, places=4))
def test_rounding_moves_an_amount_by_at_most_half_an_ore(value):
    assert abs(round_ore(value) - value) <= Decimal("0.005")
    assert round_ore(round_ore(value)) == round_ore(value)


# --- formatting ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1234567.5"), f"1{NBSP}234{NBSP}567,50{NBSP}kr"),
        (Decimal("0"), f"0,00{NBSP}kr"),
        (Decimal("9"), f"9,00{NBSP}kr"),
        (Decimal("999.999"), f"1{NBSP}000,00{NBSP}kr"),
        (Decimal("-1234.5"), f"-1{NBSP}234,50{NBSP}kr"),
        (Decimal("-0.004"), f"0,00{NBSP}kr"),
        (Decimal("2.675"), f"2,68{NBSP}kr"),
        (Decimal("54100000"), f"54{NBSP}100{NBSP}000,00{NBSP}kr"),
        (Decimal("1E+3"), f"1{NBSP}000,00{NBSP}kr"),
    ],
)
def test_it_formats_swedish_kronor(value, expected):
    assert format_sek(value) == expected


@pytest.mark.parametrize("value", [1234.5, 1234, "1234.50", None])
def test_format_sek_refuses_anything_but_decimal(value):
    with pytest.raises(TypeError):
        format_sek(value)


@given(st.decimals(min_value=-(10**11), max_value=10**11, places=2))
def test_formatting_reads_back_to_the_same_amount(value):
    text = format_sek(value)
    assert text.endswith(f"{NBSP}kr")
    assert " " not in text
    digits = text.removesuffix(f"{NBSP}kr").replace(NBSP, "").replace(",", ".")
    assert Decimal(digits) == value


# --- the template filter -------------------------------------------------------------------


def test_sek_filter_renders_decimals():
    assert render("{{ amount|sek }}", amount=Decimal("1234567.5")) == (
        f"1{NBSP}234{NBSP}567,50{NBSP}kr"
    )


def test_sek_filter_renders_none_as_a_dash():
    assert render("{{ amount|sek }}", amount=None) == "\u2013"


@pytest.mark.parametrize("value", [1234.5, 1234, "1234.50"])
def test_sek_filter_refuses_anything_but_decimal(value):
    with pytest.raises(TypeError):
        render("{{ amount|sek }}", amount=value)


def test_sek_filter_refuses_a_missing_variable():
    with pytest.raises(TypeError):
        render("{{ amuont|sek }}", amount=Decimal("1"))
