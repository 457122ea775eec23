from django.urls import reverse

from customers.models import Customer


def test_it_keeps_who_when_and_old_and_new_values(client_for, own_customer, users):
    client = client_for("unit_manager")
    response = client.post(
        reverse("customers:edit", args=[own_customer.code]),
        {
            "code": own_customer.code,
            "name": "Rinkeby-Kista SDF",
            "kind": own_customer.kind,
            "manager_unit": own_customer.manager_unit_id,
            "mailbox": "ny.adress@stad.example.se",
        },
    )
    assert response.status_code == 302
    latest = Customer.history.filter(id=own_customer.pk).latest("history_date")
    assert latest.history_user == users["unit_manager"]
    changes = {c.field: (c.old, c.new) for c in latest.diff_against(latest.prev_record).changes}
    assert changes["name"] == ("Rinkeby-Kista stadsdelsförvaltning", "Rinkeby-Kista SDF")


def test_an_administrator_reads_the_history_in_the_ui(client_for, own_customer):
    own_customer.name = "Nytt namn"
    own_customer.save()
    response = client_for("admin").get(
        reverse("record_history", args=["customers.customer", own_customer.pk])
    )
    assert response.status_code == 200
    assert "Rinkeby-Kista stadsdelsförvaltning → Nytt namn" in response.text


def test_history_of_an_untracked_model_is_not_found(client_for):
    response = client_for("admin").get(reverse("record_history", args=["sessions.session", 1]))
    assert response.status_code == 404
