"""Money is Decimal kronor with two decimals (öre); one field preset, one rounding rule."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models

MONEY = {"max_digits": 14, "decimal_places": 2}
ORE = Decimal("0.01")

NBSP = "\u00a0"


def money_field(**kwargs):
    return models.DecimalField(**MONEY, **kwargs)


def round_ore(value):
    # Floats are refused rather than converted: by the time a float exists, 2.675 has already
    # become 2.67499999… and half-up rounding gives the wrong öre.
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"money must be Decimal or int, not {type(value).__name__}")
    value = Decimal(value)
    if not value.is_finite():
        raise ValueError(f"money must be a finite amount, not {value}")
    rounded = value.quantize(ORE, rounding=ROUND_HALF_UP)
    # -0.001 rounds to -0.00, which would print as a negative zero.
    return abs(rounded) if rounded.is_zero() else rounded


def format_amount(value):
    """A Decimal with two decimals in Swedish notation and no unit: `1 234,50`, so that a
    sentence can say `93,00 à 50,00`."""
    # Strict on purpose: an int or str here means an amount skipped the Decimal pipeline.
    if not isinstance(value, Decimal):
        raise TypeError(f"money must be formatted from a Decimal, not {type(value).__name__}")
    rounded = round_ore(value)
    sign = "-" if rounded < 0 else ""
    kronor, ore = f"{abs(rounded):.2f}".split(".")
    grouped = f"{int(kronor):,}".replace(",", NBSP)
    # Always Swedish notation, whatever the active language: the amounts are SEK and the
    # reports go to Swedish administrations. No-break spaces keep an amount on one line.
    return f"{sign}{grouped},{ore}"


def format_sek(value):
    return f"{format_amount(value)}{NBSP}kr"
