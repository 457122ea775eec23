"""Credit notes that say what happens next: reissue now, reissue later, waive, or take back
chosen quantities; and late hours, which are billed on the next invoice like late volumes."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from invoicing.billing import reconciliation as checks
from invoicing.billing import services as billing_services
from invoicing.billing.basis import billing_basis
from invoicing.models import ErpFile, Invoice, InvoiceSeries
from invoicing.timereport.services import time_entry_create, time_entry_delete
from tests.invoicing.billing_helpers import (
    FEBRUARY,
    JANUARY,
    JANUARY_COUNTS,
    customer,
    issue,
    on,
    price_list,
    unit_manager,
    volumes,
)
from tests.invoicing.time_helpers import service, sign_agreement

Settlement = Invoice.Settlement
NBSP = "\u00a0"


@pytest.fixture
def billed(demo):
    """January billed on 4 February: RIKI 22,050.00 of volumes and 7.5 hours at 480 kr."""
    price_list()
    volumes(JANUARY, JANUARY_COUNTS)
    sign_agreement(customer("RIKI"), services=("R2R",), year=2013)
    report(date(2013, 1, 14), "7.5")
    with on(date(2013, 2, 4)):
        riki, spte = issue(JANUARY)
    assert riki.total == Decimal("25650.00")
    return riki, spte


def report(day, hours):
    manager = unit_manager()
    return time_entry_create(
        actor=manager,
        person=manager,
        customer=customer("RIKI"),
        service=service("R2R"),
        date=day,
        hours=Decimal(hours),
    )


def credit(invoice, settlement, reason="Fel antal", quantities=None, day=date(2013, 2, 10)):
    with on(day):
        return billing_services.credit_note_issue(
            invoice=invoice,
            user=unit_manager(),
            reason=reason,
            settlement=settlement,
            quantities=quantities,
        )


def lines_of(invoice):
    return [
        (line.kind, line.code, str(line.service_period), line.quantity, line.amount)
        for line in invoice.lines.order_by("position")
    ]


def february_lines(code="RIKI"):
    drafts = {draft.customer.code: draft for draft in billing_basis(month=FEBRUARY).invoices}
    draft = drafts.get(code)
    return [] if draft is None else [(line.kind, line.code, line.quantity) for line in draft.lines]


def no_failures():
    for check in (checks.check_series, checks.check_invoices, checks.check_erp_files):
        assert check().failures == []


def swedish(messages):
    return [message.replace(NBSP, " ") for message in messages]


def test_credit_and_reissue_now_bills_the_month_again_from_its_volumes_and_hours_now(billed):
    riki, _spte = billed
    volumes(JANUARY, {"RIKI": {"KR-MAN": 150}})  # 50 manual invoices too many were counted
    report(date(2013, 1, 15), "2.5")
    credit_note = credit(riki, Settlement.REISSUE)
    again = credit_note.reissue
    assert (credit_note.number, again.number) == ("2013-000003", "2013-000004")
    assert credit_note.total == Decimal("-25650.00")
    assert again.reissue_of == credit_note
    assert lines_of(again) == [
        ("volume", "KR-FS", "2013-01", Decimal("1000.00"), Decimal("9000.00")),
        ("volume", "KR-MAK", "2013-01", Decimal("3.00"), Decimal("300.00")),
        ("volume", "KR-MAN", "2013-01", Decimal("150.00"), Decimal("9000.00")),
        ("volume", "LR-EL", "2013-01", Decimal("50.00"), Decimal("750.00")),
        ("hours", "TJ-480", "2013-01", Decimal("10.00"), Decimal("4800.00")),
    ]
    # Both are about January's service and booked in February, when they were issued.
    for document in (credit_note, again):
        assert (str(document.period), str(document.booked_in)) == ("2013-01", "2013-02")
    volumes(FEBRUARY, {"RIKI": {"KR-FS": 10}})
    assert february_lines() == [("volume", "KR-FS", Decimal("10"))]
    no_failures()
    assert checks.check_invoices().notes == []


def test_credit_and_reissue_later_waits_until_reissued_and_no_run_bills_it_meanwhile(
    billed, client_for
):
    riki, _spte = billed
    credit_note = credit(riki, Settlement.LATER, reason="Kunden bestrider KR-MAN")
    volumes(FEBRUARY, {"RIKI": {"KR-FS": 10}})
    report(date(2013, 1, 16), "1")  # late hours of the credited month wait too
    assert february_lines() == [("volume", "KR-FS", Decimal("10"))]
    page = client_for("unit_manager").get(reverse("invoicing:billing_month", args=["2013-01"]))
    content = page.content.decode()
    assert "Krediterad, ej omfakturerad" in content
    assert "Omfakturera RIKI" in content
    months = client_for("unit_manager").get(reverse("invoicing:billing_months"), {"ar": 2013})
    assert "1 krediterad, ej omfakturerad" in months.content.decode()
    no_failures()
    (note,) = swedish(checks.check_invoices().notes)
    assert note.startswith(
        "RIKI 2013-01 krediterades med 2013-000003 och väntar på faktureringssidan på att "
        "omfaktureras: KR-FS 1 000,00 à 9,00 (9 000,00 kr); "
    )
    assert note.endswith("TJ-480 8,50 à 480,00 (4 080,00 kr).")

    with on(date(2013, 2, 25)):
        again = billing_services.invoice_reissue(credit_note=credit_note, user=unit_manager())
    assert again.number == "2013-000004"
    assert again.total == Decimal("26130.00")  # January at January's prices, with 8.5 hours
    assert str(again.booked_in) == "2013-02"
    no_failures()
    assert checks.check_invoices().notes == []
    with pytest.raises(ValidationError, match="RIKI januari 2013 är redan omfakturerad"):
        billing_services.invoice_reissue(credit_note=credit_note, user=unit_manager())
    assert Invoice.objects.count() == 4


def test_reissue_from_the_billing_page(billed, client_for):
    riki, _spte = billed
    credit_note = credit(riki, Settlement.LATER)
    client = client_for("unit_manager")
    reissue_url = reverse("invoicing:invoice_reissue", args=[credit_note.number])
    response = client.post(reissue_url)
    assert response.status_code == 302
    assert response.url == reverse("invoicing:invoice_detail", args=["2013-000004"])
    response = client.post(reissue_url, follow=True)
    assert "RIKI januari 2013 är redan omfakturerad med faktura 2013-000004." in (
        response.content.decode()
    )
    assert client_for("officer").post(reissue_url).status_code == 403
    assert Invoice.objects.count() == 4


def test_credit_and_waive_bills_nothing_again_and_the_checks_say_what_was_waived(billed):
    riki, _spte = billed
    credit_note = credit(riki, Settlement.WAIVE, reason="Avtalat med kunden")
    volumes(JANUARY, {"RIKI": {"KR-MAN": 205}})  # late volumes of a waived month
    volumes(FEBRUARY, {"RIKI": {"KR-FS": 10}})
    assert february_lines() == [("volume", "KR-FS", Decimal("10"))]
    with pytest.raises(ValidationError, match="Bara en månad som krediterats för att omfaktureras"):
        billing_services.invoice_reissue(credit_note=credit_note, user=unit_manager())
    no_failures()
    assert swedish(checks.check_invoices().notes) == [
        "RIKI 2013-01 är efterskänkt (2013-000003); räknat sedan dess och inte heller "
        "fakturerat: KR-MAN 5,00 à 60,00 (300,00 kr).",
        "Kreditnota 2013-000003 efterskänker för RIKI 2013-01: KR-FS 2013-01 1 000,00 à 9,00 "
        "(9 000,00 kr); KR-MAK 2013-01 3,00 à 100,00 (300,00 kr); KR-MAN 2013-01 200,00 à "
        "60,00 (12 000,00 kr); LR-EL 2013-01 50,00 à 15,00 (750,00 kr); TJ-480 2013-01 7,50 à "
        "480,00 (3 600,00 kr). Orsak: Avtalat med kunden",
    ]


def test_a_partial_credit_takes_back_part_of_a_quantity_and_never_bills_it_again(billed):
    riki, _spte = billed
    credit_note = credit(riki, Settlement.PARTIAL, "200 fakturor räknade två gånger", {1: 200})
    assert lines_of(credit_note) == [
        ("volume", "KR-FS", "2013-01", Decimal("-200.00"), Decimal("-1800.00"))
    ]
    volumes(FEBRUARY, {"RIKI": {"KR-FS": 10}})
    assert february_lines() == [("volume", "KR-FS", Decimal("10"))]
    no_failures()
    assert swedish(checks.check_invoices().notes) == [
        "Kreditnota 2013-000003 efterskänker för RIKI 2013-01: KR-FS 2013-01 200,00 à 9,00 "
        "(1 800,00 kr). Orsak: 200 fakturor räknade två gånger"
    ]
    # Crediting the rest later and reissuing bills what is left, not the waived 200.
    rest = credit(riki, Settlement.REISSUE)
    assert rest.lines.get(code="KR-FS").quantity == Decimal("-800.00")
    assert rest.reissue.lines.get(code="KR-FS").quantity == Decimal("800.00")
    no_failures()


def test_a_partial_credit_of_chosen_lines_credits_each_as_far_as_asked(billed):
    riki, _spte = billed
    credit_note = credit(riki, Settlement.PARTIAL, "Makulerade räknades fel", {2: 3, 3: 20})
    assert [(line.code, line.quantity, line.amount) for line in credit_note.lines.all()] == [
        ("KR-MAK", Decimal("-3.00"), Decimal("-300.00")),
        ("KR-MAN", Decimal("-20.00"), Decimal("-1200.00")),
    ]
    assert credit_note.total == Decimal("-1500.00")


def unchanged(before):
    assert (
        Invoice.objects.count(),
        ErpFile.objects.count(),
        InvoiceSeries.objects.get(year=2013).last_number,
    ) == before


@pytest.mark.parametrize(
    ("target", "settlement", "reason", "quantities", "message"),
    [
        ("credit note", Settlement.LATER, "Fel", None, "En kreditnota kan inte krediteras."),
        (
            "invoice",
            Settlement.WAIVE,
            "  ",
            None,
            "En eftergift behöver en orsak: skriv varför kunden inte faktureras.",
        ),
        (
            "invoice",
            Settlement.PARTIAL,
            "Dubbelräknat",
            {1: Decimal("1000.01")},
            "Rad 1 (KR-FS): 1 000,01 kan inte krediteras; det som finns kvar av raden är "
            "1 000,00 à 9,00.",
        ),
        (
            "invoice",
            Settlement.PARTIAL,
            "Dubbelräknat",
            {},
            "Välj rader eller antal att kreditera.",
        ),
    ],
)
def test_these_credits_are_refused_in_swedish_and_change_nothing(
    billed, target, settlement, reason, quantities, message
):
    riki, spte = billed
    if target == "credit note":
        riki = credit(spte, Settlement.LATER)
    before = (
        Invoice.objects.count(),
        ErpFile.objects.count(),
        InvoiceSeries.objects.get(year=2013).last_number,
    )
    with pytest.raises(ValidationError) as refused:
        credit(riki, settlement, reason, quantities)
    assert [m.replace(NBSP, " ") for m in refused.value.messages] == [message]
    unchanged(before)


def test_late_hours_for_a_billed_month_are_adjusted_on_the_next_invoice(billed):
    entry = report(date(2013, 1, 21), "2")
    volumes(FEBRUARY, {"RIKI": {"KR-FS": 10}})
    assert february_lines() == [
        ("volume", "KR-FS", Decimal("10")),
        ("adjustment", "TJ-480", Decimal("2.00")),
    ]
    no_failures()
    (note,) = swedish(checks.check_invoices().notes)
    assert note == (
        "RIKI TJ-480 2013-01: 2,00 à 480,00 (960,00 kr) räknat efter faktureringen; nästa "
        "faktura justerar det."
    )
    # Hours taken away again before February is billed leave nothing to adjust.
    time_entry_delete(actor=unit_manager(), entry=entry)
    assert february_lines() == [("volume", "KR-FS", Decimal("10"))]
    report(date(2013, 1, 21), "2")
    with on(date(2013, 3, 4)):
        (february,) = issue(FEBRUARY)
    assert lines_of(february)[-1] == (
        "adjustment",
        "TJ-480",
        "2013-01",
        Decimal("2.00"),
        Decimal("960.00"),
    )
    no_failures()
    assert checks.check_invoices().notes == []
