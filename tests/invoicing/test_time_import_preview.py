"""The preview of the time import: what it shows is what the import then does, counted by the
same code; the import runs once, on "Confirm import", from the waiting file; hours in a billed
month need a ticked box; nothing is saved and no file is left when the import does not happen."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from invoicing.models import BilledMonth, TimeEntry, TimeImport
from tests.ekonomi.import_pages import confirm, left_on_disk, preview_of
from tests.ekonomi.tabular_files import csv_bytes
from tests.invoicing.time_helpers import new_customer, sign_agreement

URL = reverse("invoicing:time_import")
HEADER = ["Person", "Förvaltning", "Tjänst", "Datum", "Timmar", "Attest"]
GONE = (
    None,
    "",
    "Filen väntar inte längre: den har lästs in, avbrutits eller legat för länge. "
    "Inget mer gjordes.",
)
BILLED = (
    "2012-03 är redan fakturerad: filens rader för månaden blir justeringsrader på nästa faktura."
)


@pytest.fixture
def officer(demo, client_for):
    sign_agreement(new_customer("TIDA"), services=("R2R", "TP"))
    return client_for("officer")


def upload(client, *rows):
    content = csv_bytes([HEADER, *rows], encoding="cp1252")
    return client.post(URL, {"file": SimpleUploadedFile("timmar.csv", content)})


def row(day, hours, service="R2R"):
    return ["handlaggare", "TIDA", service, day, hours, "JA"]


def error_rows(response):
    return [tuple(error) for error in response.context["errors"]]


def stored():
    return sorted(TimeEntry.objects.values_list("service__code", "date", "hours"))


def test_the_preview_counts_what_the_import_then_does_and_saves_nothing(officer, temporary_files):
    assert confirm(officer, upload(officer, row("2012-03-05", "3"), row("2012-03-06", "2"))).url
    before = stored()
    # The same first row, the second changed, a new third, and a totals row.
    response = upload(
        officer,
        row("2012-03-05", "3"),
        row("2012-03-06", "4"),
        row("2012-03-07", "1", service="TP"),
        ["Summa", "", "", "", "8", ""],
    )

    preview = preview_of(response)
    assert (preview["read"], preview["new"], preview["present"]) == (3, 1, 2)
    page = response.text
    assert "Kolumn F (Attest) lästes inte." in page
    assert "Rad 5 (”Summa”) är en summarad och lästes inte." in page
    assert "Bekräfta import" in page
    assert stored() == before and TimeImport.objects.count() == 1
    assert len(left_on_disk(temporary_files)) == 1

    assert confirm(officer, response).status_code == 302
    record = TimeImport.objects.latest("pk")
    assert (
        record.rows_read,
        record.rows_added,
        record.rows_changed + record.rows_unchanged,
    ) == (3, 1, 2)
    assert stored() == [
        ("R2R", date(2012, 3, 5), Decimal("3.00")),
        ("R2R", date(2012, 3, 6), Decimal("4.00")),
        ("TP", date(2012, 3, 7), Decimal("1.00")),
    ]
    assert left_on_disk(temporary_files) == []


def test_title_rows_above_the_headings_are_named_in_the_preview(officer):
    content = csv_bytes([["Tidrapport mars"], [], HEADER, row("2012-03-05", "3")])
    response = officer.post(URL, {"file": SimpleUploadedFile("timmar.csv", content)})
    assert "Raderna 1, 2 ovanför rubrikerna hoppades över." in preview_of(response)["notes"]


def test_cancelling_the_preview_saves_nothing_and_throws_the_file_away(officer, temporary_files):
    response = upload(officer, row("2012-03-05", "3"))
    officer.post(URL, {"step": "cancel"})
    assert left_on_disk(temporary_files) == []
    assert error_rows(confirm(officer, response)) == [GONE]
    assert not TimeEntry.objects.exists() and not TimeImport.objects.exists()


def test_confirming_twice_imports_once(officer, temporary_files):
    response = upload(officer, row("2012-03-05", "3"))
    assert confirm(officer, response).status_code == 302
    again = confirm(officer, response)
    assert again.status_code == 200
    assert error_rows(again) == [GONE]
    assert TimeImport.objects.count() == 1 and TimeEntry.objects.count() == 1
    assert left_on_disk(temporary_files) == []


def test_two_confirms_racing_for_one_file_import_it_once(officer, temporary_files):
    response = upload(officer, row("2012-03-05", "3"))
    key = f"pending_import:{URL}"
    waiting = officer.session[key]
    assert confirm(officer, response).status_code == 302
    # The second request read the session before the first one saved it: to it the file is
    # still waiting. Only the renaming of the file stands between it and a second import.
    session = officer.session
    session[key] = waiting
    session.save()
    assert error_rows(confirm(officer, response)) == [GONE]
    assert TimeImport.objects.count() == 1
    assert left_on_disk(temporary_files) == []


def test_hours_in_a_billed_month_are_imported_only_with_the_box_ticked(officer, temporary_files):
    BilledMonth.objects.create(month=date(2012, 3, 1))
    response = upload(officer, row("2012-03-05", "2"))
    assert preview_of(response)["to_confirm"] == [BILLED]
    assert BILLED in response.text

    unticked = confirm(officer, response)
    assert unticked.status_code == 200
    assert "Kryssa i rutan för att bekräfta, eller avbryt importen." in unticked.text
    assert not TimeEntry.objects.exists() and not TimeImport.objects.exists()
    # The file still waits, for the box to be ticked.
    assert len(left_on_disk(temporary_files)) == 1

    assert confirm(officer, unticked, acknowledged="on").status_code == 302
    assert stored() == [("R2R", date(2012, 3, 5), Decimal("2.00"))]
    assert left_on_disk(temporary_files) == []


def test_a_month_billed_after_the_preview_refuses_the_import(officer, temporary_files):
    response = upload(officer, row("2012-03-05", "2"))
    assert preview_of(response)["to_confirm"] == []
    BilledMonth.objects.create(month=date(2012, 3, 1))

    refused = confirm(officer, response)
    assert error_rows(refused) == [
        (None, "", BILLED),
        (
            None,
            "",
            "Det här bekräftades inte, så ingenting importerades; ladda upp filen igen för att "
            "se förhandsvisningen.",
        ),
    ]
    assert not TimeEntry.objects.exists() and not TimeImport.objects.exists()
    assert left_on_disk(temporary_files) == []
