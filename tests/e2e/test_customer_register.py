import re

import pytest
from playwright.sync_api import expect

from customers.models import Customer

pytestmark = pytest.mark.django_db(transaction=True)


def fill_customer_form(page, code):
    page.get_by_label("Kod").fill(code)
    page.get_by_label("Namn").fill("Nya kulturdistriktet")
    page.get_by_label("Typ").select_option(label="Fackförvaltning")
    page.get_by_label("Kundansvarig enhet").select_option(label="Enhet 2")
    page.get_by_label("Funktionsbrevlåda").fill("ekonomi.nykd@stockholm.se")
    page.get_by_role("button", name="Spara").click()


def test_unit_manager_creates_a_customer_and_is_refused_a_duplicate_code(demo_live, login):
    page = login("enhetschef")
    page.get_by_role("link", name="Kunder", exact=True).first.click()
    page.get_by_role("link", name="Ny kund").click()
    fill_customer_form(page, "nykd")

    page.wait_for_url("**/kunder/NYKD/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nya kulturdistriktet")
    expect(page.get_by_text("ekonomi.nykd@stockholm.se")).to_be_visible()

    page.get_by_role("link", name="Lägg till kontaktperson").click()
    page.get_by_label("Namn").fill("Eva Ek")
    page.get_by_label("Roll").fill("Controller")
    page.get_by_label("E-post").fill("eva.ek@")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Fyll i en giltig e-postadress.")).to_be_visible()
    page.get_by_label("E-post").fill("eva.ek@stockholm.se")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url("**/kunder/NYKD/")
    expect(page.get_by_role("cell", name="Eva Ek")).to_be_visible()

    page.goto("/kunder/ny/")
    fill_customer_form(page, "riki")
    expect(page.get_by_text("Det finns redan en kund med den här koden.")).to_be_visible()
    expect(page.get_by_label("Namn")).to_have_value("Nya kulturdistriktet")
    assert Customer.objects.filter(name="Nya kulturdistriktet").count() == 1


def test_unit_manager_gives_a_new_customer_an_agreement_with_an_add_on(demo_live, login):
    page = login("enhetschef")
    page.goto("/kunder/ny/")
    fill_customer_form(page, "nykd")
    page.wait_for_url("**/kunder/NYKD/")

    page.get_by_role("link", name="Nytt serviceavtal").click()
    page.get_by_label(re.compile(r"^År")).fill("2013")
    add_on = page.locator("fieldset", has_text="R2R")
    add_on.get_by_label("Ingår").check()
    add_on.get_by_label("Uppskattade timmar").fill("120")
    page.get_by_role("button", name="Spara").click()

    page.wait_for_url("**/kunder/NYKD/avtal/2013/")
    expect(page.get_by_text("Avtalet för 2013 har skapats.")).to_be_visible()
    expect(page.get_by_text("Redovisning till rapportering inkl. bokslut").first).to_be_visible()
    agreement = Customer.objects.get(code="NYKD").agreements.get(year=2013)
    services = {s.service.code: s for s in agreement.services.select_related("service")}
    assert {"KR", "LR", "KB", "SYS", "R2R"} <= set(services)
    assert services["R2R"].estimated_hours == 120
