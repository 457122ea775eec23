"""Billing writes: issuing a month, credit notes, reissues, their ERP files; ERP settings.

Numbers come from one series per year. The series row is locked (SELECT … FOR UPDATE) at the
start of every issuing transaction and only released by its commit or rollback, so issuers
queue on it: numbers are consecutive, a month is issued once, and a run that fails gives its
numbers back with everything else it wrote.
"""

import hashlib
import logging
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.models import Customer, User
from ekonomi.periods import Month
from invoicing import closing
from invoicing.billing import gl07
from invoicing.billing.basis import DraftInvoice, billing_basis
from invoicing.billing.models import (
    CustomerErpAccount,
    ErpFile,
    ErpSettings,
    Invoice,
    InvoiceLine,
    InvoiceSeries,
)
from invoicing.prices.services import price_list_lock

logger = logging.getLogger("invoicing.billing")
INVOICE_KEYS = ["customer", "price_list", "credits", "issued_by"]
LINE_KEYS = ["invoice", "price_item"]


class BillingRefused(ValidationError):
    pass


def _locked_series(year: int) -> InvoiceSeries:
    # get_or_create first: a row that does not exist cannot be locked. Two transactions
    # creating the first row of a year collide on the unique year; get_or_create then reads
    # the winner's row.
    InvoiceSeries.objects.get_or_create(year=year)
    return InvoiceSeries.objects.select_for_update().get(year=year)


def _next_number(series: InvoiceSeries) -> tuple[int, str]:
    series.last_number += 1
    series.save(update_fields=["last_number"])
    return series.last_number, Invoice.format_number(series.year, series.last_number)


def _create(
    *, series, kind, customer, month, price_list, lines, user, now, credits=None, reason=""
):
    sequence, number = _next_number(series)
    invoice = Invoice(
        number=number,
        year=series.year,
        sequence=sequence,
        kind=kind,
        customer=customer,
        month=month.start,
        price_list=price_list,
        credits=credits,
        reason=reason,
        total=sum((line.amount for line in lines), Decimal("0.00")),
        issued_at=now,
        issued_by=user,
    )
    # Field checks only: uniqueness and foreign keys are the database's job (under the series
    # lock), and asking for them here would cost queries per row.
    invoice.clean_fields(exclude=INVOICE_KEYS)
    invoice.save()
    rows = []
    for position, line in enumerate(lines, start=1):
        row = InvoiceLine(
            invoice=invoice,
            position=position,
            kind=line.kind,
            price_item=line.price_item,
            code=line.price_item.code,
            name=line.price_item.name,
            unit=line.price_item.unit,
            service_month=line.service_month,
            quantity=line.quantity,
            unit_price=line.unit_price,
            amount=line.amount,
        )
        row.clean_fields(exclude=LINE_KEYS)
        rows.append(row)
    InvoiceLine.objects.bulk_create(rows)
    return invoice


def _erp_lines(invoices: list[Invoice], settings: ErpSettings) -> list[gl07.Gl07Line]:
    accounts = {
        a.customer_id: a
        for a in CustomerErpAccount.objects.filter(customer__in={i.customer_id for i in invoices})
    }
    debits = []
    for invoice in invoices:
        account = accounts.get(invoice.customer_id)
        debits.append(
            gl07.Gl07Line(
                account=(account and account.cost_account) or settings.default_cost_account,
                amount=invoice.total,
                description=f"{invoice.number} {invoice.customer.code} {invoice.period}",
                dimensions=((account and account.dimension) or invoice.customer.code,),
            )
        )
    per_item = (
        InvoiceLine.objects.filter(invoice__in=invoices)
        .values_list("code")
        .annotate(amount=Sum("amount"), name=Min("name"))
    )
    revenue = [
        gl07.Gl07Line(
            account=settings.revenue_account,
            amount=-amount,
            description=f"{code} {name}",
            dimensions=(settings.revenue_dimension, code),
        )
        for code, amount, name in sorted(per_item)
    ]
    return [line for line in debits + revenue if gl07.to_ore(line.amount) != 0]


def _write_erp_file(*, invoices, month: Month, batch_id, voucher_no, user, now) -> ErpFile | None:
    settings = ErpSettings.current()
    lines = _erp_lines(invoices, settings)
    if not lines:
        return None
    voucher = gl07.Voucher(
        batch_id=batch_id,
        voucher_type=settings.voucher_type,
        client=settings.client,
        voucher_no=voucher_no,
        voucher_date=timezone.localdate(now),
        period=month,
        lines=lines,
    )
    try:
        content = gl07.write(voucher)
    except gl07.Gl07Error as error:
        raise BillingRefused(
            _("The ERP file cannot be written: %(error)s. Check the ERP settings.")
            % {"error": error}
        ) from error
    erp_file = ErpFile.objects.create(
        batch_id=batch_id,
        month=month.start,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        line_count=len(lines),
        created_by=user,
    )
    erp_file.invoices.add(*invoices)
    return erp_file


def _issue_drafts(*, series, drafts: list[DraftInvoice], month, price_list, user, now):
    issued = [
        _create(
            series=series,
            kind=Invoice.Kind.INVOICE,
            customer=draft.customer,
            month=month,
            price_list=price_list,
            lines=draft.lines,
            user=user,
            now=now,
        )
        for draft in drafts
    ]
    price_list_lock(
        price_list=price_list,
        reason=_("Invoice %(number)s was issued with these prices.") % {"number": issued[0]},
    )
    return issued


