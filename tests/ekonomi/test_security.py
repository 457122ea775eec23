import logging
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.conftest import DEMO_PASSWORD


def test_it_shows_a_swedish_login_page(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Logga in" in response.text
    assert "Användarnamn" in response.text


def test_it_logs_in_and_out(client, users):
    response = client.post(reverse("login"), {"username": "enhetschef", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_it_rejects_a_wrong_password_in_swedish_and_logs_it(client, users, caplog):
    with caplog.at_level(logging.WARNING, logger="ekonomi.security"):
        response = client.post(reverse("login"), {"username": "enhetschef", "password": "fel"})
    assert response.status_code == 200
    assert "Ange ett korrekt användarnamn och lösenord" in response.text
    assert "failed login: username=enhetschef" in caplog.text


def test_it_locks_out_after_repeated_failures(client, users):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "enhetschef", "password": "fel"})
    response = client.post(reverse("login"), {"username": "enhetschef", "password": DEMO_PASSWORD})
    # The right password does not help while the account is locked.
    assert response.status_code == 429
    assert "För många misslyckade inloggningar" in response.text
    assert client.get(reverse("home")).status_code == 302


def test_it_logs_a_denied_action(client_for, caplog):
    client = client_for("officer")
    with caplog.at_level(logging.WARNING, logger="ekonomi.access"):
        response = client.get(reverse("customers:create"))
    assert response.status_code == 403
    assert "Åtkomst nekad" in response.text
    assert "access denied: user=handlaggare" in caplog.text


def test_it_logs_a_guess_at_another_customers_record(client_for, other_customer, caplog):
    client = client_for("bound_controller")
    with caplog.at_level(logging.WARNING, logger="ekonomi.access"):
        response = client.get(reverse("customers:detail", args=[other_customer.code]))
    assert response.status_code == 404
    assert "Sidan hittades inte" in response.text
    assert "out-of-scope object: user=controller.riki" in caplog.text


def test_it_ends_an_idle_session(client, users):
    client.post(reverse("login"), {"username": "enhetschef", "password": DEMO_PASSWORD})
    assert client.session.get_expiry_age() == 30 * 60
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_sends_a_strict_content_security_policy(client_for):
    response = client_for("officer").get(reverse("home"))
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "<script>" not in response.text
    assert " style=" not in response.text


def _manage(args, **env):
    environment = {**os.environ, **env}
    # The project's own settings, as a server would start them (not the tests').
    for name in (
        "DATABASE_URL",
        "REDIS_URL",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "DJANGO_SETTINGS_MODULE",
    ):
        environment.pop(name, None)
    for name, value in env.items():
        if value is None:
            environment.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


# None: DEBUG is not set at all, and debug mode is off by default.
@pytest.mark.parametrize("debug", ["0", "false", None])
def test_it_refuses_to_start_without_a_secret_key_unless_debug_is_on(debug):
    result = _manage(["check"], DEBUG=debug, SECRET_KEY=None)
    assert result.returncode != 0
    assert "SECRET_KEY måste sättas" in result.stderr


def test_debug_mode_starts_on_the_development_key():
    result = _manage(["check"], DEBUG="1", SECRET_KEY=None)
    assert result.returncode == 0, result.stderr


def test_production_settings_pass_the_deploy_check():
    result = _manage(
        ["check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="0",
        SECRET_KEY="x" * 20 + "-a-long-random-production-secret-key-for-the-check",
        ALLOWED_HOSTS="ekonomi.example.se",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
