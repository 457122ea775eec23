from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from invoicing.models import TimeEntry
from tests.conftest import make_user
from tests.invoicing.time_helpers import entry, new_customer, service, sign_agreement

MONDAY = date(2012, 3, 5)
WEEK = "2012-W10"


@pytest.fixture
def customer(demo):
    customer = new_customer("TIDA")
    sign_agreement(customer, services=("R2R", "TP"))
    return customer


def week_url(person="handlaggare", week=WEEK):
    return f"{reverse('invoicing:time_week')}?person={person}&week={week}"


def cell(customer, code, day_index):
    return f"h_{customer.pk}_{service(code).pk}_{day_index}"


def grid_post(customer, cells, action="save", rows=("R2R", "TP"), **extra):
    data = {
        "action": action,
        "rows": ",".join(f"{customer.pk}:{service(code).pk}" for code in rows),
        **extra,
    }
    for (code, index), value in cells.items():
        data[cell(customer, code, index)] = value
    return data


def stored(person):
    return {
        (e.service.code, e.date): e.hours
        for e in TimeEntry.objects.filter(person=person).select_related("service")
    }


def test_the_week_shows_the_stored_hours_and_day_totals(client_for, users, customer):
    entry(users["officer"], customer, "R2R", MONDAY, "7.5")
    entry(users["officer"], customer, "TP", MONDAY, "0.5")
    response = client_for("officer").get(week_url())
    assert response.status_code == 200
    assert "Vecka 10, 5/3\u201311/3 2012" in response.text
    assert f'name="{cell(customer, "R2R", 0)}"' in response.text
    assert 'value="7,50"' in response.text
    assert '<td class="num">8,00</td>' in response.text


def test_the_week_links_to_the_previous_and_next_weeks(client_for, customer):
    response = client_for("officer").get(week_url())
    assert "week=2012-W09" in response.text
    assert "week=2012-W11" in response.text


def test_saving_the_week_writes_every_changed_cell(client_for, users, customer):
    officer = users["officer"]
    entry(officer, customer, "R2R", MONDAY, "4")
    entry(officer, customer, "TP", date(2012, 3, 6), "2", comment="Projektmöte")
    response = client_for("officer").post(
        week_url(),
        grid_post(customer, {("R2R", 0): "6,5", ("R2R", 2): "3", ("TP", 1): "", ("TP", 4): "1.25"}),
    )
    assert response.status_code == 302
    assert stored(officer) == {
        ("R2R", MONDAY): Decimal("6.50"),
        ("R2R", date(2012, 3, 7)): Decimal("3.00"),
        ("TP", date(2012, 3, 9)): Decimal("1.25"),
    }
    messages = client_for("officer").get(response.url).text
    assert "Veckan sparades: 2 nya, 1 ändrade, 1 borttagna." in messages


def test_a_changed_figure_keeps_the_entrys_comment(client_for, users, customer):
    officer = users["officer"]
    kept = entry(officer, customer, "R2R", MONDAY, "4", comment="Avstämning")
    client_for("officer").post(week_url(), grid_post(customer, {("R2R", 0): "5"}))
    kept.refresh_from_db()
    assert (kept.hours, kept.comment) == (Decimal("5.00"), "Avstämning")


def test_one_bad_cell_shows_its_error_and_nothing_is_saved(client_for, users, customer):
    officer = users["officer"]
    entry(officer, customer, "R2R", MONDAY, "4")
    response = client_for("officer").post(
        week_url(),
        grid_post(customer, {("R2R", 0): "8", ("R2R", 1): "7", ("TP", 2): "-3"}),
    )
    assert response.status_code == 200
    assert "Timmarna måste vara fler än noll." in response.text
    assert "Ingenting sparades. Rätta de markerade rutorna och spara igen." in response.text
    # What was typed is still there.
    assert 'value="-3"' in response.text
    assert 'value="7"' in response.text
    assert stored(officer) == {("R2R", MONDAY): Decimal("4.00")}


def test_more_than_24_hours_on_a_day_is_refused_for_the_whole_week(client_for, users, customer):
    response = client_for("officer").post(
        week_url(), grid_post(customer, {("R2R", 3): "16", ("TP", 3): "9", ("TP", 0): "2"})
    )
    assert response.status_code == 200
    assert "Hanna Handläggare skulle få 25 timmar den 2012-03-08" in response.text
    assert TimeEntry.objects.count() == 0


def test_a_service_outside_the_agreement_is_refused_in_its_cell(client_for, users, customer):
    response = client_for("officer").post(
        week_url(), grid_post(customer, {("ANL", 0): "2", ("R2R", 0): "2"}, rows=("R2R", "ANL"))
    )
    assert "Anläggningsredovisning ingår inte i avtalet för TIDA den 2012-03-05." in response.text
    assert TimeEntry.objects.count() == 0


def test_adding_a_row_keeps_what_was_typed_and_saves_nothing(client_for, users, customer):
    response = client_for("officer").post(
        week_url(),
        grid_post(
            customer,
            {("R2R", 0): "3"},
            action="add",
            rows=("R2R",),
            add=f"{customer.pk}:{service('TP').pk}",
        ),
    )
    assert response.status_code == 200
    assert 'value="3"' in response.text
    assert f'name="{cell(customer, "TP", 0)}"' in response.text
    assert TimeEntry.objects.count() == 0


def test_the_rows_to_add_are_the_add_ons_in_force_that_week(client_for, customer):
    response = client_for("officer").get(week_url())
    options = response.text[response.text.index('name="add"') :].split("</select>")[0]
    assert f'value="{customer.pk}:{service("R2R").pk}"' in options
    assert f'value="{customer.pk}:{service("ANL").pk}"' not in options


def test_an_officer_opens_only_their_own_week(client_for, users, customer):
    make_user("kollega", unit=users["officer"].unit)
    assert client_for("officer").get(week_url("kollega")).status_code == 403
    assert client_for("unit_manager").get(week_url("kollega")).status_code == 200


def test_a_unit_manager_saves_the_week_of_someone_in_their_unit(client_for, users, customer):
    response = client_for("unit_manager").post(week_url(), grid_post(customer, {("R2R", 0): "2"}))
    assert response.status_code == 302
    assert stored(users["officer"]) == {("R2R", MONDAY): Decimal("2.00")}
    assert TimeEntry.objects.get().created_by == users["unit_manager"]


def test_an_unknown_week_is_not_found(client_for, customer):
    assert client_for("officer").get(week_url(week="2012-W60")).status_code == 404


def test_a_cell_takes_hours_and_minutes_and_refuses_minutes_it_would_round(
    client_for, users, customer
):
    client = client_for("officer")
    saved = client.post(week_url(), grid_post(customer, {("R2R", 0): "7:30", ("TP", 1): "0:45"}))
    assert saved.status_code == 302
    assert stored(users["officer"]) == {
        ("R2R", MONDAY): Decimal("7.50"),
        ("TP", date(2012, 3, 6)): Decimal("0.75"),
    }

    refused = client.post(week_url(), grid_post(customer, {("R2R", 0): "7:20"}))
    assert refused.status_code == 200
    assert "”7:20” är 7,333… timmar; skriv dem med högst 2 decimaler." in refused.text
    assert stored(users["officer"])[("R2R", MONDAY)] == Decimal("7.50")
