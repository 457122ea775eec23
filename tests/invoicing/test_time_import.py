import csv
import io
import tempfile
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ekonomi.importing import ImportRefused
from invoicing.models import TimeEntry, TimeImport
from invoicing.timereport.imports import hours_import
from tests.conftest import make_user
from tests.ekonomi.import_pages import through_preview
from tests.invoicing.time_helpers import new_customer, sign_agreement

SWEDISH = ("Person", "Förvaltning", "Tjänst", "Datum", "Timmar", "Kommentar")
ROWS = [
    ("handlaggare", "TIDA", "R2R", "2012-03-05", "7,5", "Årsbokslut, del 1"),
    ("handlaggare", "tida", "tp", "2012-03-06", "1,25", ""),
]


@pytest.fixture
def customer(demo):
    customer = new_customer("TIDA")
    sign_agreement(customer, services=("R2R", "TP"))
    return customer


def csv_file(
    rows=ROWS,
    header=SWEDISH,
    separator=";",
    encoding="utf-8",
    quoting=csv.QUOTE_MINIMAL,
    newline="\r\n",
    tail="",
):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, quoting=quoting, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    return (buffer.getvalue() + tail).encode(encoding)


def imported(users, content, name="timmar.csv"):
    with tempfile.NamedTemporaryFile() as handle:
        handle.write(content)
        handle.flush()
        return hours_import(actor=users["officer"], path=handle.name, file_name=name).record


def rejected_errors(users, content):
    with pytest.raises(ImportRefused) as rejected:
        imported(users, content)
    return [(e.row, e.column, e.message) for e in rejected.value.errors]


def stored():
    return sorted(
        (e.customer.code, e.service.code, e.date, e.hours, e.comment)
        for e in TimeEntry.objects.select_related("customer", "service")
    )


EXPECTED = [
    ("TIDA", "R2R", date(2012, 3, 5), Decimal("7.50"), "Årsbokslut, del 1"),
    ("TIDA", "TP", date(2012, 3, 6), Decimal("1.25"), ""),
]


def _dotted(rows):
    return [(*row[:4], row[4].replace(",", "."), row[5]) for row in rows]


def _compact_dates(rows):
    return [(*row[:3], row[3].replace("-", ""), *row[4:]) for row in rows]


VARIANTS = {
    "utf-8, semicolon, decimal comma": {},
    "utf-8 with BOM": {"encoding": "utf-8-sig"},
    "windows-1252": {"encoding": "cp1252"},
    "comma separated, quoted decimal commas": {"separator": ","},
    "tab separated, decimal point, compact dates": {
        "separator": "\t",
        "rows": _compact_dates(_dotted(ROWS)),
    },
    "every field quoted": {"quoting": csv.QUOTE_ALL},
    "blank trailing lines, unix newlines": {"newline": "\n", "tail": "\n\n  \n"},
    "English headers in another order": {
        "header": ("HOURS", "date", "Service", "customer", "person", "Comment"),
        "rows": [(r[4], r[3], r[2], r[1], r[0], r[5]) for r in ROWS],
    },
}


@pytest.mark.parametrize("variant", VARIANTS.values(), ids=VARIANTS.keys())
def test_it_reads_the_files_swedish_offices_write(users, customer, variant):
    record = imported(users, csv_file(**variant))
    assert stored() == EXPECTED
    assert (record.rows_read, record.rows_added) == (2, 2)
    assert TimeEntry.objects.filter(time_import=record, source="import").count() == 2


def test_a_windows_1252_file_is_not_mistaken_for_utf_8(users, customer):
    content = csv_file(encoding="cp1252")
    assert "Förvaltning".encode("cp1252") in content
    imported(users, content)
    assert TimeEntry.objects.get(service__code="R2R").comment == "Årsbokslut, del 1"


def test_every_error_is_listed_with_row_column_and_reason_and_nothing_is_written(users, customer):
    make_user("kollega", unit=users["officer"].unit, first_name="Kim", last_name="Kollega")
    rows = [
        ("okand", "TIDA", "R2R", "2012-03-05", "1", ""),  # row 2
        ("handlaggare", "XXXX", "R2R", "2012-03-05", "1", ""),  # row 3
        ("handlaggare", "TIDA", "R2R", "2012-02-30", "1", ""),  # row 4
        ("handlaggare", "TIDA", "R2R", "2012-03-07", "sju", ""),  # row 5
        ("handlaggare", "TIDA", "R2R", "2012-03-08", "-1", ""),  # row 6
        ("handlaggare", "TIDA", "ANL", "2012-03-05", "2", ""),  # row 7
        ("handlaggare", "TIDA", "TP", "2012-03-09", "2", ""),  # row 8
        ("handlaggare", "TIDA", "TP", "2012-03-09", "3", ""),  # row 9
        ("kollega", "TIDA", "TP", "2012-03-09", "3", ""),  # row 10
        ("handlaggare", "TIDA", "", "2012-03-09", "3", ""),  # row 11
        ("handlaggare", "TIDA", "R2R", "2012-03-12", "2", "OK"),  # row 12, fine
    ]
    before = (TimeEntry.objects.count(), TimeImport.objects.count())
    errors = rejected_errors(users, csv_file(rows))
    assert (TimeEntry.objects.count(), TimeImport.objects.count()) == before
    date_error = errors.pop(2)
    assert date_error[:2] == (4, "Datum")
    assert "2012-02-30" in date_error[2]
    assert errors == [
        (2, "Person", "Det finns ingen användare ”okand”."),
        (3, "Förvaltning", "Det finns ingen förvaltning med koden ”XXXX”."),
        (5, "Timmar", "”sju” är inget tal."),
        (6, "Timmar", "Timmarna måste vara fler än noll."),
        (7, "Tjänst", "Anläggningsredovisning ingår inte i avtalet för TIDA den 2012-03-05."),
        (9, "Datum", "Rad 8 har redan timmar för samma person, förvaltning, tjänst och dag."),
        (10, "Person", "Du får inte rapportera tid för Kim Kollega."),
        (11, "Tjänst", "Värdet saknas."),
    ]


