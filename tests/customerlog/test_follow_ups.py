"""Mina uppföljningar: the log's follow-ups and open meeting actions a user owns."""

from datetime import date

import pytest
from django.urls import reverse

from customerlog import selectors
from tests.customerlog.helpers import entry, meeting

pytestmark = pytest.mark.django_db

TODAY = date(2012, 3, 15)


def test_it_lists_what_is_overdue_and_what_is_due_from_log_and_meetings(users):
    officer, manager = users["officer"], users["unit_manager"]
    entry(on=date(2012, 3, 1), follow_up_on=date(2012, 3, 14), subject="Ring tillbaka")
    entry(on=date(2012, 3, 1), follow_up_on=date(2012, 3, 15), subject="Skicka blankett")
    entry(on=date(2012, 3, 1), follow_up_on=date(2012, 3, 20), owner=manager, subject="Chefens")
    done = entry(on=date(2012, 3, 1), follow_up_on=date(2012, 3, 2), subject="Klar")
    done.follow_up_done_on = date(2012, 3, 2)
    done.save()
    meeting(
        on=date(2012, 3, 1),
        actions=[
            ("Boka utbildning", officer, date(2012, 3, 10)),
            ("Uppdatera intranätet", manager, date(2012, 3, 10)),
        ],
    )

    items = selectors.follow_ups(user=officer, today=TODAY)
    assert [(i.due, i.what, i.title, i.overdue) for i in items] == [
        (date(2012, 3, 10), "action", "Boka utbildning", True),
        (date(2012, 3, 14), "log", "Ring tillbaka", True),
        (date(2012, 3, 15), "log", "Skicka blankett", False),
    ]
    assert [i.title for i in selectors.follow_ups(user=manager, today=TODAY)] == [
        "Uppdatera intranätet",
        "Chefens",
    ]


def test_marking_done_takes_it_off_the_list(client_for, users):
    item = entry(on=date(2012, 3, 1), follow_up_on=date(2012, 3, 14))
    held = meeting(actions=[("Boka utbildning", users["officer"], date(2012, 3, 10))])
    client = client_for("officer")
    page = client.get(reverse("customerlog:follow_ups"))
    assert len(page.context["overdue"]) == 2

    client.post(reverse("customerlog:follow_up_done", args=[item.pk]), {"from": "follow_ups"})
    response = client.post(
        reverse("customerlog:action_close", args=[held.actions.get().pk]),
        {"from": "follow_ups"},
        follow=True,
    )
    assert "Åtgärden är stängd." in response.text
    assert response.context["overdue"] == []
    assert "Inget är försenat." in response.text
