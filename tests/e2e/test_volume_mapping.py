"""An officer uploads an extract whose headings the house does not know, maps its columns once,
and the next file with the same headings is read with the saved profile by itself."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.invoicing.volume_helpers import agree_2012, csv_bytes

pytestmark = pytest.mark.django_db(transaction=True)

HEADER = ["Bolag", "Tjänsteslag", "Bokf.dag", "Löpnummer-ID", "Kronor", "Kommentar"]
FIELDS = ["Förvaltning", "Prispost", "Datum", "Verifikation", "Belopp", "Läs inte"]
SERIOUS = {"serious", "critical"}


@pytest.fixture
def agreements(demo_live, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agree_2012()


def upload(page, name, rows):
    page.goto("/debitering/volymer/importer/ny/")
    page.get_by_label("Fil från ekonomisystemet").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": csv_bytes(rows, header=HEADER)}]
    )
    page.get_by_role("button", name="Ladda upp och kontrollera").click()
    page.wait_for_url("**/volymer/importer/*/")


def serious_violations(page):
    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']}: {node['target']}"
        for v in violations
        if v["impact"] in SERIOUS
        for node in v["nodes"]
    ]


def test_an_officer_maps_unknown_columns_once_and_the_next_file_is_read_with_them(
    agreements, login
):
    page = login("handlaggare")
    upload(page, "mars.csv", [["RIKI", "KR-FS", "2012-03-01", "L1", "10,00", "x"]])

    assert page.get_by_role("heading", name="Vilken kolumn är vilken?").is_visible()
    assert page.get_by_role("cell", name="L1", exact=True).is_visible()
    assert serious_violations(page) == []
    page.get_by_label("Källans namn").fill("Agresso kundreskontra")
    for position, (heading, field) in enumerate(zip(HEADER, FIELDS, strict=True)):
        letter = "ABCDEF"[position]
        page.get_by_label(f"Kolumn {letter} ({heading})").select_option(label=field)
    page.get_by_role("button", name="Spara kolumnerna och kontrollera filen").click()
    page.wait_for_url("**/volymer/importer/*/")

    assert page.get_by_role("heading", name="Förhandsvisning").is_visible()
    assert page.get_by_text("1 rad läst: 1 nya").is_visible()

    upload(page, "april.csv", [["SPTE", "LR-EL", "2012-04-02", "L2", "5", ""]])

    assert page.get_by_role("heading", name="Förhandsvisning").is_visible()
    assert page.get_by_text(
        "Kolumnerna läses med den sparade profilen ”Agresso kundreskontra”."
    ).is_visible()
    assert page.get_by_role("heading", name="Vilken kolumn är vilken?").count() == 0
    assert serious_violations(page) == []
