import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from customers.agreements import selectors as agreement_selectors
from customers.agreements import services as agreement_services
from customers.agreements.services import ServiceTerms
from customers.agreements.views import agreement_panel_context
from customers.models import (
    AgreementAddendum,
    AgreementService,
    Customer,
    Service,
    ServiceAgreement,
)
from tests.customers.agreement_helpers import agreement, form_data, load_demo_agreements

ADD = AgreementAddendum.Action.ADD
END = AgreementAddendum.Action.END
MANDATORY = ["KR", "LR", "KB", "SYS"]
TOO_SMALL = "Kontrollera att detta värde är större än eller lika med 1."


@pytest.fixture
def agreements(demo):
    load_demo_agreements()


def service(code):
    return Service.objects.get(code=code)


def codes(services_by_id):
    return [item.service.code for item in services_by_id.values()]


def services_section(response):
    # The table of services in force: between its heading and the addenda.
    html = response.content.decode()
    return html[html.index("Tjänster som gäller") : html.index("<h2>Tilläggsöverenskommelser")]


# --- creating and editing ------------------------------------------------------------------


def test_it_always_includes_the_mandatory_services(demo, own_customer):
    created = agreement_services.agreement_create(customer=own_customer, year=2013)
    rows = {row.service.code: row for row in created.services.select_related("service")}
    assert list(rows) == MANDATORY
    assert rows["KB"].lead_time_days == 2
    assert rows["KB"].interface_text == service("KB").interface_text
    assert created.status == ServiceAgreement.Status.DRAFT


def test_a_mandatory_service_left_out_of_an_update_stays_with_its_terms(demo, own_customer):
    created = agreement_services.agreement_create(
        customer=own_customer, year=2013, services=[ServiceTerms(service("KR"), lead_time_days=3)]
    )
    agreement_services.agreement_update(
        agreement=created, services=[ServiceTerms(service("BAL"), estimated_hours=Decimal("40"))]
    )
    rows = {row.service.code: row for row in created.services.select_related("service")}
    assert list(rows) == [*MANDATORY, "BAL"]
    assert rows["KR"].lead_time_days == 3


def test_it_creates_an_agreement_with_add_ons_hours_scope_and_own_lead_times(
    client_for, own_customer
):
    data = form_data(
        year=2013,
        KR={"lead_time_days": "3", "interface_text": "Eget gränssnitt för kundreskontran."},
        R2R={"included": "on", "estimated_hours": "420", "scope_note": "Månadsbokslut."},
    )
    response = client_for("unit_manager").post(
        reverse("customers:agreement_create", kwargs={"code": "RIKI"}), data
    )
    assert response.status_code == 302
    created = agreement("RIKI", 2013)
    rows = {row.service.code: row for row in created.services.select_related("service")}
    assert list(rows) == [*MANDATORY, "R2R"]
    assert rows["KR"].lead_time_days == 3
    assert rows["KR"].interface_text == "Eget gränssnitt för kundreskontran."
    assert rows["R2R"].estimated_hours == Decimal("420.0")
    assert rows["R2R"].scope_note == "Månadsbokslut."
    assert rows["R2R"].lead_time_days == 10
    assert rows["R2R"].interface_text == service("R2R").interface_text


def test_a_mandatory_service_cannot_be_unticked(client_for, own_customer):
    # A browser does not post a disabled checkbox; a crafted request posts "off".
    data = form_data(year=2013, KR={"included": ""}, LR={"included": "off"})
    client_for("unit_manager").post(
        reverse("customers:agreement_create", kwargs={"code": "RIKI"}), data
    )
    assert [row.service.code for row in agreement("RIKI", 2013).services.all()] == MANDATORY


