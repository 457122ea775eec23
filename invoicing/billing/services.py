"""Billing writes: issuing a month, credit notes and reissues; billing runs; ERP settings.

A credit note says what happens next with the month it credits (Invoice.Settlement): it is
reissued at once, it waits on the billing page to be reissued, or what it credits is waived.
Either way nothing is billed twice and nothing is billed again on its own (quantities.py).
"""

import logging
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.models import Customer, User
from ekonomi.money import format_amount, round_ore
from ekonomi.periods import Month
from invoicing import closing
from invoicing.billing import issuing, ledger, selectors
from invoicing.billing.basis import billing_basis
from invoicing.billing.erp import ErpSettings
from invoicing.billing.issuing import Booking
from invoicing.billing.models import Invoice, InvoiceLine
from invoicing.prices.services import price_list_lock

logger = logging.getLogger("invoicing.billing")
Settlement = Invoice.Settlement


class BillingRefused(ValidationError):
    pass


def _refuse(preview):
    if preview.problems:
        raise BillingRefused(preview.problems)
    if not preview.invoices:
        raise BillingRefused(_("There is nothing to bill."), code="empty")


def _book(invoices, booking, *, batch_id, voucher_no, user):
    try:
        issuing.book(
            invoices=invoices, booking=booking, batch_id=batch_id, voucher_no=voucher_no, user=user
        )
    except ledger.LedgerError as error:
        raise BillingRefused(str(error)) from error


def _lock_prices(invoice):
    price_list_lock(
        price_list=invoice.price_list,
        reason=_("Invoice %(number)s was issued with these prices.") % {"number": invoice},
    )


@transaction.atomic
def billing_issue(*, month: Month, user: User, expected_digest: str = "") -> list[Invoice]:
    """Issue every customer's invoice for `month` at once, or nothing."""
    series = issuing.locked_series(month.year)
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
    booking = Booking.of(service_month=month, on=timezone.localdate(now))
    closing.close(month)
    issued = [
        issuing.create(
            series=series,
            kind=Invoice.Kind.INVOICE,
            customer=draft.customer,
            month=month,
            booking=booking,
            price_list=preview.price_list,
            lines=draft.lines,
            user=user,
            now=now,
            customer_data=issuing.snapshot(draft.customer),
        )
        for draft in preview.invoices
    ]
    _lock_prices(issued[0])
    _book(
        issued,
        booking,
        batch_id=f"FAKT-{month}",
        voucher_no=f"{month.year:04d}{month.month:02d}",
        user=user,
    )
    logger.info("billed %s: %s invoices, booked in %s", month, len(issued), booking.period)
    return issued


# Credit notes and reissues -----------------------------------------------------------------


@dataclass(frozen=True)
class CreditLine:
    """Part or all of an issued line, as a credit note takes it back."""

    line: InvoiceLine
    credited: Decimal

    def __getattr__(self, name):
        # kind, price_item, code, name, unit, service_month, counted and unit_price are the
        # original line's.
        return getattr(self.line, name)

    @property
    def quantity(self):
        return -self.credited

    @property
    def amount(self):
        return round_ore(self.quantity * self.line.unit_price)


def _partial(rows, quantities: dict[int, Decimal]) -> list[CreditLine]:
    chosen = []
    for line, left in rows:
        quantity = quantities.get(line.position)
        if not quantity:
            continue
        if line.quantity < 0:
            raise BillingRefused(
                _(
                    "Line %(position)s (%(code)s) bills a negative quantity; only a credit of "
                    "the whole invoice takes it back."
                )
                % {"position": line.position, "code": line.code},
                code="negative",
            )
        if quantity < 0 or quantity > left:
            raise BillingRefused(
                _(
                    "Line %(position)s (%(code)s): %(quantity)s cannot be credited; "
                    "%(left)s à %(price)s is what is left of it."
                )
                % {
                    "position": line.position,
                    "code": line.code,
                    "quantity": format_amount(quantity),
                    "left": format_amount(left),
                    "price": format_amount(line.unit_price),
                },
                code="too_much",
            )
        chosen.append(CreditLine(line, quantity))
    if not chosen:
        raise BillingRefused(_("Choose the lines or quantities to credit."), code="nothing")
    return chosen


