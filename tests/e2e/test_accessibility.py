"""axe-core on every main page of every role (tests/e2e/pages.py), in one browser.

axe-core comes with the axe-playwright-python package (no network). A serious or critical
violation fails the test; the minor and moderate ones are in the report that
AXE_REPORT=path.json writes, for the record.
"""

import io
import json
import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse

from tests.e2e.pages import USERNAMES, pages_for
from tests.invoicing.billing_helpers import JANUARY, JANUARY_COUNTS, issue, price_list, volumes

pytestmark = pytest.mark.django_db(transaction=True)

FAILING = {"serious", "critical"}


@pytest.fixture
def billed_january(transactional_db):
    call_command("load_demo", "--organisation-only", stdout=io.StringIO())
    price_list()
    volumes(JANUARY, JANUARY_COUNTS)
    issue(JANUARY)


def _check(axe, page, key, report):
    violations = axe.run(page).response["violations"]
    report[key] = {
        "all": sum(len(v["nodes"]) for v in violations),
        "serious": sum(len(v["nodes"]) for v in violations if v["impact"] in FAILING),
        "rules": sorted({f"{v['id']} ({v['impact']})" for v in violations}),
    }
    return [
        f"{v['id']} ({v['impact']}): {node['target']}"
        for v in violations
        if v["impact"] in FAILING
        for node in v["nodes"]
    ]


def test_no_main_page_of_any_role_has_a_serious_axe_violation(billed_january, browser, live_server):
    axe = Axe()
    report, failures = {}, {}
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    page.goto(reverse("login"))
    failures["anonymous login"] = _check(axe, page, "anonymous login", report)
    for role, username in USERNAMES.items():
        # One login per role; the pages reuse the browser and the session.
        context.clear_cookies()
        page.goto(reverse("login"))
        page.get_by_label("Användarnamn").fill(username)
        page.get_by_label("Lösenord").fill("ekonomi2012")
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url("**/")
        for name, kwargs in pages_for(role):
            url = reverse(name, kwargs={k: v() if callable(v) else v for k, v in kwargs.items()})
            response = page.goto(url)
            key = f"{role} {name}"
            assert response.status == 200, key
            failures[key] = _check(axe, page, key, report)
    context.close()
    if os.environ.get("AXE_REPORT"):
        with open(os.environ["AXE_REPORT"], "w", encoding="utf-8") as file:
            json.dump(report, file, ensure_ascii=False, indent=1)
    assert {key: found for key, found in failures.items() if found} == {}
