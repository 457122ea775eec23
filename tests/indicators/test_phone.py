"""The phone system's export: read per group number and day or hour; any bad row refuses the
whole file with the row, the column and a Swedish message."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from ekonomi.periods import Month
from indicators.phone import imports
from indicators.phone.models import PhoneImport, PhoneTraffic
from indicators.phone.selectors import busiest_by_month, calls_total, phone_load
from tests.ekonomi.import_pages import confirm, left_on_disk, preview_of
from tests.indicators.helpers import unit

HEADER = (
    "Gruppnummer;Datum;Timme;Erbjudna;Besvarade;Avbrutna;Medelväntetid (s);Längsta väntetid (s)"
)
FIELDS = [field.key for field in imports.SCHEMA.fields]
ROWS = [
    "08-508 21 000;2012-03-05;9;40;36;4;30;180",
    "08-508 21 000;2012-03-05;10;60;51;9;50;240",
    "+46 8 508 22 000;2012-03-05;;100;80;20;40;300",
]


def _csv(*rows, header=HEADER):
    return "\r\n".join([header, *rows]).encode("utf-8")


@pytest.fixture
def load(demo, tmp_path):
    def read(content, name="telefoni.csv"):
        path = tmp_path / name
        path.write_bytes(content)
        return imports.phone_import(path=path, file_name=name, user=None)

    return read


@pytest.fixture
def refuse(load):
    def refused(content):
        with pytest.raises(imports.ImportRefused) as refusal:
            load(content)
        assert not PhoneTraffic.objects.exists()
        assert not PhoneImport.objects.exists()
        return refusal.value.errors

    return refused


def test_it_reads_hours_and_whole_days_and_gives_the_answer_rate(load):
    done = load(_csv(*ROWS))
    assert done.record.rows == 3
    calls = phone_load(months=[Month(2012, 3)])
    e1 = calls_total(calls, months=[Month(2012, 3)], unit_id=unit("E1").pk)
    assert (e1.offered, e1.answered, e1.abandoned) == (100, 87, 13)
    assert e1.answer_rate == Decimal("87.0")
    # Waits are weighted by answered calls: (36 x 30 + 51 x 50) / 87 = 41.95 -> 42.
    assert e1.average_wait == 42
    assert e1.longest_wait == 240
    assert calls_total(calls, months=[Month(2012, 3)]).answer_rate == Decimal("83.5")
    assert busiest_by_month(months=[Month(2012, 3)])[Month(2012, 3)] == [(10, 60), (9, 40)]


def test_an_excel_file_is_read_the_same_way(load):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";"))
    sheet.append(["08-508 23 000", "2012-04-02", 8, 10, 9, 1, 20, 60])
    buffer = io.BytesIO()
    workbook.save(buffer)
    load(buffer.getvalue(), "telefoni.xlsx")
    assert PhoneTraffic.objects.get().unit.code == "E3"


def test_waits_written_as_clocks_and_hours_as_intervals_are_read(load):
    load(_csv("08-508 21 000;2012-03-05;09:00-10:00;40;36;4;00:00:30;0:03:00"))

    traffic = PhoneTraffic.objects.get()
    assert (traffic.hour, traffic.average_wait, traffic.longest_wait) == (9, 30, 180)


def test_importing_a_day_again_replaces_it(load):
    load(_csv(ROWS[0]))
    load(_csv("08-508 21 000;2012-03-05;9;50;50;0;10;20"))
    assert list(PhoneTraffic.objects.values_list("offered", flat=True)) == [50]


def test_an_unknown_group_number_is_refused_with_row_and_column(refuse):
    errors = refuse(_csv(ROWS[0], "08-999 99 999;2012-03-05;9;10;9;1;20;60"))
    assert errors == [(3, "Gruppnummer", "Gruppnumret ”08-999 99 999” hör inte till någon enhet.")]


def test_more_answered_than_offered_is_refused(refuse):
    errors = refuse(_csv("08-508 21 000;2012-03-05;9;10;12;0;20;60"))
    assert errors == [(2, "Besvarade", "Fler besvarade samtal (12) än inkommande (10).")]


def test_bad_numbers_dates_and_hours_are_each_named(refuse):
    errors = refuse(_csv("08-508 21 000;2012-13-05;25;tio;9;1;20;60"))
    # In the file's column order, as the reader sorts them.
    assert errors == [
        (2, "Datum", "”2012-13-05” är inget datum; skriv det som 2012-03-31 eller 20120331."),
        (2, "Timme", "En timme på dygnet är 0 till 23."),
        (2, "Erbjudna", "”tio” är inget tal."),
    ]


def test_a_missing_column_refuses_the_file(refuse):
    errors = refuse(_csv(ROWS[0], header=HEADER.replace(";Besvarade", ";Svar")))
    assert errors == [
        (None, "", "Några kolumner saknas eller finns två gånger."),
        (1, "Besvarade", "Den obligatoriska kolumnen saknas."),
    ]


def test_a_day_given_both_whole_and_by_hour_is_refused(refuse):
    errors = refuse(_csv(ROWS[0], "08-508 21 000;2012-03-05;;10;9;1;20;60"))
    assert errors == [
        (
            3,
            "Datum",
            "2012-03-05 för E1 finns redan i filen (per dag och per timme, eller två gånger).",
        )
    ]


def test_the_upload_page_lists_the_errors_in_swedish(client_for):
    upload = SimpleUploadedFile("t.csv", _csv("08-999;2012-03-05;9;10;9;1;20;60"))
    response = client_for("unit_manager").post(reverse("indicators:phone_import"), {"file": upload})
    assert response.status_code == 200
    assert "Filen har 1 fel; ingenting importerades." in response.text
    assert "Gruppnumret ”08-999” hör inte till någon enhet." in response.text


def test_a_month_entered_by_hand_replaces_the_imported_rows(load, client_for):
    load(_csv(*ROWS))
    response = client_for("unit_manager").post(
        reverse("indicators:phone_month"),
        {
            "unit": unit("E1").pk,
            "month": "2012-03",
            "offered": "1000",
            "answered": "900",
            "abandoned": "100",
            "average_wait": "35",
            "longest_wait": "400",
        },
    )
    assert response.status_code == 302
    e1 = calls_total(
        phone_load(months=[Month(2012, 3)]), months=[Month(2012, 3)], unit_id=unit("E1").pk
    )
    assert (e1.offered, e1.answer_rate, e1.entered_by_hand) == (1000, Decimal("90.0"), True)


def test_a_hand_entered_month_with_more_answered_than_offered_is_refused(demo, client_for):
    response = client_for("admin").post(
        reverse("indicators:phone_month"),
        {
            "unit": unit("E2").pk,
            "month": "2012-03",
            "offered": "10",
            "answered": "11",
            "abandoned": "0",
            "average_wait": "1",
            "longest_wait": "1",
        },
    )
    assert "Det kan inte finnas fler besvarade samtal än inkommande." in response.text


def test_a_test_call_is_recorded_and_shown_beside_the_statistics(demo, client_for):
    client = client_for("head")
    response = client.post(
        reverse("indicators:test_call_create"),
        {"unit": unit("E2").pk, "called_at": "2012-03-06T10:15", "answered": "no", "note": ""},
    )
    assert response.status_code == 302
    page = client.get(reverse("indicators:phone"), {"ar": 2012, "enhet": "E2"})
    assert "2012-03-06 10:15" in page.text
    assert "08-508 22 000 (E2)" in page.text
    summary = {u.code: tests for u, _calls, tests in page.context["figures"].units}
    assert summary["E2"] == (1, 0)


def test_the_import_page_previews_and_imports_on_confirm(demo, client_for, temporary_files):
    client = client_for("unit_manager")

    def upload(*rows):
        content = SimpleUploadedFile("telefoni.csv", _csv(*rows))
        return client.post(reverse("indicators:phone_import"), {"file": content})

    response = upload(*ROWS)
    preview = preview_of(response)
    assert (preview["read"], preview["new"], preview["present"]) == (3, 3, 0)
    assert "Bekräfta import" in response.text
    assert not PhoneTraffic.objects.exists() and not PhoneImport.objects.exists()

    done = confirm(client, response)
    assert done.status_code == 302
    assert PhoneTraffic.objects.count() == 3
    assert left_on_disk(temporary_files) == []

    # A day of a unit imported again is counted as present, and replaced.
    response = upload("08-508 21 000;2012-03-05;9;50;50;0;10;20")
    preview = preview_of(response)
    assert (preview["read"], preview["new"], preview["present"]) == (1, 0, 1)
    confirm(client, response)
    assert PhoneTraffic.objects.count() == 2


def test_unknown_headings_of_a_phone_file_are_mapped_on_the_shared_page(demo, client_for):
    client = client_for("unit_manager")
    header = "Grp;Dag;Tim;In;Svar;Avbr;Medel;Max"
    content = SimpleUploadedFile("telefoni.csv", _csv(ROWS[0], header=header))
    response = client.post(reverse("indicators:phone_import"), {"file": content})
    assert "Vilken kolumn är vilken?" in response.text
    mapping = {"name": "Växeln", **{f"column_{i}": key for i, key in enumerate(FIELDS)}}
    response = client.post(reverse("indicators:phone_import"), {"step": "map", **mapping})
    assert preview_of(response)["read"] == 1
    assert confirm(client, response).status_code == 302
    assert PhoneTraffic.objects.get().offered == 40
