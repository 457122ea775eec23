"""The billing-basis workbook of a month: a summary sheet and one sheet per customer.

It is written from the issued documents only (their copy of the customer and the price items'
names), so renaming a customer or a price item later changes nothing in it.

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
    # Each customer by the code and name its first document of the month was issued with.
    by_customer = {}
    for invoice in invoices:
        by_customer.setdefault(invoice.customer_id, []).append(invoice)
    grand_total = Decimal("0.00")
    for documents in by_customer.values():
        for invoice in documents:
            exports.append_row(
                summary,
                [
                    invoice.customer_code,
                    invoice.customer_name,
                    invoice.number,
                    invoice.get_kind_display(),
                    invoice.total,
                ],
                formats={5: exports.MONEY_FORMAT},
            )
            grand_total += invoice.total
        _customer_sheet(workbook, documents, month)
    exports.append_row(
        summary,
        [_("Total"), None, None, None, grand_total],
        formats={5: exports.MONEY_FORMAT},
        bold=True,
    )
    summary.column_dimensions["B"].width = 44
    summary.column_dimensions["E"].width = 18
    return exports.workbook_bytes(workbook)


def _customer_sheet(workbook, documents, month):
    code, name = documents[0].customer_code, documents[0].customer_name
    sheet = exports.new_sheet(workbook, code)
    exports.append_row(sheet, [f"{code} {name}"], bold=True)
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
