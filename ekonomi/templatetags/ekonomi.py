from django import template

from ekonomi.money import format_sek

register = template.Library()

# An en dash, as Swedish typography marks a missing amount.
EMPTY = "\u2013"


# Strict: anything but Decimal or None raises, so a float (or a misspelt variable, which the
# template engine turns into "") breaks the page in development instead of printing wrong öre.
@register.filter(is_safe=True)
def sek(value):
    if value is None:
        return EMPTY
    return format_sek(value)
