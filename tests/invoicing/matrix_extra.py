from tests.matrix import everyone, only, scoped, staff

# Case officers enter volumes, as they import them; unit managers and administrators may too.
ENTERERS = {"admin", "unit_manager", "officer"}

ROWS = {
    "invoicing:statistics": [("get", {}, None, everyone())],
    "invoicing:statistics_customer": [
        ("get", {"code": "own"}, None, everyone()),
        ("get", {"code": "other"}, None, scoped(everyone())),
    ],
    "invoicing:manual_volumes": [("get", {}, None, staff())],
    # An untouched grid changes nothing; the answer is the redirect back to it.
    "invoicing:manual_volumes_save": [
        ("post", {}, {"month": "2012-03"}, only(ENTERERS, 302)),
    ],
}
