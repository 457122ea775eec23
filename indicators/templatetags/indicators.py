from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()

# An en dash marks a missing figure, as in the rest of the system.
EMPTY = "\u2013"


@register.filter
def num(value, places=0):
    """A number in Swedish notation with grouped thousands; a dash when there is none."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, float):
        raise TypeError("indicator figures are Decimal or int, not float")
    # Rounded here, half up as everywhere else, rather than by the formatter's half-even.
    value = Decimal(value).quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)
    return number_format(value, decimal_pos=int(places), force_grouping=True)


@register.filter
def signed(value, places=0):
    """A deviation with its sign: +12, 0, and a minus sign (U+2212) rather than a hyphen."""
    if value is None or value == "":
        return EMPTY
    shown = Decimal(value).quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)
    text = num(abs(shown), places)
    if shown > 0:
        return f"+{text}"
    return f"\u2212{text}" if shown < 0 else text


@register.filter
def pct(value):
    """A percentage with only the decimals it has: 50 %, 12,5 %, 4,25 %."""
    if value is None or value == "":
        return EMPTY
    value = Decimal(value)
    places = next((p for p in (0, 1) if value * 10**p % 1 == 0), 2)
    return f"{num(value, places)}\u00a0%"
