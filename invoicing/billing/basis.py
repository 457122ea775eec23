"""The basis of a month's billing: volumes, hours, and late volumes and hours, priced.

The basis is computed, never stored, so that a preview and the issue that follows read the
same rules; it is deterministic (customers by code, lines by kind, code and month), and its
fingerprint lets the issue refuse a basis that changed after the preview was shown.

Each line is what was counted less what was settled for the same customer, price item and
month (quantities.py): a fresh month bills its whole basis, a reissue after a credit note bills
the month again, and what arrives late for a billed month becomes an adjustment line. A
customer-month whose invoice was credited and waits for a reissue, or was waived, is left
alone by the monthly run.
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
from invoicing.billing import quantities
from invoicing.billing.models import Invoice, InvoiceLine
from invoicing.closing import BilledMonth
from invoicing.prices.models import PriceItem, PriceList
from invoicing.volumes.models import MonthlyVolume

Line = InvoiceLine.Kind
KIND_ORDER = {Line.VOLUME: 0, Line.HOURS: 1, Line.ADJUSTMENT: 2}


@dataclass(frozen=True)
class DraftLine:
    kind: str
    price_item: PriceItem
    service_month: date
    quantity: Decimal
    # What the volumes or hours of the key are now; the issued line keeps it.
    counted: Decimal

    @property
    def code(self):
        return self.price_item.code

    @property
    def name(self):
        return self.price_item.name

    @property
    def unit(self):
        return self.price_item.unit

    def get_unit_display(self):
        return self.price_item.get_unit_display()

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


# Ten years of billed months against what was settled for them, in one pass over each table:
# only the keys whose counted and settled quantities differ come back. Raw SQL because the
# ORM cannot aggregate over a UNION; portable to SQLite and PostgreSQL. Hourly items are left
# to _late_hours: their count is in the time entries, not the volumes.
LATE_VOLUMES_SQL = """
SELECT customer_id, price_item_id, month, SUM(counted), SUM(billed)
FROM (
    SELECT v.customer_id, v.price_item_id, v.month, v.quantity AS counted, 0 AS billed
    FROM {volume} v JOIN {item} p ON p.id = v.price_item_id
    WHERE v.month < %(month)s AND v.month IN (SELECT month FROM {billed_month})
        AND p.unit <> %(hour)s {volume_customer}
    UNION ALL
    SELECT i.customer_id, l.price_item_id, l.service_month, 0, l.quantity
    FROM {line} l JOIN {invoice} i ON i.id = l.invoice_id
    WHERE l.service_month < %(month)s AND l.service_month IN (SELECT month FROM {billed_month})
        AND l.unit <> %(hour)s AND i.settlement NOT IN (%(waive)s, %(partial)s) {line_customer}
) AS basis
GROUP BY customer_id, price_item_id, month
HAVING SUM(counted) <> SUM(billed)
"""


def _late_volumes(month: Month, customer) -> tuple[dict, dict]:
    """Volumes of earlier billed months, and what was settled for them, where the two differ."""
    sql = LATE_VOLUMES_SQL.format(
        volume=MonthlyVolume._meta.db_table,
        item=PriceItem._meta.db_table,
        billed_month=BilledMonth._meta.db_table,
        line=InvoiceLine._meta.db_table,
        invoice=Invoice._meta.db_table,
        volume_customer="" if customer is None else "AND v.customer_id = %(customer)s",
        line_customer="" if customer is None else "AND i.customer_id = %(customer)s",
    )
    params = {
        "month": month.start,
        "hour": PriceItem.Unit.HOUR,
        "waive": Invoice.Settlement.WAIVE,
        "partial": Invoice.Settlement.PARTIAL,
        "customer": None if customer is None else customer.pk,
    }
    counted, billed = {}, {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for customer_id, item_id, service_month, counted_quantity, billed_quantity in cursor:
            # SQLite hands back text dates and int or float sums.
            key = (customer_id, item_id, _as_date(service_month))
            counted[key] = quantities.exact(str(counted_quantity))
            billed[key] = quantities.exact(str(billed_quantity))
    return counted, billed


def _as_date(value):
    return date.fromisoformat(value) if isinstance(value, str) else value


def _late_hours(month: Month, customer, problems) -> tuple[dict, dict]:
    """Hours of earlier billed months, and what was settled for them: a few rows a month."""
    billed_months = set(
        BilledMonth.objects.filter(month__lt=month.start).values_list("month", flat=True)
    )
    if not billed_months:
        return {}, {}
    in_billed = Q(date__gte=min(billed_months), date__lt=month.start)
    hours = quantities.counted(
        volumes=quantities.volumes(
            Q(month__in=billed_months, price_item__unit=PriceItem.Unit.HOUR), customer
        ),
        entries=quantities.hour_entries(in_billed, customer),
        problems=problems,
    )
    counted = {key: amount for key, amount in hours.items() if key[2] in billed_months}
    billed = quantities.settled(
        quantities.settling_lines().filter(
            quantities.customer_filter(customer, "invoice__customer"),
            service_month__in=billed_months,
            unit=PriceItem.Unit.HOUR,
        )
    )
    return counted, billed


def _outside_agreement(month: Month, customer) -> list:
    """Hours of the month reported on services that the customer's agreement did not hold on
    the day they were reported for, per (customer, service)."""
    entries = (
        quantities.hour_entries(Q(date__gte=month.start, date__lt=month.end), customer)
        .values_list("customer_id", "service_id", "date")
        .annotate(hours=Sum("hours"))
        .order_by("customer_id", "service_id", "date")
    )
    agreements = {
        a.customer_id: a
        for a in ServiceAgreement.objects.filter(
            year=month.year, status=ServiceAgreement.Status.SIGNED
        ).prefetch_related("services__service", "addenda__service")
    }
    in_force_cache = {}
    outside = defaultdict(Decimal)
    for customer_id, service_id, day, amount in entries:
        agreement = agreements.get(customer_id)
        if agreement is not None and (customer_id, day) not in in_force_cache:
            in_force_cache[(customer_id, day)] = services_in_force(agreement=agreement, on=day)
        if agreement is None or service_id not in in_force_cache[(customer_id, day)]:
            outside[(customer_id, service_id)] += amount
    return sorted(outside.items())


def _kind(item: PriceItem, service_month: date, month: Month) -> str:
    if service_month != month.start:
        return Line.ADJUSTMENT
    return Line.HOURS if item.unit == PriceItem.Unit.HOUR else Line.VOLUME


def billing_basis(*, month: Month, customer: Customer | None = None, reissue=False) -> Preview:
    """What issuing `month` would bill now; for one customer when it is reissued.

    `reissue` bills the customer's month although its invoice was credited and waits for a
    reissue, which a monthly run leaves alone.
    """
    price_list = PriceList.objects.filter(year=month.year).first()
    preview = Preview(month=month, price_list=price_list)
    if price_list is None:
        preview.problems.append(_("There is no price list for %(year)s.") % {"year": month.year})
    if month.end > timezone.localdate():
        preview.problems.append(_("The month has not ended yet."))

    volumes = quantities.volumes(Q(month=month.start), customer)
    counted = quantities.counted(
        volumes=volumes,
        entries=quantities.hour_entries(Q(date__gte=month.start, date__lt=month.end), customer),
        problems=preview.problems,
    )
    settled = quantities.settled(
        quantities.settling_lines().filter(
            quantities.customer_filter(customer, "invoice__customer"), service_month=month.start
        )
    )
    for late in (_late_volumes(month, customer), _late_hours(month, customer, preview.problems)):
        counted.update(late[0])
        settled.update(late[1])
    blocked = quantities.blocked(customer)
    if reissue:
        blocked.pending.pop((customer.pk, month.start), None)

    pending = defaultdict(list)
    for key in counted.keys() | settled.keys():
        customer_id, item_id, service_month = key
        quantity = counted.get(key, Decimal(0)) - settled.get(key, Decimal(0))
        if quantity and (customer_id, service_month) not in blocked:
            pending[customer_id].append((item_id, service_month, quantity, counted.get(key, 0)))
    items = PriceItem.objects.in_bulk({row[0] for rows in pending.values() for row in rows})
    outside = _outside_agreement(month, customer)
    customers = Customer.objects.in_bulk(pending.keys() | {c for (c, _s), _hours in outside})
    for customer_id, rows in pending.items():
        lines = [
            DraftLine(
                _kind(items[item_id], service_month, month),
                items[item_id],
                service_month,
                quantity,
                Decimal(amount),
            )
            for item_id, service_month, quantity, amount in rows
        ]
        lines.sort(key=DraftLine.sort_key)
        preview.invoices.append(DraftInvoice(customers[customer_id], month, lines))
    preview.invoices.sort(key=lambda invoice: invoice.customer.code)

    if customer is None:
        with_volumes = set(volumes.filter(quantity__gt=0).values_list("customer_id", flat=True))
        preview.without_volumes = list(
            Customer.objects.filter(is_active=True).exclude(pk__in=with_volumes)
        )
    services = Service.objects.in_bulk({s for (_c, s), _hours in outside})
    preview.outside_agreement = [
        OutsideAgreement(customers[c], services[s], amount) for (c, s), amount in outside
    ]
    preview.outside_agreement.sort(key=lambda row: (row.customer.code, row.service.code))
    # One message per unpriced service, not one per month it was reported in.
    preview.problems = list(dict.fromkeys(preview.problems))
    return preview
