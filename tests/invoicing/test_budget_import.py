"""The budget import reads budgets as finance offices keep them, through the shared reader, and
saves a year's budget only when the whole file is right."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ekonomi.tabular.models import ColumnProfile
from invoicing.budget.imports import AMOUNTS
from invoicing.budget.services import budget_save
from invoicing.models import BudgetMonth
from tests.ekonomi.import_pages import confirm, preview_of, through_preview
from tests.ekonomi.tabular_files import csv_bytes, xlsx_bytes


@pytest.fixture
def head(client_for):
    return client_for("head")


URL = reverse("invoicing:budget_import", kwargs={"year": 2013})


def upload(client, content, name="budget.xlsx"):
    return client.post(URL, {"file": SimpleUploadedFile(name, content)})


def post(client, content, name="budget.xlsx"):
    """Upload, and confirm the preview if there is one."""
    return through_preview(client, upload(client, content, name))


def imported(client, response):
    assert response.status_code == 302, response.content.decode()[-3000:]
    return [str(m) for m in response.wsgi_request._messages]


def error_rows(response):
    return [(e.row, e.column, e.message) for e in response.context["errors"]]


def month(number):
    row = BudgetMonth.objects.get(year=2013, month=number)
    return (row.revenue, row.staff_costs, row.other_costs)


def test_a_workbook_with_a_title_float_noise_and_a_totals_row_is_read(head):
    rows = [
        ["Budget 2013, Serviceförvaltningen"],
        [None],
        ["Månad", "Intäkter (kr)", "Personalkostnader", "Övriga kostnader"],
        *[[datetime(2013, m, 1), 0.1 + 0.2, "1 234,50", 100] for m in range(1, 13)],
        ["Summa", 3.6, "14 814,00", 1200],
    ]
    said = imported(head, post(head, xlsx_bytes(rows)))
    assert month(6) == (Decimal("0.30"), Decimal("1234.50"), Decimal("100.00"))
    assert BudgetMonth.objects.filter(year=2013).count() == 12
    assert "Raderna 1, 2 ovanför rubrikerna hoppades över." in said
    assert "Rad 16 (”Summa”) är en summarad och lästes inte." in said


def test_amounts_in_thousands_of_kronor_are_saved_in_kronor_and_told(head):
    rows = [
        ["Månad", "Intäkter (tkr)", "Personalkostnader (tkr)", "Övriga kostnader, kr"],
        *[[f"2013-{m:02}", "4 508,3", 3100.000000000001, "250 000"] for m in range(1, 13)],
    ]
    said = imported(head, post(head, xlsx_bytes(rows)))

    assert month(6) == (Decimal("4508300.00"), Decimal("3100000.00"), Decimal("250000.00"))
    assert "Kolumn B (Intäkter (tkr)) är i tusental kronor; beloppen räknades om till kronor." in (
        said
    )
    assert not any("Kolumn D" in sentence for sentence in said)


@pytest.mark.parametrize(
    ("encoding", "header"),
    [
        ("cp1252", ["Månad", "Intäkter", "Personal", "Övrigt"]),
        ("utf-8-sig", ["Month", "Revenue", "Staff costs", "Other costs"]),
    ],
    ids=["cp1252, Swedish", "UTF-8 with BOM, English"],
)
def test_csv_files_with_swedish_amounts_are_read(head, encoding, header):
    rows = [header, ["2013-03", "1\u00a0234\u00a0567,50 kr", "900 000", "12,5"]]
    imported(head, post(head, csv_bytes(rows, encoding=encoding), name="budget.csv"))
    assert month(3) == (Decimal("1234567.50"), Decimal("900000.00"), Decimal("12.50"))


def test_every_error_is_listed_by_row_and_column_and_nothing_is_saved(head):
    rows = [
        ["Månad", "Intäkter", "Personal", "Övrigt"],
        ["2013-01", 1, 2, 3],
        ["2013-02", "\u2212100", 2, 3],
        ["2013-03", 0.305, 2, 3],
        ["2013-01", 1, 2, 3],
        ["2014-04", 1, "", 3],
    ]
    response = post(head, xlsx_bytes(rows))
    assert error_rows(response) == [
        (3, "Intäkter", "Beloppet kan inte vara negativt."),
        (4, "Intäkter", "”0.305” har fler än två decimaler; ett belopp är kronor och öre."),
        (5, "Månad", "Rad 2 har redan 2013-01."),
        (6, "Personalkostnader", "Värdet saknas."),
    ]
    assert not BudgetMonth.objects.exists()


def test_a_month_of_another_year_is_refused(head):
    rows = [["Månad", "Intäkter", "Personal", "Övrigt"], ["2014-04", 1, 2, 3]]
    assert error_rows(post(head, xlsx_bytes(rows))) == [(2, "Månad", "2014-04 ligger inte i 2013.")]


@pytest.mark.parametrize("name", ["budget.csv", "budget.xlsx"])
def test_headings_without_rows_are_refused(head, name):
    header = [["Månad", "Intäkter", "Personal", "Övrigt"]]
    content = xlsx_bytes(header) if name.endswith("xlsx") else csv_bytes(header)
    response = post(head, content, name=name)
    assert error_rows(response) == [(None, "", "Filen har rubriker men inga datarader.")]
    assert not BudgetMonth.objects.exists()


def test_unknown_headings_are_mapped_with_the_same_step_as_the_hours(head, temporary_files):
    rows = [
        ["Per", "Int", "Lön", "Lokal", "Kommentar"],
        ["2013-05", 10, 20, 30, "prel."],
    ]
    response = post(head, xlsx_bytes(rows))
    assert response.status_code == 200
    assert "Kolumn B (Int)" in response.text and "prel." in response.text
    mapping = {
        "name": "Ekonomienhetens budgetmall",
        "column_0": "month",
        "column_1": "revenue",
        "column_2": "staff_costs",
        "column_3": "other_costs",
        "column_4": "",
    }
    said = imported(head, through_preview(head, head.post(URL, {"step": "map", **mapping})))
    assert month(5) == (Decimal("10.00"), Decimal("20.00"), Decimal("30.00"))
    assert "Kolumn E (Kommentar) lästes inte." in said
    assert ColumnProfile.objects.get(kind="budget").name == "Ekonomienhetens budgetmall"
    assert [p for p in temporary_files.rglob("*") if p.is_file()] == []

    rows[1] = ["2013-06", 1, 2, 3, ""]
    said = imported(head, post(head, xlsx_bytes(rows)))
    assert month(6) == (Decimal("1.00"), Decimal("2.00"), Decimal("3.00"))
    assert "Kolumnerna lästes som källan ”Ekonomienhetens budgetmall”." in said


def test_cancelling_the_mapping_throws_the_file_away(head, temporary_files):
    post(head, xlsx_bytes([["Per", "Int", "Lön", "Lokal"], ["2013-05", 1, 2, 3]]))
    response = head.post(URL, {"step": "cancel"})
    assert response.status_code == 200
    assert [p for p in temporary_files.rglob("*") if p.is_file()] == []
    assert not ColumnProfile.objects.exists()


def test_the_preview_counts_months_new_and_in_the_budget_and_saves_nothing(head):
    budget_save(
        year=2013,
        rows={m: dict.fromkeys(AMOUNTS, Decimal("1.00")) for m in (1, 2)},
    )
    rows = [["Månad", "Intäkter", "Personal", "Övrigt"]]
    rows += [[f"2013-{m:02d}", 5, 5, 5] for m in (1, 2, 3)]
    response = upload(head, xlsx_bytes(rows))
    preview = preview_of(response)
    assert (preview["read"], preview["new"], preview["present"]) == (3, 1, 2)
    assert not BudgetMonth.objects.filter(month=3).exists()
    assert month(1) == (Decimal("1.00"),) * 3

    imported(head, confirm(head, response))
    assert [month(m) for m in (1, 2, 3)] == [(Decimal("5.00"),) * 3] * 3


def test_months_named_without_a_year_are_the_budgets_year(head):
    rows = [
        ["Månad", "Intäkter", "Personal", "Övrigt"],
        ["Januari", "100", "50", "10"],
        ["feb.", "200", "50", "10"],
        [3, "300", "50", "10"],
        ["2013-04", "400", "50", "10"],
    ]
    imported(head, post(head, xlsx_bytes(rows)))

    assert [month(number)[0] for number in (1, 2, 3, 4)] == [
        Decimal("100.00"),
        Decimal("200.00"),
        Decimal("300.00"),
        Decimal("400.00"),
    ]


def test_a_month_number_outside_the_year_is_refused(head):
    rows = [["Månad", "Intäkter", "Personal", "Övrigt"], ["13", "100", "50", "10"]]

    response = post(head, xlsx_bytes(rows))

    assert error_rows(response) == [
        (2, "Månad", "”13” är ingen månad; skriv den som 2012-03 eller mars 2012.")
    ]
    assert not BudgetMonth.objects.filter(year=2013).exists()
