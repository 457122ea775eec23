import logging

from django.apps import AppConfig
from django.contrib.auth.signals import user_login_failed

security_log = logging.getLogger("ekonomi.security")


def _log_failed_login(sender, credentials, request=None, **kwargs):
    address = request.META.get("REMOTE_ADDR") if request is not None else None
    security_log.warning(
        "failed login: username=%s address=%s", credentials.get("username"), address
    )


class EkonomiConfig(AppConfig):
    name = "ekonomi"
    verbose_name = "Ekonomi"

    def ready(self):
        from ekonomi.celery import app as celery_app
        from ekonomi.jobs import tasks as job_tasks

        user_login_failed.connect(_log_failed_login, dispatch_uid="ekonomi-failed-login")
        # A job whose worker died is taken up again within a minute (ekonomi/jobs/services.py).
        celery_app.add_periodic_task(30.0, job_tasks.sweep_lost_jobs.s(), name="jobs-sweep")
