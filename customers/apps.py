from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomersConfig(AppConfig):
    name = "customers"
    verbose_name = _("Customers")

    def ready(self):
        from customers import selectors

        # Importing the task module registers its jobs in every process: web, worker, beat.
        from customers.agreements import tasks  # noqa: F401
        from customers.agreements import views as agreement_views
        from ekonomi import access
        from ekonomi.navigation import Area, Link, menu
        from ekonomi.panels import customer_page, start_page

        menu.register(
            Area(
                "customers",
                _("Customers"),
                "/kunder/",
                order=10,
                links=[
                    Link(_("Customers"), "customers:list", access.READ),
                    Link(_("Service agreements"), "customers:agreement_list", access.READ),
                ],
            )
        )
        start_page.register(
            "customers/_start_customers.html", selectors.start_page_context, order=10
        )
        customer_page.register(
            "customers/_agreement_panel.html", agreement_views.agreement_panel_context, order=10
        )

    def load_demo(self, data, *, activity):
        from customers import demo
        from customers.agreements import demo as agreements_demo

        return [*demo.load(data), *agreements_demo.load(data)]
