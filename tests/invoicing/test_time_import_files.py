"""The time import reads files as Swedish offices export them, through the shared reader: title
rows, totals, cp1252 and BOM, Excel cells, Swedish numbers; unknown headings are mapped once on
the page and the mapping is used by itself for the next file."""

import os
import time
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ekonomi.importing import PENDING_MAX_AGE
from ekonomi.tabular.models import ColumnProfile
from invoicing.models import BilledMonth, TimeEntry, TimeImport
from tests.ekonomi.import_pages import left_on_disk, through_preview
from tests.ekonomi.tabular_files import csv_bytes, xlsx_bytes
from tests.invoicing.time_helpers import new_customer, sign_agreement


@pytest.fixture
def customer(demo):
    customer = new_customer("TIDA")
    sign_agreement(customer, services=("R2R", "TP"))
    return customer


@pytest.fixture
def officer(client_for, customer):
    return client_for("officer")


def upload(client, content, name="timmar.csv"):
    return client.post(
        reverse("invoicing:time_import"), {"file": SimpleUploadedFile(name, content)}
    )


def post(client, content, name="timmar.csv", **confirming):
    """Upload, and confirm the preview if there is one."""
    return through_preview(client, upload(client, content, name), **confirming)


def map_columns(client, **mapping):
    response = client.post(reverse("invoicing:time_import"), {"step": "map", **mapping})
    return through_preview(client, response)


def stored():
    return sorted(
        (e.customer.code, e.service.code, e.date, e.hours)
        for e in TimeEntry.objects.select_related("customer", "service")
    )


def page_messages(client, response):
    assert response.status_code == 302, response.content.decode()[-3000:]
    return [str(m) for m in response.wsgi_request._messages]


def error_rows(response):
    """The error table of the page as (row, column, message)."""
    return [(e.row, e.column, e.message) for e in response.context["errors"]]


def test_title_rows_and_a_totals_row_in_a_cp1252_file_are_left_out_and_named(officer):
    rows = [
        ["Tidrapport mars 2012"],
        ["Enhet: Redovisning"],
        [],
        ["Medarbetare", "Kund", "Tjänst", "Datum", "Tid (h)", "Anteckning"],
        ["handlaggare", "TIDA", "R2R", "2012-03-05", "7,5", "Årsbokslut"],
        ["handlaggare", "TIDA", "TP", "2012-03-06", "1,25", ""],
        ["Summa", "", "", "", "8,75", ""],
    ]
    response = post(officer, csv_bytes(rows, encoding="cp1252"))

    said = page_messages(officer, response)
    assert stored() == [
        ("TIDA", "R2R", date(2012, 3, 5), Decimal("7.50")),
        ("TIDA", "TP", date(2012, 3, 6), Decimal("1.25")),
    ]
    assert TimeEntry.objects.get(service__code="R2R").comment == "Årsbokslut"
    assert "Raderna 1, 2, 3 ovanför rubrikerna hoppades över." in said
    assert "Rad 7 (”Summa”) är en summarad och lästes inte." in said


def test_the_data_sheet_of_a_workbook_is_read_after_an_instructions_sheet(officer):
    rows = [
        ["Medarbetare", "Kund", "Tjänst", "Datum", "Tid (h)"],
        ["handlaggare", "TIDA", "R2R", datetime(2012, 3, 5), 7.5],
    ]
    content = xlsx_bytes(rows, title="Tid", before=[("Läs mig", [["Fyll i bladet Tid"]])])

    said = page_messages(officer, post(officer, content, "timmar.xlsx"))

    assert stored() == [("TIDA", "R2R", date(2012, 3, 5), Decimal("7.50"))]
    assert "Bladet ”Tid” lästes." in said


def test_a_utf8_bom_file_with_english_headings_is_read(officer):
    rows = [
        ["Employee", "Customer", "Service", "Date", "Hours"],
        ["handlaggare", "tida", "r2r", "2012-03-05", "12.5"],
    ]
    post(officer, csv_bytes(rows, encoding="utf-8-sig", delimiter=","))
    assert stored() == [("TIDA", "R2R", date(2012, 3, 5), Decimal("12.50"))]


def test_an_excel_file_with_date_cells_and_float_noise_is_read(officer):
    rows = [
        ["Anställd", "Förvaltning", "Tjänst", "Datum", "Antal timmar"],
        ["handlaggare", "TIDA", "R2R", datetime(2012, 3, 5), 0.1 + 0.2],
        ["handlaggare", "TIDA", "TP", datetime(2012, 3, 5), 7.499999999999999],
    ]
    page_messages(officer, post(officer, xlsx_bytes(rows), name="timmar.xlsx"))
    assert stored() == [
        ("TIDA", "R2R", date(2012, 3, 5), Decimal("0.30")),
        ("TIDA", "TP", date(2012, 3, 5), Decimal("7.50")),
    ]


