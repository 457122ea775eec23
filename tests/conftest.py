import io
import os

import pytest
from django.core.management import call_command
from django.test import Client, TestCase

from customers.models import Customer, User
from ekonomi.access import Role
from tests.ekonomi.worker_process import subprocess_queue, worker_processes

DEMO_PASSWORD = "ekonomi2012"
# Fixtures defined beside the tests that need them, offered to every test folder.
__all__ = ["subprocess_queue", "worker_processes"]


def pytest_configure(config):
    from django.conf import settings

    # The demo users are created in many tests; a slow hasher would dominate the run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _load_demo_organisation():
    call_command("load_demo", "--organisation-only", stdout=io.StringIO())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # The demo organisation is loaded once per test database; each test then runs in a
    # transaction that is rolled back. pytest-django runs transactional tests (which flush
    # the database) last, and `demo` reloads the organisation after such a flush.
    with django_db_blocker.unblock():
        _load_demo_organisation()


@pytest.fixture
def demo(db):
    if not Customer.objects.exists():
        _load_demo_organisation()


@pytest.fixture
def users(demo):
    """One user per role from the demo organisation, keyed by a short name."""
    by_name = {u.username: u for u in User.objects.all()}
    return {
        "admin": by_name["admin"],
        "head": by_name["chef"],
        "unit_manager": by_name["enhetschef"],
        "officer": by_name["handlaggare"],
        "controller": by_name["controller"],
        "bound_controller": by_name["controller.riki"],
    }


@pytest.fixture
def own_customer(demo):
    return Customer.objects.get(code="RIKI")


@pytest.fixture
def other_customer(demo):
    return Customer.objects.get(code="SPTE")


@pytest.fixture
def client_for(client, users):
    def login(name):
        client.force_login(users[name])
        return client

    return login


class CommittingClient(Client):
    """The test client, whose requests end as a real request does: with a commit.

    A test's own transaction never commits, so what a request queues for commit (background
    jobs start at commit, ekonomi/jobs) would never run; here it runs, eagerly, as the request
    returns.
    """

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


@pytest.fixture
def client():
    return CommittingClient()


@pytest.fixture
def temporary_files(settings, tmp_path):
    # Every upload goes to disk at once, where the test can see whether anything is left behind.
    folder = tmp_path / "uploads"
    folder.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(folder)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    return folder


def make_user(username, role=Role.OFFICER, **fields):
    user = User(username=username, role=role, **fields)
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("celery"):
            item.fixturenames.append("celery_worker")


@pytest.fixture(scope="session")
def _celery_worker_session(django_db_setup, django_db_blocker):
    """A real worker on the configured broker when CELERY_TEST_WORKER=1; else tasks run eagerly."""
    if os.environ.get("CELERY_TEST_WORKER") != "1":
        yield None
        return
    from celery.contrib.testing.worker import start_worker

    from ekonomi.celery import app

    assert not app.conf.task_always_eager, "CELERY_TEST_WORKER=1 needs REDIS_URL"
    # Fail loudly (not skip) when the broker cannot be reached.
    app.connection_for_write().ensure_connection(max_retries=3)
    with (
        django_db_blocker.unblock(),
        start_worker(
            app, perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30
        ) as worker,
    ):
        yield worker


@pytest.fixture
def celery_worker(_celery_worker_session, transactional_db):
    return _celery_worker_session


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Uploaded files and generated documents of a test never land in the working tree.
    settings.MEDIA_ROOT = tmp_path / "media"
