"""The nightly reports on a real worker on Redis, and a worker killed (kill -9) in the middle of
a report. Eager without CELERY_TEST_WORKER=1; the kill test needs Redis and PostgreSQL and is
skipped without them, except on CI (tests/ekonomi/worker_process.py)."""

import time

import pytest
from django.urls import reverse
from django.utils import timezone

from ekonomi.celery import app as celery_app
from ekonomi.jobs.models import Job
from ekonomi.periods import Month, Tertial
from reports import tasks
from reports.models import Kind, Report
from tests.conftest import make_user
from tests.ekonomi.worker_process import poll_job

pytestmark = pytest.mark.celery


def wait_until(condition, seconds=240):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError("the jobs never finished")


def test_the_nightly_reports_are_in_the_beat_schedule_after_the_billing_checks():
    entry = celery_app.conf.beat_schedule["reports-nightly"]
    assert entry["task"] == "reports.nightly"
    assert entry["schedule"].hour == {3} and entry["schedule"].minute == {0}


def test_the_beat_task_makes_the_nights_reports_on_a_worker(transactional_db, users):
    today = timezone.localdate()
    month, tertial = Month.from_date(today), Tertial.from_date(today)

    tasks.reports_nightly.delay()
    # Four whole reports and two for the bound controller's customer (RIKI).
    wait_until(
        lambda: (
            Job.objects.filter(kind="reports.report_make").count() == 6
            and not Job.objects.filter(state__in=Job.ACTIVE).exists()
        )
    )

    assert set(Job.objects.values_list("state", flat=True)) == {Job.State.DONE}
    made = set(Report.objects.values_list("kind", "period", "customer__code", "status"))
    assert made == {
        (Kind.MONTHLY, str(month.previous()), None, "final"),
        (Kind.MONTHLY, str(month), None, "draft"),
        (Kind.TERTIAL, str(tertial.previous()), None, "draft"),
        (Kind.TERTIAL, str(tertial), None, "draft"),
        (Kind.TERTIAL, str(tertial.previous()), "RIKI", "final"),
        (Kind.TERTIAL, str(tertial), "RIKI", "draft"),
    }
    assert all(report.files.count() == 2 for report in Report.objects.all())


def test_a_report_whose_worker_is_killed_is_archived_once(
    worker_processes, subprocess_queue, client, settings
):
    settings.JOBS_LOST_AFTER_SECONDS = 2
    subprocess_queue("reports.report_make")
    head = make_user("chef2", role="head")
    client.force_login(head)
    first_worker = worker_processes.start()

    job = tasks.report_start(kind=Kind.TERTIAL, period="2012-T2", mode="draft", user=head)
    status_url = reverse("jobs:status", args=[job.pk])
    # Killed once the figures are being collected, before the archive entry is written.
    poll_job(client, status_url, until=lambda status: status["progress"] >= 10, seconds=120)
    first_worker.kill()
    assert Report.objects.count() == 0

    poll_job(client, status_url, until=lambda status: status["attempt"] == 2, seconds=120)
    second_worker = worker_processes.start()
    status = poll_job(client, status_url, until=lambda status: status["finished"], seconds=120)

    # Attempt 2 as a rule; on a starved machine the sweeper may take a slow attempt for lost
    # once more, and the archive must still hold the one report.
    assert status["state_label"] == "Klart" and status["attempt"] >= 2
    second_worker.wait_for_log(f"job {job.pk}: message for attempt 1 ignored")
    report = Report.objects.get()
    assert (report.kind, report.period, report.job_id) == (Kind.TERTIAL, "2012-T2", job.pk)
    assert report.files.count() == 2
