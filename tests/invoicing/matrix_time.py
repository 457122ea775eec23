from datetime import date
from decimal import Decimal

from customers.models import Service, User
from invoicing.models import TimeEntry
from tests.matrix import everyone, only, scoped

# Hours are reported by officers (their own), unit managers (their unit's) and administrators.
REPORTERS = {"admin", "unit_manager", "officer"}

ROWS = {
    "invoicing:time_list": [("get", {}, None, everyone())],
    "invoicing:time_summary": [("get", {}, None, everyone())],
    "invoicing:time_customer": [
        ("get", {"code": "own"}, None, everyone()),
        ("get", {"code": "other"}, None, scoped(everyone())),
    ],
    "invoicing:time_week": [
        ("get", {}, None, only(REPORTERS)),
        ("post", {}, {"action": "save"}, only(REPORTERS, 302)),
    ],
    "invoicing:time_create": [("get", {}, None, only(REPORTERS))],
    "invoicing:time_import": [("get", {}, None, only(REPORTERS))],
    # The officer's own entries: their unit manager and the administrators may change them too.
    "invoicing:time_edit": [
        ("get", {"pk": "own_time_entry"}, None, only(REPORTERS)),
        ("get", {"pk": "other_time_entry"}, None, only(REPORTERS)),
    ],
    "invoicing:time_delete": [("post", {"pk": "own_time_entry"}, None, only(REPORTERS, 302))],
}


def placeholders(own_customer, other_customer):
    officer = User.objects.get(username="handlaggare")
    values = {}
    for name, customer in (("own", own_customer), ("other", other_customer)):
        # 2011, a year the demo has no hours in, so that the entry never collides with them.
        entry = TimeEntry.objects.create(
            person=officer,
            customer=customer,
            service=Service.objects.get(code="R2R"),
            date=date(2011, 11, 7),
            hours=Decimal("2"),
            created_by=officer,
        )
        values[f"{name}_time_entry"] = entry.pk
    return values
