from django import template

from reports.rendering import swedish

register = template.Library()


@register.filter
def rcell(value):
    """A report cell in Swedish notation: 1 234 567, 3 412,5, a dash for nothing."""
    return swedish(value)


@register.filter
def is_numeric(value):
    from reports.document import is_number

    return is_number(value)
