"""Jobs through Celery: on CI against a real worker on Redis (CELERY_TEST_WORKER=1), locally
eagerly; the same assertions hold for both."""

import time

import pytest
from django.urls import reverse

from ekonomi import jobs
from ekonomi.jobs.models import Job
from tests.conftest import make_user
from tests.ekonomi import job_kinds
from tests.ekonomi.job_kinds import recorded

pytestmark = pytest.mark.celery

State = Job.State


def wait_for(job, *states, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.state in states:
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job.pk} still {job.state} after {seconds} s")


@pytest.fixture
def officer(transactional_db):
    return make_user("jobbare")


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def test_a_job_runs_on_the_worker_and_its_status_gives_the_result(officer, officer_client):
    job = jobs.start(job_kinds.echo, user=officer, params={"number": 3})

    wait_for(job, State.DONE)

    assert officer_client.get(reverse("jobs:status", args=[job.pk])).json() == {
        "id": job.pk,
        "kind": "tests.echo",
        "label": "Echoing",
        "state": "done",
        "state_label": "Klart",
        "progress": 100,
        "message": "Talet 3 är klart.",
        "attempt": 1,
        "finished": True,
        "result_url": "/resultat/3/",
    }
    assert job.result == {"number": 3, "attempt": 1}


def test_a_job_records_each_of_its_steps_once(officer):
    job = jobs.start(job_kinds.count, user=officer, params={"steps": 4})
    wait_for(job, State.DONE)
    assert recorded(job) == ["step 1", "step 2", "step 3", "step 4"]
    assert job.result == {"steps": 4}


def test_a_refused_job_shows_its_reasons_and_forsok_igen_runs_it_again(officer, officer_client):
    job = jobs.start(job_kinds.refuse_first, user=officer)
    wait_for(job, State.FAILED)
    page = officer_client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert "Månaden är redan fakturerad. Prislistan saknas." in page
    assert "Försök igen" in page

    officer_client.post(reverse("jobs:retry", args=[job.pk]))

    wait_for(job, State.DONE)
    assert (job.attempt, job.message) == (2, "Andra gången gick det.")


def test_a_transient_error_is_retried_after_a_pause_until_the_job_succeeds(officer, settings):
    settings.JOBS_RETRY_BACKOFF_SECONDS = 0.2
    job = jobs.start(job_kinds.flaky, user=officer, params={"failures": 2})
    wait_for(job, State.DONE)
    assert (job.attempt, job.retries) == (3, 2)
    assert recorded(job) == ["attempt 3"]
