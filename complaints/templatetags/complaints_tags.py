from datetime import date
from decimal import Decimal

from django import template
from django.utils.formats import number_format

from ekonomi.templatetags.ekonomi import EMPTY

register = template.Library()


@register.filter
def cell(value):
    """A compilation cell as people read it: ISO dates, one decimal with a comma."""
    if value is None:
        return EMPTY
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return number_format(value, decimal_pos=1, force_grouping=True)
    return value
