import logging

from django.apps import AppConfig
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _

security_log = logging.getLogger("ekonomi.security")


def _log_failed_login(sender, credentials, request=None, **kwargs):
    from ekonomi.logins import client_address

    address = client_address(request) if request is not None else None
    security_log.warning(
        "failed login: username=%s address=%s", credentials.get("username"), address
    )


class EkonomiConfig(AppConfig):
    name = "ekonomi"
    verbose_name = "Ekonomi"

    def ready(self):
        from ekonomi import access
        from ekonomi.celery import app as celery_app
        from ekonomi.jobs import tasks as job_tasks
        from ekonomi.navigation import Area, Link, menu

        user_login_failed.connect(_log_failed_login, dispatch_uid="ekonomi-failed-login")
        # A job whose worker died is taken up again within a minute (ekonomi/jobs/services.py).
        celery_app.add_periodic_task(30.0, job_tasks.sweep_lost_jobs.s(), name="jobs-sweep")
        # What keeps the system itself, after every app's own areas.
        menu.register(
            Area(
                "administration",
                _("Administration"),
                "/administration/",
                order=90,
                links=[
                    Link(_("Recent changes"), "recent_changes", access.HISTORY),
                    Link(_("Login lockouts"), "lockouts", access.LOCKOUTS),
                ],
            )
        )