def test_more_than_24_hours_a_day_is_reported_on_each_row_of_that_day(users, customer):
    rows = [
        ("handlaggare", "TIDA", "R2R", "2012-03-05", "16", ""),
        ("handlaggare", "TIDA", "TP", "2012-03-05", "9", ""),
    ]
    message = (
        "Hanna Handläggare skulle få 25 timmar den 2012-03-05; "
        "högst 24 timmar per dag kan rapporteras."
    )
    assert rejected_errors(users, csv_file(rows)) == [
        (2, "Timmar", message),
        (3, "Timmar", message),
    ]
    assert TimeEntry.objects.count() == 0


def test_row_numbers_are_excel_rows_even_after_a_comment_over_two_lines(users, customer):
    # The shared reader numbers rows as Excel shows the file: a quoted comment over two lines
    # is one row there.
    rows = [
        ("handlaggare", "TIDA", "R2R", "2012-03-05", "1", "Rad ett\nrad två"),
        ("handlaggare", "TIDA", "R2R", "2012-03-06", "x", ""),
    ]
    assert rejected_errors(users, csv_file(rows)) == [(3, "Timmar", "”x” är inget tal.")]


def test_an_unquoted_decimal_comma_in_a_comma_separated_file_is_explained(users, customer):
    content = "person,customer,service,date,hours\nhandlaggare,TIDA,R2R,2012-03-05,7,5\n"
    assert rejected_errors(users, content.encode()) == [
        (
            2,
            "",
            "Raden har 6 fält men rubrikraden har 5; sätt citattecken runt värden som "
            "innehåller avgränsaren.",
        )
    ]


def test_a_missing_column_is_named(users, customer):
    header = ("Person", "Förvaltning", "Tjänst", "Datum")
    errors = rejected_errors(users, csv_file([r[:4] for r in ROWS], header=header))
    assert errors == [
        (None, "", "Några kolumner saknas eller finns två gånger."),
        (1, "Timmar", "Den obligatoriska kolumnen saknas."),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Filen är tom."),
        (b"\r\n \r\n", "Filen är tom."),
        (
            "Person;Förvaltning;Tjänst;Datum;Timmar\r\n\r\n".encode(),
            "Filen har rubriker men inga datarader.",
        ),
    ],
    ids=["empty", "blank lines", "header only"],
)
def test_a_file_without_hours_gets_one_message(users, customer, content, message):
    assert rejected_errors(users, content) == [(None, "", message)]


def test_importing_the_same_file_again_changes_nothing(users, customer):
    imported(users, csv_file())
    again = imported(users, csv_file())
    assert (again.rows_added, again.rows_changed, again.rows_unchanged) == (0, 0, 2)
    assert stored() == EXPECTED


def test_a_corrected_file_replaces_the_hours_of_the_same_day(users, customer):
    imported(users, csv_file())
    corrected = [(*ROWS[0][:4], "8", "Rättad"), ROWS[1]]
    record = imported(users, csv_file(corrected))
    assert (record.rows_added, record.rows_changed, record.rows_unchanged) == (0, 1, 1)
    assert stored()[0] == ("TIDA", "R2R", date(2012, 3, 5), Decimal("8.00"), "Rättad")


# --- the page --------------------------------------------------------------------------------


def upload(client, content, name="timmar.csv"):
    return client.post(
        reverse("invoicing:time_import"), {"file": SimpleUploadedFile(name, content)}
    )


def test_the_page_imports_a_file_and_says_what_it_did(client_for, customer):
    client = client_for("officer")
    response = through_preview(client, upload(client, csv_file()))
    assert response.status_code == 302
    page = client.get(response.url).text
    assert "timmar.csv lästes in: 2 nya rader, 0 ändrade, 0 oförändrade." in page
    assert TimeEntry.objects.count() == 2


def test_the_page_lists_every_error_and_imports_nothing(client_for, customer):
    rows = [
        ("handlaggare", "TIDA", "R2R", "2012-03-05", "sju", ""),
        ("handlaggare", "NOPE", "R2R", "2012-03-05", "1", ""),
    ]
    response = upload(client_for("officer"), csv_file(rows))
    assert response.status_code == 200
    assert "Filen har 2 fel; ingenting importerades." in response.text
    assert "”sju” är inget tal." in response.text
    assert "Det finns ingen förvaltning med koden ”NOPE”." in response.text
    assert TimeEntry.objects.count() == 0
