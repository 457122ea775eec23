"""Revenue against budget: budget, actuals and result per month, year to date, forecast."""

from dataclasses import dataclass
from decimal import Decimal

from ekonomi.periods import Month, Year
from invoicing import closing
from invoicing.billing.selectors import revenue_by_month
from invoicing.budget.models import BudgetMonth, CostOutcome
from invoicing.prices.models import PriceList


@dataclass
class BudgetRow:
    month: Month | None
    budget_revenue: Decimal
    budget_costs: Decimal
    revenue: Decimal | None
    costs: Decimal | None

    @property
    def budget_result(self):
        return self.budget_revenue - self.budget_costs

    @property
    def result(self):
        if self.revenue is None or self.costs is None:
            return None
        return self.revenue - self.costs

    @property
    def revenue_deviation(self):
        return None if self.revenue is None else self.revenue - self.budget_revenue


@dataclass
class BudgetFollowUp:
    year: int
    rows: list[BudgetRow]
    closed_through: Month | None
    year_to_date: BudgetRow
    full_year: BudgetRow
    forecast: BudgetRow

    @property
    def has_budget(self):
        return any(row.budget_revenue or row.budget_costs for row in self.rows)


def sum_rows(rows) -> BudgetRow:
    """The rows added up; a figure that any row lacks (None) has no total."""

    def total(name):
        values = [getattr(row, name) for row in rows]
        if any(value is None for value in values):
            return None
        return sum(values, Decimal("0.00"))

    return BudgetRow(
        None,
        total("budget_revenue"),
        total("budget_costs"),
        total("revenue"),
        total("costs"),
    )


def budget_followup(*, year: int) -> BudgetFollowUp:
    """Budget, actuals, result per month; year to date through the last billed month; forecast.

    A month is closed once it is billed; the forecast takes closed months as they turned out
    (costs as entered, or as budgeted where none are entered yet) and budget for the rest.
    """
    budget = {b.month: b for b in BudgetMonth.objects.filter(year=year)}
    outcome = {c.month: c for c in CostOutcome.objects.filter(year=year)}
    revenue = revenue_by_month(year=year)
    closed_through = closing.last_billed(year=year)
    zero = Decimal("0.00")
    rows = []
    for month in Year(year).months():
        planned = budget.get(month.month)
        booked = outcome.get(month.month)
        closed = closed_through is not None and month <= closed_through
        rows.append(
            BudgetRow(
                month,
                planned.revenue if planned else zero,
                planned.staff_costs + planned.other_costs if planned else zero,
                revenue.get(month.month, zero) if closed else revenue.get(month.month),
                booked.staff_costs + booked.other_costs if booked else None,
            )
        )
    closed_rows = [r for r in rows if closed_through is not None and r.month <= closed_through]
    forecast_rows = [
        BudgetRow(
            r.month,
            r.budget_revenue,
            r.budget_costs,
            r.revenue if r in closed_rows else r.budget_revenue,
            r.costs if r in closed_rows and r.costs is not None else r.budget_costs,
        )
        for r in rows
    ]
    return BudgetFollowUp(
        year=year,
        rows=rows,
        closed_through=closed_through,
        year_to_date=sum_rows(closed_rows),
        full_year=sum_rows(rows),
        forecast=sum_rows(forecast_rows),
    )


def budget_years() -> list[int]:
    years = set(BudgetMonth.objects.values_list("year", flat=True).distinct())
    years.update(PriceList.objects.values_list("year", flat=True))
    return sorted(years, reverse=True)


def budget_months(*, year: int) -> dict[int, dict]:
    return {
        b.month: {"revenue": b.revenue, "staff_costs": b.staff_costs, "other_costs": b.other_costs}
        for b in BudgetMonth.objects.filter(year=year)
    }
