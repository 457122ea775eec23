"""Reads of issued billing: invoices, the months' status, the customer page, nightly checks."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from customers.models import Customer
from ekonomi import access
from ekonomi.jobs.models import Job
from ekonomi.money import round_ore
from ekonomi.periods import Month
from invoicing.billing.erp import ErpFile
from invoicing.billing.models import (
    CheckFailure,
    CheckRun,
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
            credited=Count("credit_notes")
        ),
        user,
    )


def invoice_get(*, user, number: str) -> Invoice:
    return access.get_scoped_or_404(
        Invoice.objects.select_related(
            "customer", "credits", "price_list", "issued_by", "reissue_of"
        ),
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
        .order_by("customer_code", "year", "sequence")
    )


def credit_notes_of(invoice: Invoice) -> list[Invoice]:
    return list(invoice.credit_notes.order_by("year", "sequence"))


def creditable(invoice: Invoice) -> list[tuple[InvoiceLine, Decimal]]:
    """Each line of the invoice with the quantity that earlier credit notes left of it."""
    credited = defaultdict(Decimal)
    for item, month, quantity in InvoiceLine.objects.filter(invoice__credits=invoice).values_list(
        "price_item_id", "service_month", "quantity"
    ):
        credited[(item, month)] += quantity
    lines = invoice.lines.select_related("price_item").order_by("position")
    return [
        (line, line.quantity + credited[(line.price_item_id, line.service_month)]) for line in lines
    ]


def reissues_of(credit_notes) -> dict[int, str]:
    """The number of the invoice that reissued each of `credit_notes`, by the note's id."""
    return dict(
        Invoice.objects.filter(reissue_of__in=credit_notes).values_list("reissue_of_id", "number")
    )


def _settled(note: Invoice, reissues: dict, *, waived, reissued, pending) -> str:
    if note.settlement == Invoice.Settlement.WAIVE:
        return waived
    if note.pk in reissues:
        return reissued % {"number": reissues[note.pk]}
    return pending


def document_status(document: Invoice, notes: list[Invoice], reissues: dict) -> str:
    """What became of a document, in words: `notes` are the credit notes of an invoice,
    `reissues` maps a credit note's id to the number of the invoice that reissued it."""
    if document.is_credit_note:
        if document.settlement == Invoice.Settlement.PARTIAL:
            return _("Waived in part")
        return _settled(
            document,
            reissues,
            waived=_("Waived"),
            reissued=_("Reissued as %(number)s"),
            pending=_("Waiting for reissue"),
        )
    whole = [note for note in notes if note.settlement != Invoice.Settlement.PARTIAL]
    if whole:
        return _settled(
            whole[-1],
            reissues,
            waived=_("Credited and waived"),
            reissued=_("Credited and reissued as %(number)s"),
            pending=_("Credited, not reissued"),
        )
    if notes:
        return _("Partly credited")
    if document.reissue_of_id:
        return _("Reissue after %(number)s") % {"number": document.reissue_of.number}
    return ""


@dataclass(frozen=True)
class Document:
    invoice: Invoice
    status: str


def month_documents(*, user, month: Month) -> list[Document]:
    documents = list(month_invoices(user=user, month=month).select_related("reissue_of"))
    notes = {}
    for document in documents:
        if document.credits_id:
            notes.setdefault(document.credits_id, []).append(document)
    reissues = reissues_of([d for d in documents if d.is_credit_note])
    return [
        Document(document, document_status(document, notes.get(document.pk, []), reissues))
        for document in documents
    ]


def pending_reissues(*, user, month: Month | None = None):
    """Credit notes whose customer-month waits to be reissued."""
    notes = access.scope(
        Invoice.objects.filter(
            kind=Invoice.Kind.CREDIT_NOTE,
            settlement=Invoice.Settlement.LATER,
            reissue__isnull=True,
        ).select_related("credits"),
        user,
    )
    if month is not None:
        notes = notes.filter(month=month.start)
    return notes.order_by("month", "customer_code")


@dataclass(frozen=True)
class MonthStatus:
    month: Month
    billed_at: object
    invoice_count: int
    total: Decimal | None
    pending_reissues: int = 0


def billing_months(*, user, year: int) -> list[MonthStatus]:
    billed = dict(BilledMonth.objects.filter(month__year=year).values_list("month", "billed_at"))
    sums = {
        row["month"]: row
        for row in invoices(user=user)
        .filter(year=year)
        .values("month")
        .annotate(count=Count("pk", filter=Q(kind=Invoice.Kind.INVOICE)), total=Sum("total"))
    }
    pending = dict(
        pending_reissues(user=user)
        .filter(month__year=year)
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result = []
    for month in Month.range(Month(year, 1), Month(year, 12)):
        row = sums.get(month.start, {})
        result.append(
            MonthStatus(
                month,
                billed.get(month.start),
                row.get("count", 0),
                row.get("total"),
                pending.get(month.start, 0),
            )
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
    """Actual revenue: issued invoices and credit notes by the ERP period they are booked in,
    so that a closed period's revenue never changes afterwards."""
    rows = (
        Invoice.objects.filter(booking_period__year=year)
        .values_list("booking_period")
        .annotate(total=Sum("total"))
        .order_by()
    )
    return {period.month: total for period, total in rows}


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


def latest_check_run() -> CheckRun | None:
    return CheckRun.objects.filter(finished_at__isnull=False).first()


def billing_check_failures() -> list[CheckFailure]:
    """The failures of the latest finished check run (the start page shows them to whom
    access.BILLING_CHECKS permits)."""
    run = latest_check_run()
    return [] if run is None else list(run.failures.all())
