"""A tertial report made in the browser by the head of operations, then found in the archive and
downloaded by a controller; axe-core on the report pages on the way."""

import io

import pypdf
import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.reports.helpers import small_year

pytestmark = pytest.mark.django_db(transaction=True)

FAILING = {"serious", "critical"}


@pytest.fixture
def year(demo_live):
    small_year()


def serious(axe, page):
    violations = axe.run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {node['target']}"
        for v in violations
        if v["impact"] in FAILING
        for node in v["nodes"]
    ]


def test_a_tertial_report_is_made_and_then_downloaded_by_a_controller(year, login, page):
    axe = Axe()
    login("chef")
    page.get_by_role("link", name="Rapporter", exact=True).first.click()
    page.wait_for_url("**/rapporter/")
    assert serious(axe, page) == []

    page.locator("#id_kind").select_option(label="Tertialrapport")
    page.locator("#id_period").fill("2012-T2")
    page.get_by_role("button", name="Skapa nu").click()
    # Without a broker the job runs as the request commits, and the page is the report's own.
    page.wait_for_url("**/rapporter/arkiv/*/", timeout=120000)
    assert page.locator("h1").inner_text() == "Tertialrapport 2012-T2"
    assert "Utkast" in page.locator("dl.facts").inner_text()
    assert serious(axe, page) == []

    page.context.clear_cookies()
    login("controller")
    page.goto("/rapporter/arkiv/?kind=tertial&period=2012")
    assert serious(axe, page) == []
    row = page.locator("tbody tr").filter(has_text="2012-T2").first
    with page.expect_download() as download:
        row.get_by_role("link", name="PDF").click()
    reader = pypdf.PdfReader(io.BytesIO(download.value.path().read_bytes()))
    assert "Tertialrapport T2 2012" in reader.pages[0].extract_text()
    assert download.value.suggested_filename == "tertialrapport-2012-t2-hela-utkast.pdf"
