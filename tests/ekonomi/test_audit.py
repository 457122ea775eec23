from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from customers.models import Customer, CustomerContact, Unit
from ekonomi import history
from invoicing.budget.services import BUDGET_FIELDS, budget_save
from invoicing.models import BudgetMonth, CustomerErpAccount, ErpSettings, PriceItem
from tests.conftest import DEMO_PASSWORD


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


def history_page(client, instance, **params):
    url = reverse("record_history", args=[instance._meta.label_lower, instance.pk])
    return client.get(url, params)


def test_a_foreign_key_is_shown_by_name_and_the_action_in_swedish(client_for, own_customer):
    own_customer.manager_unit = Unit.objects.get(code="E2")
    own_customer.save()
    response = history_page(client_for("head"), own_customer)
    assert "<strong>kundansvarig enhet</strong>: Enhet 1 → Enhet 2" in response.text
    assert "<td>Ändrad</td>" in response.text
    assert "2 → 3" not in response.text


def test_a_new_record_shows_what_it_was_created_with(client_for, users):
    unit = Unit.objects.create(code="E9", name="Enhet 9")
    response = history_page(client_for("admin"), unit)
    assert "<td>Skapad</td>" in response.text
    assert "<strong>namn</strong>: \u2013 → Enhet 9" in response.text


def test_the_history_is_filtered_by_user_and_date(client_for, own_customer, users):
    own_customer.name = "Av chefen"
    own_customer._history_user = users["head"]
    own_customer.save()
    client = client_for("admin")
    change = "→ Av chefen"
    by_head = history_page(client, own_customer, user=users["head"].pk)
    assert change in by_head.text
    assert "1 version, nyast först" in by_head.text
    assert change not in history_page(client, own_customer, user=users["officer"].pk).text
    today = timezone.localdate()
    assert change in history_page(client, own_customer, date_from=today).text
    yesterday = today - timedelta(days=1)
    assert change not in history_page(client, own_customer, date_to=yesterday).text


def test_a_deleted_records_history_can_still_be_read(client_for, own_customer):
    contact = CustomerContact.objects.create(customer=own_customer, name="Kim Kontakt")
    contact_pk = contact.pk
    contact.delete()
    response = client_for("admin").get(
        reverse("record_history", args=["customers.customercontact", contact_pk])
    )
    assert response.status_code == 200
    assert "<td>Borttagen</td>" in response.text


def test_the_erp_settings_accounts_and_budget_keep_history(client_for, own_customer, users):
    settings_row = ErpSettings.current()
    settings_row.revenue_account = "3591"
    settings_row._history_user = users["admin"]
    settings_row.save()
    account = CustomerErpAccount.objects.create(customer=own_customer, cost_account="6591")
    budget_save(year=2013, rows={1: dict.fromkeys(BUDGET_FIELDS, Decimal("1000.00"))})
    budget_save(year=2013, rows={1: {**dict.fromkeys(BUDGET_FIELDS, Decimal("1000.00"))}})
    client = client_for("head")
    assert "3590 → 3591" in history_page(client, settings_row).text
    assert "\u2013 → 6591" in history_page(client, account).text
    month = BudgetMonth.objects.get(year=2013, month=1)
    # Saving the same figures again adds no empty version.
    assert month.history.count() == 1
    assert "\u2013 → 1\u00a0000,00" in history_page(client, month).text


def test_history_links_are_shown_only_to_those_who_may_read_history(client_for, own_customer):
    item = PriceItem.objects.filter(price_list__year=2012).order_by("code").first()
    url = reverse("record_history", args=["invoicing.priceitem", item.pk])
    price_list_url = reverse("invoicing:price_list", args=[2012])
    assert url in client_for("head").get(price_list_url).text
    assert url not in client_for("officer").get(price_list_url).text
    customer_history = reverse("record_history", args=["customers.customer", own_customer.pk])
    assert customer_history in client_for("admin").get(own_customer_url(own_customer)).text


def own_customer_url(customer):
    return reverse("customers:detail", args=[customer.code])


def test_recent_changes_lists_every_kind_of_record_newest_first(client_for, own_customer):
    own_customer.name = "Senast ändrad kund"
    own_customer.save()
    response = client_for("head").get(reverse("recent_changes"))
    assert response.status_code == 200
    assert "Senaste ändringar" in response.text
    rows = response.text.split("<tbody>")[1]
    assert rows.index("Senast ändrad kund") < rows.index("</tr>")
    only_units = client_for("head").get(reverse("recent_changes"), {"model": "customers.unit"})
    assert "Senast ändrad kund" not in only_units.text
    assert "Enhet 1" in only_units.text


def test_recent_changes_are_paged(client_for, users):
    for number in range(history.PER_PAGE + 5):
        Unit.objects.create(code=f"P{number}", name=f"Sidenhet {number}")
    client = client_for("admin")
    first = client.get(reverse("recent_changes"), {"model": "customers.unit"})
    assert "Sidenhet 54" in first.text
    assert "(sida 1 av 2)" in first.text
    second = client.get(reverse("recent_changes"), {"model": "customers.unit", "page": 2})
    assert "Sidenhet 54" not in second.text
    assert "Sidenhet 0<" in second.text or "Sidenhet 0 " in second.text


def test_logging_in_adds_no_empty_version_to_the_users_history(client, users):
    before = users["officer"].history.count()
    client.post(reverse("login"), {"username": "handlaggare", "password": DEMO_PASSWORD})
    assert client.get(reverse("home")).status_code == 200
    assert users["officer"].history.count() == before
