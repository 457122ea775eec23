"""The GL07 file of issued documents: written once at issue, written again by the nightly check
from the invoices it links to, and the two compared.

A file is one voucher: a debit per document on the customer's cost account (as the document
recorded it at issue) and a credit per price item on our revenue account.
"""

import hashlib
from datetime import date

from django.db.models import Min, Sum
from django.utils.translation import gettext as _

from ekonomi.periods import Month
from invoicing.billing import gl07
from invoicing.billing.erp import ErpFile, ErpSettings
from invoicing.billing.models import Invoice, InvoiceLine


class LedgerError(ValueError):
    pass


def erp_lines(invoices, *, revenue_account, revenue_dimension) -> list[gl07.Gl07Line]:
    debits = [
        gl07.Gl07Line(
            account=invoice.cost_account,
            amount=invoice.total,
            description=f"{invoice.number} {invoice.customer_code} {invoice.period}",
            dimensions=(invoice.dimension,),
        )
        for invoice in sorted(invoices, key=lambda invoice: (invoice.year, invoice.sequence))
    ]
    per_item = (
        InvoiceLine.objects.filter(invoice__in=invoices)
        .values_list("code")
        .annotate(amount=Sum("amount"), name=Min("name"))
        .order_by()
    )
    revenue = [
        gl07.Gl07Line(
            account=revenue_account,
            amount=-amount,
            description=f"{code} {name}",
            dimensions=(revenue_dimension, code),
        )
        for code, amount, name in sorted(per_item)
    ]
    return [line for line in debits + revenue if gl07.to_ore(line.amount) != 0]


def books_anything(invoice: Invoice) -> bool:
    """Whether a document has an amount to book (a file with no lines is never written)."""
    return bool(erp_lines([invoice], revenue_account="", revenue_dimension=""))


def _voucher(erp_file: ErpFile, lines) -> gl07.Voucher:
    return gl07.Voucher(
        batch_id=erp_file.batch_id,
        voucher_type=erp_file.voucher_type,
        client=erp_file.client,
        voucher_no=erp_file.voucher_no,
        voucher_date=erp_file.voucher_date,
        period=erp_file.period,
        lines=lines,
    )


def write(
    *, invoices: list[Invoice], period: Month, voucher_date: date, batch_id, voucher_no, user
) -> ErpFile | None:
    """The file that books `invoices` in `period`; none when there is nothing to book."""
    settings = ErpSettings.current()
    erp_file = ErpFile(
        batch_id=batch_id,
        month=period.start,
        client=settings.client,
        voucher_type=settings.voucher_type,
        voucher_no=voucher_no,
        voucher_date=voucher_date,
        revenue_account=settings.revenue_account,
        revenue_dimension=settings.revenue_dimension,
        invoice_count=len(invoices),
        created_by=user,
    )
    lines = erp_lines(
        invoices,
        revenue_account=erp_file.revenue_account,
        revenue_dimension=erp_file.revenue_dimension,
    )
    if not lines:
        return None
    try:
        content = gl07.write(_voucher(erp_file, lines))
    except gl07.Gl07Error as error:
        raise LedgerError(
            _("The ERP file cannot be written: %(error)s. Check the ERP settings.")
            % {"error": error}
        ) from error
    erp_file.content = content
    erp_file.sha256 = hashlib.sha256(content).hexdigest()
    erp_file.line_count = len(lines)
    erp_file.save()
    erp_file.invoices.add(*invoices)
    return erp_file


def rewrite(erp_file: ErpFile, invoices) -> bytes:
    """The file as its linked invoices and its own voucher fields give it."""
    lines = erp_lines(
        invoices,
        revenue_account=erp_file.revenue_account,
        revenue_dimension=erp_file.revenue_dimension,
    )
    return gl07.write(_voucher(erp_file, lines))
