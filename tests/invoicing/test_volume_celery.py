"""A big file goes through Celery: checked and imported by a task, followed by the page.

On CI this runs against a real worker on Redis (CELERY_TEST_WORKER=1); locally, eagerly.
"""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from invoicing.models import VolumeDocument, VolumeImport
from tests.invoicing.volume_helpers import agree_2012, csv_bytes, volumes

ROWS = [["RIKI", "KR-FS", f"2012-03-{day:02d}", f"C{day}", "10,00"] for day in range(1, 29)]


@pytest.fixture(autouse=True)
def background(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # Every file is "big": the check and the import run as tasks.
    settings.VOLUME_IMPORT_BACKGROUND_BYTES = 0


def wait_for(volume_import, *statuses, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        volume_import.refresh_from_db()
        if volume_import.status in statuses:
            return volume_import
        time.sleep(0.2)
    raise AssertionError(f"still {volume_import.status} after {seconds} s")


@pytest.mark.celery
def test_a_big_file_is_checked_and_imported_by_tasks_while_the_page_follows(
    transactional_db, client_for
):
    agree_2012()
    officer = client_for("officer")

    response = officer.post(
        reverse("invoicing:volume_import_upload"),
        {"file": SimpleUploadedFile("stor.csv", csv_bytes(ROWS))},
    )
    volume_import = VolumeImport.objects.get()
    status_url = reverse("invoicing:volume_import_status", args=[volume_import.pk])
    assert response.url == reverse("invoicing:volume_import", args=[volume_import.pk])
    wait_for(volume_import, VolumeImport.Status.READY)
    assert officer.get(status_url).json()["finished"] is True

    officer.post(reverse("invoicing:volume_import_confirm", args=[volume_import.pk]))
    wait_for(volume_import, VolumeImport.Status.DONE)

    assert officer.get(status_url).json() == {
        "status": "done",
        "label": "Importerad",
        "progress": 100,
        "finished": True,
    }
    assert "28 rader lästa, 28 tillagda, 0 överhoppade." in (
        officer.get(response.url).content.decode()
    )
    assert VolumeDocument.objects.count() == 28
    assert volumes() == {("RIKI", "KR-FS", "2012-03"): (28, 0, 0, 28)}


@pytest.mark.celery
def test_the_page_of_a_file_being_checked_shows_the_progress_and_loads_the_poller(
    transactional_db, client_for
):
    officer = client_for("officer")
    volume_import = VolumeImport.objects.create(
        source=VolumeImport.Source.FILE,
        shape=VolumeImport.Shape.DOCUMENTS,
        file_name="stor.csv",
        status=VolumeImport.Status.CHECKING,
        progress=40,
    )

    page = officer.get(reverse("invoicing:volume_import", args=[volume_import.pk])).content
    status = officer.get(reverse("invoicing:volume_import_status", args=[volume_import.pk]))

    assert b'<progress max="100" value="40"' in page
    assert b"js/progress.js" in page
    assert status.json() == {
        "status": "checking",
        "label": "Kontrolleras",
        "progress": 40,
        "finished": False,
    }
