from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from ekonomi import access, history
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


@register.simple_tag(takes_context=True)
def history_link(context, record, text=None):
    """A link to a record's history, or, given a model label ("invoicing.budgetmonth"), to
    the recent changes of every record of that kind; nothing for those who may not read it."""
    request = context.get("request")
    if request is None or not access.HISTORY.permits(request.user):
        return ""
    if isinstance(record, str):
        url = f"{reverse('recent_changes')}?{urlencode({'model': record})}"
        return format_html('<a href="{}">{}</a>', url, text or _("History"))
    return format_html(
        '<a href="{}">{}<span class="visually-hidden"> {}</span></a>',
        history.history_url(record),
        text or _("History"),
        record,
    )
