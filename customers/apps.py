from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomersConfig(AppConfig):
    name = "customers"
    verbose_name = _("Customers")

    def ready(self):
        from customers import agreement_views, panels, selectors
        from ekonomi.panels import start_page

        start_page.register("customers/_start_customers.html", selectors.start_page_context)
        panels.register("customers/_agreement_panel.html", agreement_views.agreement_panel_context)

    def load_demo(self, data, *, activity):
        from customers import demo, demo_agreements

        return [*demo.load(data), *demo_agreements.load(data)]
