from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvoicingConfig(AppConfig):
    name = "invoicing"
    verbose_name = _("Invoicing")

    def ready(self):
        from celery.schedules import crontab

        from ekonomi import access
        from ekonomi.celery import app as celery_app
        from ekonomi.navigation import Area, Link, menu
        from ekonomi.panels import customer_page, start_page
        from invoicing.billing import selectors as billing_selectors
        from invoicing.billing import tasks as billing_tasks
        from invoicing.billing import views as billing_views

        # Importing the task modules registers their tasks in every process: web, worker, beat.
        from invoicing.volumes import tasks as volume_tasks  # noqa: F401

        menu.register(
            Area(
                "invoicing",
                _("Invoicing"),
                "/debitering/",
                order=20,
                links=[
                    Link(_("Billing"), "invoicing:billing_months", access.BILLING_READ),
                    Link(_("Invoices"), "invoicing:invoice_list", access.BILLING_READ),
                    Link(_("Volumes"), "invoicing:volumes", access.READ),
                    Link(_("Manual volumes"), "invoicing:manual_volumes", access.STAFF_READ),
                    Link(_("Statistics"), "invoicing:statistics", access.READ),
                    Link(_("Reported hours"), "invoicing:time_list", access.READ),
                    Link(_("Price lists"), "invoicing:price_lists", access.READ),
                    Link(_("Revenue against budget"), "invoicing:budget", access.BUDGET_READ),
                ],
            )
        )
        start_page.register(
            "invoicing/_billing_check_failures.html",
            lambda request: {"billing_check_failures": billing_selectors.billing_check_failures()},
            order=5,
            rule=access.BILLING_CHECKS,
        )
        customer_page.register(
            "invoicing/_customer_invoices_panel.html",
            billing_views.customer_invoices_panel_context,
            order=20,
            rule=access.BILLING_READ,
        )
        celery_app.add_periodic_task(
            crontab(hour=2, minute=30), billing_tasks.billing_checks_run.s(), name="billing-checks"
        )

    def load_demo(self, data, *, activity):
        from invoicing.billing import demo as billing_demo
        from invoicing.budget import demo as budget_demo
        from invoicing.prices import demo as prices_demo
        from invoicing.timereport import demo as timereport_demo
        from invoicing.volumes import demo as volumes_demo

        lines = prices_demo.load(data)
        if activity:
            lines += timereport_demo.load(data)
            # Billing issues the months that have volumes, so it comes last.
            lines += volumes_demo.load(data)
            lines += billing_demo.load(data)
            lines += budget_demo.load(data)
        return lines
