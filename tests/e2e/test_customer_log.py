from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from customerlog.models import LogEntry
from customers.models import Customer

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_logs_a_call_with_a_follow_up_and_finds_it_in_my_follow_ups(demo_live, login):
    due = timezone.localdate() + timedelta(days=2)
    page = login("handlaggare")
    page.goto("/kunder/RIKI/")
    page.get_by_role("link", name="Ny loggpost").click()
    # The customer comes from the page the officer came from, the date is today.
    expect(page.get_by_label("Kund")).to_have_value(str(Customer.objects.get(code="RIKI").pk))
    expect(page.get_by_label("Typ")).to_have_value("phone")
    page.get_by_label("Rubrik").fill("Ringde om påminnelse")
    page.get_by_label("Text").fill("Kunden fick påminnelse trots betald faktura.")
    page.get_by_label("Följ upp").fill(due.isoformat())
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Loggposten sparades.")).to_be_visible()

    page.get_by_role("link", name="Kundlogg", exact=True).first.click()
    page.get_by_role("link", name="Mina uppföljningar").click()
    row = page.get_by_role("row", name="Ringde om påminnelse")
    expect(row).to_contain_text("RIKI")
    expect(row).to_contain_text(due.isoformat())
    expect(row).to_contain_text("Att göra")

    row.get_by_role("button", name="Markera ”Ringde om påminnelse” som klar").click()
    expect(page.get_by_text("Uppföljningen är klar.")).to_be_visible()
    expect(page.get_by_role("row", name="Ringde om påminnelse")).to_have_count(0)
    assert LogEntry.objects.get().follow_up_done_on == timezone.localdate()
