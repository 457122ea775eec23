"""What every response carries, and the error pages a person may meet."""

import re

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from ekonomi import views
from tests.invoicing.billing_helpers import JANUARY, JANUARY_COUNTS, issue, price_list, volumes


def assert_csp_clean(html):
    assert " style=" not in html
    assert "<style" not in html
    # Scripts only from our own files.
    assert re.findall(r"<script(?![^>]*\bsrc=)", html) == []


def assert_private(response):
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_a_page_behind_the_login_is_private_and_not_stored(client_for):
    assert_private(client_for("officer").get(reverse("customers:list")))


def test_a_download_is_private_and_not_stored(client_for):
    response = client_for("officer").get(reverse("customers:list"), {"export": "xlsx"})
    assert response["Content-Disposition"].startswith("attachment")
    assert_private(response)


def test_a_pdf_download_is_private_and_not_stored(client_for):
    price_list()
    volumes(JANUARY, JANUARY_COUNTS)
    invoice, *_rest = issue(JANUARY)
    response = client_for("admin").get(reverse("invoicing:invoice_pdf", args=[invoice.number]))
    assert response["Content-Type"] == "application/pdf"
    assert_private(response)


def test_the_login_page_is_not_stored_either(client, db):
    assert_private(client.get(reverse("login")))


def test_a_form_without_its_csrf_token_gets_a_swedish_page(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["officer"])
    response = client.post(reverse("password_change"), {})
    assert response.status_code == 403
    assert "Formuläret kunde inte skickas" in response.text
    assert "Ingenting sparades" in response.text
    assert_csp_clean(response.text)


def test_a_bad_request_gets_a_swedish_page(client, db):
    response = client.get(reverse("login"), HTTP_HOST="inte-var.example")
    assert response.status_code == 400
    assert "Felaktig begäran" in response.text
    assert_csp_clean(response.text)


def test_a_denied_page_is_swedish(client_for):
    response = client_for("controller").get(reverse("customers:create"))
    assert response.status_code == 403
    assert "Åtkomst nekad" in response.text
    assert_csp_clean(response.text)


def test_a_missing_page_is_swedish(client_for):
    response = client_for("officer").get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan hittades inte" in response.text
    assert_csp_clean(response.text)


def test_the_lockout_page_is_swedish_and_csp_clean(client, users):
    for _attempt in range(5):
        client.post(reverse("login"), {"username": "chef", "password": "fel"})
    response = client.post(reverse("login"), {"username": "chef", "password": "fel"})
    assert response.status_code == 429
    assert "För många misslyckade inloggningar" in response.text
    assert_csp_clean(response.text)
    assert_private(response)


@pytest.mark.urls("tests.ekonomi.failing_urls")
def test_a_server_error_gets_a_swedish_page(client, db):
    client.raise_request_exception = False
    response = client.get("/fel/")
    assert response.status_code == 500
    assert "Något gick fel" in response.text
    assert_csp_clean(response.text)


def test_the_server_error_page_renders_without_the_database():
    response = views.error_500(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()
