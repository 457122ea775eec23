from decimal import Decimal

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
    return number_format(Decimal(value), decimal_pos=int(places), force_grouping=True)


@register.filter
def signed(value, places=0):
    if value is None or value == "":
        return EMPTY
    text = num(value, places)
    return f"+{text}" if value > 0 else text.replace("-", "\u2212")


@register.filter
def pct(value):
    """A percentage with only the decimals it has: 50 %, 12,5 %, 4,25 %."""
    if value is None or value == "":
        return EMPTY
    value = Decimal(value)
    places = next((p for p in (0, 1) if value * 10**p % 1 == 0), 2)
    return f"{num(value, places)}\u00a0%"
