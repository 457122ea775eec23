import csv
import io
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from customers.models import Customer, CustomerContact, RoutineDeviation, ServiceAgreement, Unit
from ekonomi import access
from ekonomi.panels import customer_page

DUPLICATE_CODE = "Det finns redan en kund med den här koden."
INVALID_EMAIL = "Fyll i en giltig e-postadress."


def xlsx_rows(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    return list(sheet.iter_rows(values_only=True))


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def codes(queryset):
    return list(queryset.values_list("code", flat=True))


def new_customer(**fields):
    return {
        "code": "NYKD",
        "name": "Nya kulturdistriktet",
        "kind": Customer.Kind.SPECIALIST,
        "manager_unit": Unit.objects.get(code="E2").pk,
        "mailbox": "ekonomi.nykd@stockholm.se",
        **fields,
    }


def customer_data(customer, **fields):
    return {
        "code": customer.code,
        "name": customer.name,
        "kind": customer.kind,
        "manager_unit": customer.manager_unit_id,
        "mailbox": customer.mailbox,
        **fields,
    }


# The register list


def test_it_pages_the_register_by_25(client_for):
    client = client_for("unit_manager")
    first = client.get(reverse("customers:list"))
    second = client.get(reverse("customers:list"), {"page": 2})
    assert len(first.context["table"].page.object_list) == 25
    assert len(second.context["table"].page.object_list) == 8
    assert "RIKI" in first.text


SORT_KEYS = {
    "code": ["code"],
    "name": ["name", "code"],
    "kind": ["kind", "code"],
    "manager_unit": ["manager_unit__code", "code"],
    "contact_person": ["contact_person__first_name", "contact_person__last_name", "code"],
    "mailbox": ["mailbox", "code"],
    "is_active": ["is_active", "code"],
}


@pytest.mark.parametrize("column", SORT_KEYS)
@pytest.mark.parametrize("descending", [False, True])
def test_it_sorts_by_every_column_on_the_page_and_in_the_export(client_for, column, descending):
    Customer.objects.filter(code__in=["SPTE", "VAL", "ARK"]).update(is_active=False)
    keys = [f"-{key}" for key in SORT_KEYS[column]] if descending else SORT_KEYS[column]
    expected = codes(Customer.objects.order_by(*keys))
    sort = f"-{column}" if descending else column
    client = client_for("unit_manager")

    page = client.get(reverse("customers:list"), {"sort": sort})
    exported = xlsx_rows(client.get(reverse("customers:list"), {"sort": sort, "export": "xlsx"}))

    assert [row.record.code for row in page.context["table"].page.object_list] == expected[:25]
    assert [row[0] for row in exported[1:]] == expected


def test_it_sorts_codes_alphabetically_and_backwards(client_for):
    client = client_for("unit_manager")
    exported = xlsx_rows(client.get(reverse("customers:list"), {"sort": "-code", "export": "xlsx"}))
    assert [row[0] for row in exported[1:4]] == ["VAL", "UTB", "TRAF"]


def test_it_filters_by_kind_unit_and_active_and_exports_exactly_that(client_for):
    unit = Unit.objects.get(code="E1")
    Customer.objects.filter(code="RIKI").update(is_active=False)
    expected = codes(
        Customer.objects.filter(kind="district", manager_unit=unit, is_active=True).order_by(
            "-name", "-code"
        )
    )
    assert 1 < len(expected) < 14
    query = {"kind": "district", "manager_unit": unit.pk, "is_active": "true", "sort": "-name"}
    client = client_for("unit_manager")

    page = client.get(reverse("customers:list"), query)
    xlsx = xlsx_rows(client.get(reverse("customers:list"), {**query, "export": "xlsx"}))
    csv_export = csv_rows(client.get(reverse("customers:list"), {**query, "export": "csv"}))

    assert [row.record.code for row in page.context["table"].page.object_list] == expected
    assert [row[0] for row in xlsx[1:]] == expected
    assert [row[0] for row in csv_export[1:]] == expected
    assert "RIKI" not in [row[0] for row in xlsx]
    first = Customer.objects.get(code=expected[0])
    assert xlsx[1][0] == first.code
    assert xlsx[1][1] == first.name
    assert xlsx[1][4] == first.contact_person.get_full_name()
    assert xlsx[1][-1] == "Ja"
    assert list(xlsx[0]) == [
        "Kod",
        "Namn",
        "Typ",
        "Kundansvarig enhet",
        "Vår kontaktperson",
        "Funktionsbrevlåda",
        "Aktiv",
    ]
    assert csv_export[0] == list(xlsx[0])


def test_it_shows_inactive_customers_when_asked(client_for):
    Customer.objects.filter(code__in=["SPTE", "VAL"]).update(is_active=False)
    client = client_for("unit_manager")
    exported = xlsx_rows(
        client.get(reverse("customers:list"), {"is_active": "false", "export": "xlsx"})
    )
    assert [row[0] for row in exported[1:]] == ["SPTE", "VAL"]
    assert [row[-1] for row in exported[1:]] == ["Nej", "Nej"]


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("riki", ["RIKI"]),
        ("Rinkeby", ["RIKI"]),
        ("kontoret", ["EXPL", "FAST", "REV", "SBK", "SLK", "TRAF"]),
    ],
)
def test_it_searches_code_and_name(client_for, search, expected):
    client = client_for("unit_manager")
    exported = xlsx_rows(client.get(reverse("customers:list"), {"q": search, "export": "xlsx"}))
    assert [row[0] for row in exported[1:]] == expected


