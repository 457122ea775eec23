"""Workbooks of billing: the billing basis of a month, and the budget (export and import).

Numbers are written as numbers with number formats, never as text, so that Excel sums them;
Swedish Excel shows the formats with a decimal comma and space-grouped thousands.
"""

import io
from decimal import Decimal, InvalidOperation
from zipfile import BadZipFile

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from ekonomi.money import round_ore
from ekonomi.periods import Month

MONEY_FORMAT = '#,##0.00 "kr"'
QUANTITY_FORMAT = "#,##0.##"
BOLD = Font(bold=True)
# Characters Excel refuses in a sheet title.
TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


def _save(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header(sheet, titles):
    sheet.append([str(title) for title in titles])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD


def _formats(sheet, row, formats):
    for column, number_format in formats.items():
        sheet.cell(row=row, column=column).number_format = number_format


def month_workbook(*, month: Month, invoices) -> bytes:
    """A summary sheet and one sheet per customer; `invoices` carry their lines (prefetched)."""
    workbook = Workbook()
    summary = workbook.active
    summary.title = _("Summary")[:31]
    summary.append([_("Billing basis %(month)s") % {"month": month.label}])
    summary["A1"].font = BOLD
    _header(summary, [_("Customer"), _("Name"), _("Number"), _("Kind"), _("Amount")])
    by_customer = {}
    for invoice in invoices:
        by_customer.setdefault(invoice.customer, []).append(invoice)
    grand_total = Decimal("0.00")
    for customer, documents in by_customer.items():
        for invoice in documents:
            summary.append(
                [
                    customer.code,
                    customer.name,
                    invoice.number,
                    invoice.get_kind_display(),
                    invoice.total,
                ]
            )
            _formats(summary, summary.max_row, {5: MONEY_FORMAT})
            grand_total += invoice.total
        _customer_sheet(workbook, customer, documents, month)
    summary.append([_("Total"), None, None, None, grand_total])
    for cell in summary[summary.max_row]:
        cell.font = BOLD
    _formats(summary, summary.max_row, {5: MONEY_FORMAT})
    summary.column_dimensions["B"].width = 44
    summary.column_dimensions["E"].width = 18
    return _save(workbook)


def _customer_sheet(workbook, customer, documents, month):
    sheet = workbook.create_sheet(title=customer.code.translate(TITLE_FORBIDDEN)[:31])
    sheet.append([f"{customer.code} {customer.name}"])
    sheet["A1"].font = BOLD
    sheet.append([month.label])
    _header(
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
    )
    total = Decimal("0.00")
    for invoice in documents:
        for line in invoice.lines.all():
            sheet.append(
                [
                    invoice.number,
                    line.code,
                    line.name,
                    str(line.service_period),
                    line.quantity,
                    line.get_unit_display(),
                    line.unit_price,
                    line.amount,
                ]
            )
            _formats(sheet, sheet.max_row, {5: QUANTITY_FORMAT, 7: MONEY_FORMAT, 8: MONEY_FORMAT})
            total += line.amount
    sheet.append([_("Total"), None, None, None, None, None, None, total])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    _formats(sheet, sheet.max_row, {8: MONEY_FORMAT})
    sheet.column_dimensions["C"].width = 50
    sheet.column_dimensions["H"].width = 16


# Budget ----------------------------------------------------------------------------------

BUDGET_COLUMNS = ["revenue", "staff_costs", "other_costs"]


def budget_headers():
    return [_("Month"), _("Revenue"), _("Staff costs"), _("Premises, administration, IT etc.")]


def budget_workbook(*, year: int, months: dict[int, dict]) -> bytes:
    """The budget grid as a workbook: export, and the template to fill in and import."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Budget %(year)s") % {"year": year}
    _header(sheet, budget_headers())
    for number in range(1, 13):
        values = months.get(number, {})
        sheet.append(
            [str(Month(year, number))]
            + [values.get(name, Decimal("0.00")) for name in BUDGET_COLUMNS]
        )
        _formats(sheet, sheet.max_row, {2: MONEY_FORMAT, 3: MONEY_FORMAT, 4: MONEY_FORMAT})
    for column in "BCD":
        sheet.column_dimensions[column].width = 20
    return _save(workbook)


class BudgetFileError(ValueError):
    def __init__(self, messages):
        self.messages = messages
        super().__init__("; ".join(messages))


def _amount(value):
    if value is None or value == "":
        return Decimal("0.00")
    if isinstance(value, bool):
        raise InvalidOperation
    if isinstance(value, float):
        # Excel stores numbers as binary floats; their shortest repr is what the user typed.
        value = repr(value)
    return round_ore(Decimal(str(value).replace("\u00a0", "").replace(" ", "").replace(",", ".")))


def read_budget(*, year: int, upload) -> dict[int, dict]:
    """Rows 2-13 of the first sheet: month (2012-01), revenue, staff costs, other costs."""
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as error:
        raise BudgetFileError([_("The file is not an Excel workbook (.xlsx).")]) from error
    sheet = workbook.worksheets[0]
    rows = {}
    errors = []
    for row_number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        if not any(value not in (None, "") for value in row):
            continue
        try:
            month = Month.parse(str(row[0]))
        except (ValueError, TypeError):
            errors.append(
                _("Row %(row)s: “%(value)s” is not a month; write it like %(example)s.")
                % {"row": row_number, "value": row[0], "example": f"{year}-01"}
            )
            continue
        if month.year != year:
            errors.append(
                _("Row %(row)s: %(month)s is not in %(year)s.")
                % {"row": row_number, "month": month, "year": year}
            )
            continue
        values = {}
        for index, name in enumerate(BUDGET_COLUMNS, start=1):
            cell = row[index] if index < len(row) else None
            try:
                values[name] = _amount(cell)
            except (InvalidOperation, TypeError, ValueError):
                errors.append(
                    _("Row %(row)s, column %(column)s: “%(value)s” is not an amount.")
                    % {"row": row_number, "column": budget_headers()[index], "value": cell}
                )
        rows[month.month] = values
    workbook.close()
    if not errors and not rows:
        errors.append(_("The file has no budget rows."))
    if errors:
        raise BudgetFileError(errors)
    return rows
