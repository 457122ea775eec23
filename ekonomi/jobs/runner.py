"""Defining a job kind, and running one attempt of a job in a worker (or eagerly at commit).

    @jobs.job("invoicing.volume_import_run", label=_("Importing a volume file"),
              rule=access.VOLUME_WRITE)
    def volume_import_run(job, *, volume_import_id):
        services.volume_import_run(volume_import_id=volume_import_id, progress=job.progress)
        return jobs.Result(url=reverse(...))

The function calls one service. `job` is a JobRun: the starter (`job.user`), the attempt and
`job.progress(fraction, message)`.

An atomic kind (the default) runs its function and marks the job done in one transaction: a
worker killed half-way leaves nothing behind (PostgreSQL rolls back its connection), and an
attempt that the sweeper has superseded rolls back instead of finishing, so a rerun gives
exactly one result. A kind whose service commits in steps of its own (atomic=False) must make
that service safe to run again.
"""

import logging
import threading
from contextlib import nullcontext

from celery import shared_task
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

from ekonomi.jobs import registry, services
from ekonomi.jobs.models import Job

logger = logging.getLogger("ekonomi.jobs")

# Errors that say a service was briefly unreachable, not that the job is wrong: the database
# (a dropped connection, a deadlock, "database is locked") and the broker.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, BrokerError)


def job(name, *, label, rule, atomic=True, queue=None):
    """Register a job kind and its Celery task, named `name`; the function is returned as is.

    `queue`: the Celery queue its messages go to (the default queue if None), e.g. to keep long
    report jobs from holding up imports; a worker must consume it (`celery worker -Q`).
    """

    def decorator(func):
        registry.check_free(name, func)

        def task(job_id, attempt):
            execute(registry.get(name), job_id, attempt)

        # Celery names the task explicitly; the module is where a worker re-imports it from.
        task.__name__ = task.__qualname__ = func.__name__
        task.__module__ = func.__module__
        registry.register(
            registry.Kind(
                name=name,
                label=label,
                rule=rule,
                func=func,
                atomic=atomic,
                queue=queue,
                task=shared_task(name=name, ignore_result=True)(task),
            )
        )
        func.job_kind = name
        return func

    return decorator


class JobRun:
    """What a job function sees of its job."""

    def __init__(self, job, heartbeat):
        self.id = job.pk
        self.kind = job.kind
        self.attempt = job.attempt
        self.params = job.params
        self.user = job.created_by
        self._heartbeat = heartbeat

    def progress(self, fraction, message=None):
        """Report progress (0.0-1.0) and, optionally, a sentence for the user.

        Cheap enough to call per row: the heartbeat thread writes the latest value. Raises
        JobLost when the sweeper has given the job to a newer attempt, to stop wasted work.
        """
        if self._heartbeat.lost:
            raise services.JobLost(f"job {self.id}: attempt {self.attempt} was superseded")
        percent = max(0, min(99, int(fraction * 100)))
        self._heartbeat.report(percent, None if message is None else str(message))


class Heartbeat:
    """Stamps `heartbeat_at` every JOBS_HEARTBEAT_SECONDS while a job runs, and writes its
    progress, from a daemon thread with its own database connection.

    The job's own connection may hold a long transaction (atomic kinds), so the stamps and
    the progress must come from elsewhere to be seen; a thread (rather than stamping from
    progress()) also keeps a job alive through a long step that reports nothing. SQLite takes
    one writer at a time, so there nothing is written while the job runs: the page learns only
    the result, and the sweeper spares jobs of its own process (services.running).
    """

    # Progress is written at most this often, however often the job reports it.
    MIN_INTERVAL = 0.5

    def __init__(self, job_id, attempt):
        self.job_id = job_id
        self.attempt = attempt
        self.lost = False
        self._pending = None
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = None
        if connection.vendor != "sqlite":
            self._thread = threading.Thread(
                target=self._loop, name=f"job-{job_id}-heartbeat", daemon=True
            )

    def __enter__(self):
        if self._thread:
            self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout=10)

    def report(self, percent, message):
        with self._lock:
            self._pending = (percent, message)
        self._wake.set()

    def _loop(self):
        interval = settings.JOBS_HEARTBEAT_SECONDS
        try:
            while not self._stop.is_set():
                self._wake.wait(interval)
                self._wake.clear()
                if self._stop.is_set() or not self._beat():
                    return
                self._stop.wait(min(self.MIN_INTERVAL, interval))
        finally:
            # This thread's own connection; the job's is untouched.
            connection.close()

    def _beat(self):
        with self._lock:
            pending, self._pending = self._pending, None
        fields = {"heartbeat_at": timezone.now()}
        if pending:
            fields["progress"] = pending[0]
            if pending[1] is not None:
                fields["message"] = pending[1][: services.MESSAGE_LENGTH]
        mine = Job.objects.filter(pk=self.job_id, attempt=self.attempt, state=Job.State.RUNNING)
        try:
            if mine.update(**fields):
                return True
            # Not updated: either the job has moved on (another attempt owns it) or the row is
            # not visible to this connection yet (a test's open transaction); only the first
            # means this attempt is lost.
            others = Job.objects.filter(pk=self.job_id).exclude(
                attempt=self.attempt, state=Job.State.RUNNING
            )
            self.lost = others.exists()
            return not self.lost
        except DatabaseError:
            logger.warning("job %s: heartbeat not written", self.job_id, exc_info=True)
            connection.close()
            return True


def execute(kind, job_id, attempt):
    """The body of every job task: run `attempt` of the job if it is still the current one."""
    claimed = services.claim(job_id, attempt)
    if claimed is None:
        logger.info("job %s: message for attempt %s ignored, the job has moved on", job_id, attempt)
        return
    with services.running(job_id), Heartbeat(job_id, attempt) as heartbeat:
        try:
            _call(kind, JobRun(claimed, heartbeat))
            return
        except services.JobLost:
            logger.warning(
                "job %s: attempt %s stopped, a newer attempt owns the job", job_id, attempt
            )
            return
        except ValidationError as error:
            # A business refusal ("the month is already billed"): the user reads why.
            failure = {"message": " ".join(error.messages), "error": services.error_text(error)}
        except TRANSIENT_ERRORS as error:
            logger.exception("job %s (%s) attempt %s: transient error", job_id, kind.name, attempt)
            failure = {"error": services.error_text(error)}
        except Exception as error:
            logger.exception("job %s (%s) attempt %s failed", job_id, kind.name, attempt)
            failure = {
                "message": _(
                    "The job failed because of an unexpected error. The error has been logged; "
                    "try again, or contact the system administration if it happens again."
                ),
                "error": services.error_text(error),
            }
    # Recorded after the heartbeat has stopped, so that an eager retry (which runs right here)
    # never overlaps this attempt.
    _recover_connection()
    if "message" in failure:
        services.fail(job_id, attempt, **failure)
    else:
        services.retry_later(job_id, attempt, **failure)


def _call(kind, run):
    # An atomic kind's writes and its "done" commit together; any other kind's service has
    # committed its own.
    with transaction.atomic() if kind.atomic else nullcontext():
        result = kind.func(run, **run.params)
        if result is not None and not isinstance(result, registry.Result):
            raise TypeError(f"job kind {kind.name} returned {type(result).__name__}, not a Result")
        services.finish(run.id, run.attempt, result)


def _recover_connection():
    # A dropped database connection stays broken until closed; the next query reconnects.
    # Inside a transaction (a test's) it is the caller's to handle.
    if not connection.in_atomic_block:
        connection.close_if_unusable_or_obsolete()
