import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from customers.models import Customer
from ekonomi.periods import Month
from invoicing.billing import services as billing_services
from invoicing.billing.basis import billing_basis
from invoicing.models import BilledMonth, ErpFile, Invoice, InvoiceLine, InvoiceSeries, PriceList
from tests.invoicing.billing_helpers import (
    FEBRUARY,
    JANUARY,
    JANUARY_COUNTS,
    MARCH,
    customer,
    issue,
    item,
    price_list,
    unit_manager,
    volumes,
)
from tests.invoicing.time_helpers import entry, sign_agreement

LATER = Invoice.Settlement.LATER
REISSUE = Invoice.Settlement.REISSUE


@pytest.fixture
def january(demo):
    price_list()
    volumes(JANUARY, JANUARY_COUNTS)
    return JANUARY


def lines_of(invoice):
    return [
        (line.kind, line.code, line.quantity, line.unit_price, line.amount)
        for line in invoice.lines.order_by("position")
    ]


def test_it_previews_one_draft_invoice_per_customer_with_prices_of_the_year(january):
    preview = billing_basis(month=january)
    assert [draft.customer.code for draft in preview.invoices] == ["RIKI", "SPTE"]
    riki, spte = preview.invoices
    assert [
        (line.price_item.code, line.quantity, line.unit_price, line.amount) for line in riki.lines
    ] == [
        ("KR-FS", Decimal("1000"), Decimal("9.00"), Decimal("9000.00")),
        ("KR-MAK", Decimal("3"), Decimal("100.00"), Decimal("300.00")),
        ("KR-MAN", Decimal("200"), Decimal("60.00"), Decimal("12000.00")),
        ("LR-EL", Decimal("50"), Decimal("15.00"), Decimal("750.00")),
    ]
    assert riki.total == Decimal("22050.00")
    assert spte.total == Decimal("750.00")
    assert preview.total == Decimal("22800.00")
    assert preview.can_issue


def test_it_lists_the_customers_that_have_no_volumes(january):
    without = {c.code for c in billing_basis(month=january).without_volumes}
    assert "RIKI" not in without and "SPTE" not in without
    assert len(without) == Customer.objects.filter(is_active=True).count() - 2


def test_the_same_data_gives_the_same_preview_and_a_change_gives_another(january):
    first, second = billing_basis(month=january), billing_basis(month=january)
    assert first.digest == second.digest
    volumes(january, {"RIKI": {"KR-FS": 1001}})
    assert billing_basis(month=january).digest != first.digest


def test_hours_are_billed_at_the_hourly_price_and_those_outside_the_agreement_are_shown(
    january,
):
    riki, spte = customer("RIKI"), customer("SPTE")
    sign_agreement(riki, services=("R2R",), year=2013)
    person = unit_manager()
    entry(person, riki, "R2R", date(2013, 1, 14), "7.50")
    entry(person, riki, "R2R", date(2013, 1, 15), "2.25")
    entry(person, riki, "BFO", date(2013, 1, 15), "1.00")
    entry(person, spte, "TP", date(2013, 1, 16), "3.00")
    preview = billing_basis(month=january)
    riki_draft = preview.invoices[0]
    hours = [
        (line.price_item.code, line.quantity, line.amount)
        for line in riki_draft.lines
        if line.kind == "hours"
    ]
    assert hours == [
        ("TJ-380", Decimal("1.00"), Decimal("380.00")),
        ("TJ-480", Decimal("9.75"), Decimal("4680.00")),
    ]
    outside = [
        (row.customer.code, row.service.code, row.hours) for row in preview.outside_agreement
    ]
    assert outside == [("RIKI", "BFO", Decimal("1.00")), ("SPTE", "TP", Decimal("3.00"))]


def test_issue_numbers_the_invoices_from_the_years_series_and_closes_the_month(january):
    invoices = issue(january)
    assert [(i.number, i.customer.code, i.total) for i in invoices] == [
        ("2013-000001", "RIKI", Decimal("22050.00")),
        ("2013-000002", "SPTE", Decimal("750.00")),
    ]
    assert BilledMonth.objects.filter(month=january.start).exists()
    assert InvoiceSeries.objects.get(year=2013).last_number == 2
    assert PriceList.objects.get(year=2013).is_locked
    assert lines_of(invoices[1]) == [
        ("volume", "KR-ABO", Decimal("5.00"), Decimal("50.00"), Decimal("250.00")),
        ("volume", "LR-MAN", Decimal("10.00"), Decimal("50.00"), Decimal("500.00")),
    ]
    assert ErpFile.objects.get().batch_id == "FAKT-2013-01"
    # The next month continues the series.
    volumes(FEBRUARY, {"SPTE": {"LR-EL": 1}})
    assert [i.number for i in issue(FEBRUARY)] == ["2013-000003"]


def test_a_month_is_issued_once(january):
    issue(january)
    with pytest.raises(ValidationError) as refused:
        issue(january)
    assert refused.value.code == "billed"
    assert Invoice.objects.count() == 2


def test_issue_refuses_a_basis_that_changed_after_the_preview(january):
    digest = billing_basis(month=january).digest
    volumes(january, {"SPTE": {"LR-MAN": 11}})
    with pytest.raises(ValidationError) as refused:
        billing_services.billing_issue(month=january, user=unit_manager(), expected_digest=digest)
    assert refused.value.code == "changed"
    assert not Invoice.objects.exists()


