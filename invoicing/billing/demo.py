"""Demo billing: the plan's 2012 budget by month, costs as booked, and January-October billed.

Idempotent: budget rows are created once and never overwritten, a billed month is skipped.
"""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from customers.models import User
from ekonomi.money import format_sek, round_ore
from ekonomi.periods import Month
from invoicing import closing
from invoicing.billing import basis, services
from invoicing.billing.models import ErpSettings
from invoicing.budget.models import BudgetMonth, CostOutcome
from invoicing.volumes.models import MonthlyVolume

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
BILLED_THROUGH = 10
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


def _billing():
    issuer = User.objects.filter(role="unit_manager").order_by("pk").first()
    lines = []
    for number in range(1, BILLED_THROUGH + 1):
        month = Month(YEAR, number)
        if not MonthlyVolume.objects.filter(month=month.start).exists():
            continue
        _costs(number)
        if closing.is_billed(month):
            continue
        preview = basis.billing_basis(month=month)
        if not preview.can_issue:
            lines.append(
                _("%(month)s not billed: %(problems)s")
                % {"month": month.label, "problems": " ".join(preview.problems)}
            )
            continue
        issued = services.billing_issue(month=month, user=issuer)
        lines.append(
            _("%(month)s billed: %(count)s invoices, %(total)s.")
            % {
                "month": month.label,
                "count": len(issued),
                "total": format_sek(sum((i.total for i in issued), Decimal("0.00"))),
            }
        )
    return lines


def load(data):
    ErpSettings.current()
    return _budget_lines() + _billing()
