import io
import os
import shutil

import pytest
from django.core.management import call_command
from django.core.servers.basehttp import WSGIServer
from pytest_django.live_server_helper import LiveServer

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# Playwright's sync API keeps an event loop on the test thread; the Django ORM calls made by
# the test's own fixtures are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium saknas ({CHROMIUM}); kör `make e2e-deps`.")
        pytest.skip("Chromium is not installed; run `make e2e-deps`.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class OneRequestAtATime(WSGIServer):
    """The live server for an in-memory SQLite database: one request at a time.

    Every request thread of Django's threaded live server shares the test's one in-memory
    SQLite connection, and a page that loads its charts in parallel used them at once
    ("bad parameter or other API misuse"). Served in turn, and with each connection closed
    after its response (Django's non-threaded server sends "Connection: close").
    """

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session")
def live_server(request):
    addr = request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
    server = LiveServer(addr or "localhost", start=False)
    if server.thread.connections_override:
        server.thread.server_class = OneRequestAtATime
    server.start()
    yield server
    server.stop()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    # Generous: the suite runs the browser beside two busy test workers, and a billing issue
    # or a report runs in the request when Celery is eager. A wait that succeeds costs nothing.
    page.set_default_timeout(45000)
    yield page
    context.close()


@pytest.fixture
def login(page):
    def do_login(username, password="ekonomi2012"):
        page.goto("/logga-in/")
        page.get_by_label("Användarnamn").fill(username)
        page.get_by_label("Lösenord").fill(password)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url("**/")
        return page

    return do_login


@pytest.fixture
def demo_live(transactional_db):
    call_command("load_demo", "--organisation-only", stdout=io.StringIO())
