import json

import pytest
from django.apps import apps
from django.conf import settings
from django.db.models import Count

from complaints.models import Complaint, ReturnedDocument, ReturnReason
from customerlog.models import LogEntry, Meeting, MeetingAction, MeetingPlan

pytestmark = pytest.mark.django_db


def load(data):
    for label in ("complaints", "customerlog"):
        apps.get_app_config(label).load_demo(data, activity=True)


def counts():
    return [
        model.objects.count()
        for model in (LogEntry, Meeting, MeetingAction, MeetingPlan, Complaint, ReturnedDocument)
    ]


def test_the_demo_year_is_plausible_and_a_second_run_adds_nothing(demo):
    data = json.loads((settings.BASE_DIR / "fixtures" / "demo_organisation.json").read_text())
    load(data)
    before = counts()
    load(data)
    assert counts() == before

    assert ReturnReason.objects.count() == 6
    per_customer = Meeting.objects.values("customer").annotate(n=Count("pk"))
    assert {row["n"] for row in per_customer} == {4}
    assert len(per_customer) == 33
    assert set(MeetingPlan.objects.values_list("planned", flat=True)) == {4}
    assert MeetingAction.objects.filter(closed_on__isnull=True).exists()
    assert LogEntry.objects.filter(internal=True).exists()
    assert LogEntry.objects.filter(follow_up_on__isnull=False).exists()
    # A few complaints a month, some of them our own errors.
    per_month = Complaint.objects.values("received_on__month").annotate(n=Count("pk"))
    assert len(per_month) == 12
    assert all(3 <= row["n"] <= 6 for row in per_month)
    assert Complaint.objects.filter(own_error=True).exists()
    assert ReturnedDocument.objects.values("reason").distinct().count() == 6
