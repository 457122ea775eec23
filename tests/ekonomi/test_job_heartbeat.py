"""The heartbeat thread writes beside the job's open transaction; PostgreSQL only, because
SQLite takes one writer at a time (there the page learns only the result)."""

import logging
import threading
import time

import pytest
from django.db import connection, transaction

from ekonomi.jobs import registry, runner, services
from ekonomi.jobs.models import Job
from tests.conftest import make_user
from tests.ekonomi.job_kinds import recorded

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def claimed(settings):
    settings.JOBS_HEARTBEAT_SECONDS = 0.1
    job = Job.objects.create(
        kind="tests.count", created_by=make_user("jobbare"), params={"steps": 5, "pause": 0.2}
    )
    return services.claim(job.pk, 1)


def eventually(check, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError("it never happened")


def test_progress_and_heartbeats_are_seen_while_the_jobs_transaction_is_open(claimed):
    def seen():
        job = Job.objects.get(pk=claimed.pk)
        return job.progress == 42 and job.message == "Rad 42" and job.heartbeat_at > stamped

    stamped = claimed.heartbeat_at
    with transaction.atomic(), runner.Heartbeat(claimed.pk, 1) as heartbeat:
        runner.JobRun(claimed, heartbeat).progress(0.42, "Rad 42")
        # Read committed: the heartbeat thread's commits show inside this transaction.
        eventually(seen)


def test_an_attempt_that_was_given_away_stops_and_leaves_nothing_behind(claimed, caplog):
    def sweeper_takes_over():
        time.sleep(0.3)
        Job.objects.filter(pk=claimed.pk).update(attempt=2, state=Job.State.QUEUED)
        connection.close()

    Job.objects.filter(pk=claimed.pk).update(state=Job.State.QUEUED)
    taker = threading.Thread(target=sweeper_takes_over)
    taker.start()
    with caplog.at_level(logging.WARNING, logger="ekonomi.jobs"):
        runner.execute(registry.get("tests.count"), claimed.pk, 1)
    taker.join()

    job = Job.objects.get(pk=claimed.pk)
    assert (job.state, job.attempt) == (Job.State.QUEUED, 2)
    assert recorded(job) == []
    assert f"job {job.pk}: attempt 1 stopped, a newer attempt owns the job" in caplog.text
