import pytest

from indicators.charts import render_svg, trend_spec
from tests.indicators.helpers import employee, volume

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def figures(demo_live):
    employee("E1", {"AR": 100})
    employee("E2", {"AR": 100})
    for month in ("2012-05", "2012-06"):
        volume("RIKI", "KR-FS", month, 4700)
        volume("SPTE", "KR-FS", month, 4000)
    # The live server runs in this process: start its Vega engine here, not while the browser
    # waits for the first chart (slow on a busy machine).
    render_svg(
        trend_spec([], value_label="x", target_label="y", axis_title="z"),
        title="t",
        description="d",
    )


def test_the_management_group_switches_period_and_drills_down_to_a_unit(figures, login):
    page = login("chef")
    page.get_by_role("link", name="Indikatorer", exact=True).first.click()
    page.wait_for_url("**/indikatorer/")
    assert page.locator("h1").inner_text() == "Indikatorer juni 2012"
    page.get_by_label("Period", exact=True).select_option(label="T2 2012")
    page.get_by_role("button", name="Visa").click()
    page.wait_for_url("**period=2012-T2**")
    assert page.locator("h1").inner_text() == "Indikatorer T2 2012"
    row = page.locator("tbody tr").filter(has_text="Kundfakturor per årsarbetare och månad").first
    # May and June: (9 400 + 8 000) invoices over 2 FTE x 4 months of the tertial.
    assert "2\u00a0175" in row.inner_text()
    assert "Ej uppnått" in row.inner_text()
    chart = page.locator("img[src*='ar_productivity.svg']")
    chart.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=chart.element_handle(), timeout=45000
    )
    page.get_by_role("link", name="Enhet 2", exact=True).first.click()
    page.wait_for_url("**enhet=E2**")
    assert page.locator("h1").inner_text() == "Indikatorer T2 2012 \u2013 Enhet 2"
    assert "2\u00a0000" in page.locator("tbody tr").first.inner_text()
    page.get_by_role("link", name="Enhet 2 per månad").click()
    page.wait_for_url("**/indikatorer/enheter/E2/**")
    assert page.locator("h1").inner_text() == "Enhet 2 per månad 2012"


def test_the_charts_of_a_page_load_together_without_a_server_error(figures, login):
    page = login("chef")
    page.goto("/indikatorer/")
    charts = page.locator("img[src*='/indikatorer/diagram/']").evaluate_all(
        "images => images.map(image => image.getAttribute('src'))"
    )
    assert len(charts) > 1
    statuses = page.evaluate(
        "urls => Promise.all(urls.map(url => fetch(url).then(response => response.status)))",
        charts * 4,
    )
    assert set(statuses) == {200}
