"""Every URL, as every role: the designed answer, and no view without an access rule."""

import importlib
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.matrix import ADMINS, HISTORY_READERS, ROLES, everyone, only

# url name -> list of (method, kwargs, data, {role: status})
# kwargs values "own"/"other" are replaced with the bound controller's customer and another.
CORE = {
    "home": [("get", {}, None, everyone())],
    "password_change": [("get", {}, None, everyone())],
    "password_change_done": [("get", {}, None, everyone())],
    "record_history": [
        ("get", {"model": "customers.customer", "pk": "own_pk"}, None, only(HISTORY_READERS)),
        ("get", {"model": "invoicing.erpsettings", "pk": 1}, None, only(HISTORY_READERS, 404)),
    ],
    "recent_changes": [("get", {}, None, only(HISTORY_READERS))],
    "lockouts": [("get", {}, None, only(ADMINS))],
    # Lifting a lockout nobody has changes nothing; the answer is the redirect to the list.
    "lockout_lift": [("post", {}, {"address": "192.0.2.1"}, only(ADMINS, 302))],
}
PUBLIC = {"login", "logout"}


APP_MODULES = [
    importlib.import_module(f"tests.{path.parent.name}.{path.stem}")
    for path in sorted(Path(__file__).parent.glob("*/matrix*.py"))
]
MATRIX = {**CORE}
for module in APP_MODULES:
    MATRIX.update(module.ROWS)


def substitutes(own_customer, other_customer):
    """Placeholder -> URL kwarg; app modules add their own objects via `placeholders()`."""
    values = {
        "own": own_customer.code,
        "other": other_customer.code,
        "own_pk": own_customer.pk,
        "other_pk": other_customer.pk,
    }
    for module in APP_MODULES:
        if hasattr(module, "placeholders"):
            values.update(module.placeholders(own_customer, other_customer))
    return values


def url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern.callback


def test_every_view_has_a_rule_and_a_row_in_the_matrix():
    missing_rule = [n for n, view in url_names() if not hasattr(view, "access_rule")]
    missing_row = [n for n, _view in url_names() if n not in MATRIX and n not in PUBLIC]
    assert missing_rule == []
    assert missing_row == []


def cases():
    for name, rows in MATRIX.items():
        for method, kwargs, data, expect in rows:
            for role in ROLES:
                case_id = f"{name}-{'-'.join(map(str, kwargs.values()))}-{role}"
                yield pytest.param(name, method, kwargs, data, role, expect[role], id=case_id)


@pytest.mark.parametrize(("name", "method", "kwargs", "data", "role", "status"), list(cases()))
def test_matrix(
    client, users, own_customer, other_customer, name, method, kwargs, data, role, status
):
    values = substitutes(own_customer, other_customer)
    kwargs = {key: values.get(value, value) for key, value in kwargs.items()}
    client.force_login(users[role])
    response = getattr(client, method)(reverse(name, kwargs=kwargs), data or {})
    assert response.status_code == status


def test_anonymous_is_sent_to_login(client, own_customer, other_customer):
    values = substitutes(own_customer, other_customer)
    for name, _callback in url_names():
        if name in PUBLIC:
            continue
        _method, kwargs, _data, _expect = MATRIX[name][0]
        kwargs = {key: values.get(value, value) for key, value in kwargs.items()}
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("login")), name


def test_admin_site_is_for_administrators_only(client, users):
    for role in ROLES:
        client.force_login(users[role])
        response = client.get(reverse("admin:index"))
        assert response.status_code == (200 if role == "admin" else 302), role
