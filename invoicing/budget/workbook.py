"""The budget as a workbook: the export, which is also the template to fill in, and its import."""

from decimal import Decimal, InvalidOperation
from zipfile import BadZipFile

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ekonomi import exports
from ekonomi.money import round_ore
from ekonomi.periods import Month

BUDGET_COLUMNS = ["revenue", "staff_costs", "other_costs"]


def budget_headers():
    return [_("Month"), _("Revenue"), _("Staff costs"), _("Premises, administration, IT etc.")]


def budget_workbook(*, year: int, months: dict[int, dict]) -> bytes:
    """The budget grid as a workbook: export, and the template to fill in and import."""
    workbook = exports.new_workbook()
    sheet = exports.new_sheet(workbook, _("Budget %(year)s") % {"year": year})
    exports.append_row(sheet, budget_headers(), bold=True)
    money = dict.fromkeys((2, 3, 4), exports.MONEY_FORMAT)
    for number in range(1, 13):
        values = months.get(number, {})
        exports.append_row(
            sheet,
            [str(Month(year, number))]
            + [values.get(name, Decimal("0.00")) for name in BUDGET_COLUMNS],
            formats=money,
        )
    for column in "BCD":
        sheet.column_dimensions[column].width = 20
    return exports.workbook_bytes(workbook)


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
