"""The staffing forecast: same month last year x the trend, or a plan; FTE needed at the target;
set against the FTE available; the gap per unit, process and month."""

from decimal import Decimal

import pytest
from django.urls import reverse

from customers.models import Process
from ekonomi.periods import Month
from indicators.forecast.models import VolumePlan
from indicators.forecast.selectors import Balance, by_month, forecast
from indicators.staffing.selectors import units
from tests.indicators.helpers import adjust, employee, unit, volume


@pytest.fixture
def two_years(price_list_2011):
    employee("E1", {"AR": 100})
    for number in range(1, 13):
        volume("RIKI", "KR-FS", f"2011-{number:02d}", 4000)
        volume("RIKI", "KR-FS", f"2012-{number:02d}", 4400)
    adjust("E1", "AR", "2013-02", "1.00", kind="summer_temp")
    VolumePlan.objects.create(
        unit=unit("E1"),
        process=Process.objects.get(code="AR"),
        month="2013-03-01",
        volume=9200,
    )


def _cell(cells, month, unit_code="E1", process="AR"):
    unit_id = unit(unit_code).pk
    return next(
        c
        for c in cells
        if c.month == Month.parse(month) and c.unit_id == unit_id and c.process == process
    )


def test_the_forecast_is_last_years_month_times_the_years_trend(two_years):
    cells = forecast(start=Month(2013, 1), units=units())
    january = _cell(cells, "2013-01")
    # 52 800 / 48 000 = 1.1; 4 400 x 1.1 = 4 840; 4 840 / 4 600 = 1.05 FTE.
    assert (january.base, january.trend, january.forecast) == (4400, Decimal("1.100"), 4840)
    assert january.target == Decimal(4600)  # 2013 has no target: 2012's stands in
    assert january.needed == Decimal("1.05")
    assert january.available == Decimal(1)
    assert january.gap == Decimal("-0.05")
    assert january.balance == Balance.EVEN


def test_summer_temps_add_to_the_fte_available(two_years):
    february = _cell(forecast(start=Month(2013, 1), units=units()), "2013-02")
    assert (february.available, february.gap, february.balance) == (
        Decimal(2),
        Decimal("0.95"),
        Balance.SURPLUS,
    )


def test_an_entered_plan_replaces_the_trend(two_years):
    march = _cell(forecast(start=Month(2013, 1), units=units()), "2013-03")
    assert (march.planned, march.forecast, march.needed) == (9200, 9200, Decimal("2.00"))
    assert (march.gap, march.balance) == (Decimal("-1.00"), Balance.SHORT)


def test_without_an_earlier_year_the_trend_is_one(two_years):
    cells = forecast(start=Month(2012, 1), units=units())
    january = _cell(cells, "2012-01")
    assert (january.base, january.trend, january.forecast) == (4000, Decimal(1), 4000)


def test_the_months_add_up_over_the_units(two_years):
    january = by_month(forecast(start=Month(2013, 1), units=units()))[0]
    assert january.forecast == {"AR": 4840, "AP": 0}
    assert (january.needed, january.available, january.gap) == (
        Decimal("1.05"),
        Decimal(1),
        Decimal("-0.05"),
    )


def test_the_forecast_page_shows_the_gap_as_a_table_and_a_chart(two_years, client_for):
    client = client_for("controller")
    response = client.get(reverse("indicators:forecast"), {"fran": "2013-01", "enhet": "E1"})
    assert response.status_code == 200
    assert "Brist" in response.text and "I balans" in response.text
    assert "\u22121,00" in response.text
    chart = client.get(reverse("indicators:forecast_chart"), {"fran": "2013-01", "enhet": "E1"})
    assert chart["Content-Type"] == "image/svg+xml"
    assert "<title" in chart.text and "Bemanningsprognos från 2013-01, Enhet 1" in chart.text


def test_a_unit_manager_plans_only_their_own_unit(two_years, client_for):
    data = {"unit": unit("E2").pk, "process": "", "month": "2013-04", "volume": "100"}
    response = client_for("unit_manager").post(reverse("indicators:volume_plan_create"), data)
    assert response.status_code == 200  # E2 is not among the choices
    assert not VolumePlan.objects.filter(unit__code="E2").exists()
