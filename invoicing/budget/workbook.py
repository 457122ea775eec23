"""The budget as a workbook: the export, which is also the template to fill in (imports.py reads
it back)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from ekonomi import exports
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