# Create and edit


def test_it_creates_a_customer_with_an_upper_cased_code(client_for):
    response = client_for("unit_manager").post(
        reverse("customers:create"), new_customer(code=" nykd "), follow=True
    )
    customer = Customer.objects.get(code="NYKD")
    assert response.redirect_chain[-1][0] == reverse("customers:detail", args=["NYKD"])
    assert "Nya kulturdistriktet" in response.text
    assert customer.mailbox == "ekonomi.nykd@stockholm.se"


def test_it_refuses_a_duplicate_code_in_swedish_and_saves_nothing(client_for):
    before = Customer.objects.count()
    response = client_for("unit_manager").post(
        reverse("customers:create"), new_customer(code="riki")
    )
    assert response.status_code == 200
    assert DUPLICATE_CODE in response.text
    assert Customer.objects.count() == before
    # What the user typed is still in the form.
    assert "Nya kulturdistriktet" in response.text


def test_it_refuses_changing_a_code_to_one_in_use(client_for, other_customer):
    client = client_for("unit_manager")
    url = reverse("customers:edit", args=[other_customer.code])
    response = client.post(url, customer_data(other_customer, code="RIKI"))
    assert DUPLICATE_CODE in response.text
    assert Customer.objects.filter(code="SPTE").exists()


def test_it_refuses_an_invalid_mailbox_in_swedish_and_saves_nothing(client_for, own_customer):
    client = client_for("unit_manager")
    before = Customer.objects.count()
    created = client.post(reverse("customers:create"), new_customer(mailbox="ekonomi.nykd@"))
    edited = client.post(
        reverse("customers:edit", args=[own_customer.code]),
        customer_data(own_customer, name="Rinkeby-Kista nytt namn", mailbox="inte en adress"),
    )
    assert INVALID_EMAIL in created.text
    assert INVALID_EMAIL in edited.text
    assert Customer.objects.count() == before
    own_customer.refresh_from_db()
    assert own_customer.name == "Rinkeby-Kista stadsdelsförvaltning"
    assert "Rinkeby-Kista nytt namn" in edited.text


def test_it_refuses_a_code_that_cannot_be_a_path_in_swedish(client_for):
    response = client_for("unit_manager").post(
        reverse("customers:create"), new_customer(code="A/B")
    )
    assert "Använd bara bokstäver, siffror, bindestreck och understreck." in response.text
    assert not Customer.objects.filter(name="Nya kulturdistriktet").exists()


def test_it_saves_an_edited_customer(client_for, own_customer):
    client = client_for("unit_manager")
    client.post(
        reverse("customers:edit", args=[own_customer.code]),
        customer_data(own_customer, mailbox="ny.brevlada@stockholm.se"),
    )
    own_customer.refresh_from_db()
    assert own_customer.mailbox == "ny.brevlada@stockholm.se"


