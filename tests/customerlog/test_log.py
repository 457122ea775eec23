"""The customer log: quick registration, follow-up rules, scope, and the customer page."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from customerlog.models import LogEntry
from customers.models import Customer
from tests.complaints.helpers import complaint
from tests.customerlog.helpers import entry, meeting

pytestmark = pytest.mark.django_db


def riki():
    return Customer.objects.get(code="RIKI")


def post_entry(client, **fields):
    data = {
        "customer": riki().pk,
        "kind": "phone",
        "subject": "Fråga om påminnelse",
        "date": "2012-03-05",
        **fields,
    }
    return client.post(reverse("customerlog:entry_create"), data)


def test_a_call_is_logged_with_customer_and_subject_and_the_form_starts_from_today(
    client_for, users
):
    client = client_for("officer")
    form = client.get(reverse("customerlog:entry_create") + "?kund=RIKI").context["form"]
    assert form.initial == {"date": timezone.localdate(), "customer": riki().pk}
    response = post_entry(client)
    saved = LogEntry.objects.get()
    assert response.status_code == 302
    assert (saved.author, saved.kind, saved.internal) == (users["officer"], "phone", False)
    assert saved.follow_up_on is None


def test_a_follow_up_without_an_owner_is_the_writers_own(client_for, users):
    post_entry(client_for("officer"), follow_up_on="2012-03-09")
    assert LogEntry.objects.get().follow_up_owner == users["officer"]


def test_a_follow_up_before_the_entry_date_is_refused_in_swedish_and_nothing_is_lost(
    client_for,
):
    response = post_entry(
        client_for("officer"), follow_up_on="2012-03-01", text="Kunden ringer tillbaka."
    )
    assert response.status_code == 200
    assert "Uppföljningsdatumet kan inte vara före loggpostens datum." in response.text
    assert "Kunden ringer tillbaka." in response.text
    assert 'value="Fråga om påminnelse"' in response.text
    assert not LogEntry.objects.exists()


def test_text_over_its_limit_is_refused_in_swedish(client_for):
    response = post_entry(client_for("officer"), text="å" * 4001)
    assert "Säkerställ att detta värde har som mest 4000 tecken (den har 4001)." in response.text
    assert not LogEntry.objects.exists()


def test_a_bound_controller_never_sees_internal_entries_or_other_customers(client_for):
    shown = entry(customer="RIKI")
    internal = entry(customer="RIKI", internal=True)
    other = entry(customer="SPTE")
    client = client_for("bound_controller")
    listed = [row.record for row in client.get(reverse("customerlog:list")).context["table"].rows]
    assert listed == [shown]
    assert client.get(reverse("customerlog:entry_detail", args=[internal.pk])).status_code == 404
    assert client.get(reverse("customerlog:entry_detail", args=[other.pk])).status_code == 404
    staff_rows = client_for("head").get(reverse("customerlog:list")).context["table"].rows
    assert len(staff_rows) == 3


def test_the_customer_page_shows_log_complaints_and_meetings_as_one_timeline(client_for):
    entry(customer="RIKI", on=date(2012, 3, 5), subject="Samtal om påminnelser")
    entry(customer="RIKI", on=date(2012, 3, 6), subject="Internt om kunden", internal=True)
    complaint(customer="RIKI", received_on=date(2012, 3, 7), description="Dubbelbetalning")
    meeting(customer="RIKI", on=date(2012, 3, 8))
    entry(customer="SPTE", subject="Annan kunds samtal")

    page = client_for("officer").get(reverse("customers:detail", args=["RIKI"]))
    timeline = page.text[page.text.index('id="kundlogg"') :]
    order = ["2012-03-08", "Dubbelbetalning", "Internt om kunden", "Samtal om påminnelser"]
    assert [timeline.index(text) for text in order] == sorted(timeline.index(t) for t in order)
    assert "Annan kunds samtal" not in timeline
    assert "Avtalsuppföljning" in timeline

    bound = client_for("bound_controller").get(reverse("customers:detail", args=["RIKI"]))
    assert "Samtal om påminnelser" in bound.text
    assert "Internt om kunden" not in bound.text
    assert "Ny loggpost" not in bound.text


def test_the_start_page_shows_my_follow_ups_due_this_week(client_for, users):
    today = timezone.localdate()
    entry(on=today - timedelta(days=10), follow_up_on=today - timedelta(days=1), subject="Sen")
    entry(on=today, follow_up_on=today + timedelta(days=3), subject="Snart")
    entry(on=today, follow_up_on=today + timedelta(days=30), subject="Långt fram")
    page = client_for("officer").get(reverse("home"))
    panel = page.text[page.text.index('id="mina-uppfoljningar"') :]
    assert "Mina uppföljningar" in panel
    assert "Sen" in panel
    assert "Snart" in panel
    assert "Långt fram" not in panel
    assert "Försenad" in panel
    other = client_for("unit_manager").get(reverse("home"))
    assert "Inget att följa upp den närmaste veckan." in other.text
