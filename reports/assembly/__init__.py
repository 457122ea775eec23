"""Assembling a report: which chapters a kind and scope has, from the other apps' selectors."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from ekonomi.periods import Month, Tertial
from reports.assembly import common, customer, monthly, tertial
from reports.document import Document
from reports.models import Kind


def period_of(kind, text):
    return Month.parse(text) if kind == Kind.MONTHLY else Tertial.parse(text)


def build(*, kind, period, customer_obj=None, commentary=None, draft=True, today=None) -> Document:
    today = today or timezone.localdate()
    title = str(Kind(kind).label)
    if customer_obj is not None:
        sets = (
            tertial.months_sets(period)
            if kind == Kind.TERTIAL
            else [(period.label, period.months())]
        )
        chapters = customer.chapters(period, customer_obj, sets)
        subtitle = f"{customer_obj.code} {customer_obj.name}"
    elif kind == Kind.MONTHLY:
        chapters = monthly.chapters(period, today=today, facts=common.load_facts(period))
        subtitle = settings.ORGANISATION_NAME
    else:
        chapters = tertial.chapters(
            period, today=today, facts=common.load_facts(period), commentary=commentary
        )
        subtitle = settings.ORGANISATION_NAME
    if kind == Kind.TERTIAL:
        title = _("%(title)s %(period)s (%(year_to_date)s)") % {
            "title": title,
            "period": period.label,
            "year_to_date": period.year_to_date().label,
        }
    else:
        title = f"{title} {period.label}"
    return Document(
        kind=kind,
        period=period,
        title=title,
        subtitle=subtitle,
        produced_at=timezone.now(),
        chapters=chapters,
        customer=customer_obj,
        draft=draft,
    )
