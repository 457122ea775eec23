"""The demo organisation of the 2012 plan; every step is an upsert so a rerun changes nothing."""

from django.utils.translation import gettext as _

from customers.models import Customer, Process, Service, Unit, User


def load(data):
    units = {}
    for row in data["units"]:
        units[row["code"]], _created = Unit.objects.get_or_create(
            code=row["code"], defaults={"name": row["name"], "phone": row["phone"]}
        )
    for index, row in enumerate(data["processes"]):
        Process.objects.get_or_create(
            code=row["code"],
            defaults={"name": row["name"], "unit": units[row["unit"]], "sort_order": index},
        )
    processes = {p.code: p for p in Process.objects.all()}
    for index, row in enumerate(data["services"]):
        Service.objects.get_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "process": processes[row["process"]],
                "is_mandatory": row["mandatory"],
                "default_lead_time_days": row["lead_time"],
                "interface_text": row["interface"],
                "hourly_price_code": row.get("hourly", ""),
                "sort_order": index,
            },
        )
    for row in data["customers"]:
        Customer.objects.get_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "kind": row["kind"],
                "manager_unit": units[row["unit"]],
                "mailbox": row["mailbox"],
            },
        )
    lines = [
        _("%(count)s customers, %(units)s units, %(services)s services.")
        % {
            "count": Customer.objects.count(),
            "units": Unit.objects.count(),
            "services": Service.objects.count(),
        }
    ]
    lines.append(_("Demo logins (password %(password)s):") % {"password": data["password"]})
    for row in data["users"]:
        user = User.objects.filter(username=row["username"]).first()
        if user is None:
            # Created once with the demo password; a rerun never resets a changed password.
            user = User(
                username=row["username"],
                first_name=row["first_name"],
                last_name=row["last_name"],
                role=row["role"],
                unit=units.get(row.get("unit")),
                customer=Customer.objects.filter(code=row.get("customer")).first(),
            )
            user.set_password(data["password"])
            user.full_clean()
            user.save()
        lines.append(f"  {user.username:<18} {user.get_role_display()}")
    unit_managers = User.objects.filter(role="unit_manager")
    first_manager = unit_managers.first()
    if first_manager is not None:
        Customer.objects.filter(
            contact_person__isnull=True, manager_unit=first_manager.unit
        ).update(contact_person=first_manager)
    return lines
