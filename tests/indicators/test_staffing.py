from datetime import date

from django.urls import reverse

from customers.models import Process
from indicators.staffing.models import Employee
from tests.indicators.helpers import employee


def _process_id(code):
    return Process.objects.get(code=code).pk


def _form(**fields):
    data = {
        "name": "Nora Nyström",
        "unit": "",
        "employment_rate": "100",
        "start": "2012-01-01",
        "end": "",
        "shares-TOTAL_FORMS": "3",
        "shares-INITIAL_FORMS": "0",
        "shares-MIN_NUM_FORMS": "0",
        "shares-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


def test_a_unit_manager_registers_an_employee_with_process_shares(users, client_for):
    client = client_for("unit_manager")
    data = _form(unit=str(users["unit_manager"].unit_id), employment_rate="75")
    data.update(
        {
            "shares-0-process": str(_process_id("AR")),
            "shares-0-share": "60",
            "shares-1-process": str(_process_id("CASH")),
            "shares-1-share": "40",
        }
    )
    response = client.post(reverse("indicators:employee_create"), data)
    assert response.status_code == 302
    person = Employee.objects.get(name="Nora Nyström")
    assert sorted((s.process.code, s.share) for s in person.shares.all()) == [
        ("AR", 60),
        ("CASH", 40),
    ]


def test_shares_over_100_percent_are_refused_in_swedish_and_nothing_is_saved(users, client_for):
    client = client_for("admin")
    data = _form(unit=str(users["unit_manager"].unit_id))
    data.update(
        {
            "shares-0-process": str(_process_id("AR")),
            "shares-0-share": "70",
            "shares-1-process": str(_process_id("AP")),
            "shares-1-share": "50,5",
        }
    )
    response = client.post(reverse("indicators:employee_create"), data)
    assert response.status_code == 200
    assert (
        "Andelarna i processerna blir tillsammans 120,5 %; de får vara högst 100 %."
        in response.text
    )
    assert not Employee.objects.filter(name="Nora Nyström").exists()


def test_an_employment_rate_over_100_is_refused(users, client_for):
    data = _form(unit=str(users["unit_manager"].unit_id), employment_rate="120")
    response = client_for("admin").post(reverse("indicators:employee_create"), data)
    assert "Ange en procentsats från 0 till 100." in response.text
    assert not Employee.objects.exists()


def test_a_unit_manager_sees_only_their_own_units_people(demo, client_for):
    employee("E1", {"AR": 100}, name="Egen Person")
    employee("E2", {"AP": 100}, name="Annan Person")
    text = client_for("unit_manager").get(reverse("indicators:employees")).text
    assert "Egen Person" in text
    assert "Annan Person" not in text
    everybody = client_for("admin").get(reverse("indicators:employees")).text
    assert "Egen Person" in everybody and "Annan Person" in everybody


def test_others_see_only_fte_per_unit_and_process(demo, client_for):
    employee("E2", {"AP": 50, "R2R": 50}, name="Annan Person", start=date(2012, 1, 1))
    client = client_for("officer")
    assert client.get(reverse("indicators:employees")).status_code == 403
    response = client.get(reverse("indicators:staffing"), {"ar": 2012})
    assert "Annan Person" not in response.text
    row = next(r for r in response.context["rows"] if r.process.code == "AP")
    assert row.unit.code == "E2"
    assert row.months[0] == 0.5
    assert "0,50" in response.text