@pytest.mark.parametrize("lead_time", ["0", "-3"])
def test_a_lead_time_below_one_day_gets_a_swedish_field_error_and_nothing_is_saved(
    client_for, own_customer, lead_time
):
    data = form_data(
        year=2013,
        LR={"lead_time_days": lead_time},
        BAL={"included": "on", "estimated_hours": "55", "scope_note": "Varje månad."},
    )
    response = client_for("unit_manager").post(
        reverse("customers:agreement_create", kwargs={"code": "RIKI"}), data
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert TOO_SMALL in html
    assert 'id="id_LR-lead_time_days_error"' in html
    # What the user typed is still there.
    assert "Varje månad." in html
    assert not ServiceAgreement.objects.filter(customer=own_customer, year=2013).exists()


def test_the_service_refuses_a_zero_lead_time_and_saves_nothing(demo, own_customer):
    with translation.override("sv"), pytest.raises(ValidationError) as error:
        agreement_services.agreement_create(
            customer=own_customer, year=2013, services=[ServiceTerms(service("KR"), 0)]
        )
    assert error.value.messages == [f"Kundreskontra: {TOO_SMALL}"]
    assert not ServiceAgreement.objects.filter(year=2013).exists()
    assert not AgreementService.objects.filter(agreement__year=2013).exists()


def test_a_second_agreement_for_a_year_gets_a_swedish_field_error(client_for, agreements):
    response = client_for("unit_manager").post(
        reverse("customers:agreement_create", kwargs={"code": "RIKI"}), form_data(year=2012)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_year_error"' in html
    assert "Kunden har redan ett serviceavtal för det året." in html
    assert ServiceAgreement.objects.filter(customer__code="RIKI").count() == 1


def test_editing_a_draft_replaces_its_add_ons(client_for, own_customer):
    agreement_services.agreement_create(
        customer=own_customer, year=2013, services=[ServiceTerms(service("TP"))]
    )
    url = reverse("customers:agreement_edit", kwargs={"code": "RIKI", "year": 2013})
    client = client_for("admin")
    assert re.search(r'name="TP-included"[^>]*checked', client.get(url).content.decode())
    response = client.post(url, form_data(BFO={"included": "on", "estimated_hours": "12.5"}))
    assert response.status_code == 302
    codes_after = [row.service.code for row in agreement("RIKI", 2013).services.all()]
    assert codes_after == [*MANDATORY, "BFO"]


def test_a_signed_agreement_is_changed_only_by_addenda(client_for, agreements):
    url = reverse("customers:agreement_edit", kwargs={"code": "RIKI", "year": 2012})
    response = client_for("unit_manager").post(url, form_data(), follow=True)
    assert "Ett signerat avtal kan inte ändras" in response.content.decode()
    assert [row.service.code for row in agreement("RIKI").services.all()] == [
        *MANDATORY,
        "R2R",
        "BAL",
        "INT",
        "BFO",
    ]


# --- signing -------------------------------------------------------------------------------


def test_signing_records_the_date_and_both_signatories(client_for, own_customer):
    agreement_services.agreement_create(customer=own_customer, year=2013)
    url = reverse("customers:agreement_sign", kwargs={"code": "RIKI", "year": 2013})
    response = client_for("unit_manager").post(
        url,
        {"signed_on": "2012-12-14", "customer_signatory": "Eva Ek", "our_signatory": "Per Al"},
        follow=True,
    )
    signed = agreement("RIKI", 2013)
    assert signed.status == ServiceAgreement.Status.SIGNED
    assert signed.signed_on == date(2012, 12, 14)
    assert (signed.customer_signatory, signed.our_signatory) == ("Eva Ek", "Per Al")
    assert "Signerat" in response.content.decode()


def test_signing_without_a_signatory_is_refused(client_for, own_customer):
    agreement_services.agreement_create(customer=own_customer, year=2013)
    url = reverse("customers:agreement_sign", kwargs={"code": "RIKI", "year": 2013})
    response = client_for("unit_manager").post(
        url, {"signed_on": "2012-12-14", "customer_signatory": "Eva Ek", "our_signatory": ""}
    )
    assert "Detta fält måste fyllas i." in response.content.decode()
    assert agreement("RIKI", 2013).status == ServiceAgreement.Status.DRAFT


def test_the_model_refuses_a_signed_agreement_without_signatories(demo, own_customer):
    unsigned = ServiceAgreement(customer=own_customer, year=2013, status="signed")
    with translation.override("sv"), pytest.raises(ValidationError) as error:
        unsigned.full_clean()
    assert error.value.messages == [
        "Ett signerat avtal måste ha datum för underskrift och båda undertecknarna."
    ]


# --- addenda -------------------------------------------------------------------------------


def addendum_url(code="RIKI", year=2012):
    return reverse("customers:agreement_addendum_create", kwargs={"code": code, "year": year})


def test_an_addendum_adds_an_add_on_from_its_date(client_for, agreements):
    response = client_for("unit_manager").post(
        addendum_url(),
        {
            "action": "add",
            "service": service("TP").pk,
            "effective_date": "2012-05-01",
            "estimated_hours": "30",
            "scope_note": "Projekt för Järvalyftet.",
        },
    )
    assert response.status_code == 302
    added = AgreementAddendum.objects.get(agreement=agreement("RIKI"), service__code="TP")
    # Lead time and interface come from the catalogue when left empty.
    assert added.lead_time_days == 10
    assert added.interface_text == service("TP").interface_text


def test_an_addendum_dated_outside_the_year_gets_a_swedish_field_error(client_for, agreements):
    before = AgreementAddendum.objects.count()
    response = client_for("unit_manager").post(
        addendum_url(),
        {"action": "add", "service": service("TP").pk, "effective_date": "2013-01-01"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_effective_date_error"' in html
    assert "Datumet måste ligga inom avtalsåret 2012." in html
    assert AgreementAddendum.objects.count() == before


def test_the_addendum_form_offers_only_add_on_services(client_for, agreements):
    html = client_for("unit_manager").get(addendum_url()).content.decode()
    assert "Anläggningsredovisning" in html
    assert "Kundreskontra" not in html


def test_ending_a_mandatory_service_is_refused(agreements):
    with translation.override("sv"), pytest.raises(ValidationError) as error:
        agreement_services.addendum_create(
            agreement=agreement("RIKI"),
            service=service("LR"),
            action=END,
            effective_date=date(2012, 6, 1),
        )
    assert error.value.message_dict == {
        "service": ["Leverantörsreskontra är en obligatorisk tjänst och kan inte avslutas."]
    }
    assert not AgreementAddendum.objects.filter(agreement__customer__code="RIKI").exists()


@pytest.mark.parametrize(
    ("action", "code", "message"),
    [
        (ADD, "R2R", "Redovisning till rapportering inkl. bokslut gäller redan 2012-06-01."),
        (END, "ANL", "Anläggningsredovisning gäller inte 2012-06-01 och kan därför inte avslutas."),
    ],
)
def test_an_addendum_must_fit_what_is_in_force(agreements, action, code, message):
    with translation.override("sv"), pytest.raises(ValidationError) as error:
        agreement_services.addendum_create(
            agreement=agreement("RIKI"),
            service=service(code),
            action=action,
            effective_date=date(2012, 6, 1),
        )
    assert error.value.message_dict == {"service": [message]}


def test_an_addendum_cannot_contradict_a_later_one(agreements):
    # SKAR adds ANL from 1 September; adding it from May as well would make that one void.
    with translation.override("sv"), pytest.raises(ValidationError) as error:
        agreement_services.addendum_create(
            agreement=agreement("SKAR"),
            service=service("ANL"),
            action=ADD,
            effective_date=date(2012, 5, 1),
        )
    assert error.value.messages == [
        "Det skulle motsäga den senare tilläggsöverenskommelsen från 2012-09-01 om "
        "Anläggningsredovisning."
    ]


def test_an_add_on_can_be_ended_and_added_again(agreements):
    skar = agreement("SKAR")
    agreement_services.addendum_create(
        agreement=skar, service=service("ANL"), action=END, effective_date=date(2012, 11, 1)
    )
    agreement_services.addendum_create(
        agreement=skar, service=service("ANL"), action=ADD, effective_date=date(2012, 12, 1)
    )
    on = {
        day: codes(agreement_selectors.agreement_services_on(customer_id=skar.customer_id, on=day))
        for day in (date(2012, 11, 15), date(2012, 12, 1))
    }
    assert "ANL" not in on[date(2012, 11, 15)]
    assert "ANL" in on[date(2012, 12, 1)]


def test_a_draft_takes_no_addenda(demo, own_customer):
    draft = agreement_services.agreement_create(customer=own_customer, year=2013)
    with translation.override("sv"), pytest.raises(ValidationError) as error:
        agreement_services.addendum_create(
            agreement=draft, service=service("TP"), action=ADD, effective_date=date(2013, 3, 1)
        )
    assert error.value.messages == [
        "Tilläggsöverenskommelser görs till signerade avtal; ändra utkastet i stället."
    ]


# --- what applies on a date ----------------------------------------------------------------


def test_services_on_a_date_fold_in_the_addenda_up_to_that_date(agreements):
    skar, utb = agreement("SKAR").customer_id, agreement("UTB").customer_id
    before = agreement_selectors.agreement_services_on(customer_id=skar, on=date(2012, 8, 31))
    after = agreement_selectors.agreement_services_on(customer_id=skar, on=date(2012, 9, 1))
    assert codes(before) == [*MANDATORY, "R2R", "BAL"]
    assert codes(after) == [*MANDATORY, "ANL", "R2R", "BAL"]
    anl = after[service("ANL").pk]
    assert (anl.since, anl.estimated_hours, anl.lead_time_days) == (
        date(2012, 9, 1),
        Decimal("80.0"),
        10,
    )
    assert "TP" in codes(
        agreement_selectors.agreement_services_on(customer_id=utb, on=date(2012, 6, 30))
    )
    assert "TP" not in codes(
        agreement_selectors.agreement_services_on(customer_id=utb, on=date(2012, 7, 1))
    )


def test_services_on_a_date_need_a_signed_agreement_for_that_year(agreements, own_customer):
    agreement_services.agreement_create(
        customer=own_customer, year=2013, services=[ServiceTerms(service("TP"))]
    )
    on = agreement_selectors.agreement_services_on
    assert on(customer_id=own_customer.pk, on=date(2013, 2, 1)) == {}
    assert on(customer_id=own_customer.pk, on=date(2011, 12, 31)) == {}
    assert on(customer_id=own_customer.pk, on=date(2012, 12, 31))[service("BFO").pk].is_add_on


def test_services_on_a_date_take_two_queries(agreements, django_assert_num_queries):
    skar = agreement("SKAR").customer_id
    with django_assert_num_queries(2):
        agreement_selectors.agreement_services_on(customer_id=skar, on=date(2012, 10, 1))


def test_the_agreement_page_shows_what_applied_on_the_chosen_date(client_for, agreements):
    url = reverse("customers:agreement_detail", kwargs={"code": "SKAR", "year": 2012})
    client = client_for("officer")
    before = services_section(client.get(url, {"datum": "2012-08-31"}))
    after = services_section(client.get(url, {"datum": "2012-09-01"}))
    assert "Tjänster som gäller 2012-08-31" in before
    assert "Anläggningsredovisning" not in before
    assert "Anläggningsredovisning" in after
    assert "Redovisning till rapportering inkl. bokslut" in after


def test_a_date_outside_the_agreements_year_gets_an_error(client_for, agreements):
    url = reverse("customers:agreement_detail", kwargs={"code": "SKAR", "year": 2012})
    response = client_for("officer").get(url, {"datum": "2013-02-01"})
    assert response.status_code == 200
    assert "Välj ett datum under 2012." in response.content.decode()


# --- the list ------------------------------------------------------------------------------


def list_rows(response):
    return re.findall(r'href="/kunder/([^/]+)/avtal/2012/"', response.content.decode())


def test_the_list_filters_by_kind_and_status(client_for, agreements):
    client = client_for("head")
    url = reverse("customers:agreement_list")
    assert len(list_rows(client.get(url, {"kind": "district", "year": "2012"}))) == 14
    assert list_rows(client.get(url, {"status": "draft"})) == []


def test_the_list_exports_what_is_filtered(client_for, agreements):
    response = client_for("head").get(
        reverse("customers:agreement_list"), {"kind": "district", "export": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 14
    assert rows[0][0] == "Kund"
    riki = next(row for row in rows if row[0] == "RIKI")
    assert "R2R, BAL, INT, BFO" in riki


# --- scoping -------------------------------------------------------------------------------


def test_a_bound_controller_sees_only_their_own_customers_agreement(client_for, agreements):
    client = client_for("bound_controller")
    own = reverse("customers:agreement_detail", kwargs={"code": "RIKI", "year": 2012})
    other = reverse("customers:agreement_detail", kwargs={"code": "SPTE", "year": 2012})
    assert client.get(own).status_code == 200
    assert client.get(other).status_code == 404
    assert list_rows(client.get(reverse("customers:agreement_list"))) == ["RIKI"]
    export = client.get(reverse("customers:agreement_list"), {"export": "csv"})
    lines = export.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 2
    assert lines[1].startswith("RIKI;")


def test_a_bound_controller_cannot_write(client_for, agreements):
    client = client_for("bound_controller")
    assert client.get(addendum_url()).status_code == 403
    assert client.get(reverse("customers:agreement_next_year")).status_code == 403


# --- the customer page's panel -------------------------------------------------------------


def test_the_panel_shows_the_agreement_and_its_addenda(agreements):
    skar = agreement("SKAR").customer
    html = render_to_string(
        "customers/_agreement_panel.html",
        {
            "customer": skar,
            "agreement_summary": agreement_selectors.agreement_summary(
                customer=skar, on=date(2012, 9, 15)
            ),
        },
    )
    assert "Serviceavtal 2012" in html
    assert "Tjänster som gäller 2012-09-15" in html
    assert "2012-09-01: Lägg till tjänst \N{EN DASH} Anläggningsredovisning" in html
    assert reverse("customers:agreement_detail", kwargs={"code": "SKAR", "year": 2012}) in html


def test_the_panel_offers_a_new_agreement_when_the_customer_has_none(own_customer, users, rf):
    customer = Customer.objects.create(
        code="NYKD", name="Ny kund", kind="specialist", manager_unit=own_customer.manager_unit
    )
    request = rf.get("/")
    request.user = users["unit_manager"]
    html = render_to_string(
        "customers/_agreement_panel.html",
        {"customer": customer, **agreement_panel_context(request, customer)},
    )
    assert "Det finns inget serviceavtal för" in html
    assert reverse("customers:agreement_create", kwargs={"code": "NYKD"}) in html


def test_the_panel_shows_the_latest_agreement_at_its_year_end_and_offers_this_years(
    own_customer, users, rf
):
    request = rf.get("/")
    request.user = users["unit_manager"]
    html = render_to_string(
        "customers/_agreement_panel.html",
        {"customer": own_customer, **agreement_panel_context(request, own_customer)},
    )
    assert "Serviceavtal 2012" in html
    assert "Tjänster som gäller 2012-12-31" in html
    assert reverse("customers:agreement_create", kwargs={"code": "RIKI"}) in html


# --- demo data -----------------------------------------------------------------------------


def test_the_demo_signs_a_2012_agreement_for_every_customer_and_a_rerun_changes_nothing(demo):
    load_demo_agreements()
    signed = ServiceAgreement.objects.filter(year=2012, status=ServiceAgreement.Status.SIGNED)
    assert signed.count() == 33
    assert all(a.signed_on.year == 2011 and a.signed_on.month == 12 for a in signed)
    districts = signed.filter(customer__kind="district")
    assert districts.filter(services__service__code="R2R").count() >= 10
    assert 1 <= signed.filter(services__service__code="ANL").count() <= 10
    history = ServiceAgreement.history.count() + AgreementService.history.count()
    addenda = AgreementAddendum.objects.count()
    assert addenda >= 2
    load_demo_agreements()
    assert ServiceAgreement.history.count() + AgreementService.history.count() == history
    assert AgreementAddendum.objects.count() == addenda
