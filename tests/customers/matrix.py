from tests.matrix import WRITERS, everyone, only, scoped

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
}
