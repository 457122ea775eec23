"""What was counted and what was settled, per customer, price item and month of service.

Both billing (what to bill now) and the nightly checks (was everything billed once) read these.
A key is (customer id, price item id, first day of the month of service).

- *Counted*: the monthly volumes, and the hours reported, priced to the hourly item of their
  service in the price list of their year.
- *Settled*: the quantities of every issued document, except credit notes that waive what they
  credit: the invoices, and credit notes that leave their month to be billed again.
- A *blocked* customer-month is never billed by a monthly run: its invoice was credited and
  waits for a reissue, or was credited and waived.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from customers.models import Service
from invoicing.billing.models import Invoice, InvoiceLine
from invoicing.prices.models import PriceItem
from invoicing.timereport.models import TimeEntry
from invoicing.volumes.models import MonthlyVolume

Key = tuple[int, int, date]
HOUR = PriceItem.Unit.HOUR
HUNDREDTH = Decimal("0.01")


def exact(total) -> Decimal:
    # SQLite sums decimals as floats, which come back as 27.40000000000000: quantities have
    # two decimals, and a line must not carry fifteen.
    return Decimal(total).quantize(HUNDREDTH)


def customer_filter(customer, path) -> Q:
    return Q() if customer is None else Q(**{path: customer})


def unpriced_hours(service, year) -> str:
    if not service.hourly_price_code:
        return _("Hours on %(service)s cannot be priced: the service has no hourly price item.") % {
            "service": service.name
        }
    return _(
        "Hours on %(service)s cannot be priced: the price list %(year)s has no item %(code)s."
    ) % {"service": service.name, "year": year, "code": service.hourly_price_code}


def counted_volumes(volumes) -> dict[Key, Decimal]:
    rows = volumes.filter(quantity__gt=0).values_list(
        "customer_id", "price_item_id", "month", "quantity"
    )
    return {(c, p, m): Decimal(q) for c, p, m, q in rows}


def counted_hours(entries, problems: list | None = None) -> dict[Key, Decimal]:
    """Hours per key: each service's hours at its hourly item in the price list of the year.

    Hours that cannot be priced add a sentence to `problems`."""
    rows = list(
        entries.annotate(service_month=TruncMonth("date"))
        .values_list("customer_id", "service_id", "service_month")
        .annotate(hours=Sum("hours"))
        .order_by()
    )
    services = Service.objects.in_bulk({service_id for _c, service_id, _m, _h in rows})
    items, hours = {}, defaultdict(Decimal)
    for customer_id, service_id, month, amount in rows:
        service = services[service_id]
        if month.year not in items:
            items[month.year] = dict(
                PriceItem.objects.filter(price_list__year=month.year, unit=HOUR).values_list(
                    "code", "pk"
                )
            )
        item_id = items[month.year].get(service.hourly_price_code)
        if item_id is None:
            if problems is not None:
                problems.append(unpriced_hours(service, month.year))
            continue
        hours[(customer_id, item_id, month)] += exact(amount)
    return dict(hours)


def counted(*, volumes, entries, problems: list | None = None) -> dict[Key, Decimal]:
    total = defaultdict(Decimal, counted_volumes(volumes))
    for key, hours in counted_hours(entries, problems).items():
        total[key] += hours
    return dict(total)


def settling_lines():
    """Lines of the documents that settle what they bill: all but waiving credit notes."""
    return InvoiceLine.objects.exclude(invoice__settlement__in=Invoice.WAIVING)


def settled(lines) -> dict[Key, Decimal]:
    rows = (
        lines.values_list("invoice__customer_id", "price_item_id", "service_month")
        .annotate(quantity=Sum("quantity"))
        .order_by()
    )
    return {(c, p, m): exact(q) for c, p, m, q in rows if q}


@dataclass
class Blocked:
    """Customer-months a monthly run leaves alone, each with the credit note that blocks it."""

    pending: dict[tuple[int, date], Invoice]
    waived: dict[tuple[int, date], Invoice]

    def __contains__(self, customer_month):
        return customer_month in self.pending or customer_month in self.waived


def blocked(customer=None) -> Blocked:
    notes = Invoice.objects.filter(
        customer_filter(customer, "customer"),
        kind=Invoice.Kind.CREDIT_NOTE,
        settlement__in=[Invoice.Settlement.LATER, Invoice.Settlement.WAIVE],
    ).order_by("year", "sequence")
    pending = notes.filter(settlement=Invoice.Settlement.LATER, reissue__isnull=True)
    waived = notes.filter(settlement=Invoice.Settlement.WAIVE)
    return Blocked(
        pending={(n.customer_id, n.month): n for n in pending},
        waived={(n.customer_id, n.month): n for n in waived},
    )


def hour_entries(month_filter: Q, customer):
    return TimeEntry.objects.filter(month_filter, customer_filter(customer, "customer"))


def volumes(month_filter: Q, customer):
    return MonthlyVolume.objects.filter(month_filter, customer_filter(customer, "customer"))