def test_it_deactivates_and_reactivates_a_customer(client_for, own_customer):
    client = client_for("unit_manager")
    url = reverse("customers:set_active", args=[own_customer.code])
    client.post(url, {"active": "0"})
    active_codes = xlsx_rows(
        client.get(reverse("customers:list"), {"is_active": "true", "export": "xlsx"})
    )
    own_customer.refresh_from_db()
    assert own_customer.is_active is False
    assert "RIKI" not in [row[0] for row in active_codes]
    client.post(url, {"active": "1"})
    own_customer.refresh_from_db()
    assert own_customer.is_active is True


# Contact persons


def test_it_adds_edits_and_removes_a_contact_person(client_for, own_customer):
    client = client_for("unit_manager")
    added = client.post(
        reverse("customers:contact_create", args=[own_customer.code]),
        {
            "name": "Eva Ek",
            "role": "Controller",
            "email": "eva.ek@stockholm.se",
            "phone": "08-508 000 00",
        },
        follow=True,
    )
    contact = own_customer.contacts.get()
    assert "Eva Ek" in added.text
    assert "eva.ek@stockholm.se" in added.text

    edit_url = reverse("customers:contact_edit", args=[own_customer.code, contact.pk])
    assert "Eva Ek" in client.get(edit_url).text
    edited = client.post(
        edit_url,
        {"name": "Eva Ek", "role": "Ekonomichef", "email": "eva.ek@stockholm.se"},
        follow=True,
    )
    assert "Ekonomichef" in edited.text
    contact.refresh_from_db()
    assert contact.role == "Ekonomichef"

    delete_url = reverse("customers:contact_delete", args=[own_customer.code, contact.pk])
    assert "Eva Ek" in client.get(delete_url).text
    assert own_customer.contacts.count() == 1
    removed = client.post(delete_url, follow=True)
    assert own_customer.contacts.count() == 0
    assert "Eva Ek" not in removed.text


def test_it_refuses_a_contact_with_an_invalid_email_in_swedish(client_for, own_customer):
    client = client_for("unit_manager")
    contact = CustomerContact.objects.create(
        customer=own_customer, name="Eva Ek", email="eva@ek.se"
    )
    created = client.post(
        reverse("customers:contact_create", args=[own_customer.code]),
        {"name": "Olle Ek", "email": "olle.ek"},
    )
    edited = client.post(
        reverse("customers:contact_edit", args=[own_customer.code, contact.pk]),
        {"name": "Eva Ek", "email": "eva@"},
    )
    assert INVALID_EMAIL in created.text
    assert "Olle Ek" in created.text
    assert INVALID_EMAIL in edited.text
    assert list(own_customer.contacts.values_list("email", flat=True)) == ["eva@ek.se"]


def test_it_finds_no_contact_under_another_customers_code(client_for, own_customer, other_customer):
    contact = CustomerContact.objects.create(customer=other_customer, name="Eva Ek")
    client = client_for("unit_manager")
    for name in ["customers:contact_edit", "customers:contact_delete"]:
        url = reverse(name, args=[own_customer.code, contact.pk])
        assert client.post(url, {"name": "Kapad"}).status_code == 404
    contact.refresh_from_db()
    assert contact.name == "Eva Ek"


# Approved deviating routines


def deviation(customer, approved_on, description):
    return RoutineDeviation.objects.create(
        customer=customer,
        description=description,
        approved_on=approved_on,
        approved_by="Förvaltningschefen",
    )


def test_it_lists_deviations_newest_first(client_for, own_customer):
    client = client_for("unit_manager")
    for approved_on, text in [("2011-05-02", "Äldre rutin"), ("2012-01-16", "Nyare rutin")]:
        client.post(
            reverse("customers:deviation_create", args=[own_customer.code]),
            {"description": text, "approved_on": approved_on, "approved_by": "Kerstin Berg"},
        )
    page = client.get(reverse("customers:detail", args=[own_customer.code])).text
    assert own_customer.deviations.count() == 2
    assert page.index("Nyare rutin") < page.index("Äldre rutin")
    assert "2012-01-16" in page
    assert "Kerstin Berg" in page


