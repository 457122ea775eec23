"""The monthly billing by keyboard alone: every step is reached with Tab and taken with Enter,
and wherever the focus is, it can be seen."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.invoicing.billing_helpers import JANUARY, JANUARY_COUNTS, price_list, volumes

pytestmark = pytest.mark.django_db(transaction=True)

FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {
    tag: element.tagName,
    text: (element.innerText || element.value || element.getAttribute("aria-label") || "").trim(),
    name: element.getAttribute("name") || "",
    outline: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
  };
}"""


@pytest.fixture
def january_volumes(transactional_db):
    call_command("load_demo", "--organisation-only", stdout=io.StringIO())
    price_list()
    volumes(JANUARY, JANUARY_COUNTS)


def tab_to(page, wanted, limit=80):
    """Press Tab until `wanted(focused)` holds; every element passed on the way shows focus."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] == "BODY":
            continue  # the focus was still in the browser's own controls
        assert focused["outline"] != "none" and focused["width"] >= 2, focused
        if wanted(focused):
            return focused
    raise AssertionError("not reached by keyboard")


def named(name):
    return lambda focused: focused["name"] == name


def text(pattern):
    return lambda focused: re.fullmatch(pattern, focused["text"]) is not None


def test_a_unit_manager_bills_a_month_with_the_keyboard_only(january_volumes, page):
    page.goto("/logga-in/")
    tab_to(page, named("username"))
    page.keyboard.type("enhetschef")
    tab_to(page, named("password"))
    page.keyboard.type("ekonomi2012")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"https?://[^/]+/$"))

    tab_to(page, text("Kunder"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/kunder/")
    tab_to(page, text("RIKI"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/kunder/RIKI/")
    assert "Rinkeby-Kista stadsdelsförvaltning" in page.locator("h1").inner_text()

    tab_to(page, text("Debitering"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/debitering/fakturering/")
    tab_to(page, text("Januari 2013"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/debitering/fakturering/2013-01/")
    assert page.get_by_text("22\u00a0800,00\u00a0kr").first.is_visible()

    page.once("dialog", lambda dialog: dialog.accept())
    tab_to(page, text("Utfärda fakturor för januari 2013"))
    page.keyboard.press("Enter")
    # Without a broker the issue runs as the request commits, and leads back to the month.
    expect(page.locator("h1")).to_contain_text("utfärdad")
