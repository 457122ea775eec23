from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvoicingConfig(AppConfig):
    name = "invoicing"
    verbose_name = _("Invoicing")

    def ready(self):
        from ekonomi import access
        from ekonomi.panels import start_page
        from invoicing import billing_panels, billing_selectors

        billing_panels.register()
        start_page.register(
            "invoicing/_billing_check_failures.html",
            lambda request: {"billing_check_failures": billing_selectors.billing_check_failures()},
            rule=access.BILLING_CHECKS,
        )

    def load_demo(self, data, *, activity):
        from invoicing import demo, demo_billing, demo_hours, demo_volumes

        lines = demo.load(data)
        if activity:
            lines += demo_hours.load(data)
            # Billing issues the months that have volumes, so it comes last.
            lines += demo_volumes.load(data)
            lines += demo_billing.load(data)
        return lines
