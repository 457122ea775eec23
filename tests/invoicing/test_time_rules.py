from datetime import date
from decimal import Decimal

import pytest

from customers.models import ServiceAgreement, Unit
from invoicing.models import BilledMonth, TimeEntry
from invoicing.timereport.services import (
    HoursRejected,
    time_entry_create,
    time_entry_delete,
    time_entry_update,
)
from tests.conftest import make_user
from tests.invoicing.time_helpers import ADD, END, new_customer, service, sign_agreement

MONDAY = date(2012, 3, 5)


@pytest.fixture
def customer(demo):
    customer = new_customer("TIDA")
    # BFO is added from 1 June, TP ends on 1 October.
    sign_agreement(
        customer,
        services=("R2R", "TP"),
        addenda=[(ADD, "BFO", date(2012, 6, 1)), (END, "TP", date(2012, 10, 1))],
    )
    return customer


def report(actor, customer, code="R2R", day=MONDAY, hours="7.5", person=None):
    return time_entry_create(
        actor=actor,
        person=person or actor,
        customer=customer,
        service=service(code),
        date=day,
        hours=Decimal(hours),
        comment="Månadsbokslut",
    )


def messages(rejected):
    return [problem.message for problem in rejected.value.problems]


def test_an_officer_reports_hours_on_an_add_on_in_the_agreement(users, customer):
    entry = report(users["officer"], customer)
    assert entry.hours == Decimal("7.50")
    assert entry.comment == "Månadsbokslut"
    assert entry.source == TimeEntry.Source.MANUAL
    assert entry.created_by == users["officer"]


def test_a_service_outside_the_agreement_is_refused(users, customer):
    with pytest.raises(HoursRejected) as rejected:
        report(users["officer"], customer, code="ANL")
    assert messages(rejected) == [
        "Anläggningsredovisning ingår inte i avtalet för TIDA den 2012-03-05."
    ]
    assert TimeEntry.objects.count() == 0


def test_a_mandatory_service_takes_no_hours(users, customer):
    with pytest.raises(HoursRejected) as rejected:
        report(users["officer"], customer, code="KR")
    assert messages(rejected) == [
        "Kundreskontra är ingen tilläggstjänst; bara tilläggstjänster tidrapporteras."
    ]


@pytest.mark.parametrize(
    ("code", "day", "accepted"),
    [
        ("BFO", date(2012, 5, 31), False),
        ("BFO", date(2012, 6, 1), True),
        ("TP", date(2012, 9, 28), True),
        ("TP", date(2012, 10, 1), False),
    ],
)
def test_an_addendum_counts_from_its_effective_date(users, customer, code, day, accepted):
    if accepted:
        report(users["officer"], customer, code=code, day=day)
    else:
        with pytest.raises(HoursRejected, match="ingår inte i avtalet för TIDA"):
            report(users["officer"], customer, code=code, day=day)
    assert TimeEntry.objects.count() == int(accepted)


def test_a_draft_agreement_or_another_year_gives_no_add_ons(users, customer):
    with pytest.raises(HoursRejected, match="ingår inte i avtalet"):
        report(users["officer"], customer, day=date(2013, 1, 7))
    draft = new_customer("TIDD")
    ServiceAgreement.objects.create(customer=draft, year=2012)
    with pytest.raises(HoursRejected, match="ingår inte i avtalet"):
        report(users["officer"], draft)


@pytest.mark.parametrize("hours", ["-2", "0"])
def test_hours_are_never_zero_or_negative(users, customer, hours):
    with pytest.raises(HoursRejected) as rejected:
        report(users["officer"], customer, hours=hours)
    assert messages(rejected) == ["Timmarna måste vara fler än noll."]
    assert TimeEntry.objects.count() == 0


def test_at_most_24_hours_a_day_summed_over_customers_and_services(users, customer):
    other = new_customer("TIDB")
    sign_agreement(other, services=("BAL",))
    officer = users["officer"]
    report(officer, customer, code="R2R", hours="12")
    report(officer, customer, code="TP", hours="10")
    report(officer, other, code="BAL", hours="2")  # exactly 24 on the Monday
    another_day = date(2012, 3, 6)
    report(officer, customer, code="R2R", day=another_day, hours="20")
    with pytest.raises(HoursRejected) as rejected:
        report(officer, other, code="BAL", day=another_day, hours="4.5")
    assert messages(rejected) == [
        "Hanna Handläggare skulle få 24,5 timmar den 2012-03-06; "
        "högst 24 timmar per dag kan rapporteras."
    ]
    assert TimeEntry.objects.filter(date=another_day).count() == 1


def test_changing_an_entry_counts_its_old_hours_only_once(users, customer):
    officer = users["officer"]
    entry = report(officer, customer, hours="20")
    time_entry_update(
        actor=officer,
        entry=entry,
        customer=customer,
        service=service("R2R"),
        date=MONDAY,
        hours=Decimal("24"),
        comment="Heldag",
    )
    entry.refresh_from_db()
    assert entry.hours == Decimal("24.00")


def test_an_inactive_customer_takes_no_hours(users, customer):
    customer.is_active = False
    customer.save()
    with pytest.raises(HoursRejected) as rejected:
        report(users["officer"], customer)
    assert messages(rejected) == ["TIDA är inaktiv; tid kan inte rapporteras på den."]


def test_an_officer_reports_only_their_own_hours(users, customer):
    colleague = make_user(
        "kollega", unit=users["officer"].unit, first_name="Kim", last_name="Kollega"
    )
    with pytest.raises(HoursRejected) as rejected:
        report(users["officer"], customer, person=colleague)
    assert messages(rejected) == ["Du får inte rapportera tid för Kim Kollega."]


def test_a_unit_manager_reports_for_their_unit_and_an_administrator_for_anyone(users, customer):
    officer = users["officer"]
    report(users["unit_manager"], customer, person=officer, code="R2R")
    report(users["admin"], customer, person=officer, code="TP")
    stranger = make_user(
        "annan", unit=Unit.objects.get(code="E2"), first_name="Alva", last_name="Annan"
    )
    with pytest.raises(HoursRejected, match="Du får inte rapportera tid för Alva Annan"):
        report(users["unit_manager"], customer, person=stranger)
    assert TimeEntry.objects.count() == 2


def test_hours_in_a_billed_month_can_still_be_added_changed_and_deleted(users, customer):
    # The next invoice adjusts what changes in a billed month (test_billing_corrections.py).
    officer = users["officer"]
    entry = report(officer, customer)
    BilledMonth.objects.create(month=date(2012, 3, 1))
    late = report(officer, customer, code="TP")
    entry = time_entry_update(
        actor=officer,
        entry=entry,
        customer=customer,
        service=service("R2R"),
        date=date(2012, 3, 6),
        hours=Decimal("1"),
    )
    time_entry_delete(actor=officer, entry=late)
    assert list(TimeEntry.objects.values_list("date", "hours")) == [
        (date(2012, 3, 6), Decimal("1.00"))
    ]


def test_the_same_person_customer_service_and_day_is_one_entry(users, customer):
    report(users["officer"], customer)
    with pytest.raises(HoursRejected) as rejected:
        report(users["officer"], customer, hours="1")
    assert messages(rejected) == [
        "Det finns redan timmar för den här personen, förvaltningen, tjänsten och dagen; "
        "ändra den raden i stället."
    ]
