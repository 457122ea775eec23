"""Every URL, as every role: the designed answer, and no view without an access rule."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = ["admin", "head", "unit_manager", "officer", "controller", "bound_controller"]
WRITERS = {"admin", "unit_manager"}
HISTORY_READERS = {"admin", "head"}


def everyone(code=200):
    return dict.fromkeys(ROLES, code)


def only(roles, code=200, denied=403):
    return {role: code if role in roles else denied for role in ROLES}


def staff(code=200):
    return only(set(ROLES) - {"controller", "bound_controller"}, code)


def scoped(expect, outsider=404):
    """The same page about another customer: a bound controller must not learn it exists."""
    return {**expect, "bound_controller": outsider if expect["bound_controller"] == 200 else 403}


# url name -> list of (method, kwargs, data, {role: status})
# kwargs values "own"/"other" are replaced with the bound controller's customer and another.
MATRIX = {
    "home": [("get", {}, None, everyone())],
    "password_change": [("get", {}, None, everyone())],
    "password_change_done": [("get", {}, None, everyone())],
    "record_history": [
        ("get", {"model": "customers.customer", "pk": "own_pk"}, None, only(HISTORY_READERS)),
    ],
    "customers:list": [("get", {}, None, everyone())],
    "customers:create": [("get", {}, None, only(WRITERS))],
    "customers:detail": [
        ("get", {"code": "own"}, None, everyone()),
        ("get", {"code": "other"}, None, scoped(everyone())),
    ],
    "customers:edit": [
        ("get", {"code": "own"}, None, only(WRITERS)),
        ("get", {"code": "other"}, None, only(WRITERS)),
    ],
    "customers:set_active": [
        ("post", {"code": "own"}, {"active": "1"}, only(WRITERS, 302)),
    ],
}
PUBLIC = {"login", "logout"}


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
                yield pytest.param(name, method, kwargs, data, role, expect[role], id=f"{name}-{kwargs}-{role}")


@pytest.mark.parametrize(("name", "method", "kwargs", "data", "role", "status"), list(cases()))
def test_matrix(client, users, own_customer, other_customer, name, method, kwargs, data, role, status):
    substitutes = {"own": own_customer.code, "other": other_customer.code, "own_pk": own_customer.pk}
    kwargs = {key: substitutes.get(value, value) for key, value in kwargs.items()}
    client.force_login(users[role])
    response = getattr(client, method)(reverse(name, kwargs=kwargs), data or {})
    assert response.status_code == status


def test_anonymous_is_sent_to_login(client, demo):
    for name, _callback in url_names():
        if name in PUBLIC:
            continue
        rows = MATRIX[name]
        _method, kwargs, _data, _expect = rows[0]
        fill = {"own": "RIKI", "other": "SPTE", "own_pk": 1}
        kwargs = {key: fill.get(value, value) for key, value in kwargs.items()}
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("login")), name


def test_admin_site_is_for_administrators_only(client, users):
    for role in ROLES:
        client.force_login(users[role])
        response = client.get(reverse("admin:index"))
        assert response.status_code == (200 if role == "admin" else 302), role
