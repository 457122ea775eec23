"""The volume import pages with files the house does not know: mapping the columns once, the
billed-month confirmation, and uploads refused while they stream in."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ekonomi.periods import Month
from ekonomi.tabular.models import ColumnProfile
from invoicing.models import BilledMonth, VolumeDocument, VolumeImport
from tests.ekonomi.test_uploads import TOKEN, endless_upload
from tests.invoicing.volume_helpers import agree_2012, csv_bytes

HEADER = ["Bolag", "Tjänsteslag", "Bokf.dag", "Löpnummer-ID", "Kronor", "Kommentar"]
ROWS = [
    ["RIKI", "KR-FS", "2012-03-01", "L1", "10,00", "a"],
    ["RIKI", "KR-FS", "2012-03-02", "L2", "20,00", ""],
]
MAPPING = {
    "name": "Agresso kundreskontra",
    "column_0": "customer",
    "column_1": "price_item",
    "column_2": "date",
    "column_3": "external_id",
    "column_4": "amount",
    "column_5": "",
}


@pytest.fixture
def officer(client_for):
    agree_2012()
    return client_for("officer")


def post_file(client, content, name="reskontra.csv"):
    return client.post(
        reverse("invoicing:volume_import_upload"), {"file": SimpleUploadedFile(name, content)}
    )


def test_unknown_columns_are_mapped_on_the_page_and_the_next_file_is_read_by_itself(officer):
    response = post_file(officer, csv_bytes(ROWS, header=HEADER))
    waiting = VolumeImport.objects.get()
    assert waiting.status == VolumeImport.Status.MAPPING

    page = officer.get(response.url).content.decode()
    assert "Vilken kolumn är vilken?" in page
    assert "Kolumn B (Tjänsteslag)" in page
    assert "Löpnummer-ID" in page and "2012-03-02" in page

    response = officer.post(reverse("invoicing:volume_import_map", args=[waiting.pk]), MAPPING)
    assert response.status_code == 302
    checked = VolumeImport.objects.get(pk=waiting.pk)
    assert checked.status == VolumeImport.Status.READY
    preview = officer.get(response.url).content.decode()
    assert "2 rader lästa: 2 nya, 0 redan importerade som hoppas över." in preview
    assert "Kolumnerna läses med den sparade profilen ”Agresso kundreskontra”." in preview
    assert "Kommentar" in preview  # among the columns that are not read

    post_file(officer, csv_bytes([["SPTE", "LR-EL", "2012-04-01", "L3", "5"]], header=HEADER))
    second = VolumeImport.objects.latest("pk")
    assert second.status == VolumeImport.Status.READY
    assert second.layout["profile"] == "Agresso kundreskontra"
    assert ColumnProfile.objects.count() == 1


def test_a_mapping_without_a_required_field_is_shown_again_with_the_error(officer):
    post_file(officer, csv_bytes(ROWS, header=HEADER))
    waiting = VolumeImport.objects.get()

    response = officer.post(
        reverse("invoicing:volume_import_map", args=[waiting.pk]),
        {**MAPPING, "column_3": ""},
    )

    assert response.status_code == 200
    assert "Välj en kolumn för var och en av: Verifikation." in response.content.decode()
    assert ColumnProfile.objects.count() == 0
    assert VolumeImport.objects.get().status == VolumeImport.Status.MAPPING


def test_a_file_touching_a_billed_month_is_imported_only_once_confirmed(officer):
    BilledMonth.objects.create(month=Month(2012, 3).start)
    rows = [["RIKI", "KR-FS", "2012-03-01", "V1", "100"], ["RIKI", "KR-FS", "2012-04-01", "V2", ""]]
    response = post_file(officer, csv_bytes(rows))
    checked = VolumeImport.objects.get()

    preview = officer.get(response.url).content.decode()
    assert (
        "Filen har nya rader för mars 2012, som redan är fakturerad: de blir justeringsrader "
        "på nästa faktura." in preview
    )

    confirm_url = reverse("invoicing:volume_import_confirm", args=[checked.pk])
    refused = officer.post(confirm_url)
    assert refused.status_code == 200
    assert "Bekräfta att de ska importeras." in refused.content.decode()
    assert VolumeDocument.objects.count() == 0

    officer.post(confirm_url, {"billed_confirmed": "1"})
    assert VolumeImport.objects.get().status == VolumeImport.Status.DONE
    assert VolumeDocument.objects.count() == 2


def test_an_upload_past_the_limit_is_stopped_while_it_streams(officer, settings, tmp_path):
    settings.VOLUME_IMPORT_MAX_BYTES = 100
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0

    response = post_file(officer, csv_bytes(ROWS * 10))

    assert response.status_code == 200
    assert "Filen är för stor: som mest 100\u00a0byte kan laddas upp här." in (
        response.content.decode()
    )
    assert VolumeImport.objects.count() == 0
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_an_anonymous_upload_is_refused_before_its_body_is_stored(db, settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    settings.VOLUME_IMPORT_MAX_BYTES = 10 * 1024**3
    anonymous = Client(enforce_csrf_checks=True)
    anonymous.cookies["csrftoken"] = TOKEN

    response, body = endless_upload(anonymous, reverse("invoicing:volume_import_upload"))

    assert response.status_code == 302
    assert response["Location"].startswith("/logga-in/")
    assert body.read_bytes <= 1024 * 1024
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
    assert VolumeImport.objects.count() == 0
