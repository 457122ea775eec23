"""The volume pages as a user meets them: upload, preview, confirm, result, undo; the lists."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ekonomi import jobs
from ekonomi.periods import Month
from invoicing.models import BilledMonth, VolumeDocument, VolumeImport
from invoicing.volumes import services as volume_services
from invoicing.volumes import tasks as volume_tasks
from tests.invoicing.volume_helpers import agree_2012, csv_bytes, import_file

ROWS = [
    ["RIKI", "KR-FS", "2012-03-01", "V1", "100"],
    ["RIKI", "KR-FS", "2012-03-02", "V2", "50,50"],
    ["SPTE", "LR-EL", "2012-03-05", "V3", ""],
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def officer(client_for):
    agree_2012()
    return client_for("officer")


def post_file(client, content, name="mars.csv"):
    return client.post(
        reverse("invoicing:volume_import_upload"), {"file": SimpleUploadedFile(name, content)}
    )


def test_an_officer_uploads_sees_the_preview_confirms_and_sees_the_result(officer):
    response = post_file(officer, csv_bytes(ROWS))
    volume_import = VolumeImport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("invoicing:volume_import", kwargs={"pk": volume_import.pk})

    preview = officer.get(response.url).content.decode()
    assert "Förhandsvisning" in preview
    assert "3 rader lästa: 3 nya, 0 redan importerade som hoppas över." in preview
    assert VolumeDocument.objects.count() == 0

    response = officer.post(reverse("invoicing:volume_import_confirm", args=[volume_import.pk]))
    result = officer.get(response.url).content.decode()
    assert "3 rader lästa, 3 tillagda, 0 överhoppade." in result
    # The file has SPTE, served by Enhet 2, not the officer's Enhet 1: only an administrator
    # may undo it.
    assert "Ångra importen" not in result
    assert VolumeDocument.objects.count() == 3


def test_the_preview_warns_when_the_same_file_was_imported_before(officer):
    import_file(csv_bytes(ROWS))

    response = post_file(officer, csv_bytes(ROWS))

    page = officer.get(response.url).content.decode()
    assert "3 rader lästa: 0 nya, 3 redan importerade som hoppas över." in page
    assert "Samma fil importerades" in page


def test_a_rejected_file_lists_every_error_and_offers_no_import(officer):
    rows = [*ROWS, ["NOPE", "KR-FS", "2012-03-01", "V4", ""], ["RIKI", "KR-FS", "x", "V5", ""]]

    response = post_file(officer, csv_bytes(rows))

    page = officer.get(response.url).content.decode()
    assert "Filen har 2 fel; ingenting importerades." in page
    assert "Okänd förvaltning ”NOPE”." in page
    assert "”x” är inget datum" in page
    assert reverse("invoicing:volume_import_confirm", args=[VolumeImport.objects.get().pk]) not in (
        page
    )


def test_an_empty_upload_is_answered_on_the_form_in_swedish(officer):
    response = post_file(officer, b"")

    assert response.status_code == 200
    assert "Filen är tom." in response.content.decode()
    assert VolumeImport.objects.count() == 0


def test_a_file_of_another_format_is_answered_on_the_form(officer):
    response = post_file(officer, b"\x89PNG\r\n\x1a\n\x00\x00binary", name="bild.png")

    assert "Filen är ingen textfil." in response.content.decode()
    assert VolumeImport.objects.count() == 0


def test_undo_from_the_result_page_removes_the_volumes(officer, client_for):
    volume_import = import_file(csv_bytes(ROWS))
    admin = client_for("admin")

    response = admin.post(reverse("invoicing:volume_import_undo", args=[volume_import.pk]))

    page = admin.get(response.url).content.decode()
    assert "Importen ångrades; dess volymer har tagits bort." in page
    assert VolumeDocument.objects.count() == 0


def test_undo_of_a_billed_month_is_refused_with_the_month_named(officer, client_for):
    volume_import = import_file(csv_bytes(ROWS))
    BilledMonth.objects.create(month=Month(2012, 3).start)
    admin = client_for("admin")

    page = admin.get(reverse("invoicing:volume_import", args=[volume_import.pk])).content
    response = admin.post(
        reverse("invoicing:volume_import_undo", args=[volume_import.pk]), follow=True
    )

    assert "Importen kan inte ångras: en månad i den är redan fakturerad." in page.decode()
    assert "Importen kan inte ångras: mars 2012 är redan fakturerad." in response.content.decode()
    assert VolumeDocument.objects.count() == 3


def test_a_file_waiting_for_its_check_shows_the_job_that_follows_it(officer, users):
    volume_import = volume_services.volume_import_upload(
        file=SimpleUploadedFile("mars.csv", csv_bytes(ROWS)), user=users["officer"]
    )
    # Started inside the test's transaction, which never commits: the job stays queued.
    job = jobs.start(
        volume_tasks.volume_import_check,
        user=users["officer"],
        params={"volume_import_id": volume_import.pk},
    )

    page = officer.get(reverse("invoicing:volume_import", args=[volume_import.pk])).text

    assert "Kontrollerar en volymfil" in page
    assert "Väntar" in page
    assert reverse("jobs:status", args=[job.pk]) in page
    assert "Förhandsvisning" not in page


def test_a_monthly_figure_leads_to_its_documents(officer):
    import_file(csv_bytes(ROWS))

    volumes_page = officer.get(reverse("invoicing:volumes")).content.decode()
    link = volumes_page.split('href="/debitering/volymer/dokument/?')[1].split('"')[0]
    documents = officer.get(f"{reverse('invoicing:volume_documents')}?{link.replace('&amp;', '&')}")

    page = documents.content.decode()
    assert "V1" in page
    assert "V2" in page
    assert "V3" not in page
    assert "50,50\u00a0kr" in page


def test_a_bound_controller_sees_only_their_customers_volumes(client_for):
    agree_2012()
    import_file(csv_bytes(ROWS))
    controller = client_for("bound_controller")

    export = controller.get(reverse("invoicing:volumes"), {"export": "csv"}).content.decode()
    documents = controller.get(reverse("invoicing:volume_documents")).content.decode()

    assert "RIKI" in export
    assert "SPTE" not in export
    assert "V1" in documents
    assert "V3" not in documents


def test_the_volume_list_exports_what_it_shows(officer):
    import_file(csv_bytes(ROWS))

    response = officer.get(
        reverse("invoicing:volumes"), {"customer": "", "price_item": "LR-EL", "export": "csv"}
    )

    lines = response.content.decode("utf-8-sig").splitlines()
    assert (
        lines[0] == "Månad;Kund;Prispost;Namn;Dokument;Antal från filer;Manuellt registrerat;Antal"
    )
    assert lines[1:] == ["2012-03;SPTE;LR-EL;Elektronisk leverantörsfaktura;1;0;0;1"]
