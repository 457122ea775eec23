"""The main menu: each app registers its area from AppConfig.ready(); ekonomi names no app.

An area is shown once the user may open one of its links; its links form the area's own
menu, and the first link the user may open is where the main menu leads.
"""

from dataclasses import dataclass, field

from django.utils.functional import Promise

from ekonomi.access import Rule


@dataclass(frozen=True)
class Link:
    label: Promise
    url_name: str
    rule: Rule


@dataclass(frozen=True)
class Area:
    key: str
    label: Promise
    prefix: str  # the URL prefix that makes the area active
    order: int  # the place in the main menu, lowest first
    links: list[Link] = field(default_factory=list)


class Menu:
    def __init__(self):
        self._areas: dict[str, Area] = {}

    def register(self, area: Area) -> None:
        # Keyed, so that ready() running twice (tests, reloads) registers the area once.
        self._areas[area.key] = area

    def areas(self) -> list[Area]:
        return sorted(self._areas.values(), key=lambda area: (area.order, area.key))


menu = Menu()
