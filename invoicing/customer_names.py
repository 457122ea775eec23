"""What a file may name a customer by: its code, its value in the ERP's customer dimension, or
its full name, each compared in upper case with single spaces. The volume and time imports look
customers up here, so that an ERP extract naming "Rinkeby-Kista stadsdelsförvaltning" or the
ERP's number for it reads the same as a file with the code RIKI."""

import unicodedata
from collections import defaultdict

from customers.models import Customer


def customer_key(value) -> str:
    return " ".join(unicodedata.normalize("NFC", str(value)).upper().split())


def customer_keys() -> dict[str, tuple[int, str]]:
    """Key -> (customer id, code). A code is never shadowed by another customer's name or ERP
    value, and a name or ERP value that two customers share names neither of them."""
    rows = list(Customer.objects.values_list("pk", "code", "name", "erp_account__dimension"))
    keys = {customer_key(code): (pk, code) for pk, code, _name, _dimension in rows}
    others = defaultdict(set)
    for pk, code, name, dimension in rows:
        for other in (dimension, name):
            if other:
                others[customer_key(other)].add((pk, code))
    for key, found in others.items():
        if key not in keys and len(found) == 1:
            keys[key] = found.pop()
    return keys
