from tests.complaints.helpers import complaint, reason, returned
from tests.matrix import ROLES, everyone, only, scoped, staff

NOT_BOUND = set(ROLES) - {"bound_controller"}
REASON_KEEPERS = {"admin", "unit_manager"}

ROWS = {
    "complaints:list": [("get", {}, None, everyone())],
    "complaints:create": [("get", {}, None, staff())],
    "complaints:detail": [
        ("get", {"pk": "own_complaint"}, None, everyone()),
        ("get", {"pk": "other_complaint"}, None, scoped(everyone())),
    ],
    "complaints:edit": [
        ("get", {"pk": "own_complaint"}, None, staff()),
        ("get", {"pk": "other_complaint"}, None, staff()),
    ],
    "complaints:unit_month": [("get", {}, None, only(NOT_BOUND))],
    "complaints:area_tertial": [("get", {}, None, only(NOT_BOUND))],
    "complaints:returned_list": [("get", {}, None, everyone())],
    "complaints:returned_create": [("get", {}, None, staff())],
    "complaints:returned_detail": [
        ("get", {"pk": "own_returned"}, None, everyone()),
        ("get", {"pk": "other_returned"}, None, scoped(everyone())),
    ],
    "complaints:returned_statistics": [("get", {}, None, everyone())],
    "complaints:reason_list": [("get", {}, None, staff())],
    "complaints:reason_create": [("get", {}, None, only(REASON_KEEPERS))],
    "complaints:reason_edit": [("get", {"pk": "reason"}, None, only(REASON_KEEPERS))],
}


def placeholders(own_customer, other_customer):
    return {
        "own_complaint": complaint(customer=own_customer.code).pk,
        "other_complaint": complaint(customer=other_customer.code).pk,
        "own_returned": returned(customer=own_customer.code).pk,
        "other_returned": returned(customer=other_customer.code).pk,
        "reason": reason().pk,
    }