def _check_reason(reason, settlement):
    if reason:
        return
    if settlement in Invoice.WAIVING:
        raise BillingRefused(
            _("A waiver needs a reason: say why the customer is not billed for it."),
            code="reason",
        )
    raise BillingRefused(_("Give a reason for the credit note."), code="reason")


@transaction.atomic
def credit_note_issue(
    *,
    invoice: Invoice,
    user: User,
    reason: str,
    settlement: str,
    quantities: dict[int, Decimal] | None = None,
) -> Invoice:
    """Credit an invoice; `settlement` says what happens next (Invoice.Settlement).

    A whole credit takes back what is left of every line: it is reissued now (the new
    invoice is `credit_note.reissue`), waits to be reissued, or is waived. A partial credit
    takes back the chosen quantities of chosen lines ({position: quantity}) and waives them.
    """
    reason = reason.strip()
    if settlement not in Settlement.values:
        raise ValueError(f"unknown settlement {settlement!r}")
    _check_reason(reason, settlement)
    series = issuing.locked_series(invoice.year)
    # Read again under the lock: another user may just have credited it.
    if invoice.is_credit_note:
        raise BillingRefused(_("A credit note cannot be credited."), code="credit")
    rows = selectors.creditable(invoice)
    if settlement == Settlement.PARTIAL:
        lines = _partial(rows, quantities or {})
    else:
        lines = [CreditLine(line, left) for line, left in rows if left]
    if not lines:
        raise BillingRefused(
            _("Invoice %(number)s is already credited in full.") % {"number": invoice.number},
            code="credited",
        )
    now = timezone.now()
    booking = Booking.of(service_month=None, on=timezone.localdate(now))
    credit_note = issuing.create(
        series=series,
        kind=Invoice.Kind.CREDIT_NOTE,
        customer=invoice.customer,
        month=invoice.period,
        booking=booking,
        price_list=invoice.price_list,
        lines=lines,
        user=user,
        now=now,
        customer_data=issuing.snapshot_of(invoice),
        credits=invoice,
        settlement=settlement,
        reason=reason,
    )
    _book(
        [credit_note],
        booking,
        batch_id=f"KRED-{credit_note.number}",
        voucher_no=credit_note.number.replace("-", ""),
        user=user,
    )
    if settlement == Settlement.REISSUE:
        invoice_reissue(credit_note=credit_note, user=user)
    return credit_note


@transaction.atomic
def invoice_reissue(*, credit_note: Invoice, user: User) -> Invoice:
    """A new invoice for the customer-month that `credit_note` credited: the month's volumes
    and hours as they are now, at the month's prices, under a new number."""
    month = credit_note.period
    series = issuing.locked_series(month.year)
    closing.lock()
    if credit_note.settlement not in (Settlement.REISSUE, Settlement.LATER):
        raise BillingRefused(
            _("Only a month that was credited to be reissued can be reissued."), code="settled"
        )
    # Read under the lock: twenty users pressing the button give one invoice.
    earlier = Invoice.objects.filter(reissue_of=credit_note).first()
    if earlier is not None:
        raise BillingRefused(
            _("%(customer)s %(month)s is already reissued with invoice %(number)s.")
            % {"customer": credit_note.customer_code, "month": month.label, "number": earlier},
            code="reissued",
        )
    # As it is now: the new invoice records the customer's name and accounts of today.
    customer = Customer.objects.select_related("contact_person").get(pk=credit_note.customer_id)
    preview = billing_basis(month=month, customer=customer, reissue=True)
    if not preview.problems and not preview.invoices:
        raise BillingRefused(
            _("There is nothing to bill for %(customer)s in %(month)s.")
            % {"customer": customer.code, "month": month.label},
            code="empty",
        )
    _refuse(preview)
    now = timezone.now()
    booking = Booking.of(service_month=None, on=timezone.localdate(now))
    (draft,) = preview.invoices
    invoice = issuing.create(
        series=series,
        kind=Invoice.Kind.INVOICE,
        customer=customer,
        month=month,
        booking=booking,
        price_list=preview.price_list,
        lines=draft.lines,
        user=user,
        now=now,
        customer_data=issuing.snapshot(customer),
        reissue_of=credit_note,
    )
    _lock_prices(invoice)
    _book(
        [invoice],
        booking,
        batch_id=f"FAKT-{invoice.number}",
        voucher_no=invoice.number.replace("-", ""),
        user=user,
    )
    return invoice


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
