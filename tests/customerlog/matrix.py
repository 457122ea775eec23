from datetime import date

from tests.customerlog.helpers import entry, meeting, officer
from tests.matrix import everyone, scoped, staff

ROWS = {
    "customerlog:list": [("get", {}, None, everyone())],
    "customerlog:entry_create": [("get", {}, None, staff())],
    "customerlog:entry_detail": [
        ("get", {"pk": "own_entry"}, None, everyone()),
        ("get", {"pk": "other_entry"}, None, scoped(everyone())),
        # Internal entries are never shown to the customer's own controller.
        ("get", {"pk": "own_internal_entry"}, None, {**everyone(), "bound_controller": 404}),
    ],
    "customerlog:entry_edit": [("get", {"pk": "own_entry"}, None, staff())],
    "customerlog:follow_up_done": [("post", {"pk": "own_entry"}, None, staff(302))],
    "customerlog:follow_ups": [("get", {}, None, staff())],
    "customerlog:search": [("get", {}, {"q": "faktura"}, everyone())],
    "customerlog:meeting_list": [("get", {}, None, everyone())],
    "customerlog:meeting_create": [("get", {}, None, staff())],
    "customerlog:meeting_detail": [
        ("get", {"pk": "own_meeting"}, None, everyone()),
        ("get", {"pk": "other_meeting"}, None, scoped(everyone())),
    ],
    "customerlog:meeting_edit": [("get", {"pk": "own_meeting"}, None, staff())],
    "customerlog:action_close": [("post", {"pk": "own_action"}, None, staff(302))],
    "customerlog:held_planned": [("get", {}, None, everyone())],
}


def placeholders(own_customer, other_customer):
    own_meeting = meeting(
        customer=own_customer.code, actions=[("Skicka statistik", officer(), date(2012, 4, 2))]
    )
    return {
        "own_entry": entry(customer=own_customer.code, follow_up_on=date(2012, 3, 9)).pk,
        "other_entry": entry(customer=other_customer.code).pk,
        "own_internal_entry": entry(customer=own_customer.code, internal=True).pk,
        "own_meeting": own_meeting.pk,
        "other_meeting": meeting(customer=other_customer.code).pk,
        "own_action": own_meeting.actions.get().pk,
    }
