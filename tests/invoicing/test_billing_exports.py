import io
from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from invoicing.billing import services as billing_services
from invoicing.billing import views as billing_views
from invoicing.models import ErpFile, Invoice
from tests.invoicing.billing_helpers import (
    FEBRUARY,
    JANUARY,
    JANUARY_COUNTS,
    customer,
    issue,
    price_list,
    unit_manager,
    volumes,
)

NBSP = "\u00a0"
WAIVE = Invoice.Settlement.WAIVE


@pytest.fixture
def issued(demo):
    price_list()
    volumes(JANUARY, JANUARY_COUNTS)
    return issue(JANUARY)


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    # Words as a reader sees them, wherever the layout broke the lines.
    return " ".join(text.replace(NBSP, " ").split())


def url(name, **kwargs):
    return reverse(f"invoicing:{name}", kwargs=kwargs)


def test_the_specification_pdf_names_us_the_customer_period_number_lines_and_total(
    issued, client_for
):
    response = client_for("unit_manager").get(url("invoice_pdf", number="2013-000001"))
    assert response.status_code == 200
    text = pdf_text(response)
    for expected in [
        "Serviceförvaltningen, ekonomiadministration",
        "Fakturaspecifikation 2013-000001",
        "Prislista 2013",
        "RIKI Rinkeby-Kista stadsdelsförvaltning",
        "januari 2013",
        "2013-000001",
        "KR-MAN",
        "Manuell kundfaktura, med eller utan bilaga",
        "12 000,00 kr",
        "22 050,00 kr",
        "2013",
    ]:
        assert expected in text


def test_a_credit_notes_pdf_shows_the_invoice_it_credits_and_negative_amounts(issued, client_for):
    billing_services.credit_note_issue(
        invoice=issued[0], user=unit_manager(), reason="Fel antal", settlement=WAIVE
    )
    text = pdf_text(client_for("admin").get(url("invoice_pdf", number="2013-000003")))
    assert "Kreditnota 2013-000003" in text
    assert "Krediterar faktura 2013-000001" in text
    assert "Fel antal" in text
    assert "Månaden faktureras inte på nytt." in text
    assert "-22 050,00 kr" in text


def test_late_volumes_are_a_section_of_their_own_in_the_pdf(issued, client_for):
    volumes(JANUARY, {"RIKI": {"KR-MAN": 201}})
    volumes(FEBRUARY, {"RIKI": {"KR-FS": 10}})
    issue(FEBRUARY)
    text = pdf_text(client_for("admin").get(url("invoice_pdf", number="2013-000003")))
    assert "Justeringar för tidigare månader: sena volymer och timmar" in text
    assert "KR-MAN Manuell kundfaktura, med eller utan bilaga 2013-01 1 per faktura" in text


def test_a_bound_controller_gets_only_their_own_customers_pdf(issued, client_for):
    client = client_for("bound_controller")
    assert client.get(url("invoice_pdf", number="2013-000001")).status_code == 200
    assert client.get(url("invoice_pdf", number="2013-000002")).status_code == 404
    assert client.get(url("invoice_detail", number="2013-000002")).status_code == 404


def money(cell):
    assert isinstance(cell.value, int | float), cell.value
    return Decimal(str(cell.value)).quantize(Decimal("0.01"))


def workbook(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def test_the_billing_basis_workbook_has_a_summary_and_a_sheet_per_customer(issued, client_for):
    book = workbook(client_for("unit_manager").get(url("billing_workbook", month="2013-01")))
    assert book.sheetnames[1:] == ["RIKI", "SPTE"]
    summary = book.worksheets[0]
    rows = list(summary.iter_rows(min_row=3))
    assert [row[2].value for row in rows[:-1]] == ["2013-000001", "2013-000002"]
    assert [money(row[4]) for row in rows] == [
        Decimal("22050.00"),
        Decimal("750.00"),
        Decimal("22800.00"),
    ]
    assert rows[0][4].number_format == '#,##0.00 "kr"'
    for sheet, invoice in zip(book.worksheets[1:], issued, strict=True):
        lines = list(sheet.iter_rows(min_row=4))
        assert money(lines[-1][7]) == invoice.total
        assert sum(money(line[7]) for line in lines[:-1]) == invoice.total
        assert isinstance(lines[0][4].value, int | float)
        assert lines[0][7].number_format == '#,##0.00 "kr"'


def test_a_bound_controllers_workbook_holds_only_their_customer(issued, client_for):
    book = workbook(client_for("bound_controller").get(url("billing_workbook", month="2013-01")))
    assert book.sheetnames[1:] == ["RIKI"]
    assert money(list(book.worksheets[0].iter_rows(min_row=3))[-1][4]) == Decimal("22050.00")


def test_the_erp_file_is_for_management_and_unit_managers_only(issued, client_for):
    erp_file = ErpFile.objects.get()
    for role, status in [("unit_manager", 200), ("head", 200), ("controller", 403)]:
        response = client_for(role).get(url("erp_file", pk=erp_file.pk))
        assert response.status_code == status, role
    assert response.status_code == 403


def test_the_invoice_list_and_its_export_show_a_bound_controller_only_their_own(issued, client_for):
    client = client_for("bound_controller")
    page = client.get(url("invoice_list")).content.decode()
    assert "2013-000001" in page and "2013-000002" not in page
    book = workbook(client.get(url("invoice_list"), {"export": "xlsx"}))
    numbers = [row[0].value for row in book.active.iter_rows(min_row=2)]
    assert numbers == ["2013-000001"]


def test_the_customer_panel_compares_the_bill_with_electronic_handling_only(issued):
    request = RequestFactory().get("/")
    context = billing_views.customer_invoices_panel_context(request, customer("RIKI"))
    (january,) = context["billing_months"]
    assert [d.number for d in january.documents] == ["2013-000001"]
    assert january.total == Decimal("22050.00")
    # 200 manual customer invoices at 9 kr instead of 60 kr.
    assert january.electronic_amount == Decimal("11850.00")
    assert january.saving == Decimal("10200.00")


def test_the_customer_page_shows_the_invoice_panel(issued, client_for):
    page = client_for("bound_controller").get(reverse("customers:detail", kwargs={"code": "RIKI"}))
    content = page.content.decode().replace(NBSP, " ")
    assert "2013-000001" in content
    assert "11 850,00 kr" in content
