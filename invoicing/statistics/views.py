from django.db.models import Max
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ekonomi import access, exports
from invoicing.statistics import selectors
from invoicing.volumes.models import MonthlyVolume


def _year(request):
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    if year is not None and 2000 <= year <= 2100:
        return year
    latest = MonthlyVolume.objects.aggregate(latest=Max("month"))["latest"]
    return latest.year if latest else timezone.localdate().year


def _headers(first):
    return [first, *[label for _name, label in selectors.COLUMNS]]


def _xlsx(name, headers, rows):
    return exports.response(headers, rows, name=name, fmt="xlsx")


@access.allow(access.READ)
def statistics(request):
    year = _year(request)
    rows, total = selectors.statistics_overview(user=request.user, year=year)
    if request.GET.get("export") == "xlsx":
        lines = [[customer.code, *row.values()] for customer, row in rows]
        return _xlsx(
            f"statistik-{year}", _headers(_("Customer")), [*lines, [_("Total"), *total.values()]]
        )
    return render(
        request,
        "invoicing/statistics.html",
        {
            "year": year,
            "lines": [
                (
                    customer.name,
                    f"{reverse('invoicing:statistics_customer', args=[customer.code])}?year={year}",
                    row,
                )
                for customer, row in rows
            ],
            "total": total,
            "columns": selectors.COLUMNS,
        },
    )


@access.allow(access.READ)
def statistics_customer(request, code):
    customer = selectors.statistics_customer_get(user=request.user, code=code)
    year = _year(request)
    months, total = selectors.statistics_customer_year(customer=customer, year=year)
    if request.GET.get("export") == "xlsx":
        lines = [[month.label, *row.values()] for month, row in months]
        return _xlsx(
            f"statistik-{customer.code}-{year}",
            _headers(_("Month")),
            [*lines, [_("Total"), *total.values()]],
        )
    return render(
        request,
        "invoicing/statistics_customer.html",
        {
            "customer": customer,
            "year": year,
            "lines": [(month.label, None, row) for month, row in months],
            "total": total,
            "columns": selectors.COLUMNS,
        },
    )
