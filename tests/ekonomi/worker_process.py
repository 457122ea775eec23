"""Real Celery workers in subprocesses, on Redis and the test database, that a test can kill -9.

`celery -A ekonomi worker --include tests.ekonomi.job_kinds`: the project's own app, plus the
test-only job kinds through Celery's --include, so nothing of the tests reaches the settings.
The workers take only the queue job_kinds.SUBPROCESS_QUEUE, so an in-process test worker
(CELERY_TEST_WORKER=1) never takes their jobs.
"""

import dataclasses
import os
import signal
import subprocess
import sys
import time
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from ekonomi.celery import app
from ekonomi.jobs import registry
from tests.ekonomi.job_kinds import SUBPROCESS_QUEUE


def _unavailable():
    if not settings.REDIS_URL:
        return "needs REDIS_URL: a worker subprocess needs a broker"
    if connection.vendor != "postgresql":
        return "needs PostgreSQL: a worker subprocess needs a database it can share"
    return None


def _database_url():
    db = connection.settings_dict
    user = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    host = db["HOST"] or "localhost"
    return f"postgres://{user}@{host}:{db['PORT'] or 5432}/{quote(db['NAME'])}"


class Worker:
    def __init__(self, process, log_path):
        self.process = process
        self.log_path = log_path

    def log(self):
        return self.log_path.read_text(errors="replace")

    def wait_for_log(self, text, seconds=30):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if text in self.log():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        raise AssertionError(f"worker never logged {text!r}; its log:\n{self.log()}")

    def kill(self):
        """kill -9: no warm shutdown, no acknowledgement, no cleanup."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


class WorkerProcesses:
    def __init__(self, directory, environment):
        self.directory = directory
        self.environment = environment
        self.workers = []

    def start(self):
        number = len(self.workers) + 1
        log_path = self.directory / f"worker-{number}.log"
        command = [
            sys.executable, "-m", "celery", "-A", "ekonomi", "worker",
            "--include", "tests.ekonomi.job_kinds",
            "--queues", SUBPROCESS_QUEUE,
            # One process: kill -9 takes the job with it, as when a prefork child is killed.
            "--pool", "solo",
            "--loglevel", "info",
            "--hostname", f"jobs-test-{number}@%h",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
        ]  # fmt: skip
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                command,
                cwd=settings.BASE_DIR,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        worker = Worker(process, log_path)
        self.workers.append(worker)
        worker.wait_for_log(" ready.")
        return worker

    def stop_all(self):
        for worker in self.workers:
            worker.stop()


@pytest.fixture
def subprocess_queue(monkeypatch):
    """Send the given job kinds to the worker subprocesses' queue, away from any in-process
    test worker (CELERY_TEST_WORKER=1) that consumes the default queue."""

    def route(*names):
        for name in names:
            kind = registry.get(name)
            monkeypatch.setitem(
                registry._kinds, name, dataclasses.replace(kind, queue=SUBPROCESS_QUEUE)
            )

    return route


@pytest.fixture
def worker_processes(transactional_db, tmp_path):
    """Starts workers on demand (`.start()`), each with a short heartbeat (0.3 s) and visibility
    timeout (2 s), and stops whatever is left at the end."""
    reason = _unavailable()
    if reason:
        if settings.REDIS_URL and os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    with app.connection_for_write() as broker:
        broker.default_channel.queue_purge(SUBPROCESS_QUEUE)
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ekonomi.settings",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "JOBS_HEARTBEAT_SECONDS": "0.3",
        "CELERY_VISIBILITY_TIMEOUT": "2",
        # Uploaded files are read by the worker: the test's media folder is shared.
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    processes = WorkerProcesses(tmp_path, environment)
    yield processes
    processes.stop_all()


def finished(job, seconds=60):
    """The job once a worker has finished it, read from the database."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished:
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job.pk} still {job.state}")


def poll_job(client, url, until, seconds=60):
    """The job's status JSON once `until(status)` holds; polled as a user's page would."""
    deadline = time.monotonic() + seconds
    status = None
    while time.monotonic() < deadline:
        status = client.get(url).json()
        if until(status):
            return status
        time.sleep(0.2)
    raise AssertionError(f"the job never got there: {status}")
