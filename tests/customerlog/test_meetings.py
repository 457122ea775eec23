"""Customer meetings: agenda, minutes and actions, and meetings held against planned."""

from datetime import date

import pytest
from django.urls import reverse

from customerlog.meetings import selectors
from customerlog.meetings.services import meeting_plan_set
from customerlog.models import Meeting
from customers.models import Customer
from tests.customerlog.helpers import meeting

pytestmark = pytest.mark.django_db


def meeting_data(**actions):
    data = {
        "customer": Customer.objects.get(code="RIKI").pk,
        "date": "2012-03-05",
        "status": "held",
        "place": "Hos kunden",
        "participants": "Ekonomichef, controller",
        "agenda": ["agreement", "survey"],
        "minutes": "Ledtiderna hålls. Kunden vill ha statistik per orsak.",
        "actions-TOTAL_FORMS": "2",
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "1000",
    }
    for key, value in actions.items():
        data[f"actions-0-{key}"] = value
    return data


def test_an_action_without_an_owner_is_refused_in_swedish_and_the_minutes_are_kept(client_for):
    response = client_for("officer").post(
        reverse("customerlog:meeting_create"),
        meeting_data(description="Skicka statistik per orsak", due_on="2012-03-30"),
    )
    assert response.status_code == 200
    assert "Ange en ansvarig för åtgärden." in response.text
    assert "Ledtiderna hålls. Kunden vill ha statistik per orsak." in response.text
    assert 'value="Skicka statistik per orsak"' in response.text
    assert not Meeting.objects.exists()


def test_a_held_meeting_is_saved_with_agenda_minutes_and_an_open_action(client_for, users):
    response = client_for("officer").post(
        reverse("customerlog:meeting_create"),
        meeting_data(
            description="Skicka statistik per orsak",
            owner=users["unit_manager"].pk,
            due_on="2012-03-30",
        ),
        follow=True,
    )
    saved = Meeting.objects.get()
    assert saved.agenda == ["agreement", "survey"]
    assert saved.created_by == users["officer"]
    action = saved.actions.get()
    assert (action.owner, action.due_on, action.closed_on) == (
        users["unit_manager"],
        date(2012, 3, 30),
        None,
    )
    assert "Avtalsuppföljning, Enkätresultat" in response.text
    assert "Försenad" in response.text  # due in 2012, still open


def test_meetings_held_are_counted_against_the_plan_per_customer_and_year(users):
    riki, spte = Customer.objects.get(code="RIKI"), Customer.objects.get(code="SPTE")
    meeting_plan_set(customer=riki, year=2012, planned=4)
    meeting_plan_set(customer=spte, year=2012, planned=4)
    for month in (2, 5, 9):
        meeting(customer="RIKI", on=date(2012, month, 6))
    meeting(customer="RIKI", on=date(2012, 11, 6), status="planned")
    meeting(customer="SPTE", on=date(2012, 2, 6))
    meeting(customer="SPTE", on=date(2012, 5, 6), status="cancelled")
    meeting(customer="SPTE", on=date(2011, 11, 6))

    rows = {
        r.customer.code: r for r in selectors.held_against_planned(user=users["head"], year=2012)
    }
    assert (rows["RIKI"].planned, rows["RIKI"].held, rows["RIKI"].scheduled) == (4, 3, 1)
    assert rows["RIKI"].missing == 0
    assert (rows["SPTE"].held, rows["SPTE"].missing) == (1, 3)
    assert rows["BROM"].planned is None
    assert len(rows) == 33

    bound = selectors.held_against_planned(user=users["bound_controller"], year=2012)
    assert [r.customer.code for r in bound] == ["RIKI"]


def test_the_held_and_planned_page_flags_missing_meetings_in_words(client_for):
    meeting_plan_set(customer=Customer.objects.get(code="SPTE"), year=2012, planned=4)
    meeting(customer="SPTE", on=date(2012, 2, 6))
    response = client_for("unit_manager").get(reverse("customerlog:held_planned"), {"ar": 2012})
    assert "3 möten saknas" in response.text
    assert "Ingen plan" in response.text
