"""The basis of a month's billing: volumes, hours and late volumes, priced.

The basis is computed, never stored, so that a preview and the issue that follows read the
same rules; it is deterministic (customers by code, lines by kind, code and month), and its
fingerprint lets the issue refuse a basis that changed after the preview was shown.
"""

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.agreements.selectors import services_in_force
from customers.models import Customer, Service, ServiceAgreement
from ekonomi.money import round_ore
from ekonomi.periods import Month
from invoicing.billing.models import Invoice, InvoiceLine
from invoicing.closing import BilledMonth
from invoicing.prices.models import PriceItem, PriceList
from invoicing.timereport.models import TimeEntry
from invoicing.volumes.models import MonthlyVolume

Line = InvoiceLine.Kind
KIND_ORDER = {Line.VOLUME: 0, Line.HOURS: 1, Line.ADJUSTMENT: 2}


@dataclass(frozen=True)
class DraftLine:
    kind: str
    price_item: PriceItem
    service_month: date
    quantity: Decimal

    @property
    def unit_price(self):
        return self.price_item.price

    @property
    def amount(self):
        return round_ore(self.quantity * self.unit_price)

    @property
    def service_period(self):
        return Month.from_date(self.service_month)

    @property
    def is_adjustment(self):
        return self.kind == Line.ADJUSTMENT

    def sort_key(self):
        return (KIND_ORDER[self.kind], self.price_item.code, self.service_month)


@dataclass
class DraftInvoice:
    customer: Customer
    month: Month
    lines: list[DraftLine]

    @property
    def total(self):
        return sum((line.amount for line in self.lines), Decimal("0.00"))


@dataclass(frozen=True)
class OutsideAgreement:
    customer: Customer
    service: Service
    hours: Decimal


@dataclass
class Preview:
    month: Month
    price_list: PriceList | None
    invoices: list[DraftInvoice] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    without_volumes: list[Customer] = field(default_factory=list)
    outside_agreement: list[OutsideAgreement] = field(default_factory=list)

    @property
    def total(self):
        return sum((invoice.total for invoice in self.invoices), Decimal("0.00"))

    @property
    def can_issue(self):
        return not self.problems and bool(self.invoices)

    @property
    def digest(self):
        return basis_digest(self.month, self.invoices)


def basis_digest(month: Month, invoices: list[DraftInvoice]) -> str:
    payload = [
        str(month),
        [
            [
                invoice.customer.code,
                [
                    [
                        line.kind,
                        line.price_item.code,
                        line.service_month.isoformat(),
                        str(line.quantity),
                        str(line.unit_price),
                    ]
                    for line in invoice.lines
                ],
            ]
            for invoice in invoices
        ],
    ]
    return hashlib.sha256(json.dumps(payload).encode()).hexdigest()


def _customer_filter(customer, path):
    return Q() if customer is None else Q(**{path: customer})


def _volumes(month_filter: Q, customer) -> dict:
    rows = MonthlyVolume.objects.filter(
        month_filter, _customer_filter(customer, "customer"), quantity__gt=0
    ).values_list("customer_id", "price_item_id", "month", "quantity")
    return {(c, p, m): Decimal(q) for c, p, m, q in rows}


def _billed(line_filter: Q, customer) -> dict:
    rows = (
        InvoiceLine.objects.filter(line_filter, _customer_filter(customer, "invoice__customer"))
        .values_list("invoice__customer_id", "price_item_id", "service_month")
        .annotate(quantity=Sum("quantity"))
    )
    return {(c, p, m): q for c, p, m, q in rows}


def _unpriced_hours(service, year):
    if not service.hourly_price_code:
        return _("Hours on %(service)s cannot be priced: the service has no hourly price item.") % {
            "service": service.name
        }
    return _(
        "Hours on %(service)s cannot be priced: the price list %(year)s has no item %(code)s."
    ) % {"service": service.name, "year": year, "code": service.hourly_price_code}


# Ten years of billed months against what was billed for them, in one pass over each table:
# only the keys whose counted and billed quantities differ come back. Raw SQL because the ORM
# cannot aggregate over a UNION; portable to SQLite and PostgreSQL.
LATE_VOLUMES_SQL = """
SELECT customer_id, price_item_id, month, SUM(counted), SUM(billed)
FROM (
    SELECT v.customer_id, v.price_item_id, v.month, v.quantity AS counted, 0 AS billed
    FROM {volume} v
    WHERE v.month < %(month)s AND v.month IN (SELECT month FROM {billed_month}) {volume_customer}
    UNION ALL
    SELECT i.customer_id, l.price_item_id, l.service_month, 0, l.quantity
    FROM {line} l JOIN {invoice} i ON i.id = l.invoice_id
    WHERE l.service_month < %(month)s AND l.service_month IN (SELECT month FROM {billed_month})
        AND l.kind IN (%(volume)s, %(adjustment)s) {line_customer}
) AS basis
GROUP BY customer_id, price_item_id, month
HAVING SUM(counted) <> SUM(billed)
"""


