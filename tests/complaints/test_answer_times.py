"""Target answer times count Swedish working days: Easter, midsummer and Christmas move them."""

from datetime import date

import pytest

from complaints.models import Complaint
from tests.complaints.helpers import complaint

pytestmark = pytest.mark.django_db

COMPLAINT, SUGGESTION = Complaint.Kind.COMPLAINT, Complaint.Kind.SUGGESTION


@pytest.mark.parametrize(
    ("kind", "received_on", "due"),
    [
        # Maundy Thursday: Good Friday and Easter Monday are not working days.
        (COMPLAINT, date(2012, 4, 5), date(2012, 4, 11)),
        (SUGGESTION, date(2012, 4, 5), date(2012, 4, 16)),
        # The day before midsummer eve: midsummer eve counts as a holiday.
        (COMPLAINT, date(2012, 6, 21), date(2012, 6, 26)),
        # Christmas Eve, Christmas, Boxing Day, New Year's Eve and Day are all passed over.
        (SUGGESTION, date(2012, 12, 21), date(2013, 1, 4)),
        # An ordinary week.
        (COMPLAINT, date(2012, 3, 5), date(2012, 3, 7)),
    ],
)
def test_the_answer_is_due_a_number_of_working_days_after_arrival(kind, received_on, due):
    assert complaint(kind=kind, received_on=received_on).answer_due == due


def test_an_unanswered_complaint_is_overdue_only_after_its_due_day_over_easter():
    item = complaint(received_on=date(2012, 4, 5))
    assert not item.is_overdue(date(2012, 4, 9))
    assert not item.is_overdue(date(2012, 4, 11))
    assert item.is_overdue(date(2012, 4, 12))


def test_an_answer_after_the_due_day_is_late_and_its_time_counts_working_days():
    late = complaint(received_on=date(2012, 4, 5), answered_on=date(2012, 4, 12))
    assert late.answered_late
    assert not late.is_overdue(date(2012, 5, 1))
    # Thursday, then Tuesday and Wednesday after Easter.
    assert late.answer_days == 3

    on_time = complaint(received_on=date(2012, 6, 21), answered_on=date(2012, 6, 26))
    assert not on_time.answered_late
    assert on_time.answer_days == 2


def test_the_overdue_filter_lists_what_is_unanswered_past_its_day(client_for):
    from django.urls import reverse

    complaint(received_on=date(2012, 4, 5))
    complaint(received_on=date(2012, 4, 5), answered_on=date(2012, 4, 10))
    response = client_for("officer").get(reverse("complaints:list"), {"overdue": "true"})
    rows = response.context["table"].rows
    assert len(rows) == 1
    assert "Försenad" in response.text


def test_the_start_page_shows_the_complaints_i_answer_for_with_the_overdue_counted(client_for):
    from django.urls import reverse

    complaint(received_on=date(2012, 4, 5))
    complaint(received_on=date(2012, 4, 5), answered_on=date(2012, 4, 10))
    complaint(received_on=date(2012, 4, 5), status="closed")
    page = client_for("officer").get(reverse("home")).text
    panel = page[page.index('id="mina-klagomal"') :]
    assert "Klagomål jag ansvarar för" in panel
    assert "1 svar är försenat." in panel
    assert panel.count("2012-04-11") == 2
