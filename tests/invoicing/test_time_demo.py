import json
from collections import defaultdict
from decimal import Decimal

import pytest
from django.conf import settings
from django.db.models import Sum

from customers.agreements import demo as demo_agreements
from customers.agreements.selectors import agreement_services_on
from customers.models import ServiceAgreement, User
from ekonomi.access import Role
from ekonomi.workdays import is_working_day
from invoicing.models import TimeEntry
from invoicing.timereport import demo as demo_hours


@pytest.fixture
def data():
    path = settings.BASE_DIR / "fixtures" / "demo_organisation.json"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def agreements(demo, data):
    demo_agreements.load(data)
    # Whether or not the demo command already made hours, each test starts from none.
    TimeEntry.objects.all().delete()


def test_without_agreements_the_demo_makes_no_hours_and_no_people(demo, data):
    TimeEntry.objects.all().delete()
    ServiceAgreement.objects.all().delete()
    people = User.objects.count()
    demo_hours.load(data)
    assert TimeEntry.objects.count() == 0
    assert User.objects.count() == people


def test_the_demo_reports_the_agreed_add_ons_on_working_days_of_2012(agreements, data):
    lines = demo_hours.load(data)
    entries = list(TimeEntry.objects.select_related("customer", "service", "person"))
    assert len(entries) > 1000
    assert lines == [
        f"Timmar på tilläggstjänster 2012: {len(entries)} rader, "
        f"{sum(e.hours for e in entries):.1f}".replace(".", ",")
        + " timmar totalt."
    ]
    for entry in entries:
        assert entry.date.year == 2012 and is_working_day(entry.date)
        assert not entry.service.is_mandatory
    # Every 20th entry against the agreement as it stood that day: asking for all takes long.
    for entry in entries[::20]:
        in_force = agreement_services_on(customer_id=entry.customer_id, on=entry.date)
        assert entry.service_id in in_force, entry


def test_the_demo_gives_the_hours_to_officers_of_the_customer_manager_unit(agreements, data):
    demo_hours.load(data)
    per_day = defaultdict(Decimal)
    for entry in TimeEntry.objects.select_related("person", "customer"):
        assert entry.person.role == Role.OFFICER
        assert entry.person.unit_id == entry.customer.manager_unit_id
        per_day[(entry.person_id, entry.date)] += entry.hours
    assert max(per_day.values()) <= Decimal("7.5")
    officer = User.objects.get(username="handlaggare.e2.1")
    assert (officer.role, officer.unit.code) == (Role.OFFICER, "E2")
    assert officer.check_password("ekonomi2012")


def test_the_demo_follows_the_addenda(agreements, data):
    demo_hours.load(data)
    skar_anl = TimeEntry.objects.filter(customer__code="SKAR", service__code="ANL")
    utb_tp = TimeEntry.objects.filter(customer__code="UTB", service__code="TP")
    assert skar_anl.exists() and utb_tp.exists()
    assert min(skar_anl.values_list("date", flat=True)).isoformat() >= "2012-09-01"
    assert max(utb_tp.values_list("date", flat=True)).isoformat() < "2012-07-01"


def test_running_the_demo_again_adds_nothing(agreements, data):
    demo_hours.load(data)
    first = TimeEntry.objects.aggregate(count=Sum("hours"))
    people = User.objects.count()
    demo_hours.load(data)
    assert TimeEntry.objects.aggregate(count=Sum("hours")) == first
    assert User.objects.count() == people
