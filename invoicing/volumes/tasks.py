"""The volume import's background jobs; each calls one service with the import's id."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ekonomi import access, jobs
from invoicing.volumes import services


def _result(volume_import):
    return jobs.Result(
        data={"status": volume_import.status},
        url=reverse("invoicing:volume_import", args=[volume_import.pk]),
        message=volume_import.get_status_display(),
    )


# Not atomic: the services commit their own steps and claim the import by its status, so a
# job run again after its worker died never checks or imports a file twice.
@jobs.job(
    "invoicing.volume_import_check",
    label=_("Checking a volume file"),
    rule=access.VOLUME_WRITE,
    atomic=False,
)
def volume_import_check(job, *, volume_import_id):
    return _result(
        services.volume_import_check(volume_import_id=volume_import_id, progress=job.progress)
    )


@jobs.job(
    "invoicing.volume_import_run",
    label=_("Importing a volume file"),
    rule=access.VOLUME_WRITE,
    atomic=False,
)
def volume_import_run(job, *, volume_import_id):
    return _result(
        services.volume_import_run(volume_import_id=volume_import_id, progress=job.progress)
    )