def test_a_month_that_has_not_ended_or_has_no_price_list_cannot_be_issued(demo):
    assert billing_basis(month=Month(2999, 1)).problems
    price_list()
    volumes(JANUARY, JANUARY_COUNTS)
    assert not billing_basis(month=Month(2014, 1)).can_issue


def test_a_run_that_dies_half_way_leaves_nothing_and_can_be_run_again(january):
    # SPTE, billed after RIKI, overflows the amount field: the run fails after RIKI's invoice
    # and its lines are written.
    PriceList.objects.filter(year=2013).update(locked_reason="")
    expensive = item("KR-ABO")
    expensive.price = Decimal("999999999999.00")
    expensive.save()
    with pytest.raises(ValidationError):
        issue(january)
    assert not Invoice.objects.exists()
    assert not InvoiceLine.objects.exists()
    assert not BilledMonth.objects.exists()
    assert not ErpFile.objects.exists()
    assert not InvoiceSeries.objects.filter(last_number__gt=0).exists()
    assert not PriceList.objects.get(year=2013).is_locked
    expensive.price = Decimal("50.00")
    expensive.save()
    assert [i.number for i in issue(january)] == ["2013-000001", "2013-000002"]


def test_late_volumes_of_a_billed_month_are_adjusted_on_the_next_months_invoice(january):
    issue(january)
    volumes(january, {"RIKI": {"KR-MAN": 205}})  # five more manual invoices turn up
    volumes(FEBRUARY, {"RIKI": {"KR-FS": 100}})
    preview = billing_basis(month=FEBRUARY)
    (riki,) = preview.invoices
    assert [
        (line.kind, line.price_item.code, str(line.service_period), line.quantity, line.amount)
        for line in riki.lines
    ] == [
        ("volume", "KR-FS", "2013-02", Decimal("100"), Decimal("900.00")),
        ("adjustment", "KR-MAN", "2013-01", Decimal("5"), Decimal("300.00")),
    ]
    (february,) = issue(FEBRUARY)
    assert february.total == Decimal("1200.00")
    # Adjusted once: March has nothing more to say about January.
    volumes(MARCH, {"RIKI": {"KR-FS": 1}})
    assert [line.kind for line in billing_basis(month=MARCH).invoices[0].lines] == ["volume"]


def test_a_credit_note_negates_every_line_and_takes_the_next_number(january):
    riki, _spte = issue(january)
    credit = billing_services.credit_note_issue(
        invoice=riki, user=unit_manager(), reason="Fel antal manuella fakturor", settlement=LATER
    )
    assert credit.number == "2013-000003"
    assert credit.kind == Invoice.Kind.CREDIT_NOTE
    assert credit.credits == riki
    assert credit.total == Decimal("-22050.00")
    for original, negated in zip(lines_of(riki), lines_of(credit), strict=True):
        assert negated[1:] == (original[1], -original[2], original[3], -original[4])
        assert original[4] + negated[4] == Decimal("0.00")


def test_an_invoice_is_credited_once_and_a_credit_note_never(january):
    riki, _spte = issue(january)
    credit = billing_services.credit_note_issue(
        invoice=riki, user=unit_manager(), reason="Fel", settlement=LATER
    )
    for target, message in [
        (riki, "Faktura 2013-000001 är redan krediterad i sin helhet."),
        (credit, "En kreditnota kan inte krediteras."),
    ]:
        with pytest.raises(ValidationError, match=re.escape(message)):
            billing_services.credit_note_issue(
                invoice=target, user=unit_manager(), reason="Fel", settlement=LATER
            )
    with pytest.raises(ValidationError, match=r"Ange en orsak till kreditnotan\."):
        billing_services.credit_note_issue(
            invoice=riki, user=unit_manager(), reason="  ", settlement=LATER
        )
    assert Invoice.objects.count() == 3


def test_a_corrected_invoice_is_credited_and_issued_again_from_the_current_volumes(january):
    riki, _spte = issue(january)
    volumes(january, {"RIKI": {"KR-MAN": 150}})
    credit = billing_services.credit_note_issue(
        invoice=riki, user=unit_manager(), reason="Fel antal", settlement=REISSUE
    )
    again = credit.reissue
    assert (credit.number, again.number) == ("2013-000003", "2013-000004")
    assert again.total == Decimal("19050.00")  # 50 fewer manual invoices at 60 kr
    assert again.month == january.start
    # A credited month is reissued once.
    with pytest.raises(ValidationError) as refused:
        billing_services.invoice_reissue(credit_note=credit, user=unit_manager())
    assert refused.value.code == "reissued"
    # Nothing is left over for the next month to adjust.
    volumes(FEBRUARY, {"RIKI": {"KR-FS": 1}})
    assert [line.kind for line in billing_basis(month=FEBRUARY).invoices[0].lines] == ["volume"]


def test_a_recount_down_and_a_new_item_of_a_billed_month_are_both_adjusted(january):
    issue(january)
    volumes(january, {"RIKI": {"KR-MAN": 190}, "SPTE": {"LR-FSK": 2}})
    volumes(FEBRUARY, {"RIKI": {"KR-FS": 1}})
    riki, spte = billing_basis(month=FEBRUARY).invoices
    assert [
        (line.kind, line.price_item.code, line.quantity, line.amount) for line in riki.lines
    ] == [
        ("volume", "KR-FS", Decimal("1"), Decimal("9.00")),
        ("adjustment", "KR-MAN", Decimal("-10"), Decimal("-600.00")),
    ]
    assert [(line.kind, line.price_item.code, line.amount) for line in spte.lines] == [
        ("adjustment", "LR-FSK", Decimal("200.00")),
    ]
