import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from customers.agreements import services as agreement_services
from customers.agreements.pdf import agreement_pdf
from customers.agreements.services import ServiceTerms
from customers.models import Service
from tests.customers.agreement_helpers import agreement, load_demo_agreements


@pytest.fixture
def agreements(demo):
    load_demo_agreements()


def pdf_text(content):
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    # Amounts keep a no-break space before "kr"; lines break where the layout wrapped.
    return " ".join(text.replace("\N{NO-BREAK SPACE}", " ").split())


def test_it_shows_the_customer_the_services_their_lead_times_and_interfaces(agreements):
    text = pdf_text(agreement_pdf(agreement=agreement("SKAR")))
    assert "Serviceavtal 2012" in text
    assert "Kund Skarpnäck stadsdelsförvaltning (SKAR)" in text
    assert "Status Signerat, 2011-12-" in text
    assert "Kassa/bank Ledtid: 2 arbetsdagar" in text
    assert "Vi sköter in- och utbetalningar, bankavstämning och förskottskassor." in text
    assert "Systemförvaltning (löpande del) Ledtid: 10 arbetsdagar" in text
    assert "Obligatoriska tjänster" in text


def test_it_shows_add_ons_with_estimated_hours_and_addenda(agreements):
    text = pdf_text(agreement_pdf(agreement=agreement("SKAR")))
    assert (
        "Tilläggstjänster Redovisning till rapportering inkl. bokslut Ledtid: 10 arbetsdagar"
        in text
    )
    assert "Uppskattade timmar: 360" in text
    assert "Omfattning: Månadsvis avstämning av balanskonton med avvikelserapport." in text
    assert "2012-09-01 Lägg till tjänst Anläggningsredovisning 80 2012-08-20" in text


def test_it_shows_the_years_prices_once_the_price_list_exists(agreements):
    text = pdf_text(agreement_pdf(agreement=agreement("RIKI")))
    assert "Kundfaktura via försystem per faktura 9,00 kr" in text
    assert "Elektronisk leverantörsfaktura per faktura 15,00 kr" in text
    assert "Hantering av påminnelse/inkassokrav per ärende 100,00 kr" in text
    # R2R is billed at TJ-480 and journal vouchers (BFO) at TJ-380.
    assert "Pris: 480,00 kr per timme" in text
    assert "Pris: 380,00 kr per timme" in text
    assert "ännu inte fastställda" not in text


def test_without_a_price_list_it_says_the_prices_are_not_set(demo, own_customer):
    draft = agreement_services.agreement_create(
        customer=own_customer,
        year=2013,
        services=[ServiceTerms(Service.objects.get(code="TP"), lead_time_days=1)],
    )
    text = pdf_text(agreement_pdf(agreement=draft))
    assert "Serviceavtal 2013" in text
    assert "Status Utkast" in text
    assert "Tid och projekt Ledtid: 1 arbetsdag" in text
    assert "Priserna för 2013 är ännu inte fastställda" in text
    assert not re.search(r"\d kr", text)


def test_it_has_signature_lines_with_the_signatories(agreements):
    signed = agreement("RIKI")
    text = pdf_text(agreement_pdf(agreement=signed))
    assert "Underskrifter För kunden Ort och datum Namnteckning" in text
    assert f"{signed.customer_signatory} Namnförtydligande" in text
    assert f"{signed.our_signatory} Namnförtydligande" in text


def test_a_bound_controller_gets_only_their_own_customers_pdf(client_for, agreements):
    client = client_for("bound_controller")
    own = client.get(reverse("customers:agreement_pdf", kwargs={"code": "RIKI", "year": 2012}))
    assert own.status_code == 200
    assert own["Content-Type"] == "application/pdf"
    assert "Rinkeby-Kista stadsdelsförvaltning (RIKI)" in pdf_text(own.content)
    other = client.get(reverse("customers:agreement_pdf", kwargs={"code": "SPTE", "year": 2012}))
    assert other.status_code == 404
