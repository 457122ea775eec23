"""The life of a background job (ekonomi/jobs): eagerly, as `make test` and the development
server run it; tests/ekonomi/test_job_celery.py runs the same on a real worker."""

import logging
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ekonomi import jobs
from ekonomi.jobs import registry, runner, services
from ekonomi.jobs.models import Job
from tests.conftest import make_user
from tests.ekonomi import job_kinds
from tests.ekonomi.job_kinds import recorded

State = Job.State


@pytest.fixture
def officer(db):
    return make_user("jobbare")


@pytest.fixture
def at_commit(django_capture_on_commit_callbacks):
    """Runs what the block queues at its commit, as a request outside a transaction would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def lose(job, *, seconds_ago=120):
    """The job was claimed by a worker that then died: running, with an old heartbeat."""
    services.claim(job.pk, job.attempt)
    Job.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - timedelta(seconds=seconds_ago)
    )
    job.refresh_from_db()
    return job


def test_a_started_job_waits_for_the_commit_and_then_runs_to_done(officer, at_commit):
    with at_commit():
        job = jobs.start(job_kinds.echo, user=officer, params={"number": 7})
        assert job.state == State.QUEUED

    job.refresh_from_db()
    assert job.state == State.DONE
    assert job.progress == 100
    assert job.message == "Talet 7 är klart."
    assert job.result == {"number": 7, "attempt": 1}
    assert job.result_url == "/resultat/7/"
    assert job.created_by == officer
    assert job.started_at is not None
    assert job.finished_at >= job.started_at
    assert (job.attempt, job.retries, job.last_error) == (1, 0, "")


def test_a_kind_can_be_started_by_its_name(officer, at_commit):
    with at_commit():
        job = jobs.start("tests.echo", user=officer, params={"number": 1})
    job.refresh_from_db()
    assert (job.kind, job.state, str(job.label)) == ("tests.echo", State.DONE, "Echoing")


def test_nothing_is_started_when_the_transaction_rolls_back(officer, at_commit):
    class Undo(Exception):
        pass

    with at_commit() as callbacks, pytest.raises(Undo), transaction.atomic():
        jobs.start(job_kinds.count, user=officer, params={"steps": 2})
        raise Undo

    assert callbacks == []
    assert not Job.objects.exists()
    assert not LogEntry.objects.exists()


def test_a_business_refusal_fails_the_job_with_its_reasons(officer, at_commit, caplog):
    with at_commit():
        job = jobs.start(job_kinds.refuse_first, user=officer)
    job.refresh_from_db()
    assert job.state == State.FAILED
    assert job.message == "Månaden är redan fakturerad. Prislistan saknas."
    assert "ValidationError" in job.last_error
    assert job.finished_at is not None
    # A refusal is the user's to read, not an error for the log.
    assert "failed" not in caplog.text


def test_a_crash_fails_the_job_with_a_swedish_message_and_logs_the_error(
    officer, at_commit, caplog
):
    with caplog.at_level(logging.ERROR, logger="ekonomi.jobs"), at_commit():
        job = jobs.start(job_kinds.crash, user=officer)
    job.refresh_from_db()
    assert job.state == State.FAILED
    assert job.message.startswith("Jobbet misslyckades på grund av ett oväntat fel.")
    assert "RuntimeError: the sky fell" in job.last_error
    assert "RuntimeError: the sky fell" in caplog.text
    assert f"job {job.pk} (tests.crash) attempt 1 failed" in caplog.text


def test_a_transient_error_is_retried_until_the_job_succeeds(officer, at_commit, settings):
    settings.JOBS_MAX_RETRIES = 3
    with at_commit():
        job = jobs.start(job_kinds.flaky, user=officer, params={"failures": 2})
    job.refresh_from_db()
    assert job.state == State.DONE
    assert (job.attempt, job.retries) == (3, 2)
    assert job.result == {"attempt": 3}
    assert "server closed the connection unexpectedly" in job.last_error
    # The failed attempts' writes were rolled back with them.
    assert recorded(job) == ["attempt 3"]


def test_the_retry_delay_doubles_each_time(officer, settings, django_capture_on_commit_callbacks):
    settings.JOBS_RETRY_BACKOFF_SECONDS = 5
    job = jobs.start(job_kinds.flaky, user=officer, params={"failures": 9})
    delays = []
    for attempt in (1, 2, 3):
        services.claim(job.pk, attempt)
        with django_capture_on_commit_callbacks() as callbacks:
            services.retry_later(job.pk, attempt, error="OperationalError")
        delays.append(callbacks[0].args[-1])
    assert delays == [5, 10, 20]


def test_a_job_still_failing_after_the_retries_fails_with_a_swedish_message(
    officer, at_commit, settings, caplog
):
    settings.JOBS_MAX_RETRIES = 2
    with caplog.at_level(logging.ERROR, logger="ekonomi.jobs"), at_commit():
        job = jobs.start(job_kinds.flaky, user=officer, params={"failures": 5})
    job.refresh_from_db()
    assert job.state == State.FAILED
    assert (job.attempt, job.retries) == (3, 2)
    assert job.message == (
        "En tjänst som jobbet behöver gick inte att nå, så jobbet kunde inte slutföras."
    )
    assert caplog.text.count("transient error") == 3
    assert recorded(job) == []


def test_a_unique_key_returns_the_job_already_under_way(officer, at_commit):
    first = jobs.start(job_kinds.echo, user=officer, params={"number": 1}, unique_key="rapport")
    second = jobs.start(job_kinds.echo, user=officer, params={"number": 2}, unique_key="rapport")
    other = jobs.start(job_kinds.echo, user=officer, params={"number": 3}, unique_key="annan")
    assert second == first
    assert other != first
    assert Job.objects.count() == 2


def test_a_unique_key_is_free_again_once_the_job_has_finished(officer, at_commit):
    with at_commit():
        first = jobs.start(job_kinds.echo, user=officer, params={"number": 1}, unique_key="k")
    with at_commit():
        second = jobs.start(job_kinds.echo, user=officer, params={"number": 2}, unique_key="k")
    assert second != first
    second.refresh_from_db()
    assert second.state == State.DONE


def test_a_message_for_an_older_attempt_is_ignored(officer, at_commit, caplog):
    job = lose(jobs.start(job_kinds.count, user=officer, params={"steps": 3}))
    with at_commit():
        services.sweep()

    # Redis puts the lost worker's message for attempt 1 back in the queue.
    with caplog.at_level(logging.INFO, logger="ekonomi.jobs"), at_commit():
        runner.execute(registry.get("tests.count"), job.pk, 1)

    job.refresh_from_db()
    assert (job.state, job.attempt) == (State.DONE, 2)
    assert recorded(job) == ["step 1", "step 2", "step 3"]
    assert f"job {job.pk}: message for attempt 1 ignored" in caplog.text


def test_a_message_delivered_twice_runs_the_job_once(officer, at_commit):
    with at_commit():
        job = jobs.start(job_kinds.count, user=officer, params={"steps": 2})
    runner.execute(registry.get("tests.count"), job.pk, 1)
    assert recorded(job) == ["step 1", "step 2"]


def test_the_sweep_queues_a_lost_job_again_and_the_rerun_finishes_it_once(
    officer, at_commit, caplog
):
    job = lose(jobs.start(job_kinds.count, user=officer, params={"steps": 3}))

    with caplog.at_level(logging.WARNING, logger="ekonomi.jobs"), at_commit() as callbacks:
        swept = services.sweep()
        job.refresh_from_db()
        assert (job.state, job.attempt, job.retries) == (State.QUEUED, 2, 1)
        assert job.message == "Jobbet avbröts och har startats om."
        assert job.last_error.startswith("attempt 1: no heartbeat since")

    assert swept == [job]
    assert len(callbacks) == 1
    assert f"job {job.pk} (tests.count) lost, queued again" in caplog.text
    job.refresh_from_db()
    assert (job.state, job.attempt) == (State.DONE, 2)
    assert recorded(job) == ["step 1", "step 2", "step 3"]


def test_the_sweep_fails_a_lost_job_after_the_last_retry(officer, at_commit, settings):
    settings.JOBS_MAX_RETRIES = 1
    job = lose(jobs.start(job_kinds.count, user=officer, params={"steps": 1}))
    Job.objects.filter(pk=job.pk).update(retries=1)

    with at_commit() as callbacks:
        services.sweep()

    assert callbacks == []
    job.refresh_from_db()
    assert job.state == State.FAILED
    assert job.message == "Jobbet avbröts och kunde inte slutföras."
    assert job.finished_at is not None


def test_the_sweep_leaves_a_job_with_a_recent_heartbeat_alone(officer, settings):
    settings.JOBS_LOST_AFTER_SECONDS = 60
    job = lose(jobs.start(job_kinds.count, user=officer, params={"steps": 1}), seconds_ago=30)
    assert services.sweep() == []
    job.refresh_from_db()
    assert (job.state, job.attempt) == (State.RUNNING, 1)


def test_the_sweep_leaves_a_job_this_process_is_running_alone(officer):
    job = lose(jobs.start(job_kinds.count, user=officer, params={"steps": 1}))
    with services.running(job.pk):
        assert services.sweep() == []
    assert services.sweep() == [job]


def test_a_superseded_attempt_cannot_finish_the_job(officer, at_commit):
    job = lose(jobs.start(job_kinds.count, user=officer, params={"steps": 1}))
    services.sweep()
    with pytest.raises(services.JobLost):
        services.finish(job.pk, 1, jobs.Result(message="för sent"))
    services.fail(job.pk, 1, message="för sent")
    job.refresh_from_db()
    assert (job.state, job.attempt, job.message) == (
        State.QUEUED,
        2,
        "Jobbet avbröts och har startats om.",
    )


def test_forsok_igen_runs_a_failed_job_again_as_a_new_attempt(officer, at_commit):
    with at_commit():
        job = jobs.start(job_kinds.refuse_first, user=officer)
    job.refresh_from_db()
    Job.objects.filter(pk=job.pk).update(retries=2)

    with at_commit():
        retried = jobs.job_retry(job=job, user=officer)

    retried.refresh_from_db()
    assert retried == job
    assert (retried.state, retried.attempt, retried.retries) == (State.DONE, 2, 0)
    assert retried.message == "Andra gången gick det."


def test_only_a_failed_job_can_be_tried_again(officer, at_commit):
    with at_commit():
        job = jobs.start(job_kinds.echo, user=officer, params={"number": 1})
    with pytest.raises(ValidationError) as refusal:
        jobs.job_retry(job=job, user=officer)
    assert refusal.value.messages == ["Bara ett misslyckat jobb kan försökas igen."]


def test_forsok_igen_returns_the_job_with_the_same_key_that_is_already_under_way(
    officer, at_commit
):
    with at_commit():
        failed = jobs.start(job_kinds.refuse_first, user=officer, unique_key="rapport")
    running = jobs.start(job_kinds.echo, user=officer, params={"number": 1}, unique_key="rapport")
    failed.refresh_from_db()
    assert jobs.job_retry(job=failed, user=officer) == running
    failed.refresh_from_db()
    assert (failed.state, failed.attempt) == (State.FAILED, 1)


def test_a_job_that_cannot_be_queued_fails_and_can_be_tried_again(
    officer, at_commit, monkeypatch, caplog
):
    from kombu.exceptions import OperationalError

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(registry.get("tests.echo").task, "apply_async", broker_down)
    with caplog.at_level(logging.ERROR, logger="ekonomi.jobs"), at_commit():
        job = jobs.start(job_kinds.echo, user=officer, params={"number": 1})
    job.refresh_from_db()
    assert job.state == State.FAILED
    assert job.message == "Jobbet kunde inte köas: bakgrundstjänsten går inte att nå."
    assert "Connection refused" in job.last_error
    assert f"job {job.pk} attempt 1 could not be queued" in caplog.text


def test_a_kind_name_is_defined_once():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="defined twice"):

        @jobs.job("tests.echo", label="Another echo", rule=job_kinds.access.READ)
        def another_echo(job):
            pass


def test_the_periodic_sweep_task_takes_up_lost_jobs(officer, at_commit):
    from ekonomi.jobs.tasks import sweep_lost_jobs

    job = lose(jobs.start(job_kinds.count, user=officer, params={"steps": 1}))
    with at_commit():
        sweep_lost_jobs.apply()
    job.refresh_from_db()
    assert (job.state, job.attempt) == (State.DONE, 2)
    assert recorded(job) == ["step 1"]