def test_hours_and_minutes_are_read_from_text_and_from_excel_time_cells(officer):
    rows = [
        ["Anställd", "Förvaltning", "Tjänst", "Datum", "Tid"],
        ["handlaggare", "TIDA", "R2R", "2012-03-05", "7:30"],
        ["handlaggare", "TIDA", "TP", "2012-03-06", timedelta(hours=1, minutes=15)],
    ]
    content = xlsx_bytes(rows, formats={"E3": "[h]:mm"})

    page_messages(officer, post(officer, content, name="timmar.xlsx"))

    assert stored() == [
        ("TIDA", "R2R", date(2012, 3, 5), Decimal("7.50")),
        ("TIDA", "TP", date(2012, 3, 6), Decimal("1.25")),
    ]


def test_more_than_two_decimals_is_refused_alike_in_csv_and_excel(officer):
    header = ["Person", "Förvaltning", "Tjänst", "Datum", "Timmar"]
    message = "”1,125” har fler än 2 decimaler."
    csv_file = csv_bytes([header, ["handlaggare", "TIDA", "R2R", "2012-03-05", "1,125"]])
    workbook = xlsx_bytes([header, ["handlaggare", "TIDA", "R2R", "2012-03-05", 1.125]])
    assert error_rows(post(officer, csv_file)) == [(2, "Timmar", message)]
    assert error_rows(post(officer, workbook, name="t.xlsx")) == [
        (2, "Timmar", message.replace(",", "."))
    ]
    assert not TimeEntry.objects.exists()


def test_swedish_thousands_and_a_unicode_minus_reach_the_rules_as_numbers(officer):
    rows = [
        ["Person", "Förvaltning", "Tjänst", "Datum", "Timmar"],
        ["handlaggare", "TIDA", "R2R", "2012-03-05", "1\u00a0234,50"],
        ["handlaggare", "TIDA", "TP", "2012-03-06", "\u22122"],
    ]
    errors = error_rows(post(officer, csv_bytes(rows)))
    assert [error[:2] for error in errors] == [(2, "Timmar"), (3, "Timmar")]
    assert "skulle få 1234,5 timmar den 2012-03-05" in errors[0][2]
    assert errors[1][2] == "Timmarna måste vara fler än noll."
    assert not TimeEntry.objects.exists() and not TimeImport.objects.exists()


@pytest.mark.parametrize("name", ["timmar.csv", "timmar.xlsx"])
def test_headings_without_rows_are_refused(officer, name):
    header = [["Person", "Förvaltning", "Tjänst", "Datum", "Timmar"]]
    content = xlsx_bytes(header) if name.endswith("xlsx") else csv_bytes(header)
    response = post(officer, content, name=name)
    assert error_rows(response) == [(None, "", "Filen har rubriker men inga datarader.")]
    assert "Filen har 1 fel; ingenting importerades." in response.text


def test_hours_in_a_billed_month_are_imported_for_the_next_invoice_to_adjust(officer):
    BilledMonth.objects.create(month=date(2012, 3, 1))
    rows = [
        ["Person", "Förvaltning", "Tjänst", "Datum", "Timmar"],
        ["handlaggare", "TIDA", "R2R", "2012-03-05", "2"],
    ]
    said = page_messages(officer, post(officer, csv_bytes(rows), acknowledged="on"))
    assert stored() == [("TIDA", "R2R", date(2012, 3, 5), Decimal("2.00"))]
    assert (
        "2012-03 är redan fakturerad; filens timmar för månaden justeras på nästa faktura." in said
    )


AGRESSO = [
    ["Resurs", "Kst", "Aktivitetskod", "Transdatum", "Antal", "Attest"],
    ["handlaggare", "TIDA", "R2R", "2012-03-05", "3", "JA"],
    ["handlaggare", "TIDA", "TP", "2012-03-06", "4,5", "JA"],
]
MAPPING = {
    "name": "Agresso tidrapport",
    "column_0": "person",
    "column_1": "customer",
    "column_2": "service",
    "column_3": "date",
    "column_4": "hours",
    "column_5": "",
}


