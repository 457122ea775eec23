import logging

import pytest
from django.test import RequestFactory
from django.urls import reverse

from ekonomi.logins import client_address, lockouts
from tests.conftest import DEMO_PASSWORD

ATTACKER = "203.0.113.66"
OFFICE = "198.51.100.10"


def attempt(client, username, password="fel", address=ATTACKER, **headers):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def fail_until_locked(client, username, address=ATTACKER, limit=5):
    for _attempt in range(limit):
        attempt(client, username, address=address)


def test_guessing_at_the_administrators_password_locks_the_guesser_not_the_administrator(
    client, users
):
    fail_until_locked(client, "admin")
    # The guesser's address is locked out of the account, even with the right password...
    assert attempt(client, "admin", DEMO_PASSWORD).status_code == 429
    # ...while the administrator, at their own address, logs in at once.
    response = attempt(client, "admin", DEMO_PASSWORD, address=OFFICE)
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_the_lockout_page_is_swedish_and_says_what_to_do(client, users):
    fail_until_locked(client, "enhetschef")
    response = attempt(client, "enhetschef", DEMO_PASSWORD)
    assert response.status_code == 429
    assert "För många misslyckade inloggningar" in response.text
    assert "Vänta 15 minuter och försök igen" in response.text
    assert " style=" not in response.text


def test_one_address_trying_many_user_names_is_throttled(client, users, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    for number in range(8):
        attempt(client, f"gissning{number}")
    # A name it never tried, with the right password: the address itself is locked.
    assert attempt(client, "handlaggare", DEMO_PASSWORD).status_code == 429
    assert attempt(client, "handlaggare", DEMO_PASSWORD, address=OFFICE).status_code == 302


def test_a_few_mistakes_from_a_shared_office_address_lock_nobody_else(client, users):
    for username in ("enhetschef", "handlaggare", "controller", "chef"):
        attempt(client, username, address=OFFICE)
    assert attempt(client, "admin", DEMO_PASSWORD, address=OFFICE).status_code == 302


def _request(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        # No proxy: X-Forwarded-For is whatever the client wrote, and is ignored.
        (0, "10.9.9.9", "192.0.2.1"),
        # One proxy: it appended the address it saw; what the client wrote before is ignored.
        (1, "10.9.9.9, 198.51.100.7", "198.51.100.7"),
        (1, "198.51.100.7", "198.51.100.7"),
        # Two proxies: the client is two entries from the right.
        (2, "10.9.9.9, 198.51.100.7, 172.16.0.2", "198.51.100.7"),
        # Fewer entries than proxies: the left-most, which a trusted proxy wrote.
        (2, "198.51.100.7", "198.51.100.7"),
        (1, "not-an-address", "192.0.2.1"),
        (1, None, "192.0.2.1"),
    ],
)
def test_the_client_address_is_read_past_the_trusted_proxies(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(_request("192.0.2.1", forwarded)) == expected


def test_behind_a_proxy_each_person_is_locked_at_their_own_address(client, users, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    for _attempt in range(5):
        attempt(client, "admin", address=proxy, HTTP_X_FORWARDED_FOR=ATTACKER)
    locked = attempt(client, "admin", DEMO_PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert locked.status_code == 429
    ok = attempt(client, "admin", DEMO_PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR=OFFICE)
    assert ok.status_code == 302
    assert [(lock.username, lock.address) for lock in lockouts()] == [("admin", ATTACKER)]


def test_an_administrator_sees_and_lifts_a_lockout(client, client_for, users, caplog):
    fail_until_locked(client, "enhetschef")
    admin = client_for("admin")
    page = admin.get(reverse("lockouts"))
    assert page.status_code == 200
    assert "Inloggningsspärrar" in page.text
    assert "enhetschef" in page.text
    assert ATTACKER in page.text
    with caplog.at_level(logging.WARNING, logger="ekonomi.security"):
        response = admin.post(
            reverse("lockout_lift"), {"username": "enhetschef", "address": ATTACKER}, follow=True
        )
    assert f"Spärren för enhetschef ({ATTACKER}) hävdes." in response.text
    assert "Ingen är spärrad." in response.text
    assert f"lockout lifted: username=enhetschef address={ATTACKER} by=admin" in caplog.text
    client.logout()
    assert attempt(client, "enhetschef", DEMO_PASSWORD).status_code == 302


def test_an_administrator_lifts_an_address_wide_lockout(client, client_for, users, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6
    for number in range(6):
        attempt(client, f"gissning{number}")
    admin = client_for("admin")
    assert "Alla användarnamn" in admin.get(reverse("lockouts")).text
    admin.post(reverse("lockout_lift"), {"username": "", "address": ATTACKER})
    assert lockouts() == []
