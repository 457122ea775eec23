from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ekonomi import access

# The areas of the application, in menu order. An area appears once it is built and the
# user's role may open its start page.
AREAS = [
    ("customers", _("Customers"), "customers:list", access.READ),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"organisation_name": settings.ORGANISATION_NAME}
    items = []
    for key, label, url_name, rule in AREAS:
        if rule.permits(user):
            url = reverse(url_name)
            items.append(
                {"key": key, "label": label, "url": url, "active": request.path.startswith(url)}
            )
    return {
        "organisation_name": settings.ORGANISATION_NAME,
        "nav_areas": items,
        "can_see_history": access.HISTORY.permits(user),
    }
