"""Demo budget: the plan's 2012 budget by month, and costs as booked for the billed months.

Idempotent: rows are created once and never overwritten.
"""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ekonomi.money import format_sek, round_ore
from ekonomi.periods import Month, Year
from invoicing import closing
from invoicing.budget.models import BudgetMonth, CostOutcome

YEAR = 2012
# The plan: turnover about 54.1 MSEK; staff about 42.1 MSEK; premises, board, administration,
# IT and consumables about 12.1 MSEK.
TURNOVER = Decimal("54100000")
STAFF = Decimal("42100000")
OTHER = Decimal("12100000")
# Revenue follows the volumes, which swing over the year (per cent of the year, sum 100).
REVENUE_WEIGHTS = [9, 8, 9, 9, 8, 8, 5, 7, 9, 9, 9, 10]
# Booked staff costs against budget, per mille: a plausible year, fixed so a rerun agrees.
STAFF_DEVIATION = [-20, 10, 0, -10, 20, 10, -30, 0, 10, -10]
MILLION = Decimal("1000000")


def _even(total, number):
    share = round_ore(total / 12)
    # December takes the öre that twelve equal shares leave over.
    return share if number < 12 else total - share * 11


def _budget_lines():
    for number in range(1, 13):
        BudgetMonth.objects.get_or_create(
            year=YEAR,
            month=number,
            defaults={
                "revenue": TURNOVER * REVENUE_WEIGHTS[number - 1] / 100,
                "staff_costs": _even(STAFF, number),
                "other_costs": _even(OTHER, number),
            },
        )
    lines = [
        _(
            "Budget %(year)s: turnover %(turnover)s MSEK, staff costs %(staff)s MSEK, premises "
            "etc. %(other)s MSEK."
        )
        % {
            "year": YEAR,
            "turnover": number_format(TURNOVER / MILLION, decimal_pos=1),
            "staff": number_format(STAFF / MILLION, decimal_pos=1),
            "other": number_format(OTHER / MILLION, decimal_pos=1),
        }
    ]
    for row in BudgetMonth.objects.filter(year=YEAR):
        lines.append(
            "  "
            + _("%(month)s: revenue %(revenue)s, costs %(costs)s")
            % {
                "month": Month(YEAR, row.month).label,
                "revenue": format_sek(row.revenue),
                "costs": format_sek(row.staff_costs + row.other_costs),
            }
        )
    return lines


def _costs(number):
    budget = BudgetMonth.objects.get(year=YEAR, month=number)
    CostOutcome.objects.get_or_create(
        year=YEAR,
        month=number,
        defaults={
            "staff_costs": round_ore(
                budget.staff_costs * (1000 + STAFF_DEVIATION[number - 1]) / 1000
            ),
            "other_costs": budget.other_costs,
        },
    )


def load(data):
    lines = _budget_lines()
    for month in closing.billed_months(Year(YEAR).months()):
        _costs(month.month)
    return lines
