from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomerlogConfig(AppConfig):
    name = "customerlog"
    verbose_name = _("Customer log")

    def ready(self):
        from customerlog import selectors, views
        from customerlog.meetings import selectors as meeting_selectors
        from ekonomi import access
        from ekonomi.navigation import Area, Link, menu
        from ekonomi.panels import customer_page, start_page
        from ekonomi.records import customer_records

        menu.register(
            Area(
                "customerlog",
                _("Customer log"),
                "/kundlogg/",
                order=50,
                links=[
                    Link(_("Customer log"), "customerlog:list", access.READ),
                    Link(_("My follow-ups"), "customerlog:follow_ups", access.STAFF_READ),
                    Link(_("Customer meetings"), "customerlog:meeting_list", access.READ),
                    Link(_("Meetings held and planned"), "customerlog:held_planned", access.READ),
                    Link(_("Search"), "customerlog:search", access.READ),
                ],
            )
        )
        # Early on the start page: what the user has promised to do, before the figures.
        start_page.register(
            "customerlog/_start_follow_ups.html",
            selectors.start_page_context,
            order=20,
            rule=access.STAFF_READ,
        )
        # After the agreement (10) and invoices (20); the complaints panel follows (40).
        customer_page.register(
            "customerlog/_customer_timeline.html", views.customer_timeline_context, order=30
        )
        customer_records.register(
            "log",
            label=_("Customer log"),
            order=10,
            timeline=selectors.timeline_records,
            search=selectors.search_records,
        )
        customer_records.register(
            "meetings",
            label=_("Customer meetings"),
            order=20,
            timeline=meeting_selectors.timeline_records,
            search=meeting_selectors.search_records,
        )

    def load_demo(self, data, *, activity):
        from customerlog import demo

        return demo.load(data) if activity else []