def _refuse(preview):
    if preview.problems:
        raise BillingRefused(preview.problems)
    if not preview.invoices:
        raise BillingRefused(_("There is nothing to bill."))


@transaction.atomic
def billing_issue(*, month: Month, user: User, expected_digest: str = "") -> list[Invoice]:
    """Issue every customer's invoice for `month` at once, or nothing."""
    series = _locked_series(month.year)
    # Volume imports, manual volumes and hours wait until the month is issued, so the basis
    # read below is exactly what gets billed, and they see the month as billed afterwards.
    closing.lock()
    if closing.is_billed(month):
        raise BillingRefused(
            _("%(month)s is already billed.") % {"month": month.label}, code="billed"
        )
    preview = billing_basis(month=month)
    _refuse(preview)
    if expected_digest and expected_digest != preview.digest:
        raise BillingRefused(
            _("The volumes or hours changed after the preview was shown. Look at it again."),
            code="changed",
        )
    now = timezone.now()
    closing.close(month)
    issued = _issue_drafts(
        series=series,
        drafts=preview.invoices,
        month=month,
        price_list=preview.price_list,
        user=user,
        now=now,
    )
    _write_erp_file(
        invoices=issued,
        month=month,
        batch_id=f"FAKT-{month}",
        voucher_no=f"{month.year:04d}{month.month:02d}",
        user=user,
        now=now,
    )
    logger.info("billed %s: %s invoices", month, len(issued))
    return issued


@transaction.atomic
def credit_note_issue(*, invoice: Invoice, user: User, reason: str) -> Invoice:
    """Cancel an invoice with a credit note: the same lines negated, a number of its own."""
    reason = reason.strip()
    if not reason:
        raise BillingRefused(_("Give a reason for the credit note."), code="reason")
    series = _locked_series(invoice.year)
    # Read again under the lock: another user may just have credited it.
    if invoice.is_credit_note:
        raise BillingRefused(_("A credit note cannot be credited."), code="credit")
    if Invoice.objects.filter(credits=invoice).exists():
        raise BillingRefused(
            _("Invoice %(number)s is already credited.") % {"number": invoice.number},
            code="credited",
        )
    now = timezone.now()
    negated = [_Negated(line) for line in invoice.lines.select_related("price_item")]
    credit_note = _create(
        series=series,
        kind=Invoice.Kind.CREDIT_NOTE,
        customer=invoice.customer,
        month=invoice.period,
        price_list=invoice.price_list,
        lines=negated,
        user=user,
        now=now,
        credits=invoice,
        reason=reason,
    )
    _write_erp_file(
        invoices=[credit_note],
        month=invoice.period,
        batch_id=f"KRED-{credit_note.number}",
        voucher_no=credit_note.number.replace("-", ""),
        user=user,
        now=now,
    )
    return credit_note


class _Negated:
    """An issued line as the credit note repeats it: same item, price and month, negated."""

    def __init__(self, line: InvoiceLine):
        self.kind = line.kind
        self.price_item = line.price_item
        self.service_month = line.service_month
        self.quantity = -line.quantity
        self.unit_price = line.unit_price
        self.amount = -line.amount


def _has_open_invoice(customer: Customer, month: Month) -> bool:
    return (
        Invoice.objects.filter(customer=customer, month=month.start, kind=Invoice.Kind.INVOICE)
        .exclude(credit_note__isnull=False)
        .exists()
    )


@transaction.atomic
def invoice_reissue(*, customer: Customer, month: Month, user: User) -> Invoice:
    """A new invoice for a billed month whose invoice was credited, from the basis as it is now."""
    series = _locked_series(month.year)
    closing.lock()
    if not closing.is_billed(month):
        raise BillingRefused(
            _("%(month)s is not billed yet; bill the whole month instead.") % {"month": month.label}
        )
    if _has_open_invoice(customer, month):
        raise BillingRefused(
            _("%(customer)s already has an invoice for %(month)s; credit it first.")
            % {"customer": customer.code, "month": month.label}
        )
    preview = billing_basis(month=month, customer=customer)
    _refuse(preview)
    now = timezone.now()
    (invoice,) = _issue_drafts(
        series=series,
        drafts=preview.invoices,
        month=month,
        price_list=preview.price_list,
        user=user,
        now=now,
    )
    _write_erp_file(
        invoices=[invoice],
        month=month,
        batch_id=f"FAKT-{invoice.number}",
        voucher_no=invoice.number.replace("-", ""),
        user=user,
        now=now,
    )
    return invoice


@transaction.atomic
def invoice_correct(
    *, invoice: Invoice, user: User, reason: str, reissue: bool
) -> tuple[Invoice, Invoice | None]:
    """Credit an invoice and, if asked, bill its month again from the current basis."""
    credit_note = credit_note_issue(invoice=invoice, user=user, reason=reason)
    if not reissue:
        return credit_note, None
    return credit_note, invoice_reissue(customer=invoice.customer, month=invoice.period, user=user)


# ERP settings ----------------------------------------------------------------------------


@transaction.atomic
def erp_settings_save(*, form, account_forms) -> ErpSettings:
    settings = form.save(commit=False)
    settings.full_clean()
    # Only what changed is saved: each save is a version in the audit trail.
    if form.has_changed() or settings.pk is None:
        settings.save()
    for account_form in account_forms:
        if not account_form.has_changed():
            continue
        account = account_form.save(commit=False)
        if not account.cost_account and not account.dimension:
            if account.pk:
                account.delete()
            continue
        account.full_clean()
        account.save()
    return settings


# Budget ----------------------------------------------------------------------------------
