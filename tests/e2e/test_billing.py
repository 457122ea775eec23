import io

import pytest
from pypdf import PdfReader

from tests.invoicing.billing_helpers import JANUARY, JANUARY_COUNTS, price_list, volumes

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def january_volumes(transactional_db):
    from django.core.management import call_command

    call_command("load_demo", "--organisation-only", stdout=io.StringIO())
    price_list()
    volumes(JANUARY, JANUARY_COUNTS)


def test_a_unit_manager_bills_a_month_and_downloads_the_specification(january_volumes, login):
    page = login("enhetschef")
    page.goto("/debitering/fakturering/2013-01/")
    assert page.locator("h1").inner_text().count("januari 2013") == 1
    assert page.get_by_text("22\u00a0800,00\u00a0kr").first.is_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Utfärda fakturor för januari 2013").click()
    # Without a broker the issue runs as the request commits, and leads back to the month.
    page.wait_for_url("**/fakturering/2013-01/")
    assert "Fakturering januari 2013: utfärdad" in page.locator("h1").inner_text()
    pdf_link = page.get_by_role("link", name="PDF 2013-000001")
    with page.expect_download() as download_info:
        pdf_link.click()
    download = download_info.value
    assert download.suggested_filename == "specifikation-2013-000001-RIKI.pdf"
    text = PdfReader(download.path()).pages[0].extract_text().replace("\u00a0", " ")
    assert "Rinkeby-Kista stadsdelsförvaltning" in text
    assert "22 050,00 kr" in text