def _late_volumes(month: Month, customer) -> tuple[dict, dict]:
    """Volumes of earlier billed months, and what was billed for them, where the two differ."""
    sql = LATE_VOLUMES_SQL.format(
        volume=MonthlyVolume._meta.db_table,
        billed_month=BilledMonth._meta.db_table,
        line=InvoiceLine._meta.db_table,
        invoice=Invoice._meta.db_table,
        volume_customer="" if customer is None else "AND v.customer_id = %(customer)s",
        line_customer="" if customer is None else "AND i.customer_id = %(customer)s",
    )
    params = {
        "month": month.start,
        "volume": Line.VOLUME,
        "adjustment": Line.ADJUSTMENT,
        "customer": None if customer is None else customer.pk,
    }
    counted, billed = {}, {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for customer_id, item_id, service_month, counted_quantity, billed_quantity in cursor:
            # SQLite hands back text dates and int or float sums.
            key = (customer_id, item_id, _as_date(service_month))
            counted[key] = Decimal(str(counted_quantity))
            billed[key] = Decimal(str(billed_quantity))
    return counted, billed


def _as_date(value):
    return date.fromisoformat(value) if isinstance(value, str) else value


def _hours(month: Month, customer, price_list, problems) -> tuple[dict, list]:
    """Hours of the month per (customer, hourly price item), and those outside the agreement."""
    entries = (
        TimeEntry.objects.filter(
            _customer_filter(customer, "customer"), date__gte=month.start, date__lt=month.end
        )
        .values_list("customer_id", "service_id", "date")
        .annotate(hours=Sum("hours"))
        .order_by("customer_id", "service_id", "date")
    )
    if not entries:
        return {}, []
    services = {s.pk: s for s in Service.objects.all()}
    items = {} if price_list is None else {i.code: i for i in price_list.items.all()}
    agreements = {
        a.customer_id: a
        for a in ServiceAgreement.objects.filter(
            year=month.year, status=ServiceAgreement.Status.SIGNED
        ).prefetch_related("services__service", "addenda__service")
    }
    in_force_cache = {}
    outside = defaultdict(Decimal)
    hours = defaultdict(Decimal)
    for customer_id, service_id, day, amount in entries:
        service = services[service_id]
        item = items.get(service.hourly_price_code)
        if item is None:
            problems.append(_unpriced_hours(service, month.year))
            continue
        hours[(customer_id, item.pk, month.start)] += amount
        agreement = agreements.get(customer_id)
        if agreement is not None and (customer_id, day) not in in_force_cache:
            in_force_cache[(customer_id, day)] = services_in_force(agreement=agreement, on=day)
        if agreement is None or service_id not in in_force_cache[(customer_id, day)]:
            outside[(customer_id, service_id)] += amount
    return hours, sorted(outside.items())


def billing_basis(*, month: Month, customer: Customer | None = None) -> Preview:
    """What issuing `month` would bill now; for one customer when reissuing after a credit.

    Each line is what the basis holds minus what earlier documents already billed for the same
    customer, price item and month: a fresh month bills its whole basis, a month whose invoice
    was credited bills it again, and late volumes of an earlier billed month become
    adjustment lines. Hours need no adjustment: time reporting refuses changes in a billed
    month.
    """
    price_list = PriceList.objects.filter(year=month.year).first()
    preview = Preview(month=month, price_list=price_list)
    if price_list is None:
        preview.problems.append(_("There is no price list for %(year)s.") % {"year": month.year})
    if month.end > timezone.localdate():
        preview.problems.append(_("The month has not ended yet."))

    counted = _volumes(Q(month=month.start), customer)
    basis = dict(counted)
    hours, outside = _hours(month, customer, price_list, preview.problems)
    basis.update(hours)
    billed = _billed(Q(service_month=month.start), customer)
    late_basis, late_billed = _late_volumes(month, customer)
    basis.update(late_basis)
    billed.update(late_billed)

    pending = defaultdict(list)
    for key in basis.keys() | billed.keys():
        quantity = basis.get(key, Decimal(0)) - billed.get(key, Decimal(0))
        if quantity:
            pending[key[0]].append((key[1], key[2], quantity))
    item_ids = {item_id for rows in pending.values() for item_id, _m, _q in rows}
    items = PriceItem.objects.in_bulk(item_ids)
    customer_ids = pending.keys() | {c for (c, _s), _hours in outside}
    customers = Customer.objects.in_bulk(customer_ids)
    for customer_id, rows in pending.items():
        lines = []
        for item_id, service_month, quantity in rows:
            item = items[item_id]
            if service_month != month.start:
                kind = Line.ADJUSTMENT
            elif item.unit == PriceItem.Unit.HOUR:
                kind = Line.HOURS
            else:
                kind = Line.VOLUME
            lines.append(DraftLine(kind, item, service_month, quantity))
        lines.sort(key=DraftLine.sort_key)
        preview.invoices.append(DraftInvoice(customers[customer_id], month, lines))
    preview.invoices.sort(key=lambda invoice: invoice.customer.code)

    if customer is None:
        with_volumes = {c for c, _p, _m in counted}
        preview.without_volumes = list(
            Customer.objects.filter(is_active=True).exclude(pk__in=with_volumes)
        )
    services = Service.objects.in_bulk({s for (_c, s), _hours in outside})
    preview.outside_agreement = [
        OutsideAgreement(customers[c], services[s], amount) for (c, s), amount in outside
    ]
    preview.outside_agreement.sort(key=lambda row: (row.customer.code, row.service.code))
    # One message per unpriced service, not one per day it was reported on.
    preview.problems = list(dict.fromkeys(preview.problems))
    return preview
