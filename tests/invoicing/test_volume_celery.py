"""A volume file goes through Celery: checked and imported by jobs, followed by the page.

On CI this runs against a real worker on Redis (CELERY_TEST_WORKER=1); locally, eagerly.
"""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ekonomi.jobs.models import Job
from invoicing.models import VolumeDocument, VolumeImport
from tests.invoicing.volume_helpers import agree_2012, csv_bytes, volumes

ROWS = [["RIKI", "KR-FS", f"2012-03-{day:02d}", f"C{day}", "10,00"] for day in range(1, 29)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def wait_for(volume_import, *statuses, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        volume_import.refresh_from_db()
        if volume_import.status in statuses:
            return volume_import
        time.sleep(0.2)
    raise AssertionError(f"still {volume_import.status} after {seconds} s")


@pytest.mark.celery
def test_a_file_is_checked_and_imported_by_jobs_while_the_page_follows(
    transactional_db, client_for
):
    agree_2012()
    officer = client_for("officer")

    response = officer.post(
        reverse("invoicing:volume_import_upload"),
        {"file": SimpleUploadedFile("stor.csv", csv_bytes(ROWS))},
    )
    volume_import = VolumeImport.objects.get()
    assert response.url == reverse("invoicing:volume_import", args=[volume_import.pk])
    wait_for(volume_import, VolumeImport.Status.READY)

    officer.post(reverse("invoicing:volume_import_confirm", args=[volume_import.pk]))
    wait_for(volume_import, VolumeImport.Status.DONE)

    check, run = Job.objects.order_by("pk")
    assert (check.kind, run.kind) == (
        "invoicing.volume_import_check",
        "invoicing.volume_import_run",
    )
    status = officer.get(reverse("jobs:status", args=[run.pk])).json()
    assert (status["state_label"], status["progress"]) == ("Klart", 100)
    assert status["result_url"] == reverse("invoicing:volume_import", args=[volume_import.pk])
    assert "28 rader lästa, 28 tillagda, 0 överhoppade." in officer.get(response.url).text
    assert VolumeDocument.objects.count() == 28
    assert volumes() == {("RIKI", "KR-FS", "2012-03"): (28, 0, 0, 28)}
