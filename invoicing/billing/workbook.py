"""The billing-basis workbook of a month: a summary sheet and one sheet per customer.

Numbers are written as numbers with number formats, never as text, so that Excel sums them;
Swedish Excel shows the formats with a decimal comma and space-grouped thousands.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from ekonomi import exports
from ekonomi.periods import Month


def month_workbook(*, month: Month, invoices) -> bytes:
    """A summary sheet and one sheet per customer; `invoices` carry their lines (prefetched)."""
    workbook = exports.new_workbook()
    summary = exports.new_sheet(workbook, _("Summary"))
    exports.append_row(summary, [_("Billing basis %(month)s") % {"month": month.label}], bold=True)
    exports.append_row(
        summary, [_("Customer"), _("Name"), _("Number"), _("Kind"), _("Amount")], bold=True
    )
    by_customer = {}
    for invoice in invoices:
        by_customer.setdefault(invoice.customer, []).append(invoice)
    grand_total = Decimal("0.00")
    for customer, documents in by_customer.items():
        for invoice in documents:
            exports.append_row(
                summary,
                [
                    customer.code,
                    customer.name,
                    invoice.number,
                    invoice.get_kind_display(),
                    invoice.total,
                ],
                formats={5: exports.MONEY_FORMAT},
            )
            grand_total += invoice.total
        _customer_sheet(workbook, customer, documents, month)
    exports.append_row(
        summary,
        [_("Total"), None, None, None, grand_total],
        formats={5: exports.MONEY_FORMAT},
        bold=True,
    )
    summary.column_dimensions["B"].width = 44
    summary.column_dimensions["E"].width = 18
    return exports.workbook_bytes(workbook)


def _customer_sheet(workbook, customer, documents, month):
    sheet = exports.new_sheet(workbook, customer.code)
    exports.append_row(sheet, [f"{customer.code} {customer.name}"], bold=True)
    exports.append_row(sheet, [month.label])
    exports.append_row(
        sheet,
        [
            _("Number"),
            _("Code"),
            _("Item"),
            _("For month"),
            _("Quantity"),
            _("Unit"),
            _("Unit price"),
            _("Amount"),
        ],
        bold=True,
    )
    total = Decimal("0.00")
    for invoice in documents:
        for line in invoice.lines.all():
            exports.append_row(
                sheet,
                [
                    invoice.number,
                    line.code,
                    line.name,
                    str(line.service_period),
                    line.quantity,
                    line.get_unit_display(),
                    line.unit_price,
                    line.amount,
                ],
                formats={
                    5: exports.QUANTITY_FORMAT,
                    7: exports.MONEY_FORMAT,
                    8: exports.MONEY_FORMAT,
                },
            )
            total += line.amount
    exports.append_row(
        sheet,
        [_("Total"), None, None, None, None, None, None, total],
        formats={8: exports.MONEY_FORMAT},
        bold=True,
    )
    sheet.column_dimensions["C"].width = 50
    sheet.column_dimensions["H"].width = 16
