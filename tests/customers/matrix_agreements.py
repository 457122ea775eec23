"""Permission-matrix rows for the service agreement pages.

The rows use the demo's signed 2012 agreements, which the demo command loads through
customers.demo_agreements. A signed agreement is changed only by addenda, so its edit and
sign pages send a writer back to the agreement (302).
"""

from tests.matrix import WRITERS, everyone, only, scoped

OWN = {"code": "own", "year": 2012}
OTHER = {"code": "other", "year": 2012}

ROWS = {
    "customers:agreement_list": [("get", {}, None, everyone())],
    "customers:agreement_next_year": [
        ("get", {}, None, only(WRITERS)),
        ("post", {}, {"year": "2012"}, only(WRITERS, 302)),
    ],
    "customers:agreement_create": [
        ("get", {"code": "own"}, None, only(WRITERS)),
        ("get", {"code": "other"}, None, only(WRITERS)),
    ],
    "customers:agreement_detail": [
        ("get", OWN, None, everyone()),
        ("get", OTHER, None, scoped(everyone())),
    ],
    "customers:agreement_edit": [
        ("get", OWN, None, only(WRITERS, 302)),
        ("get", OTHER, None, only(WRITERS, 302)),
    ],
    "customers:agreement_sign": [
        ("get", OWN, None, only(WRITERS, 302)),
        ("get", OTHER, None, only(WRITERS, 302)),
    ],
    "customers:agreement_addendum_create": [
        ("get", OWN, None, only(WRITERS)),
        ("get", OTHER, None, only(WRITERS)),
    ],
    "customers:agreement_pdf": [
        ("get", OWN, None, everyone()),
        ("get", OTHER, None, scoped(everyone())),
    ],
}