def test_it_edits_and_removes_a_deviation(client_for, own_customer):
    client = client_for("unit_manager")
    routine = deviation(own_customer, date(2012, 2, 1), "Manuella fakturor veckovis")
    client.post(
        reverse("customers:deviation_edit", args=[own_customer.code, routine.pk]),
        {
            "description": "Manuella fakturor dagligen",
            "approved_on": "2012-02-01",
            "approved_by": "Kerstin Berg",
        },
    )
    routine.refresh_from_db()
    assert routine.description == "Manuella fakturor dagligen"
    assert routine.approved_by == "Kerstin Berg"
    client.post(reverse("customers:deviation_delete", args=[own_customer.code, routine.pk]))
    assert not own_customer.deviations.exists()


def test_it_refuses_a_deviation_approved_in_the_future_in_swedish(client_for, own_customer):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_for("unit_manager").post(
        reverse("customers:deviation_create", args=[own_customer.code]),
        {
            "description": "Framtida rutin",
            "approved_on": tomorrow.isoformat(),
            "approved_by": "Kerstin",
        },
    )
    assert "Godkännandedatumet kan inte ligga i framtiden." in response.text
    assert "Framtida rutin" in response.text
    assert not own_customer.deviations.exists()


def test_it_requires_the_text_date_and_approver_of_a_deviation(client_for, own_customer):
    response = client_for("unit_manager").post(
        reverse("customers:deviation_create", args=[own_customer.code]),
        {"description": "", "approved_on": "", "approved_by": ""},
    )
    assert response.text.count("Detta fält måste fyllas i.") == 3
    assert not own_customer.deviations.exists()


# Scoping and permissions


def test_a_bound_controller_sees_and_exports_only_their_customer(client_for, own_customer):
    client = client_for("bound_controller")
    page = client.get(reverse("customers:list"))
    for query in [{}, {"q": "SPTE"}, {"kind": "district"}]:
        exported = xlsx_rows(client.get(reverse("customers:list"), {**query, "export": "xlsx"}))
        assert [row[0] for row in exported[1:]] in (["RIKI"], [])
    exported_csv = csv_rows(client.get(reverse("customers:list"), {"export": "csv"}))
    assert [row.record.code for row in page.context["table"].page.object_list] == ["RIKI"]
    assert [row[0] for row in exported_csv[1:]] == ["RIKI"]
    assert "Spånga" not in page.text


def test_a_bound_controller_gets_404_for_another_customer(client_for, other_customer):
    client = client_for("bound_controller")
    assert client.get(reverse("customers:detail", args=["SPTE"])).status_code == 404
    assert client.get(reverse("customers:detail", args=["FINNSEJ"])).status_code == 404


def test_a_bound_controller_reads_own_contacts_but_may_not_change_anything(
    client_for, own_customer
):
    contact = CustomerContact.objects.create(customer=own_customer, name="Eva Ek")
    routine = deviation(own_customer, date(2012, 2, 1), "Veckovis")
    client = client_for("bound_controller")
    page = client.get(reverse("customers:detail", args=[own_customer.code]))
    assert "Eva Ek" in page.text
    assert reverse("customers:contact_edit", args=["RIKI", contact.pk]) not in page.text
    code = own_customer.code
    writes = [
        (reverse("customers:create"), new_customer()),
        (reverse("customers:edit", args=[code]), customer_data(own_customer, name="X")),
        (reverse("customers:set_active", args=[code]), {"active": "0"}),
        (reverse("customers:contact_create", args=[code]), {"name": "Olle"}),
        (reverse("customers:contact_edit", args=[code, contact.pk]), {"name": "Olle"}),
        (reverse("customers:contact_delete", args=[code, contact.pk]), {}),
        (reverse("customers:deviation_create", args=[code]), {}),
        (reverse("customers:deviation_edit", args=[code, routine.pk]), {}),
        (reverse("customers:deviation_delete", args=[code, routine.pk]), {}),
    ]
    for url, data in writes:
        assert client.post(url, data).status_code == 403, url
    own_customer.refresh_from_db()
    assert own_customer.is_active
    assert own_customer.name == "Rinkeby-Kista stadsdelsförvaltning"
    assert list(own_customer.contacts.values_list("name", flat=True)) == ["Eva Ek"]
    assert own_customer.deviations.count() == 1


