import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ekonomi.settings")

app = Celery("ekonomi")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Apps keep their tasks in <app>/tasks.py; the job sweeper is part of ekonomi/jobs.
app.autodiscover_tasks(["ekonomi.jobs"])