def test_unknown_headings_are_mapped_once_and_the_profile_reads_the_next_file(
    officer, temporary_files
):
    response = post(officer, csv_bytes(AGRESSO))
    assert response.status_code == 200
    page = response.text
    # The page shows the file's own headings and its first rows, and a select per column.
    assert "Kolumn A (Resurs)" in page and "Kolumn F (Attest)" in page
    assert "Transdatum" in page and "2012-03-06" in page
    assert 'name="column_4"' in page
    assert not TimeEntry.objects.exists()

    response = map_columns(officer, **MAPPING)
    said = page_messages(officer, response)
    assert stored() == [
        ("TIDA", "R2R", date(2012, 3, 5), Decimal("3.00")),
        ("TIDA", "TP", date(2012, 3, 6), Decimal("4.50")),
    ]
    assert "Kolumnerna lästes som källan ”Agresso tidrapport”." in said
    assert "Kolumn F (Attest) lästes inte." in said
    profile = ColumnProfile.objects.get(kind="hours")
    assert profile.mapping == ["person", "customer", "service", "date", "hours", ""]
    assert left_on_disk(temporary_files) == []

    # The next file with the same headings is read without asking.
    later = [AGRESSO[0], ["handlaggare", "TIDA", "R2R", "2012-03-07", "1"]]
    said = page_messages(officer, post(officer, csv_bytes(later)))
    assert "Kolumnerna lästes som källan ”Agresso tidrapport”." in said
    assert TimeEntry.objects.count() == 3


def test_a_mapping_that_misses_a_field_is_shown_again_and_the_file_waits(officer):
    post(officer, csv_bytes(AGRESSO))
    response = map_columns(officer, **{**MAPPING, "column_4": ""})
    assert response.status_code == 200
    assert "Välj en kolumn för var och en av: Timmar." in response.text
    response = map_columns(officer, **MAPPING)
    page_messages(officer, response)
    assert TimeEntry.objects.count() == 2


def test_a_refused_mapped_file_saves_no_hours_and_leaves_no_file(officer, temporary_files):
    rows = [AGRESSO[0], ["nobody", "TIDA", "R2R", "2012-03-05", "3", "JA"]]
    post(officer, csv_bytes(rows))
    response = map_columns(officer, **MAPPING)
    assert error_rows(response) == [(2, "Person", "Det finns ingen användare ”nobody”.")]
    assert not TimeEntry.objects.exists() and not TimeImport.objects.exists()
    assert left_on_disk(temporary_files) == []
    # The file is gone with the refusal: mapping again asks for it anew.
    response = map_columns(officer, **MAPPING)
    assert error_rows(response) == [(None, "", "Filen finns inte längre kvar; ladda upp den igen.")]


def test_a_refused_file_leaves_nothing_on_disk(officer, temporary_files):
    rows = [["Person", "Förvaltning", "Tjänst", "Datum", "Timmar"], ["x", "TIDA", "R2R", "", "1"]]
    response = post(officer, csv_bytes(rows))
    assert error_rows(response) == [(2, "Datum", "Värdet saknas.")]
    assert left_on_disk(temporary_files) == []


def test_a_file_past_the_upload_limit_is_stopped(officer, temporary_files):
    from invoicing.timereport.views import TIME_IMPORT_MAX_BYTES

    response = post(officer, b"x" * (TIME_IMPORT_MAX_BYTES + 1))
    assert response.status_code == 200
    assert "Filen är för stor: som mest 5,0\u00a0MB kan laddas upp här." in response.text
    assert left_on_disk(temporary_files) == []


def test_a_source_name_taken_by_other_headings_is_asked_again(officer):
    post(officer, csv_bytes(AGRESSO))
    page_messages(officer, map_columns(officer, **MAPPING))
    other = [["Vem", *AGRESSO[0][1:]], AGRESSO[1]]
    post(officer, csv_bytes(other))
    response = map_columns(officer, **MAPPING)
    assert response.status_code == 200
    assert "Vilken kolumn är vilken?" in response.text
    assert "Filer med andra rubriker har redan en källa som heter ”Agresso tidrapport”." in (
        response.text
    )
    assert ColumnProfile.objects.count() == 1
    response = map_columns(officer, **{**MAPPING, "name": "Agresso 2"})
    page_messages(officer, response)
    assert ColumnProfile.objects.count() == 2


def test_a_file_left_waiting_for_its_columns_is_deleted_when_it_is_old(
    officer, users, temporary_files
):
    post(officer, csv_bytes(AGRESSO))
    (waiting,) = left_on_disk(temporary_files)
    long_ago = time.time() - PENDING_MAX_AGE - 1
    os.utime(waiting, (long_ago, long_ago))
    # The officer went away; the next file put to wait, anyone's, takes the old one with it.
    manager = Client()
    manager.force_login(users["unit_manager"])
    post(manager, csv_bytes(AGRESSO))
    (still_waiting,) = left_on_disk(temporary_files)
    assert still_waiting != waiting
