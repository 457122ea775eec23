"""The month close: one lock that billing and every writer of the billing basis take.

The race tests run real threads, each with its own PostgreSQL connection, on an organisation
of their own built with factories: one customer, one add-on service, the 2012 price list.
"""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from ekonomi.access import Role
from ekonomi.periods import Month
from invoicing import closing
from invoicing.billing import services as billing_services
from invoicing.models import InvoiceLine, PriceItem, TimeEntry
from invoicing.timereport.services import HoursRejected, time_entry_create
from tests.factories import (
    AgreementFactory,
    CustomerFactory,
    PriceItemFactory,
    ServiceFactory,
    UnitFactory,
    UserFactory,
)
from tests.invoicing.billing_helpers import postgres_only

JANUARY = Month(2012, 1)
# Long enough for a blocked thread to show that it waits, short enough for the suite.
BLOCKED = 0.5


def test_a_month_is_billed_once_and_billed_months_are_listed_in_order(db):
    closing.close(Month(2012, 3))
    closing.close(Month(2012, 1))
    assert closing.is_billed(Month(2012, 3))
    assert not closing.is_billed(Month(2012, 2))
    assert closing.billed_months([Month(2012, m) for m in (3, 2, 1)]) == [
        Month(2012, 1),
        Month(2012, 3),
    ]
    assert closing.last_billed(year=2012) == Month(2012, 3)
    with pytest.raises(IntegrityError), transaction.atomic():
        closing.close(Month(2012, 3))


@pytest.fixture
def organisation(transactional_db):
    unit = UnitFactory(code="U1")
    service = ServiceFactory(code="ADD", hourly_price_code="T-480")
    PriceItemFactory(code="T-480", unit=PriceItem.Unit.HOUR, price=Decimal("480.00"))
    customer = CustomerFactory(code="F1", manager_unit=unit)
    AgreementFactory(customer=customer, services=[service])
    return {
        "customer": customer,
        "service": service,
        "officer": UserFactory(username="officer", role=Role.OFFICER, unit=unit),
        "manager": UserFactory(username="manager", role=Role.UNIT_MANAGER, unit=unit),
    }


def report(org, day, hours):
    officer = org["officer"]
    return time_entry_create(
        actor=officer,
        person=officer,
        customer=org["customer"],
        service=org["service"],
        date=day,
        hours=Decimal(hours),
    )


def billed_hours(month):
    lines = InvoiceLine.objects.filter(service_month=month.start, kind=InvoiceLine.Kind.HOURS)
    return sum((line.quantity for line in lines), Decimal(0))


def hold_open(work, started, release, outcome):
    """Run `work` in a transaction of its own and keep it open until `release` is set."""

    def run():
        try:
            with transaction.atomic():
                outcome["value"] = work()
                started.set()
                release.wait(10)
        except Exception as error:  # the test inspects what the thread met
            outcome["error"] = error
            started.set()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def in_thread(work, outcome):
    def run():
        try:
            outcome["value"] = work()
        except Exception as error:  # the test inspects what the thread met
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.postgres
@postgres_only
def test_hours_saved_while_the_month_is_issued_wait_and_are_then_refused(organisation):
    report(organisation, date(2012, 1, 10), "3")
    started, release, issuing, saving = threading.Event(), threading.Event(), {}, {}
    issuer = hold_open(
        lambda: billing_services.billing_issue(month=JANUARY, user=organisation["manager"]),
        started,
        release,
        issuing,
    )
    started.wait(10)
    saver = in_thread(lambda: report(organisation, date(2012, 1, 20), "2"), saving)
    saver.join(BLOCKED)
    assert saver.is_alive(), "the hours did not wait for the issue to commit"
    release.set()
    issuer.join(10)
    saver.join(10)

    assert "error" not in issuing
    assert isinstance(saving["error"], HoursRejected)
    assert "januari 2012 är fakturerad" in " ".join(saving["error"].messages)
    assert billed_hours(JANUARY) == Decimal("3")
    assert TimeEntry.objects.filter(date__month=1).count() == 1


@pytest.mark.postgres
@postgres_only
def test_an_issue_started_while_hours_are_saved_waits_and_bills_them(organisation):
    started, release, saving, issuing = threading.Event(), threading.Event(), {}, {}
    saver = hold_open(
        lambda: report(organisation, date(2012, 1, 20), "2"), started, release, saving
    )
    started.wait(10)
    issuer = in_thread(
        lambda: billing_services.billing_issue(month=JANUARY, user=organisation["manager"]),
        issuing,
    )
    issuer.join(BLOCKED)
    assert issuer.is_alive(), "the issue did not wait for the hours to commit"
    release.set()
    saver.join(10)
    issuer.join(10)

    assert "error" not in saving and "error" not in issuing
    assert billed_hours(JANUARY) == Decimal("2")


@pytest.mark.postgres
@postgres_only
def test_under_racing_saves_every_hour_of_a_billed_month_is_billed(organisation):
    report(organisation, date(2012, 1, 2), "1")
    outcomes = [{} for _ in range(8)]
    workers = [
        in_thread(lambda day=day: report(organisation, date(2012, 1, day), "1"), outcome)
        for day, outcome in zip(range(3, 11), outcomes, strict=True)
    ]
    issuing = {}
    issuer = in_thread(
        lambda: billing_services.billing_issue(month=JANUARY, user=organisation["manager"]),
        issuing,
    )
    for thread in [*workers, issuer]:
        thread.join(20)

    assert "error" not in issuing
    refused = [o for o in outcomes if isinstance(o.get("error"), HoursRejected)]
    stored = TimeEntry.objects.filter(date__month=1).count()
    assert stored + len(refused) == 9
    # Nothing in the billed month is unbilled: what was stored is what the invoice bills.
    assert billed_hours(JANUARY) == Decimal(stored)
