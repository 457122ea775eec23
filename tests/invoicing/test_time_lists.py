import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from invoicing.models import TimeEntry
from invoicing.timereport.filters import TimeListFilter
from tests.conftest import make_user
from tests.invoicing.time_helpers import entry, new_customer, service, sign_agreement


@pytest.fixture
def hours(users, own_customer, other_customer):
    """RIKI (the bound controller's) and SPTE hours in March and April 2012."""
    officer, manager = users["officer"], users["unit_manager"]
    entry(officer, own_customer, "R2R", date(2012, 3, 5), "7.5")
    entry(officer, own_customer, "BFO", date(2012, 3, 6), "2", comment="Interndebitering")
    entry(manager, own_customer, "R2R", date(2012, 4, 2), "1.25")
    entry(officer, other_customer, "BAL", date(2012, 3, 7), "4")


def xlsx_rows(response):
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_list_shows_each_entry_and_the_total_of_the_filter(client_for, hours):
    response = client_for("head").get(reverse("invoicing:time_list"), {"month": "2012-03"})
    assert response.status_code == 200
    assert "Interndebitering" in response.text
    assert "13,50" in response.text  # 7.5 + 2 + 4 in March
    assert "1,25" not in response.text


def test_a_bad_month_in_the_filter_gets_a_swedish_message(rf, users):
    request = rf.get("/")
    request.user = users["head"]
    filterset = TimeListFilter({"month": "mars"}, queryset=TimeEntry.objects.all(), request=request)
    assert filterset.errors["month"] == ["”mars” är ingen månad; skriv till exempel 2012-03."]


def test_the_export_holds_exactly_the_filtered_rows_with_hours_as_numbers(client_for, hours):
    response = client_for("head").get(
        reverse("invoicing:time_list"), {"customer": "", "month": "2012-03", "export": "xlsx"}
    )
    rows = xlsx_rows(response)
    assert len(rows) == 4
    assert sorted(row[4] for row in rows[1:]) == [2, 4, 7.5]


def test_the_summary_totals_hours_per_customer_and_month(client_for, hours, own_customer):
    response = client_for("head").get(
        reverse("invoicing:time_summary"), {"group": "customer", "export": "xlsx"}
    )
    rows = xlsx_rows(response)
    assert rows[0] == ("Månad", "Kund", "Namn", "Timmar")
    assert sorted(rows[1:]) == [
        ("2012-03", "RIKI", own_customer.name, 9.5),
        ("2012-03", "SPTE", "Spånga-Tensta stadsdelsförvaltning", 4),
        ("2012-04", "RIKI", own_customer.name, 1.25),
    ]


def test_the_summary_totals_hours_per_person_and_month(client_for, hours):
    response = client_for("head").get(
        reverse("invoicing:time_summary"), {"group": "person", "year": "2012"}
    )
    assert "Hanna Handläggare" in response.text
    assert "13,50" in response.text
    assert "14,75" in response.text  # the footer: everything in 2012


def test_a_bound_controller_sees_only_their_customers_hours(client_for, hours):
    client = client_for("bound_controller")
    response = client.get(reverse("invoicing:time_list"), {"export": "xlsx"})
    assert {row[2] for row in xlsx_rows(response)[1:]} == {"RIKI"}
    summary = client.get(reverse("invoicing:time_summary"), {"group": "month"})
    assert "10,75" in summary.text
    assert "14,75" not in summary.text


def test_a_customers_hours_page_is_not_found_for_another_customers_controller(client_for, hours):
    client = client_for("bound_controller")
    assert client.get(reverse("invoicing:time_customer", args=["RIKI"])).status_code == 200
    assert client.get(reverse("invoicing:time_customer", args=["SPTE"])).status_code == 404


