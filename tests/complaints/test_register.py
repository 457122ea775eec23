from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.models import Complaint
from customers.models import Customer, Process, Unit
from tests.complaints.helpers import complaint

pytestmark = pytest.mark.django_db


def ids(*codes, model=Customer):
    return [model.objects.get(code=code).pk for code in codes]


def test_an_officer_registers_a_complaint_with_three_fields_and_gets_the_rest_by_default(
    client_for, users
):
    client = client_for("officer")
    response = client.post(
        reverse("complaints:create"),
        {
            "customer": ids("RIKI")[0],
            "process": ids("AR", model=Process)[0],
            "description": "Kunden fick påminnelse trots att fakturan var betald.",
            # What the form offers as defaults comes back with the post, as a browser sends it.
            "kind": "complaint",
            "channel": "phone",
            "received_on": timezone.localdate().isoformat(),
            "unit": users["officer"].unit_id,
            "responsible": users["officer"].pk,
        },
        follow=True,
    )
    saved = Complaint.objects.get()
    assert saved.created_by == users["officer"]
    assert saved.responsible == users["officer"]
    assert saved.unit.code == "E1"
    assert saved.status == Complaint.Status.NEW
    assert saved.answer_due == Complaint.due_date("complaint", timezone.localdate())
    assert f"Kunden bör ha svar senast {saved.answer_due.isoformat()}." in response.text


def test_the_form_from_a_customer_page_has_the_customer_today_and_the_officers_unit(
    client_for, users
):
    response = client_for("officer").get(reverse("complaints:create") + "?kund=SPTE")
    form = response.context["form"]
    assert form.initial["customer"] == ids("SPTE")[0]
    assert form.initial["received_on"] == timezone.localdate()
    assert form.initial["unit"] == users["officer"].unit_id
    # The process the officer's unit leads: E1 leads Kundreskontra in the demo organisation.
    assert form.initial["process"] == ids("AR", model=Process)[0]
    assert "Registrera klagomål eller synpunkt" in response.text


def test_closing_without_an_action_is_refused_in_swedish_and_keeps_what_was_typed(
    client_for, users
):
    item = complaint()
    client = client_for("officer")
    data = {
        "customer": item.customer_id,
        "process": item.process_id,
        "kind": "complaint",
        "channel": "email",
        "received_on": "2012-03-05",
        "unit": item.unit_id,
        "responsible": users["officer"].pk,
        "description": "Ny beskrivning som inte får försvinna.",
        "cause": "Fel à-pris.",
        "status": "closed",
    }
    response = client.post(reverse("complaints:edit", args=[item.pk]), data)
    assert response.status_code == 200
    assert "Beskriv åtgärden innan du stänger ärendet." in response.text
    assert "Ny beskrivning som inte får försvinna." in response.text
    assert "Fel à-pris." in response.text
    item.refresh_from_db()
    assert item.status == Complaint.Status.NEW

    data["action"] = "Kreditfaktura skickad."
    client.post(reverse("complaints:edit", args=[item.pk]), data)
    item.refresh_from_db()
    assert item.status == Complaint.Status.CLOSED
    assert item.closed_on == timezone.localdate()
    assert item.started_on == timezone.localdate()


def test_praise_can_be_closed_without_an_action():
    praise = complaint(kind=Complaint.Kind.PRAISE, status=Complaint.Status.CLOSED, action="")
    assert praise.status == Complaint.Status.CLOSED


def test_a_description_over_its_limit_gets_a_swedish_error_and_is_kept(client_for, users):
    text = "x" * 2001
    response = client_for("officer").post(
        reverse("complaints:create"),
        {
            "customer": ids("RIKI")[0],
            "process": ids("AR", model=Process)[0],
            "kind": "complaint",
            "channel": "phone",
            "received_on": "2012-03-05",
            "unit": users["officer"].unit_id,
            "responsible": users["officer"].pk,
            "description": text,
        },
    )
    assert "Säkerställ att detta värde har som mest 2000 tecken (den har 2001)." in response.text
    assert text in response.text
    assert not Complaint.objects.exists()


def test_an_answer_dated_before_arrival_is_refused(client_for, users):
    item = complaint(received_on=date(2012, 3, 5))
    response = client_for("officer").post(
        reverse("complaints:edit", args=[item.pk]),
        {
            "customer": item.customer_id,
            "process": item.process_id,
            "kind": "complaint",
            "channel": "phone",
            "received_on": "2012-03-05",
            "unit": item.unit_id,
            "responsible": users["officer"].pk,
            "description": item.description,
            "status": "in_progress",
            "answered_on": "2012-03-02",
        },
    )
    assert "Svaret kan inte dateras före dagen det kom in." in response.text


def test_the_list_filters_by_customer_process_unit_kind_status_and_period(client_for):
    complaint(customer="RIKI", process="AR", received_on=date(2012, 3, 5))
    complaint(customer="RIKI", process="AP", unit="E2", received_on=date(2012, 3, 6))
    complaint(customer="SPTE", kind="suggestion", received_on=date(2012, 5, 2))
    complaint(customer="SPTE", status="closed", received_on=date(2012, 9, 3))
    client = client_for("unit_manager")

    def count(**query):
        response = client.get(reverse("complaints:list"), query)
        return len(response.context["table"].rows)

    assert count() == 4
    assert count(customer=ids("RIKI")[0]) == 2
    assert count(process=ids("AP", model=Process)[0]) == 1
    assert count(unit=ids("E2", model=Unit)[0]) == 1
    assert count(kind="suggestion") == 1
    assert count(status="closed") == 1
    assert count(period="2012-03") == 2
    assert count(period="2012-T2") == 1
    assert count(period="2012") == 4
    response = client.get(reverse("complaints:list"), {"period": "mars"})
    assert "”mars” är ingen period" in response.text


def test_the_list_exports_what_is_shown_to_excel(client_for):
    from io import BytesIO

    from openpyxl import load_workbook

    complaint(customer="RIKI")
    complaint(customer="SPTE")
    response = client_for("head").get(
        reverse("complaints:list"), {"customer": ids("SPTE")[0], "export": "xlsx"}
    )
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.values)
    assert len(rows) == 2
    assert rows[1][1] == "SPTE"
