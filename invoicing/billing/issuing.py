"""What every issue shares: the number series, the document as it is written, and its booking.

Numbers come from one series per year. The series row is locked (SELECT … FOR UPDATE) at the
start of every issuing transaction and only released by its commit or rollback, so issuers
queue on it: numbers are consecutive, a month is issued once, and a run that fails gives its
numbers back with everything else it wrote.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from customers.models import Customer
from ekonomi.periods import Month
from invoicing.billing import ledger
from invoicing.billing.erp import CustomerErpAccount, ErpSettings, booking_date
from invoicing.billing.models import Invoice, InvoiceLine, InvoiceSeries

INVOICE_KEYS = ["customer", "price_list", "credits", "reissue_of", "issued_by"]
LINE_KEYS = ["invoice", "price_item"]
SNAPSHOT = ["customer_code", "customer_name", "customer_reference", "cost_account", "dimension"]


def locked_series(year: int) -> InvoiceSeries:
    # get_or_create first: a row that does not exist cannot be locked. Two transactions
    # creating the first row of a year collide on the unique year; get_or_create then reads
    # the winner's row.
    InvoiceSeries.objects.get_or_create(year=year)
    return InvoiceSeries.objects.select_for_update().get(year=year)


def _next_number(series: InvoiceSeries) -> tuple[int, str]:
    series.last_number += 1
    series.save(update_fields=["last_number"])
    return series.last_number, Invoice.format_number(series.year, series.last_number)


def snapshot(customer: Customer) -> dict:
    """The customer as an invoice issued now records it: code, name, reference, accounts."""
    settings = ErpSettings.current()
    account = CustomerErpAccount.objects.filter(customer=customer).first()
    contact = customer.contact_person
    return {
        "customer_code": customer.code,
        "customer_name": customer.name,
        "customer_reference": contact.get_full_name() or contact.username if contact else "",
        "cost_account": (account and account.cost_account) or settings.default_cost_account,
        "dimension": (account and account.dimension) or customer.code,
    }


def snapshot_of(invoice: Invoice) -> dict:
    """A credit note repeats the invoice it credits, and reverses the same accounts."""
    return {name: getattr(invoice, name) for name in SNAPSHOT}


@dataclass(frozen=True)
class Booking:
    period: Month
    voucher_date: date

    @classmethod
    def of(cls, *, service_month: Month | None, on: date) -> "Booking":
        """A month's invoices in that month; corrections (service_month None) in the period
        they are issued in; never in a closed period."""
        period = ErpSettings.current().booking_period(service_month=service_month, on=on)
        return cls(period, booking_date(period, on))


def create(
    *,
    series,
    kind,
    customer,
    month: Month,
    booking: Booking,
    price_list,
    lines,
    user,
    now,
    customer_data: dict,
    credits=None,
    settlement="",
    reissue_of=None,
    reason="",
) -> Invoice:
    """One document with its lines; `lines` carry kind, price_item, code, name, unit,
    service_month, quantity, counted, unit_price and amount."""
    sequence, number = _next_number(series)
    invoice = Invoice(
        number=number,
        year=series.year,
        sequence=sequence,
        kind=kind,
        customer=customer,
        month=month.start,
        booking_period=booking.period.start,
        price_list=price_list,
        credits=credits,
        settlement=settlement,
        reissue_of=reissue_of,
        reason=reason,
        total=sum((line.amount for line in lines), Decimal("0.00")),
        line_count=len(lines),
        issued_at=now,
        issued_by=user,
        **customer_data,
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
            code=line.code,
            name=line.name,
            unit=line.unit,
            service_month=line.service_month,
            quantity=line.quantity,
            counted=line.counted,
            unit_price=line.unit_price,
            amount=line.amount,
        )
        row.clean_fields(exclude=LINE_KEYS)
        rows.append(row)
    InvoiceLine.objects.bulk_create(rows)
    return invoice


def book(*, invoices, booking: Booking, batch_id, voucher_no, user):
    return ledger.write(
        invoices=invoices,
        period=booking.period,
        voucher_date=booking.voucher_date,
        batch_id=batch_id,
        voucher_no=voucher_no,
        user=user,
    )
