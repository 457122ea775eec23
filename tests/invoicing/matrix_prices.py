from tests.matrix import everyone, only

ADMIN = {"admin"}
KR_FS = {"year": 2012, "code": "KR-FS"}

ROWS = {
    "invoicing:price_lists": [("get", {}, None, everyone())],
    "invoicing:price_list": [("get", {"year": 2012}, None, everyone())],
    "invoicing:price_list_copy": [("get", {}, None, only(ADMIN))],
    "invoicing:price_item_create": [("get", {"year": 2012}, None, only(ADMIN))],
    "invoicing:price_item_edit": [("get", KR_FS, None, only(ADMIN))],
    "invoicing:price_item_delete": [("post", KR_FS, None, only(ADMIN, 302))],
}
