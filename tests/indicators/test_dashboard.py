"""The dashboard: a constant number of queries, charts served as clean SVG with their numbers
beside them, drill-down to unit, process and customer, and the start page's panel."""

import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from customers.models import Customer, Process
from ekonomi.periods import Month
from indicators.dashboard.charts import indicator_chart_svg
from indicators.definitions import Indicator
from indicators.phone.models import PhoneMonth
from indicators.sickleave.models import SickLeave
from indicators.staffing.models import FteAdjustment
from invoicing.prices.models import PriceItem
from invoicing.volumes.models import MonthlyVolume
from tests.indicators.helpers import employee, unit, volume


def _history(months):
    """Volumes, sick leave, phone months and adjustments for the `months` up to December 2012."""
    items = list(PriceItem.objects.filter(price_list__year=2012, code__in=["KR-FS", "LR-EL"]))
    customers = list(Customer.objects.all()[:4])
    month, rows = Month(2012, 12), []
    for _n in range(months):
        rows.append(month)
        month = month.previous()
    MonthlyVolume.objects.bulk_create(
        MonthlyVolume(customer=c, price_item=i, month=m.start, counted=100, quantity=100)
        for m in rows
        for c in customers
        for i in items
    )
    ar = Process.objects.get(code="AR")
    for m in rows:
        for code in ("E1", "E2"):
            SickLeave.objects.create(unit=unit(code), month=m.start, percent=Decimal("4.2"))
            PhoneMonth.objects.create(
                unit=unit(code),
                month=m.start,
                offered=100,
                answered=90,
                abandoned=10,
                average_wait=30,
                longest_wait=200,
            )
            FteAdjustment.objects.create(
                unit=unit(code), process=ar, month=m.start, kind="other", fte=1, comment="x"
            )


def _queries(client, months):
    _history(months)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("indicators:dashboard"), {"period": "2012-12"})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("months", [12, 120])
def test_the_dashboard_makes_the_same_small_number_of_queries_for_one_year_or_ten(
    demo, client_for, months
):
    employee("E1", {"AR": 100})
    count = _queries(client_for("head"), months)
    # Session and user; volumes, staffing (3), phone (2), sick leave, surveys (2), targets and
    # units; saving the session (3): the same whether the database holds one year or ten.
    assert count == 16


def test_a_chart_is_an_svg_with_title_and_description_and_no_inline_style_or_script(
    demo, client_for
):
    employee("E1", {"AR": 100})
    volume("RIKI", "KR-FS", "2012-05", 4700)
    response = client_for("officer").get(
        reverse("indicators:chart", args=["ar_productivity"]), {"period": "2012-T2"}
    )
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.text
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<title" in svg and "Kundfakturor per årsarbetare och månad" in svg
    assert "<desc" in svg
    assert " style=" not in svg and "<style" not in svg and "<script" not in svg
    assert not re.search(r"\son[a-z]+=", svg)


def test_the_pdf_reports_get_the_same_svg_from_the_chart_function(demo):
    from ekonomi.periods import Tertial

    svg = indicator_chart_svg(Indicator.SICK_LEAVE, Tertial(2012, 2), unit("E3"))
    assert "Sjukfrånvaro, Enhet 3, till och med T2 2012" in svg


def test_the_numbers_beside_a_chart_export_to_excel(demo, client_for):
    employee("E1", {"AR": 100})
    volume("RIKI", "KR-FS", "2012-05", 4700)
    response = client_for("controller").get(
        reverse("indicators:chart_export", args=["ar_productivity"]),
        {"period": "2012-05", "enhet": "E1"},
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Månad"
    assert len(rows) == 1 + 12
    assert rows[-1] == ["2012-05", 4700, 4600]
    assert rows[1] == ["2011-06", None, None]  # staffed, but no volumes yet, nor a target


def test_drilling_down_from_a_process_to_its_units_and_customers(demo, client_for):
    employee("E1", {"AP": 100})
    employee("E2", {"AP": 50})
    volume("RIKI", "LR-EL", "2012-03", 3000)
    volume("SPTE", "LR-MAN", "2012-03", 1000)
    response = client_for("head").get(
        reverse("indicators:process", args=["AP"]), {"period": "2012-03"}
    )
    figures = response.context["figures"]
    by_unit = {u.code: p.figure.value for u, p in figures.units}
    assert by_unit["E1"] == Decimal(3000)
    assert by_unit["E2"] == Decimal(2000)
    assert figures.total.figure.value == Decimal(2667)  # 4 000 / 1.5
    assert [(c.code, n, share) for c, n, share in figures.customers] == [
        ("RIKI", 3000, Decimal("75.0")),
        ("SPTE", 1000, Decimal("25.0")),
    ]
    customer = client_for("head").get(
        reverse("indicators:customer", args=["RIKI"]), {"period": "2012-03"}
    )
    assert customer.context["months"][-1] == ["2012-03", 0, 3000]


def test_the_unit_view_gives_a_unit_managers_month(demo, client_for):
    employee("E1", {"AR": 50, "AP": 50})
    volume("RIKI", "KR-FS", "2012-02", 2300)
    volume("RIKI", "LR-EL", "2012-02", 1650)
    response = client_for("unit_manager").get(reverse("indicators:unit", args=["E1"]), {"ar": 2012})
    february = response.context["months"][1]
    assert (february.customer_invoices, february.supplier_invoices) == (2300, 1650)
    assert (february.ar.value, february.ap.value) == (Decimal(4600), Decimal(3300))
    # 2 300 / 4 600 + 1 650 / 3 300 = 1.00 FTE needed, 1.00 available.
    assert (february.needed, february.gap) == (Decimal("1.00"), Decimal("0.00"))
    assert "Enhet 1 per månad 2012" in response.text


def test_the_start_page_shows_the_key_indicators(demo, client_for):
    employee("E1", {"AR": 100})
    volume("RIKI", "KR-FS", "2012-05", 4700)
    text = client_for("head").get(reverse("home")).text
    assert "Nyckeltal, maj 2012" in text
    assert "Uppnått" in text
    assert "Nyckeltal" not in client_for("bound_controller").get(reverse("home")).text


@pytest.mark.parametrize(
    "name",
    [
        "indicators:dashboard",
        "indicators:staffing",
        "indicators:forecast",
        "indicators:phone",
        "indicators:sick_leave",
        "indicators:surveys",
        "indicators:targets",
        "indicators:test_calls",
    ],
)
def test_the_pages_keep_the_content_security_policy(demo, client_for, name):
    text = client_for("admin").get(reverse(name)).text
    assert " style=" not in text and "<script>" not in text and "<svg" not in text


def test_weasyprint_draws_the_same_chart_into_a_pdf(demo):
    from weasyprint import HTML

    employee("E1", {"AR": 100})
    volume("RIKI", "KR-FS", "2012-05", 4700)
    svg = indicator_chart_svg(Indicator.AR_PRODUCTIVITY, Month(2012, 5), unit("E1"))
    pdf = HTML(string=f"<html><body>{svg}</body></html>").write_pdf()
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "2012-05" in text
    assert "per årsarbetare och månad" in text
