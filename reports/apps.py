from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from celery.schedules import crontab

        from ekonomi import access
        from ekonomi.celery import app as celery_app
        from ekonomi.navigation import Area, Link, menu
        from ekonomi.panels import customer_page, start_page
        from reports import panels
        from reports import tasks as report_tasks

        menu.register(
            Area(
                "reports",
                _("Reports"),
                "/rapporter/",
                order=60,
                links=[
                    Link(_("Reports"), "reports:index", access.REPORTS_READ),
                    Link(_("Report archive"), "reports:archive", access.REPORTS_READ),
                ],
            )
        )
        # After the indicators (30): the newest reports the user may download.
        start_page.register(
            "reports/_start_reports.html",
            panels.start_page_context,
            order=40,
            rule=access.REPORTS_READ,
        )
        # Last on the customer page, after complaints and meetings (40).
        customer_page.register(
            "reports/_customer_reports.html",
            panels.customer_page_context,
            order=60,
            rule=access.REPORTS_READ,
        )
        # After the billing checks' own entry (02:30), so the night's reports follow the
        # checks' run; exactly one beat process runs this schedule (README: run-book).
        celery_app.add_periodic_task(
            crontab(hour=3, minute=0), report_tasks.reports_nightly.s(), name="reports-nightly"
        )
