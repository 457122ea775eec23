"""The life of a job: start, claim, finish or fail, retry, and the sweep for lost workers.

Every change of state is conditional on the attempt, so that exactly one attempt finishes a
job however often the broker delivers its messages:

- start() creates the job (attempt 1) and queues a message (job id, attempt) at commit.
- claim() lets the message of the current attempt, and only that one, move the job from
  queued to running; any other message (Redis putting back a message whose worker died, an
  older attempt) finds nothing to claim and is dropped.
- While it runs, the worker stamps `heartbeat_at` (runner.Heartbeat). sweep() takes a running
  job that has gone quiet for JOBS_LOST_AFTER_SECONDS as lost (its worker was killed) and
  queues it again as the next attempt, at most JOBS_MAX_RETRIES times; then it fails, and the
  page offers "Försök igen" (job_retry()). A transient error is retried the same way, with a
  doubling delay.
- finish() and fail() change the job only while this attempt still owns it.
"""

import logging
import threading
import traceback
from contextlib import contextmanager
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

from ekonomi.jobs import registry
from ekonomi.jobs.models import Job

logger = logging.getLogger("ekonomi.jobs")

State = Job.State
MESSAGE_LENGTH = Job._meta.get_field("message").max_length


class JobLost(Exception):
    """This attempt no longer owns its job: the sweeper has handed it to a newer attempt."""


def start(kind_or_func, *, user, params=None, result_url="", unique_key="") -> Job:
    """Create a job and queue it when the surrounding transaction commits.

    Without a broker (CELERY_TASK_ALWAYS_EAGER) the job runs at that commit, inside the
    request, so the job returned here has already finished when no transaction was open.
    With `unique_key`, a job with the same key that is still queued or running is returned
    instead of starting another.
    """
    kind = registry.resolve(kind_or_func)
    with transaction.atomic():
        if unique_key and (active := _active(unique_key)):
            return active
        try:
            with transaction.atomic():
                job = Job.objects.create(
                    kind=kind.name,
                    created_by=user,
                    params=params or {},
                    result_url=result_url,
                    unique_key=unique_key,
                )
        except IntegrityError:
            # Another request started the same job between our check and our insert.
            active = _active(unique_key) if unique_key else None
            if active is None:
                raise
            return active
        _queue_at_commit(job)
    return _fresh(job)


def job_retry(*, job: Job, user) -> Job:
    """Start a failed job again as a new attempt ("Försök igen"); returns the job that now
    does the work: this one, or a job with the same key that someone started meanwhile."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if job.state != State.FAILED:
            raise ValidationError(_("Only a failed job can be tried again."))
        try:
            with transaction.atomic():
                _requeue(job, retries=0, message="")
        except IntegrityError:
            # The same work (same key) was started anew while this one lay failed.
            return _active(job.unique_key) or _fresh(job)
        logger.info("job %s (%s) retried by %s as attempt %s", job.pk, job.kind, user, job.attempt)
    return _fresh(job)


def claim(job_id: int, attempt: int) -> Job | None:
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, attempt=attempt, state=State.QUEUED).update(
        state=State.RUNNING, started_at=now, heartbeat_at=now, progress=0, message=""
    )
    if not claimed:
        return None
    return Job.objects.select_related("created_by").get(pk=job_id)


@transaction.atomic
def finish(job_id: int, attempt: int, result: registry.Result | None) -> None:
    """Mark the job done; inside the job's own transaction for atomic kinds (runner.py)."""
    job = _owned(job_id, attempt)
    if job is None:
        raise JobLost(f"job {job_id}: attempt {attempt} was superseded before it finished")
    result = result or registry.Result()
    job.state = State.DONE
    job.progress = 100
    job.message = str(result.message)[:MESSAGE_LENGTH]
    job.result = result.data
    job.result_url = result.url or job.result_url
    job.finished_at = job.heartbeat_at = timezone.now()
    job.save(
        update_fields=[
            "state",
            "progress",
            "message",
            "result",
            "result_url",
            "finished_at",
            "heartbeat_at",
        ]
    )


@transaction.atomic
def fail(job_id: int, attempt: int, *, message: str, error: str = "") -> None:
    job = _owned(job_id, attempt)
    if job is not None:
        _fail(job, message=message, error=error)


@transaction.atomic
def retry_later(job_id: int, attempt: int, *, error: str) -> None:
    """After a transient error (database or broker unreachable): queue the next attempt after
    JOBS_RETRY_BACKOFF_SECONDS, doubling each time, or fail once the retries are spent."""
    job = _owned(job_id, attempt)
    if job is None:
        return
    if job.retries >= settings.JOBS_MAX_RETRIES:
        _fail(
            job,
            message=_("A service the job needs was unavailable, so the job could not be finished."),
            error=error,
        )
        return
    delay = settings.JOBS_RETRY_BACKOFF_SECONDS * 2**job.retries
    _requeue(
        job,
        retries=job.retries + 1,
        message=_("A service the job needs was unavailable; it is tried again shortly."),
        countdown=delay,
        error=error,
    )


