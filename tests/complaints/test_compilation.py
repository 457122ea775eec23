"""The monthly compilation per unit and the tertial overview, on the page, as PDF and Excel."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from complaints.compilation import selectors
from customers.models import Unit
from ekonomi.periods import Month, Tertial
from tests.complaints.helpers import complaint, returned

pytestmark = pytest.mark.django_db

TODAY = date(2012, 12, 31)


@pytest.fixture
def march(demo):
    """Enhet 1 in March 2012, with items of other units and months around it."""
    complaint(
        customer="RIKI",
        process="AR",
        received_on=date(2012, 3, 5),
        own_error=True,
        answered_on=date(2012, 3, 6),
        status="closed",
    )
    complaint(
        customer="RIKI", process="AR", received_on=date(2012, 3, 12), answered_on=date(2012, 3, 19)
    )
    complaint(customer="SPTE", process="AR", received_on=date(2012, 3, 20), own_error=True)
    complaint(
        customer="SPTE",
        process="TP",
        kind="suggestion",
        received_on=date(2012, 3, 21),
        answered_on=date(2012, 3, 23),
    )
    complaint(customer="RIKI", process="TP", kind="praise", received_on=date(2012, 3, 29))
    # Not counted in March for Enhet 1: another month, another unit.
    complaint(customer="RIKI", process="AR", received_on=date(2012, 2, 27))
    complaint(customer="BROM", process="AP", unit="E2", received_on=date(2012, 3, 7))
    complaint(customer="BROM", process="AR", received_on=date(2012, 4, 2))
    returned(customer="RIKI", unit="E1", on=date(2012, 3, 8), code="attest")
    returned(customer="SPTE", unit="E1", on=date(2012, 3, 9), code="attest")
    returned(customer="SPTE", unit="E1", on=date(2012, 3, 9), code="kontering")
    returned(customer="SPTE", unit="E2", on=date(2012, 3, 9), code="kontering")


def rows(section_rows):
    return {row.label: (row.kind_counts, row.total, row.own_errors) for row in section_rows}


def test_the_month_counts_per_kind_process_and_customer_for_one_unit(march):
    c = selectors.unit_month(unit=Unit.objects.get(code="E1"), month=Month(2012, 3), today=TODAY)
    # kind counts are [complaints, suggestions, praise]
    assert rows(c.by_process) == {
        "Kundreskontra": ([3, 0, 0], 3, 2),
        "Tid & Projekt": ([0, 1, 1], 2, 0),
    }
    assert rows(c.by_customer) == {
        "RIKI Rinkeby-Kista stadsdelsförvaltning": ([2, 0, 1], 3, 1),
        "SPTE Spånga-Tensta stadsdelsförvaltning": ([1, 1, 0], 2, 1),
    }
    assert [(row.label, row.total, row.own_errors) for row in c.kinds] == [
        ("Klagomål", 3, 2),
        ("Förslag", 1, 0),
        ("Beröm", 1, 0),
    ]
    assert (c.total.total, c.total.own_errors) == (5, 2)
    assert [e.received_on for e in c.own_errors] == [date(2012, 3, 5), date(2012, 3, 20)]
    assert c.returned_by_reason == [("Attest saknas", 2), ("Kontering saknas", 1)]


def test_open_and_overdue_are_read_on_the_last_day_of_the_month(march):
    c = selectors.unit_month(unit=Unit.objects.get(code="E1"), month=Month(2012, 3), today=TODAY)
    assert c.as_of == date(2012, 3, 31)
    # All five of March (the closed one was closed in December) and February's.
    assert c.open_count == 6
    # Unanswered past their day on 31 March: 27 Feb and 20 Mar (praise of 29 Mar is due 5 Apr).
    assert [o.received_on for o in c.overdue] == [date(2012, 2, 27), date(2012, 3, 20)]


def test_answer_times_per_kind_in_working_days(march):
    c = selectors.unit_month(unit=Unit.objects.get(code="E1"), month=Month(2012, 3), today=TODAY)
    complaints, suggestions, praise = c.answer_times
    assert (complaints.arrived, complaints.answered, complaints.within_target) == (3, 2, 1)
    # One day and five days (12 to 19 March): three on average.
    assert complaints.average_days == Decimal("3.0")
    assert (suggestions.answered, suggestions.average_days) == (1, Decimal("2.0"))
    assert praise.average_days is None


def test_the_tertial_counts_per_customer_and_process_for_the_whole_area(march):
    c = selectors.area_tertial(tertial=Tertial(2012, 1), today=TODAY)
    assert rows(c.by_customer) == {
        "RIKI Rinkeby-Kista stadsdelsförvaltning": ([3, 0, 1], 4, 1),
        "SPTE Spånga-Tensta stadsdelsförvaltning": ([1, 1, 0], 2, 1),
        "BROM Bromma stadsdelsförvaltning": ([2, 0, 0], 2, 0),
    }
    assert c.by_customer[0].label == "RIKI Rinkeby-Kista stadsdelsförvaltning"
    assert {row.label: row.returned for row in c.by_customer} == {
        "RIKI Rinkeby-Kista stadsdelsförvaltning": 1,
        "SPTE Spånga-Tensta stadsdelsförvaltning": 3,
        "BROM Bromma stadsdelsförvaltning": 0,
    }
    assert rows(c.by_process) == {
        "Leverantörsreskontra": ([1, 0, 0], 1, 0),
        "Kundreskontra": ([5, 0, 0], 5, 2),
        "Tid & Projekt": ([0, 1, 1], 2, 0),
    }
    assert {row.label: row.total for row in c.by_unit} == {"Enhet 1": 7, "Enhet 2": 1}
    assert c.total.total == 8


def test_the_second_tertial_also_counts_from_the_first_of_january(march):
    complaint(customer="RIKI", process="AR", received_on=date(2012, 5, 2))
    c = selectors.area_tertial(tertial=Tertial(2012, 2), today=TODAY)
    riki = c.by_customer[0]
    assert (riki.total, riki.year_to_date) == (1, 5)


def test_the_monthly_compilation_page_is_swedish_with_pdf_and_excel(march, client_for):
    client = client_for("unit_manager")
    query = {"unit": Unit.objects.get(code="E1").pk, "month": "2012-03"}
    page = client.get(reverse("complaints:unit_month"), query)
    assert "Klagomål och synpunkter, Enhet 1, mars 2012" in page.text
    assert "<caption>Per kund</caption>" in page.text

    pdf = client.get(reverse("complaints:unit_month"), {**query, "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "Klagomål och synpunkter, Enhet 1, mars 2012" in text
    assert "RIKI Rinkeby-Kista stadsdelsförvaltning" in text
    assert "Försenade svar 2012-03-31" in text

    xlsx = client.get(reverse("complaints:unit_month"), {**query, "format": "xlsx"})
    sheet = load_workbook(BytesIO(xlsx.content)).active
    values = [list(row) for row in sheet.values]
    assert values[0][0] == "Klagomål och synpunkter, Enhet 1, mars 2012"
    riki = next(row for row in values if row[0] == "RIKI Rinkeby-Kista stadsdelsförvaltning")
    assert riki[1:6] == [2, 0, 1, 3, 1]


def test_the_tertial_overview_downloads_as_pdf_and_excel(march, client_for):
    client = client_for("controller")
    pdf = client.get(reverse("complaints:area_tertial"), {"tertial": "2012-T1", "format": "pdf"})
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "hela verksamhetsområdet, T1 2012" in text
    xlsx = client.get(reverse("complaints:area_tertial"), {"tertial": "2012-T1", "format": "xlsx"})
    values = [list(row) for row in load_workbook(BytesIO(xlsx.content)).active.values]
    brom = next(row for row in values if row[0] == "BROM Bromma stadsdelsförvaltning")
    # complaints, suggestions, praise, total, own errors, since 1 January, returned
    assert brom[1:8] == [2, 0, 0, 2, 0, 2, 0]


def test_a_month_that_is_not_a_month_is_a_swedish_form_error(client_for):
    response = client_for("unit_manager").get(
        reverse("complaints:unit_month"), {"unit": Unit.objects.get(code="E1").pk, "month": "mars"}
    )
    assert response.status_code == 200
    assert "”mars” är ingen månad" in response.text
