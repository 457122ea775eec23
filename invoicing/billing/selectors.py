"""Reads of issued billing: invoices, the months' status, the customer page, nightly checks."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from customers.models import Customer
from ekonomi import access
from ekonomi.jobs.models import Job
from ekonomi.money import round_ore
from ekonomi.periods import Month
from invoicing.billing.models import (
    CheckFailure,
    CheckRun,
    ErpFile,
    Invoice,
    InvoiceLine,
)
from invoicing.closing import BilledMonth
from invoicing.prices.models import PriceItem, PriceList

Line = InvoiceLine.Kind
# What the same work costs when it arrives electronically: the incentive of the price model.
ELECTRONIC_EQUIVALENT = {"KR-MAN": "KR-FS", "KR-ABO": "KR-FS", "LR-MAN": "LR-EL"}


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


def latest_issue_job(*, month: Month) -> Job | None:
    """The latest background issue of `month` (invoicing/billing/tasks.py), if any."""
    return (
        Job.objects.filter(kind="invoicing.billing_issue", params__month=str(month))
        .order_by("-pk")
        .first()
    )


def month_erp_files(*, month: Month):
    return ErpFile.objects.filter(month=month.start).defer("content")


def revenue_by_month(*, year: int) -> dict[int, Decimal]:
    """Actual revenue: issued invoices and credit notes by the month they bill."""
    rows = (
        Invoice.objects.filter(month__year=year).values_list("month").annotate(total=Sum("total"))
    )
    return {month.month: total for month, total in rows}


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
