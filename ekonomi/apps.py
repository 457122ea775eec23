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
        user_login_failed.connect(_log_failed_login, dispatch_uid="ekonomi-failed-login")
