"""Building blocks for the permission matrix; each app adds rows in tests/<app>/matrix*.py.

A row: url name -> list of (method, kwargs, data, {role: status}). Kwarg values "own",
"other" (customer codes) and "own_pk"/"other_pk" (customer ids) are filled in by the test;
other placeholders are filled by the `objects` fixture of the app's matrix module, if any.
"""

ROLES = ["admin", "head", "unit_manager", "officer", "controller", "bound_controller"]
WRITERS = {"admin", "unit_manager"}
HISTORY_READERS = {"admin", "head"}
ADMINS = {"admin"}


def everyone(code=200):
    return dict.fromkeys(ROLES, code)


def only(roles, code=200, denied=403):
    return {role: code if role in roles else denied for role in ROLES}


def staff(code=200):
    return only(set(ROLES) - {"controller", "bound_controller"}, code)


def scoped(expect, outsider=404):
    """The same page about another customer: a bound controller must not learn it exists."""
    return {**expect, "bound_controller": outsider if expect["bound_controller"] == 200 else 403}
