"""A worker killed with kill -9 in the middle of a job: the job runs again and finishes once.

Runs against real worker subprocesses (tests/ekonomi/worker_process.py); skipped without Redis
and PostgreSQL, except on CI, where the Celery step provides both.
"""

import pytest
from django.urls import reverse

from ekonomi import jobs
from tests.conftest import make_user
from tests.ekonomi import job_kinds
from tests.ekonomi.job_kinds import recorded
from tests.ekonomi.worker_process import poll_job

pytestmark = pytest.mark.celery

STEPS = 10


def test_a_job_whose_worker_is_killed_runs_again_and_records_its_work_once(
    worker_processes, client, settings
):
    settings.JOBS_LOST_AFTER_SECONDS = 2
    officer = make_user("jobbare")
    client.force_login(officer)
    first_worker = worker_processes.start()
    job = jobs.start(job_kinds.slow_count, user=officer, params={"steps": STEPS, "pause": 0.4})
    status_url = reverse("jobs:status", args=[job.pk])

    # The page follows the worker's progress while the job's transaction is still open.
    status = poll_job(client, status_url, until=lambda status: status["progress"] >= 20, seconds=30)
    assert (status["state_label"], status["attempt"]) == ("Pågår", 1)
    assert status["message"].startswith("Steg ")

    first_worker.kill()
    # The killed attempt's steps went with its transaction.
    assert recorded(job) == []

    # Polling notices the silence (no heartbeat for 2 s) and queues the job as attempt 2.
    status = poll_job(client, status_url, until=lambda status: status["attempt"] == 2, seconds=30)
    assert status["message"] == "Jobbet avbröts och har startats om."
    second_worker = worker_processes.start()
    status = poll_job(client, status_url, until=lambda status: status["finished"], seconds=30)

    assert (status["state_label"], status["progress"], status["attempt"]) == ("Klart", 100, 2)
    assert recorded(job) == [f"step {step}" for step in range(1, STEPS + 1)]
    # Redis hands the killed worker's message for attempt 1 out again (after the visibility
    # timeout, 2 s here); the new worker ignores it, and nothing is recorded twice.
    second_worker.wait_for_log(f"job {job.pk}: message for attempt 1 ignored")
    assert recorded(job) == [f"step {step}" for step in range(1, STEPS + 1)]
