import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def nav_labels(page):
    return [text.strip() for text in page.locator("nav.main-nav a").all_inner_texts()]


def test_unit_manager_sees_all_customers_and_can_create(demo_live, login):
    page = login("enhetschef")
    assert "Kunder" in nav_labels(page)
    page.get_by_role("link", name="Kunder", exact=True).first.click()
    assert page.get_by_role("link", name="Ny kund").is_visible()
    rows = page.locator("table tbody tr")
    assert rows.count() == 25  # first page of the 33 demo customers
    assert page.get_by_role("link", name="RIKI", exact=True).is_visible()


def test_bound_controller_sees_only_their_customer(demo_live, login):
    page = login("controller.riki")
    assert "Kunder" in nav_labels(page)
    page.get_by_role("link", name="Kunder", exact=True).first.click()
    rows = page.locator("table tbody tr")
    assert rows.count() == 1
    assert "RIKI" in rows.first.inner_text()
    assert page.get_by_role("link", name="Ny kund").count() == 0
    response = page.goto("/kunder/SPTE/")
    assert response.status == 404
