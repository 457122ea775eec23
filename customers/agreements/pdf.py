"""The service agreement as a PDF for signing, rendered by WeasyPrint from a template."""

from collections import defaultdict

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from customers.models import ServiceAgreement
from ekonomi.pdf import render_pdf


def _price_list(year):
    # invoicing stands on customers, so its models are looked up by name rather than
    # imported upward: the agreement document is the one place here that quotes prices.
    price_list_model = apps.get_model("invoicing", "PriceList")
    return price_list_model.objects.filter(year=year).prefetch_related("items").first()


def _service_rows(agreement, price_list):
    by_service = defaultdict(list)
    by_code = {}
    if price_list is not None:
        for item in price_list.items.all():
            by_code[item.code] = item
            if item.service_id is not None:
                by_service[item.service_id].append(item)
    return [
        {
            "terms": row,
            "prices": by_service[row.service_id],
            "hourly_price": by_code.get(row.service.hourly_price_code),
        }
        for row in agreement.services.all()
    ]


def agreement_pdf(*, agreement: ServiceAgreement) -> bytes:
    price_list = _price_list(agreement.year)
    rows = _service_rows(agreement, price_list)
    return render_pdf(
        "customers/agreement_pdf.html",
        {
            "agreement": agreement,
            "customer": agreement.customer,
            "mandatory_rows": [r for r in rows if r["terms"].service.is_mandatory],
            "add_on_rows": [r for r in rows if not r["terms"].service.is_mandatory],
            "addenda": agreement.addenda.all(),
            "price_list": price_list,
            "organisation_name": settings.ORGANISATION_NAME,
            "printed_on": timezone.localdate(),
        },
    )
