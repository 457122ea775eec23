"""An issued invoice carries what it looked like when it was issued: renaming the customer or a
price item later changes none of its documents."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from invoicing.billing import services as billing_services
from invoicing.models import CustomerErpAccount, ErpFile, Invoice, PriceItem
from tests.invoicing.billing_helpers import (
    JANUARY_COUNTS,
    MARCH,
    customer,
    issue,
    on,
    price_list,
    unit_manager,
    volumes,
)

NBSP = "\u00a0"


@pytest.fixture
def march(demo, users):
    price_list()
    riki = customer("RIKI")
    riki.contact_person = users["unit_manager"]
    riki.save()
    CustomerErpAccount.objects.create(customer=riki, cost_account="6591", dimension="RK100")
    volumes(MARCH, JANUARY_COUNTS)
    with on(date(2013, 4, 3)):
        return issue(MARCH)


def documents(client):
    """The March specification of RIKI as text, the billing basis as cell values, the GL07."""
    pdf = client.get(reverse("invoicing:invoice_pdf", args=["2013-000001"]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    book = load_workbook(
        io.BytesIO(client.get(reverse("invoicing:billing_workbook", args=["2013-03"])).content)
    )
    cells = [[cell.value for cell in row] for sheet in book.worksheets for row in sheet.rows]
    # Words as a reader sees them, wherever the layout broke the lines.
    return " ".join(text.replace(NBSP, " ").split()), cells, bytes(ErpFile.objects.get().content)


def rename_everything():
    riki = customer("RIKI")
    riki.name = "Rinkeby-Kista och Spånga stadsdelsförvaltning"
    riki.contact_person = None
    riki.save()
    CustomerErpAccount.objects.filter(customer=riki).update(cost_account="6599", dimension="NY")
    # The UI keeps a used price list locked; a rename behind it must not reach issued documents.
    PriceItem.objects.filter(code="KR-MAN").update(name="Manuell kundfaktura (nytt namn)")


def test_the_march_pdf_workbook_and_erp_file_are_the_same_after_renaming(march, users, client_for):
    client = client_for("unit_manager")
    before = documents(client)
    text, cells, _content = before
    assert "RIKI Rinkeby-Kista stadsdelsförvaltning" in text
    assert f"Referens {users['unit_manager'].get_full_name()}" in text
    assert "Manuell kundfaktura, med eller utan bilaga" in text
    assert ["RIKI", "Rinkeby-Kista stadsdelsförvaltning", "2013-000001", "Faktura", 22050] in cells
    rename_everything()
    assert documents(client) == before


def test_the_invoice_page_and_list_show_the_customer_as_invoiced(march, client_for):
    rename_everything()
    client = client_for("unit_manager")
    page = client.get(reverse("invoicing:invoice_detail", args=["2013-000001"])).content.decode()
    assert "RIKI Rinkeby-Kista stadsdelsförvaltning" in page
    assert "6591 RK100" in page
    assert "Manuell kundfaktura, med eller utan bilaga" in page
    listing = client.get(reverse("invoicing:invoice_list")).content.decode()
    assert "RIKI Rinkeby-Kista stadsdelsförvaltning" in listing


def test_a_credit_note_repeats_the_invoice_and_a_reissue_takes_the_customer_as_it_is(march):
    rename_everything()
    with on(date(2013, 4, 20)):
        credit_note = billing_services.credit_note_issue(
            invoice=march[0],
            user=unit_manager(),
            reason="Fel",
            settlement=Invoice.Settlement.REISSUE,
        )
    snapshot = ("customer_name", "cost_account", "dimension")
    assert [getattr(credit_note, name) for name in snapshot] == [
        "Rinkeby-Kista stadsdelsförvaltning",
        "6591",
        "RK100",
    ]
    assert [getattr(credit_note.reissue, name) for name in snapshot] == [
        "Rinkeby-Kista och Spånga stadsdelsförvaltning",
        "6599",
        "NY",
    ]
    assert credit_note.lines.get(code="KR-MAN").name == "Manuell kundfaktura, med eller utan bilaga"