def test_readers_see_no_edit_links(client_for, own_customer):
    for role in ["head", "officer", "controller"]:
        page = client_for(role).get(reverse("customers:detail", args=[own_customer.code]))
        assert reverse("customers:contact_create", args=["RIKI"]) not in page.text
        assert reverse("customers:edit", args=["RIKI"]) not in page.text


# Never delete a customer with records


def admin_delete_url(customer):
    return reverse("admin:customers_customer_delete", args=[customer.pk])


def test_admin_cannot_delete_a_customer_with_an_agreement(client_for, other_customer):
    ServiceAgreement.objects.get_or_create(customer=other_customer, year=2013)
    client = client_for("admin")
    assert client.get(admin_delete_url(other_customer)).status_code == 403
    assert client.post(admin_delete_url(other_customer), {"post": "yes"}).status_code == 403
    assert Customer.objects.filter(pk=other_customer.pk).exists()


def test_admin_cannot_delete_a_customer_that_a_user_is_bound_to(client_for, own_customer):
    # Any relation counts, not a list of known ones: here the bound controller's account.
    client = client_for("admin")
    assert client.get(admin_delete_url(own_customer)).status_code == 403


def test_admin_can_delete_a_customer_with_only_contacts_and_deviations(client_for):
    unit = Unit.objects.get(code="E2")
    customer = Customer.objects.create(
        code="FEL", name="Felregistrerad", kind="specialist", manager_unit=unit
    )
    CustomerContact.objects.create(customer=customer, name="Eva Ek")
    deviation(customer, date(2012, 2, 1), "Veckovis")
    client = client_for("admin")
    assert client.get(admin_delete_url(customer)).status_code == 200
    client.post(admin_delete_url(customer), {"post": "yes"})
    assert not Customer.objects.filter(code="FEL").exists()
    assert not CustomerContact.objects.filter(name="Eva Ek").exists()


def test_admin_offers_no_bulk_delete_of_customers(client_for, own_customer):
    client = client_for("admin")
    changelist = client.get(reverse("admin:customers_customer_changelist"))
    change = client.get(reverse("admin:customers_customer_change", args=[own_customer.pk]))
    assert changelist.status_code == 200
    assert "delete_selected" not in changelist.text
    assert 'name="is_active"' in change.text
    assert admin_delete_url(own_customer) not in change.text


# Panels filled by later capabilities


@pytest.fixture
def panel_templates():
    engine = settings.TEMPLATES[0]
    templates = {
        "tests/_volumes.html": '<section class="panel"><h2>Volymer</h2>'
        "<p>{{ customer.code }}: {{ invoices }} fakturor</p></section>",
        "tests/_internal.html": "<p>Intern anteckning</p>",
    }
    loaders = [
        ("django.template.loaders.locmem.Loader", templates),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    options = {**engine["OPTIONS"], "loaders": loaders}
    registered = list(customer_page.panels)
    with override_settings(TEMPLATES=[{**engine, "APP_DIRS": False, "OPTIONS": options}]):
        yield
    customer_page.panels = registered


def test_the_customer_page_shows_registered_panels_to_whom_their_rule_permits(
    client_for, own_customer, panel_templates
):
    seen = []

    def volumes(request, customer):
        seen.append((request.user.username, customer.code))
        return {"invoices": 1250}

    customer_page.register("tests/_volumes.html", volumes, order=1)
    customer_page.register("tests/_volumes.html", volumes, order=1)
    customer_page.register(
        "tests/_internal.html", lambda request, customer: {}, order=2, rule=access.STAFF_READ
    )

    officer_page = client_for("officer").get(reverse("customers:detail", args=["RIKI"])).text
    controller_page = (
        client_for("bound_controller").get(reverse("customers:detail", args=["RIKI"])).text
    )

    assert officer_page.count("RIKI: 1250 fakturor") == 1
    assert "Intern anteckning" in officer_page
    assert "RIKI: 1250 fakturor" in controller_page
    assert "Intern anteckning" not in controller_page
    assert seen == [("handlaggare", "RIKI"), ("controller.riki", "RIKI")]
