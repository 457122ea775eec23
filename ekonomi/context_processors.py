from django.conf import settings
from django.urls import reverse

from ekonomi.navigation import menu


def navigation(request):
    context = {"organisation_name": settings.ORGANISATION_NAME}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    areas = []
    for area in menu.areas():
        links = [
            {"label": link.label, "url": url, "active": request.path == url}
            for link in area.links
            if link.rule.permits(user)
            for url in [reverse(link.url_name)]
        ]
        if links:
            active = request.path.startswith(area.prefix)
            areas.append({"label": area.label, "url": links[0]["url"], "active": active})
            if active:
                context["area_links"] = links
    context["nav_areas"] = areas
    return context