def test_a_customers_hours_page_totals_each_service_per_month(client_for, hours):
    response = client_for("controller").get(
        reverse("invoicing:time_customer", args=["RIKI"]), {"export": "xlsx"}
    )
    rows = xlsx_rows(response)
    assert rows[0] == ("Månad", "Tjänst", "Tjänstens namn", "Timmar")
    assert sorted(row[:2] + row[3:] for row in rows[1:]) == [
        ("2012-03", "BFO", 2),
        ("2012-03", "R2R", 7.5),
        ("2012-04", "R2R", 1.25),
    ]


def test_the_list_offers_editing_only_of_entries_the_user_may_change(client_for, hours, users):
    officer_entry = TimeEntry.objects.filter(person=users["officer"]).first()
    manager_entry = TimeEntry.objects.get(person=users["unit_manager"])
    page = client_for("officer").get(reverse("invoicing:time_list")).text
    assert reverse("invoicing:time_edit", args=[officer_entry.pk]) in page
    assert reverse("invoicing:time_edit", args=[manager_entry.pk]) not in page
    controller_page = client_for("controller").get(reverse("invoicing:time_list")).text
    assert "/debitering/tid/" + str(officer_entry.pk) not in controller_page


# --- one entry with a comment ----------------------------------------------------------------


@pytest.fixture
def customer(demo):
    customer = new_customer("TIDA")
    sign_agreement(customer, services=("R2R", "TP"))
    return customer


def entry_data(customer, **fields):
    return {
        "person": fields.pop("person", ""),
        "customer": customer.pk,
        "service": service("R2R").pk,
        "date": "2012-03-05",
        "hours": "3,5",
        "comment": "Periodiseringar",
        **fields,
    }


def test_an_officer_reports_hours_with_a_comment(client_for, users, customer):
    response = client_for("officer").post(
        reverse("invoicing:time_create"), entry_data(customer, person=users["officer"].pk)
    )
    assert response.status_code == 302
    saved = TimeEntry.objects.get()
    assert (saved.hours, saved.comment) == (Decimal("3.50"), "Periodiseringar")


def test_the_form_offers_an_officer_only_themself(client_for, users, customer):
    colleague = make_user("kollega", unit=users["officer"].unit)
    response = client_for("officer").post(
        reverse("invoicing:time_create"), entry_data(customer, person=colleague.pk)
    )
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ." in response.text
    assert TimeEntry.objects.count() == 0


def test_a_broken_rule_is_shown_at_its_field_and_the_form_keeps_its_values(
    client_for, users, customer
):
    response = client_for("officer").post(
        reverse("invoicing:time_create"),
        entry_data(customer, person=users["officer"].pk, service=service("ANL").pk),
    )
    assert response.status_code == 200
    assert "Anläggningsredovisning ingår inte i avtalet för TIDA den 2012-03-05." in response.text
    assert "Periodiseringar" in response.text
    assert TimeEntry.objects.count() == 0


def test_an_entry_is_changed_and_deleted(client_for, users, customer):
    kept = entry(users["officer"], customer, "R2R", date(2012, 3, 5), "2")
    client = client_for("officer")
    response = client.post(
        reverse("invoicing:time_edit", args=[kept.pk]),
        entry_data(customer, hours="4", comment="Rättat"),
    )
    assert response.status_code == 302
    kept.refresh_from_db()
    assert (kept.hours, kept.comment) == (Decimal("4.00"), "Rättat")
    client.post(reverse("invoicing:time_delete", args=[kept.pk]))
    assert TimeEntry.objects.count() == 0


def test_an_officer_cannot_open_a_colleagues_entry(client_for, users, customer):
    colleague = make_user("kollega", unit=users["officer"].unit)
    theirs = entry(colleague, customer, "R2R", date(2012, 3, 5), "2")
    client = client_for("officer")
    assert client.get(reverse("invoicing:time_edit", args=[theirs.pk])).status_code == 403
    assert client.post(reverse("invoicing:time_delete", args=[theirs.pk])).status_code == 403
    assert TimeEntry.objects.count() == 1