def sweep(*, job_id: int | None = None, now=None) -> list[Job]:
    """Requeue or fail the running jobs whose heartbeat is older than JOBS_LOST_AFTER_SECONDS.

    Runs from the periodic task `ekonomi.jobs.sweep` and whenever a job's page or status is
    read (then only for that job), so a followed job recovers even without the beat. Without
    a broker the job queued again runs at once, in the process that swept it.
    """
    cutoff = (now or timezone.now()) - timedelta(seconds=settings.JOBS_LOST_AFTER_SECONDS)
    quiet = Job.objects.filter(state=State.RUNNING, heartbeat_at__lt=cutoff).exclude(
        pk__in=running_here()
    )
    if job_id is not None:
        quiet = quiet.filter(pk=job_id)
    swept = []
    for candidate in quiet.only("pk"):
        with transaction.atomic():
            # skip_locked: a job whose row is locked is being finished, not lost.
            job = (
                Job.objects.select_for_update(skip_locked=True)
                .filter(pk=candidate.pk, state=State.RUNNING, heartbeat_at__lt=cutoff)
                .first()
            )
            if job is None:
                continue
            error = f"attempt {job.attempt}: no heartbeat since {job.heartbeat_at.isoformat()}"
            if job.retries < settings.JOBS_MAX_RETRIES:
                logger.warning("job %s (%s) lost, queued again: %s", job.pk, job.kind, error)
                _requeue(
                    job,
                    retries=job.retries + 1,
                    message=_("The job was interrupted and has been started again."),
                    error=error,
                )
            else:
                logger.error("job %s (%s) lost, failed: %s", job.pk, job.kind, error)
                _fail(
                    job,
                    message=_("The job was interrupted and could not be finished."),
                    error=error,
                )
            swept.append(job)
    return swept


# Jobs this process is running. On SQLite, which takes one writer at a time, no heartbeat is
# written while a job runs (runner.Heartbeat), so this is how the sweeper of the same process
# (the development server) knows that a quiet job is alive.
_running_here: set[int] = set()
_running_lock = threading.Lock()


@contextmanager
def running(job_id: int):
    with _running_lock:
        _running_here.add(job_id)
    try:
        yield
    finally:
        with _running_lock:
            _running_here.discard(job_id)


def running_here() -> list[int]:
    with _running_lock:
        return list(_running_here)


def error_text(error: BaseException) -> str:
    return "".join(traceback.format_exception(error))


def _active(unique_key):
    return Job.objects.filter(unique_key=unique_key, state__in=Job.ACTIVE).first()


def _owned(job_id, attempt):
    job = Job.objects.select_for_update().filter(pk=job_id).first()
    if job is None or job.state != State.RUNNING or job.attempt != attempt:
        return None
    return job


def _fresh(job):
    # Outside a transaction the commit has passed, and an eager job has run.
    if not connection.in_atomic_block:
        job.refresh_from_db()
    return job


def _requeue(job, *, retries, message, countdown=None, error=None):
    job.attempt += 1
    job.retries = retries
    job.state = State.QUEUED
    job.progress = 0
    job.message = message
    job.started_at = job.finished_at = job.heartbeat_at = None
    if error is not None:
        job.last_error = error
    job.save()
    _queue_at_commit(job, countdown=countdown)


def _fail(job, *, message, error):
    job.state = State.FAILED
    job.message = str(message)[:MESSAGE_LENGTH]
    job.last_error = error
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "message", "last_error", "finished_at"])


def _queue_at_commit(job, countdown=None):
    transaction.on_commit(partial(_send, job.kind, job.pk, job.attempt, countdown))


def _send(kind_name, job_id, attempt, countdown):
    try:
        kind = registry.get(kind_name)
        routing = {"queue": kind.queue} if kind.queue else {}
        kind.task.apply_async((job_id, attempt), countdown=countdown, **routing)
    except BrokerError as error:
        # Celery has already retried the publish (task_publish_retry); the user can try again
        # once the broker is back.
        logger.exception("job %s attempt %s could not be queued", job_id, attempt)
        Job.objects.filter(pk=job_id, attempt=attempt, state=State.QUEUED).update(
            state=State.FAILED,
            message=_("The job could not be queued: the background service is unavailable."),
            last_error=error_text(error),
            finished_at=timezone.now(),
        )
