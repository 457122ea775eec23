"""A volume file whose worker is killed with kill -9 half-way through its check.

Runs against real worker subprocesses on Redis and PostgreSQL (tests/ekonomi/worker_process.py);
skipped without them, except on CI, where the Celery step provides both. The page follows the
job: within seconds (the sweeper's limit is 2 s here, a minute in production) the check runs
again on a new worker, and the file is checked and then imported exactly once.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ekonomi.jobs.models import Job
from invoicing.models import MonthlyVolume, VolumeDocument, VolumeImport
from tests.ekonomi.worker_process import poll_job
from tests.invoicing.volume_helpers import agree_2012, csv_bytes

pytestmark = pytest.mark.celery

# Enough rows that the check takes a few seconds, reporting progress as it goes.
ROWS = 300_000
KINDS = ("invoicing.volume_import_check", "invoicing.volume_import_run")


def test_a_check_whose_worker_is_killed_runs_again_and_the_file_is_imported_once(
    worker_processes, subprocess_queue, client_for, settings
):
    settings.JOBS_LOST_AFTER_SECONDS = 2
    subprocess_queue(*KINDS)
    agree_2012()
    rows = [
        ["RIKI", "KR-FS", f"2012-03-{number % 28 + 1:02d}", f"K{number:07d}", ""]
        for number in range(ROWS)
    ]
    officer = client_for("officer")
    first_worker = worker_processes.start()

    officer.post(
        reverse("invoicing:volume_import_upload"),
        {"file": SimpleUploadedFile("mars.csv", csv_bytes(rows))},
    )
    volume_import = VolumeImport.objects.get()
    check = Job.objects.get(kind=KINDS[0])
    status_url = reverse("jobs:status", args=[check.pk])
    poll_job(officer, status_url, until=lambda status: status["progress"] >= 10)
    first_worker.kill()

    # The page's polling notices the silence and queues the check again, for a new worker.
    poll_job(officer, status_url, until=lambda status: status["attempt"] == 2)
    worker_processes.start()
    status = poll_job(officer, status_url, until=lambda status: status["finished"])
    assert (status["state_label"], status["attempt"]) == ("Klart", 2)
    volume_import.refresh_from_db()
    assert volume_import.status == VolumeImport.Status.READY
    assert (volume_import.rows_read, volume_import.rows_skipped) == (ROWS, 0)

    officer.post(reverse("invoicing:volume_import_confirm", args=[volume_import.pk]))
    run = Job.objects.get(kind=KINDS[1])
    status = poll_job(officer, reverse("jobs:status", args=[run.pk]), lambda s: s["finished"])
    assert status["state_label"] == "Klart"

    volume_import.refresh_from_db()
    assert (volume_import.status, volume_import.rows_added) == (VolumeImport.Status.DONE, ROWS)
    assert VolumeDocument.objects.count() == ROWS
    assert MonthlyVolume.objects.get(customer__code="RIKI", month="2012-03-01").quantity == ROWS
