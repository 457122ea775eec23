"""System checks of invoicing.

The triggers that keep issued invoices unchanged (migration 0005) bind every role but the one
that owns the tables, which may switch them off, and a superuser. So the application should
connect as a role that owns nothing; migrations run as the owner (README, "Least privilege").
Run with `manage.py check --database default`; `migrate` runs it too, as the owner, and then
the warning is expected.
"""

from django.core.checks import Tags, Warning, register
from django.db import connections

TABLES = [
    "invoicing_invoice",
    "invoicing_invoiceline",
    "invoicing_erpfile",
    "invoicing_erpfile_invoices",
    "invoicing_billedmonth",
    "invoicing_invoiceseries",
]

HINT = (
    "Run migrations as the role that owns the tables and the application as a role that "
    "neither owns them nor is a member of their owner; see README.md, 'Least privilege on "
    "PostgreSQL'."
)


def _role_findings(cursor):
    cursor.execute("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")
    role, superuser = cursor.fetchone()
    # Membership counts: a member of the owning role can SET ROLE to it and alter the tables.
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
        "AND tablename = ANY(%s) AND pg_has_role(current_user, tableowner, 'MEMBER') "
        "ORDER BY tablename",
        [TABLES],
    )
    return role, superuser, [row[0] for row in cursor.fetchall()]


@register(Tags.database)
def check_application_role(app_configs, databases=None, **kwargs):
    warnings = []
    for alias in databases or []:
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        with connection.cursor() as cursor:
            role, superuser, owned = _role_findings(cursor)
        if superuser:
            message = (
                f"The database role {role} is a superuser: it can switch off the triggers that "
                "keep issued invoices, ERP files and billed months unchanged."
            )
        elif owned:
            message = (
                f"The database role {role} owns {', '.join(owned)}: it can switch off the "
                "triggers that keep issued invoices, ERP files and billed months unchanged."
            )
        else:
            continue
        warnings.append(Warning(message, hint=HINT, obj=alias, id="invoicing.W001"))
    return warnings
