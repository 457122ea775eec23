"""Ekonomi settings: one file, configured by environment variables (see README.md)."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default):
    return env(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


# Off unless switched on: a forgotten setting must not run production in debug mode with the
# development key. `make run`, `make test` and the pytest settings switch it on.
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        # A production server must never run on a key that is public in this repository.
        raise ImproperlyConfigured(
            "SECRET_KEY måste sättas (eller DEBUG=1 för utveckling): servern startar inte utan."
        )
    SECRET_KEY = "django-insecure-ekonomi-development-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_tables2",
    "simple_history",
    "axes",
    "ekonomi",
    "customers",
    "invoicing",
    "indicators",
    "complaints",
    "customerlog",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "ekonomi.middleware.PrivateResponseMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that a lockout is decided after the session and user are known.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # Production serves its own static files; in development runserver does.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "ekonomi.urls"
WSGI_APPLICATION = "ekonomi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ekonomi.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the runserver and an eager task read while another request writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "customers.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
CSRF_FAILURE_VIEW = "ekonomi.views.csrf_failure"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Failed logins (ekonomi/logins.py): five failures for one user name from one address lock
# that pair for 15 minutes; thirty from one address across user names lock the address.
AXES_HANDLER = "ekonomi.logins.LoginThrottle"
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
LOGIN_ADDRESS_FAILURE_LIMIT = int(env("LOGIN_ADDRESS_FAILURE_LIMIT", "30"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The number of reverse proxies in front of the server, each adding to X-Forwarded-For; the
# client's address is read past them. 0: the connection's own address.
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "ekonomi.logins.client_address"

# Sessions end after 30 minutes without a request (documented in README.md).
SESSION_COOKIE_AGE = int(env("SESSION_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# Features no page uses are switched off for every page (ekonomi.middleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Celery: Redis when REDIS_URL is set; otherwise tasks run eagerly in the web process.
REDIS_URL = env("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis has no real acknowledgements: a message a worker has taken but not acknowledged (with
# acks_late, until the task ends) is put back in the queue after this many seconds. Jobs do not
# depend on it: a job whose worker dies is found by its missing heartbeat (JOBS_LOST_AFTER_SECONDS)
# and queued as a new attempt, and when Redis puts the old message back it names an old attempt
# and is ignored. It matters for a message taken by a worker that died before starting it, which
# waits this long, and for tasks that are not jobs, which are delivered a second time if they run
# longer than this. 30 minutes: far above what any of our tasks takes, and half Celery's default
# hour. A countdown (a job's retry delay) must stay below it, or Redis hands it out twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(env("CELERY_VISIBILITY_TIMEOUT", str(30 * 60)))
}
CELERY_TIMEZONE = TIME_ZONE
# The beat schedule is filled by the apps (AppConfig.ready() -> add_periodic_task), each
# naming its task objects, so no task name is written twice.

DJANGO_TABLES2_TEMPLATE = "_table.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # Failed logins are logged by ekonomi.security; axes's own lines repeat them.
        "axes": {"level": "WARNING"},
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Background jobs (ekonomi/jobs): a running job stamps a heartbeat every JOBS_HEARTBEAT_SECONDS;
# one silent for JOBS_LOST_AFTER_SECONDS (a few missed beats) is taken as lost, its worker dead,
# and queued again; so is a job that met a transient error, after JOBS_RETRY_BACKOFF_SECONDS,
# doubled at each retry. After JOBS_MAX_RETRIES such retries the job fails and its page offers
# "Försök igen".
JOBS_HEARTBEAT_SECONDS = float(env("JOBS_HEARTBEAT_SECONDS", "10"))
JOBS_LOST_AFTER_SECONDS = float(env("JOBS_LOST_AFTER_SECONDS", "60"))
JOBS_MAX_RETRIES = int(env("JOBS_MAX_RETRIES", "3"))
JOBS_RETRY_BACKOFF_SECONDS = float(env("JOBS_RETRY_BACKOFF_SECONDS", "5"))

# Volume files from the ERP: the largest accepted.
VOLUME_IMPORT_MAX_BYTES = int(env("VOLUME_IMPORT_MAX_BYTES", str(200 * 1024 * 1024)))
# Imports never carried out (refused, or left at the mapping or the preview) are removed with
# their files after this many days by `manage.py purge_volume_imports`.
VOLUME_IMPORT_UNFINISHED_RETENTION_DAYS = int(env("VOLUME_IMPORT_UNFINISHED_RETENTION_DAYS", "7"))

ORGANISATION_NAME = env("ORGANISATION_NAME", "Serviceförvaltningen, ekonomiadministration")

# Reading files (ekonomi/tabular): limits that keep a hostile or broken file from taking the
# server's memory or minutes of its time. A real 1,000,000-row volume export is well inside them
# (as XLSX: about 270 MB unpacked, packed 9 times; see bench/tabular_read.py).
TABULAR_MAX_ROWS = 2_000_000
TABULAR_MAX_COLUMNS = 200
# Excel's own limit for one cell.
TABULAR_MAX_CELL_CHARS = 32_767
TABULAR_MAX_LINE_BYTES = 1024 * 1024
TABULAR_MAX_BLANK_RUN = 10_000
TABULAR_MAX_ERRORS = 1000
XLSX_MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024
# Real sheets pack 5 to 15 times; a member below XLSX_RATIO_MIN_BYTES is not judged.
XLSX_MAX_RATIO = 100
XLSX_RATIO_MIN_BYTES = 1024 * 1024
XLSX_MAX_MEMBERS = 1000
XLSX_MAX_SHARED_STRINGS = 2_000_000

# Uploads stop at this size while the body streams in (ekonomi/uploads.py); a view may set its
# own limit with @upload_limit. The default is the largest any form accepts (volume files).
UPLOAD_MAX_BYTES = VOLUME_IMPORT_MAX_BYTES
FILE_UPLOAD_HANDLERS = [
    "ekonomi.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
