from datetime import date

from customers.models import CustomerContact, RoutineDeviation
from tests.matrix import WRITERS, everyone, only, scoped

CONTACT = {"name": "Kim Kontakt", "email": "kim@example.se"}
DEVIATION = {
    "description": "Fakturor attesteras av två.",
    "approved_on": "2012-03-01",
    "approved_by": "Förvaltningschefen",
}

ROWS = {
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
    "customers:contact_create": [
        ("get", {"code": "own"}, None, only(WRITERS)),
        ("post", {"code": "other"}, CONTACT, only(WRITERS, 302)),
    ],
    "customers:contact_edit": [
        ("get", {"code": "own", "pk": "own_contact"}, None, only(WRITERS)),
        ("post", {"code": "other", "pk": "other_contact"}, CONTACT, only(WRITERS, 302)),
        # A contact asked for under another customer's code does not exist there.
        ("get", {"code": "own", "pk": "other_contact"}, None, only(WRITERS, 404)),
    ],
    "customers:contact_delete": [
        ("get", {"code": "own", "pk": "own_contact"}, None, only(WRITERS)),
        ("post", {"code": "other", "pk": "other_contact"}, None, only(WRITERS, 302)),
    ],
    "customers:deviation_create": [
        ("get", {"code": "own"}, None, only(WRITERS)),
        ("post", {"code": "other"}, DEVIATION, only(WRITERS, 302)),
    ],
    "customers:deviation_edit": [
        ("get", {"code": "own", "pk": "own_deviation"}, None, only(WRITERS)),
        ("post", {"code": "other", "pk": "other_deviation"}, DEVIATION, only(WRITERS, 302)),
        ("get", {"code": "own", "pk": "other_deviation"}, None, only(WRITERS, 404)),
    ],
    "customers:deviation_delete": [
        ("get", {"code": "own", "pk": "own_deviation"}, None, only(WRITERS)),
        ("post", {"code": "other", "pk": "other_deviation"}, None, only(WRITERS, 302)),
    ],
}


def placeholders(own_customer, other_customer):
    values = {}
    for name, customer in (("own", own_customer), ("other", other_customer)):
        contact = CustomerContact.objects.create(customer=customer, name="Kim Kontakt")
        deviation = RoutineDeviation.objects.create(
            customer=customer,
            description="Manuella fakturor skickas en gång i veckan.",
            approved_on=date(2012, 2, 1),
            approved_by="Förvaltningschefen",
        )
        values[f"{name}_contact"] = contact.pk
        values[f"{name}_deviation"] = deviation.pk
    return values
