from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints and feedback")

    def ready(self):
        from complaints import selectors
        from ekonomi import access
        from ekonomi.navigation import Area, Link, menu
        from ekonomi.panels import customer_page, start_page
        from ekonomi.records import customer_records

        menu.register(
            Area(
                "complaints",
                _("Complaints"),
                "/klagomal/",
                order=40,
                links=[
                    Link(_("Complaints and feedback"), "complaints:list", access.READ),
                    Link(
                        _("Monthly compilation"), "complaints:unit_month", access.COMPLAINT_REPORTS
                    ),
                    Link(
                        _("Tertial overview"), "complaints:area_tertial", access.COMPLAINT_REPORTS
                    ),
                    Link(_("Returned documents"), "complaints:returned_list", access.READ),
                    Link(_("Return statistics"), "complaints:returned_statistics", access.READ),
                    Link(_("Return reasons"), "complaints:reason_list", access.CONTACT_WRITE),
                ],
            )
        )
        # After "Mina uppföljningar" (customerlog, 20): what the user must answer.
        start_page.register(
            "complaints/_start_my_complaints.html",
            selectors.start_page_context,
            order=25,
            rule=access.CONTACT_WRITE,
        )
        # After the agreement (10) and invoices (20) and the customer log's timeline (30).
        customer_page.register(
            "complaints/_customer_panel.html", selectors.customer_panel_context, order=40
        )
        customer_records.register(
            "complaints",
            label=_("Complaints and feedback"),
            order=30,
            timeline=selectors.timeline_records,
            search=selectors.search_records,
        )

    def load_demo(self, data, *, activity):
        from complaints import demo

        lines = demo.load_reasons()
        if activity:
            lines += demo.load_year(data)
        return lines
