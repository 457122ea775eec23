"""Booking in the open period: a month's invoices in that month while its ERP period is open,
corrections in the period they are issued in, and never anything in a closed period."""

import io
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from invoicing.billing import gl07
from invoicing.billing import services as billing_services
from invoicing.models import ErpFile, ErpSettings, Invoice
from tests.invoicing.billing_helpers import (
    JANUARY,
    JANUARY_COUNTS,
    issue,
    on,
    price_list,
    unit_manager,
    volumes,
)

NBSP = "\u00a0"


@pytest.fixture
def january(demo):
    price_list()
    volumes(JANUARY, JANUARY_COUNTS)
    return JANUARY


def open_from(period):
    settings = ErpSettings.current()
    settings.first_open_period = period
    settings.save()


def booked(document):
    """The GL07 period, transaction date and voucher date of a document's file."""
    erp_file = ErpFile.objects.get(invoices=document)
    return {
        (record["period"], record["trans_date"], record["voucher_date"])
        for record in gl07.parse(bytes(erp_file.content))
    }


def test_an_administrator_sets_the_first_open_erp_period(demo, client_for):
    client = client_for("admin")
    form = {
        "client": "SF",
        "voucher_type": "ID",
        "revenue_account": "3590",
        "revenue_dimension": "",
        "default_cost_account": "6590",
    }
    page = client.post(reverse("invoicing:erp_settings"), {**form, "first_open_period": "2013-13"})
    assert "2013-13" in page.content.decode()
    assert ErpSettings.current().first_open_period is None
    response = client.post(
        reverse("invoicing:erp_settings"), {**form, "first_open_period": "2013-03"}
    )
    assert response.status_code == 302
    assert ErpSettings.current().first_open_period == date(2013, 3, 1)
    page = client.get(reverse("invoicing:erp_settings")).content.decode()
    assert 'value="2013-03"' in page
    assert "Första öppna Agresso-period (ÅÅÅÅ-MM)" in page


def test_a_month_whose_period_is_closed_is_booked_in_the_first_open_period(january, client_for):
    open_from(date(2013, 3, 1))
    with on(date(2013, 3, 5)):
        riki, spte = issue(january)
    for invoice in (riki, spte):
        assert (str(invoice.period), str(invoice.booked_in)) == ("2013-01", "2013-03")
    assert booked(riki) == {("201303", "20130305", "20130305")}
    pdf = client_for("unit_manager").get(reverse("invoicing:invoice_pdf", args=[riki.number]))
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).split()
    ).replace(NBSP, " ")
    assert "Avser månad januari 2013" in text
    assert "Bokförd i period 2013-03" in text


def test_a_credit_note_is_booked_when_it_is_issued_never_back_in_a_closed_period(january):
    with on(date(2013, 2, 4)):
        riki, spte = issue(january)
    assert booked(riki) == {("201301", "20130131", "20130131")}
    open_from(date(2013, 2, 1))
    with on(date(2013, 3, 12)):
        credit_note = billing_services.credit_note_issue(
            invoice=riki,
            user=unit_manager(),
            reason="Fel",
            settlement=Invoice.Settlement.REISSUE,
        )
    # February is still open, but a correction goes in the period it is made in.
    for document in (credit_note, credit_note.reissue):
        assert (str(document.period), str(document.booked_in)) == ("2013-01", "2013-03")
        assert booked(document) == {("201303", "20130312", "20130312")}
    # With March closed too, a correction made in March goes to the first open period.
    open_from(date(2013, 4, 1))
    with on(date(2013, 3, 29)):
        waiver = billing_services.credit_note_issue(
            invoice=spte, user=unit_manager(), reason="Avtalat", settlement=Invoice.Settlement.WAIVE
        )
    assert str(waiver.booked_in) == "2013-04"
    assert booked(waiver) == {("201304", "20130401", "20130401")}
