"""Job kinds that exist only for the tests: real code run by the real job machinery, eagerly,
by the in-process test worker (CELERY_TEST_WORKER=1) or by a worker subprocess started with
`celery -A ekonomi worker --include tests.ekonomi.job_kinds` (tests/ekonomi/worker_process.py)."""

import time

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import OperationalError

from ekonomi import access, jobs
from ekonomi.jobs.models import Job

# Only the worker subprocess listens here, so that an in-process test worker never takes it.
SUBPROCESS_QUEUE = "ekonomi-test-subprocess"


@jobs.job("tests.echo", label="Echoing", rule=access.READ)
def echo(job, *, number):
    job.progress(0.5, "Halvvägs")
    return jobs.Result(
        data={"number": number, "attempt": job.attempt},
        url=f"/resultat/{number}/",
        message=f"Talet {number} är klart.",
    )


@jobs.job("tests.volume_work", label="Volume work", rule=access.VOLUME_WRITE)
def volume_work(job):
    return jobs.Result(message="Klart.")


@jobs.job("tests.refuse_first", label="Refusing at first", rule=access.READ)
def refuse_first(job):
    if job.attempt == 1:
        raise ValidationError(["Månaden är redan fakturerad.", "Prislistan saknas."])
    return jobs.Result(message="Andra gången gick det.")


@jobs.job("tests.crash", label="Crashing", rule=access.READ)
def crash(job):
    raise RuntimeError("the sky fell")


@jobs.job("tests.flaky", label="Flaky", rule=access.READ)
def flaky(job, *, failures):
    # Records each attempt, so that a test sees a failed attempt's writes rolled back.
    record(job, f"attempt {job.attempt}")
    if job.attempt <= failures:
        raise OperationalError("server closed the connection unexpectedly")
    return jobs.Result(data={"attempt": job.attempt})


@jobs.job("tests.count", label="Counting", rule=access.READ)
def count(job, *, steps, pause=0):
    """Records each step as a line in the admin log, pausing between them; with the job's
    writes in one transaction, each step is recorded exactly once however often it runs."""
    for step in range(1, steps + 1):
        time.sleep(pause)
        record(job, f"step {step}")
        job.progress(step / steps, f"Steg {step} av {steps}")
    return jobs.Result(data={"steps": steps})


# The same work on the queue that only the worker subprocess takes.
@jobs.job("tests.slow_count", label="Counting slowly", rule=access.READ, queue=SUBPROCESS_QUEUE)
def slow_count(job, *, steps, pause):
    return count(job, steps=steps, pause=pause)


def record(job, text):
    LogEntry.objects.create(
        user=job.user,
        content_type=ContentType.objects.get_for_model(Job),
        object_id=str(job.id),
        object_repr=text,
        action_flag=CHANGE,
    )


def recorded(job):
    return list(
        LogEntry.objects.filter(object_id=str(job.pk))
        .order_by("pk")
        .values_list("object_repr", flat=True)
    )
