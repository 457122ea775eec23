from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ekonomi import access


@dataclass(frozen=True)
class Area:
    key: str
    label: Promise
    prefix: str
    links: list = field(default_factory=list)  # (label, url name, rule); the first is the start


# The areas of the application in menu order; an area is shown once it is built and the user
# may open one of its pages. The links form the area's own menu.
AREAS = [
    Area(
        "customers",
        _("Customers"),
        "/kunder/",
        [
            (_("Customers"), "customers:list", access.READ),
            (_("Service agreements"), "customers:agreement_list", access.READ),
        ],
    ),
    Area(
        "invoicing",
        _("Invoicing"),
        "/debitering/",
        [
            (_("Billing"), "invoicing:billing_months", access.BILLING_READ),
            (_("Invoices"), "invoicing:invoice_list", access.BILLING_READ),
            (_("Volumes"), "invoicing:volumes", access.READ),
            (_("Manual volumes"), "invoicing:manual_volumes", access.STAFF_READ),
            (_("Statistics"), "invoicing:statistics", access.READ),
            (_("Reported hours"), "invoicing:time_list", access.READ),
            (_("Price lists"), "invoicing:price_lists", access.READ),
            (_("Revenue against budget"), "invoicing:budget", access.BUDGET_READ),
        ],
    ),
]


def navigation(request):
    context = {"organisation_name": settings.ORGANISATION_NAME}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    areas = []
    for area in AREAS:
        links = [
            {"label": label, "url": reverse(name), "active": request.path == reverse(name)}
            for label, name, rule in area.links
            if rule.permits(user)
        ]
        if links:
            active = request.path.startswith(area.prefix)
            areas.append({"label": area.label, "url": links[0]["url"], "active": active})
            if active:
                context["area_links"] = links
    context["nav_areas"] = areas
    context["can_see_history"] = access.HISTORY.permits(user)
    return context
