from customers.models import User
from ekonomi.jobs.models import Job
from tests.ekonomi import job_kinds
from tests.matrix import ROLES, everyone

# Who may follow a job: its starter, and the roles its kind's rule admits; anyone else is told
# it does not exist. A controller bound to a customer sees only their own jobs.
VOLUME_WRITERS = {"admin", "unit_manager", "officer"}


def _seen_by(roles, code=200, unseen=404):
    return {role: code if role in roles else unseen for role in ROLES}


OFFICERS_VOLUME_JOB = {"pk": "officers_volume_job"}
OFFICERS_READ_JOB = {"pk": "officers_read_job"}
BOUND_CONTROLLERS_JOB = {"pk": "bound_controllers_job"}

ROWS = {
    "jobs:job": [
        ("get", OFFICERS_VOLUME_JOB, None, _seen_by(VOLUME_WRITERS)),
        ("get", OFFICERS_READ_JOB, None, _seen_by(set(ROLES) - {"bound_controller"})),
        ("get", BOUND_CONTROLLERS_JOB, None, everyone()),
    ],
    "jobs:status": [
        ("get", OFFICERS_VOLUME_JOB, None, _seen_by(VOLUME_WRITERS)),
        ("get", BOUND_CONTROLLERS_JOB, None, everyone()),
    ],
    # A failed job: those who may see it may start it again, and land back on its page.
    "jobs:retry": [("post", OFFICERS_VOLUME_JOB, None, _seen_by(VOLUME_WRITERS, 302))],
}


def placeholders(own_customer, other_customer):
    officer = User.objects.get(username="handlaggare")
    bound_controller = User.objects.get(username="controller.riki")
    failed = Job.State.FAILED
    return {
        "officers_volume_job": Job.objects.create(
            kind=job_kinds.volume_work.job_kind, created_by=officer, state=failed
        ).pk,
        "officers_read_job": Job.objects.create(
            kind=job_kinds.echo.job_kind, created_by=officer, state=failed
        ).pk,
        "bound_controllers_job": Job.objects.create(
            kind=job_kinds.echo.job_kind, created_by=bound_controller, state=failed
        ).pk,
    }
