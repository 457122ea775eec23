"""Reads for billing: the basis of a month (volumes, hours, late volumes) and issued invoices.

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
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.agreement_selectors import services_in_force
from customers.models import Customer, Service, ServiceAgreement
from ekonomi import access
from ekonomi.money import round_ore
from ekonomi.periods import Month, Year
from invoicing.models import (
    BilledMonth,
    BillingRun,
    BudgetMonth,
    CheckFailure,
    CheckRun,
    CostOutcome,
    ErpFile,
    Invoice,
    InvoiceLine,
    MonthlyVolume,
    PriceItem,
    PriceList,
    TimeEntry,
)

Line = InvoiceLine.Kind
KIND_ORDER = {Line.VOLUME: 0, Line.HOURS: 1, Line.ADJUSTMENT: 2}
VOLUME_KINDS = [Line.VOLUME, Line.ADJUSTMENT]
# What the same work costs when it arrives electronically: the incentive of the price model.
ELECTRONIC_EQUIVALENT = {"KR-MAN": "KR-FS", "KR-ABO": "KR-FS", "LR-MAN": "LR-EL"}


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


def is_billed(month: Month) -> bool:
    return BilledMonth.objects.filter(month=month.start).exists()


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


# Issued invoices -------------------------------------------------------------------------


def invoices(*, user):
    return access.scope(
        Invoice.objects.select_related("customer", "credits").annotate(
            credited=Count("credit_note")
        ),
        user,
    )


def invoice_get(*, user, number: str) -> Invoice:
    return access.get_scoped_or_404(
        Invoice.objects.select_related("customer", "credits", "price_list", "issued_by"),
        user,
        number=number,
    )


def invoice_lines(*, invoice: Invoice):
    return invoice.lines.select_related("price_item").order_by("position")


def month_invoices(*, user, month: Month):
    return (
        invoices(user=user)
        .filter(month=month.start)
        .prefetch_related("lines")
        .order_by("customer__code", "year", "sequence")
    )


def credit_note_of(invoice: Invoice) -> Invoice | None:
    return Invoice.objects.filter(credits=invoice).first()


@dataclass(frozen=True)
class MonthStatus:
    month: Month
    billed_at: object
    invoice_count: int
    total: Decimal | None


def billing_months(*, user, year: int) -> list[MonthStatus]:
    billed = dict(BilledMonth.objects.filter(month__year=year).values_list("month", "billed_at"))
    sums = {
        row["month"]: row
        for row in invoices(user=user)
        .filter(year=year)
        .values("month")
        .annotate(count=Count("pk", filter=Q(kind=Invoice.Kind.INVOICE)), total=Sum("total"))
    }
    result = []
    for month in Month.range(Month(year, 1), Month(year, 12)):
        row = sums.get(month.start, {})
        result.append(
            MonthStatus(month, billed.get(month.start), row.get("count", 0), row.get("total"))
        )
    return result


def billing_years() -> list[int]:
    years = set(PriceList.objects.values_list("year", flat=True))
    years.update(Invoice.objects.values_list("year", flat=True).distinct())
    return sorted(years, reverse=True)


def latest_run(*, month: Month) -> BillingRun | None:
    return BillingRun.objects.filter(month=month.start).first()


def month_erp_files(*, month: Month):
    return ErpFile.objects.filter(month=month.start).defer("content")


def revenue_by_month(*, year: int) -> dict[int, Decimal]:
    """Actual revenue: issued invoices and credit notes by the month they bill."""
    rows = (
        Invoice.objects.filter(month__year=year).values_list("month").annotate(total=Sum("total"))
    )
    return {month.month: total for month, total in rows}


def last_billed_month(*, year: int) -> Month | None:
    billed = BilledMonth.objects.filter(month__year=year).order_by("-month").first()
    return None if billed is None else Month.from_date(billed.month)


# The customer page -----------------------------------------------------------------------


@dataclass
class CustomerMonth:
    month: Month
    documents: list
    total: Decimal = Decimal("0.00")
    volume_amount: Decimal = Decimal("0.00")
    electronic_amount: Decimal = Decimal("0.00")

    @property
    def saving(self):
        return self.volume_amount - self.electronic_amount


def customer_billing(*, customer: Customer, year: int) -> list[CustomerMonth]:
    """The customer's documents by month, and what the volumes would have cost electronically."""
    documents = list(
        Invoice.objects.filter(customer=customer, year=year)
        .select_related("credits")
        .prefetch_related("lines__price_item")
        .order_by("month", "sequence")
    )
    lists = {d.price_list_id for d in documents}
    prices = {
        (item.price_list_id, item.code): item.price
        for item in PriceItem.objects.filter(
            price_list_id__in=lists, code__in=set(ELECTRONIC_EQUIVALENT.values())
        )
    }
    months = {}
    for document in documents:
        row = months.setdefault(document.month, CustomerMonth(document.period, []))
        row.documents.append(document)
        row.total += document.total
        for line in document.lines.all():
            if line.kind == Line.HOURS:
                continue
            row.volume_amount += line.amount
            cheaper = ELECTRONIC_EQUIVALENT.get(line.code)
            price = prices.get((line.price_item.price_list_id, cheaper))
            if price is None:
                row.electronic_amount += line.amount
            else:
                row.electronic_amount += round_ore(line.quantity * price)
    return [months[key] for key in sorted(months)]


