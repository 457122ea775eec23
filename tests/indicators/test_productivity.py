"""Productivity: handled invoices (KR-FS+KR-MAN+KR-ABO, LR-EL+LR-MAN) ÷ FTE-months, per unit
and in total, for a month, a tertial alone, the tertial report (year to date) and a year."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from ekonomi.periods import Month, Tertial, Year
from indicators.dashboard.selectors import Facts, dashboard, year_to_date
from indicators.definitions import Indicator, Status
from indicators.staffing.selectors import staffing_load
from tests.indicators.helpers import adjust, employee, unit, volume

AR = Indicator.AR_PRODUCTIVITY
# Customer invoices handled by RIKI (customer manager E1) per month of 2012.
HANDLED = {1: 4500, 2: 4600, 3: 6000, 4: 6900, 5: 6000, 6: 7500, 7: 3000, 8: 7200}


@pytest.fixture
def e1_year(demo):
    # One full-timer all year, a half-timer from 16 March, and half an FTE away in July.
    employee("E1", {"AR": 100})
    employee("E1", {"AR": 100}, rate=50, start=date(2012, 3, 16))
    adjust("E1", "AR", "2012-07", "-0.5")
    for number, n in HANDLED.items():
        month = f"2012-{number:02d}"
        volume("RIKI", "KR-FS", month, n - 1500)
        volume("RIKI", "KR-MAN", month, 1000)
        volume("RIKI", "KR-ABO", month, 500)
        volume("RIKI", "KR-MAK", month, 999)  # voided invoices are not handled invoices
    volume("SPTE", "KR-FS", "2012-01", 100)  # E2's customer; E2 has nobody in AR


def _figure(period, unit_code=None):
    facts = Facts.load(Year(2012).months())
    unit_id = unit(unit_code).pk if unit_code else None
    return facts.evaluate(AR, period.months(), unit_id)


def test_the_fte_of_a_month_counts_rate_share_and_the_days_employed(e1_year):
    staffing = staffing_load(months=[Month(2012, 3), Month(2012, 7)])
    e1 = unit("E1").pk
    # 1 + 0.5 x 16/31 in March; 1.5 - 0.5 in July.
    assert staffing.fte(e1, "AR", Month(2012, 3)) == Decimal(1) + Decimal("0.5") * 16 / 31
    assert staffing.fte(e1, "AR", Month(2012, 7)) == Decimal("1.0")


def test_a_month_divides_the_handled_invoices_by_the_fte(e1_year):
    january = _figure(Month(2012, 1), "E1")
    assert january.figure.value == Decimal(4500)
    assert january.target == Decimal(4600)
    assert january.deviation == Decimal(-100)
    assert january.status == Status.NEAR


def test_the_tertial_alone_and_the_tertial_report_from_1_january(e1_year):
    # T1: 22 000 invoices over 4 + 8/31 + 0.5 FTE-months = 4 623.7 -> 4 624.
    assert _figure(Tertial(2012, 1), "E1").figure.value == Decimal(4624)
    # T2 alone: 23 700 over 5.5 FTE-months.
    t2 = _figure(Tertial(2012, 2), "E1")
    assert t2.figure.value == Decimal(4309)
    assert t2.status == Status.MISSED
    # The T2 report, January to August: 45 700 over 318/31 FTE-months.
    report = _figure(year_to_date(Tertial(2012, 2)), "E1")
    assert report.figure.value == Decimal(4455)
    assert report.deviation == Decimal(-145)
    assert report.status == Status.NEAR


def test_the_total_adds_every_units_invoices_and_fte(e1_year):
    # January: 4 500 (RIKI) + 100 (SPTE) over the one FTE of E1.
    january = _figure(Month(2012, 1))
    assert january.figure.value == Decimal(4600)
    assert january.status == Status.MET


def test_volumes_without_fte_show_the_reason_not_a_division_error(e1_year):
    spte = _figure(Month(2012, 1), "E2").figure
    assert spte.value is None
    assert spte.reason == (
        "Fakturor har hanterats, men inga årsarbetare är registrerade i processen för perioden."
    )


def test_the_dashboard_shows_the_tertial_and_the_year_to_date_in_swedish(e1_year, client_for):
    response = client_for("head").get(
        reverse("indicators:dashboard"), {"period": "2012-T2", "enhet": "E1"}
    )
    assert response.status_code == 200
    row = next(r for r in response.context["rows"] if r.indicator == AR)
    assert row.period.figure.value == Decimal(4309)
    assert row.year_to_date.figure.value == Decimal(4455)
    text = response.text
    assert "Indikatorer T2 2012" in text
    assert "hittills i år: januari\u2013augusti 2012" in text
    assert "4\u00a0309" in text and "4\u00a0455" in text
    assert "Ej uppnått" in text and "Nära målet" in text
    assert " style=" not in text and "<script>" not in text


def test_the_dashboard_for_a_year_has_no_separate_year_to_date(e1_year):
    rows = dashboard(period=Year(2012), unit_id=unit("E1").pk)
    assert all(row.year_to_date is None for row in rows)
