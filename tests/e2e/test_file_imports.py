"""An officer imports hours from a file whose headings nobody taught the system: maps the columns
once, checks the preview and confirms, and the next file with those headings is read by itself.
axe-core checks the mapping page and the preview."""

from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from invoicing.models import BilledMonth, TimeEntry
from tests.ekonomi.tabular_files import csv_bytes
from tests.invoicing.time_helpers import new_customer, sign_agreement

pytestmark = pytest.mark.django_db(transaction=True)

HEADER = ["Resurs", "Kst", "Aktivitetskod", "Transdatum", "Antal", "Attest"]


@pytest.fixture
def customer(demo_live):
    customer = new_customer("TIDA")
    sign_agreement(customer, services=("R2R", "TP"))
    return customer


def upload(page, tmp_path, name, rows, header=HEADER):
    path = tmp_path / name
    path.write_bytes(csv_bytes([header, *rows], encoding="cp1252"))
    page.goto(reverse("invoicing:time_import"))
    page.get_by_label("Fil med timmar").set_input_files(str(path))
    page.get_by_role("button", name="Läs in").click()


def serious_violations(page):
    return [
        v["id"]
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_unknown_headings_are_mapped_once_and_the_next_file_is_read_by_itself(
    customer, login, tmp_path
):
    page = login("handlaggare")
    upload(page, tmp_path, "mars.csv", [["handlaggare", "TIDA", "R2R", "2012-03-05", "7,5", "JA"]])

    expect(page.get_by_role("heading", name="Vilken kolumn är vilken?")).to_be_visible()
    table = page.get_by_role("table", name="Filens kolumner")
    expect(table).to_contain_text("Transdatum")
    expect(table).to_contain_text("2012-03-05")
    assert serious_violations(page) == []

    page.get_by_label("Källans namn").fill("Agresso tidrapport")
    for letter, field in [
        ("A", "Person"),
        ("B", "Förvaltning"),
        ("C", "Tjänst"),
        ("D", "Datum"),
        ("E", "Timmar"),
    ]:
        page.get_by_label(f"Kolumn {letter} (", exact=False).select_option(label=field)
    page.get_by_role("button", name="Spara kolumnerna och läs in").click()

    # Nothing is saved before the preview is confirmed.
    expect(page.get_by_role("heading", name="Innan mars.csv läses in")).to_be_visible()
    preview = page.get_by_role("table", name="Det här gör importen")
    expect(preview.get_by_role("row", name="Nya rader")).to_contain_text("1")
    expect(page.get_by_text("Kolumn F (Attest) lästes inte.")).to_be_visible()
    assert serious_violations(page) == []
    assert not TimeEntry.objects.exists()
    page.get_by_role("button", name="Bekräfta import").click()
    expect(page.get_by_text("mars.csv lästes in: 1 nya rader")).to_be_visible()

    upload(page, tmp_path, "april.csv", [["handlaggare", "TIDA", "TP", "2012-04-02", "2", "JA"]])
    expect(page.get_by_role("heading", name="Innan april.csv läses in")).to_be_visible()
    page.get_by_role("button", name="Bekräfta import").click()
    expect(page.get_by_text("april.csv lästes in: 1 nya rader")).to_be_visible()
    expect(page.get_by_text("Kolumnerna lästes som källan ”Agresso tidrapport”.")).to_be_visible()
    assert TimeEntry.objects.count() == 2


def test_hours_in_a_billed_month_are_imported_once_the_box_is_ticked(customer, login, tmp_path):
    BilledMonth.objects.create(month=date(2012, 3, 1))
    page = login("handlaggare")
    header = ["Person", "Förvaltning", "Tjänst", "Datum", "Timmar"]
    upload(page, tmp_path, "mars.csv", [["handlaggare", "TIDA", "R2R", "2012-03-05", "2"]], header)

    expect(page.get_by_text("2012-03 är redan fakturerad: filens rader")).to_be_visible()
    box = page.get_by_label("Jag bekräftar detta och vill att filen läses in")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Bekräfta import").click()
    unticked = page.get_by_text("Kryssa i rutan för att bekräfta, eller avbryt importen.")
    expect(unticked).to_be_visible()
    assert not TimeEntry.objects.exists()
    assert serious_violations(page) == []

    box.check()
    page.get_by_role("button", name="Bekräfta import").click()
    expect(page.get_by_text("mars.csv lästes in: 1 nya rader")).to_be_visible()
    assert TimeEntry.objects.count() == 1