def customer_billing_years(*, customer: Customer) -> list[int]:
    return list(
        Invoice.objects.filter(customer=customer)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


# Nightly checks --------------------------------------------------------------------------


def billing_check_failures() -> list[CheckFailure]:
    """The failures of the latest finished check run (the start page shows them to whom
    access.BILLING_CHECKS permits)."""
    run = CheckRun.objects.filter(finished_at__isnull=False).first()
    return [] if run is None else list(run.failures.all())


# Revenue against budget ------------------------------------------------------------------


@dataclass
class BudgetRow:
    month: Month | None
    budget_revenue: Decimal
    budget_costs: Decimal
    revenue: Decimal | None
    costs: Decimal | None

    @property
    def budget_result(self):
        return self.budget_revenue - self.budget_costs

    @property
    def result(self):
        if self.revenue is None or self.costs is None:
            return None
        return self.revenue - self.costs

    @property
    def revenue_deviation(self):
        return None if self.revenue is None else self.revenue - self.budget_revenue


@dataclass
class BudgetFollowUp:
    year: int
    rows: list[BudgetRow]
    closed_through: Month | None
    year_to_date: BudgetRow
    full_year: BudgetRow
    forecast: BudgetRow

    @property
    def has_budget(self):
        return any(row.budget_revenue or row.budget_costs for row in self.rows)


def _sum_rows(rows):
    def total(name):
        values = [getattr(row, name) for row in rows]
        if any(value is None for value in values):
            return None
        return sum(values, Decimal("0.00"))

    return BudgetRow(
        None,
        total("budget_revenue"),
        total("budget_costs"),
        total("revenue"),
        total("costs"),
    )


def budget_followup(*, year: int) -> BudgetFollowUp:
    """Budget, actuals, result per month; year to date through the last billed month; forecast.

    A month is closed once it is billed; the forecast takes closed months as they turned out
    (costs as entered, or as budgeted where none are entered yet) and budget for the rest.
    """
    budget = {b.month: b for b in BudgetMonth.objects.filter(year=year)}
    outcome = {c.month: c for c in CostOutcome.objects.filter(year=year)}
    revenue = revenue_by_month(year=year)
    closed_through = last_billed_month(year=year)
    zero = Decimal("0.00")
    rows = []
    for month in Year(year).months():
        planned = budget.get(month.month)
        booked = outcome.get(month.month)
        closed = closed_through is not None and month <= closed_through
        rows.append(
            BudgetRow(
                month,
                planned.revenue if planned else zero,
                planned.staff_costs + planned.other_costs if planned else zero,
                revenue.get(month.month, zero) if closed else revenue.get(month.month),
                booked.staff_costs + booked.other_costs if booked else None,
            )
        )
    closed_rows = [r for r in rows if closed_through is not None and r.month <= closed_through]
    forecast_rows = [
        BudgetRow(
            r.month,
            r.budget_revenue,
            r.budget_costs,
            r.revenue if r in closed_rows else r.budget_revenue,
            r.costs if r in closed_rows and r.costs is not None else r.budget_costs,
        )
        for r in rows
    ]
    return BudgetFollowUp(
        year=year,
        rows=rows,
        closed_through=closed_through,
        year_to_date=_sum_rows(closed_rows),
        full_year=_sum_rows(rows),
        forecast=_sum_rows(forecast_rows),
    )


def budget_years() -> list[int]:
    years = set(BudgetMonth.objects.values_list("year", flat=True).distinct())
    years.update(PriceList.objects.values_list("year", flat=True))
    return sorted(years, reverse=True)


def budget_months(*, year: int) -> dict[int, dict]:
    return {
        b.month: {"revenue": b.revenue, "staff_costs": b.staff_costs, "other_costs": b.other_costs}
        for b in BudgetMonth.objects.filter(year=year)
    }
