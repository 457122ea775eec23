"""The demo year 2012 bills what the plan budgets: the plan prices at cost, so revenue is about
the turnover of 54.1 MSEK. Loads the whole demo year, which is slow: CI runs it once."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum

from ekonomi.periods import Month
from invoicing.billing import reconciliation as checks
from invoicing.billing.basis import billing_basis
from invoicing.budget.selectors import budget_followup
from invoicing.models import Invoice, MonthlyVolume

pytestmark = pytest.mark.slow

TURNOVER = Decimal("54100000")
BAND = Decimal("0.03")


@pytest.fixture
def demo_year(db):
    call_command("load_demo", stdout=io.StringIO())


def test_the_demo_years_revenue_is_the_plans_turnover_within_three_per_cent(demo_year):
    billed = Invoice.objects.filter(month__year=2012).aggregate(total=Sum("total"))["total"]
    # November and December are not billed by the demo; their basis is what they would bill.
    unbilled = sum(
        (billing_basis(month=Month(2012, number)).total for number in (11, 12)), Decimal(0)
    )
    revenue = billed + unbilled
    assert abs(revenue - TURNOVER) <= TURNOVER * BAND, revenue

    customer = MonthlyVolume.objects.filter(
        month__year=2012, price_item__code__in=["KR-FS", "KR-MAN", "KR-ABO"]
    )
    supplier = MonthlyVolume.objects.filter(
        month__year=2012, price_item__code__in=["LR-EL", "LR-MAN"]
    )
    assert customer.aggregate(n=Sum("quantity"))["n"] == 1_600_000
    assert supplier.aggregate(n=Sum("quantity"))["n"] == 1_025_000

    # The budget page's forecast: ten months as billed and costed, two as budgeted.
    forecast = budget_followup(year=2012).forecast
    assert abs(forecast.revenue - TURNOVER) <= TURNOVER * BAND, forecast.revenue
    assert abs(forecast.result) <= TURNOVER * BAND, forecast.result

    # And the nightly checks find the demo's books in order.
    run = checks.run_checks()
    assert list(run.failures.values_list("message", flat=True)) == []
