import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from invoicing.models import TimeEntry
from tests.invoicing.time_helpers import entry
from tests.invoicing.volume_helpers import COUNT_HEADER, agree_2012, csv_bytes, import_file

COUNTS = [
    ("KR-FS", "2012-03", "800"),
    ("KR-MAN", "2012-03", "150"),
    ("KR-ABO", "2012-03", "50"),
    ("LR-EL", "2012-03", "300"),
    ("LR-MAN", "2012-03", "100"),
    ("KR-MAK", "2012-03", "7"),
    ("KR-ATB", "2012-03", "3"),
    ("LR-PAM", "2012-03", "12"),
    ("LR-FSK", "2012-03", "2"),
    ("KR-FS", "2012-07", "100"),
]


@pytest.fixture
def figures(demo, users, own_customer, other_customer):
    TimeEntry.objects.all().delete()
    agree_2012()
    rows = [(own_customer.code, code, month, n) for code, month, n in COUNTS]
    rows.append((other_customer.code, "KR-FS", "2012-03", "999"))
    import_file(csv_bytes(rows, header=COUNT_HEADER), name="antal.csv")
    entry(users["officer"], own_customer, "R2R", date(2012, 3, 5), "7.5")
    entry(users["officer"], own_customer, "R2R", date(2012, 3, 6), "1.25")


def _cells(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def _customer_page(code, fmt=None):
    url = reverse("invoicing:statistics_customer", args=[code]) + "?year=2012"
    return url + ("&export=xlsx" if fmt else "")


def test_it_shows_a_customers_month_with_electronic_shares_and_hours(figures, client_for):
    response = client_for("officer").get(_customer_page("RIKI"))
    assert response.status_code == 200
    march = next(row for _label, _link, row in response.context["lines"] if row.voids)
    assert march.customer_electronic == 800
    assert march.customer_manual == 200
    assert march.customer_share == Decimal("80.0")
    assert march.supplier_share == Decimal("75.0")
    assert (march.voids, march.refunds, march.reminders, march.advance_cash) == (7, 3, 12, 2)
    assert march.hours == Decimal("8.75")
    assert "mars 2012" in response.text


def test_the_year_total_adds_up_the_months(figures, client_for):
    total = client_for("officer").get(_customer_page("RIKI")).context["total"]
    assert total.customer_electronic == 900
    assert total.customer_share == Decimal("81.8")


def test_a_month_without_invoices_shows_no_share(figures, client_for):
    lines = client_for("officer").get(_customer_page("RIKI")).context["lines"]
    january = lines[0][2]
    assert january.customer_share is None
    assert len(lines) == 12


def test_the_excel_export_has_months_and_total_as_numbers(figures, client_for):
    cells = _cells(client_for("officer").get(_customer_page("RIKI", "xlsx")))
    assert len(cells) == 1 + 12 + 1
    march = cells[3]
    assert march[1:4] == [800, 200, 80]
    assert march[-1] == 8.75
    assert cells[-1][1] == 900


def test_the_overview_has_one_row_per_customer_and_a_total(figures, client_for):
    response = client_for("head").get(reverse("invoicing:statistics") + "?year=2012")
    rows = {line[1].split("/")[-2]: line[2] for line in response.context["lines"]}
    assert set(rows) == {"RIKI", "SPTE"}
    assert rows["SPTE"].customer_electronic == 999
    assert response.context["total"].customer_electronic == 1899
    assert "Summa" in response.text


def test_the_overview_export_lists_customers_and_the_total(figures, client_for):
    response = client_for("head").get(reverse("invoicing:statistics") + "?year=2012&export=xlsx")
    cells = _cells(response)
    assert [row[0] for row in cells[1:]] == ["RIKI", "SPTE", "Summa"]
    assert cells[-1][1] == 1899


def test_a_bound_controller_sees_only_their_own_customer(figures, client_for):
    client = client_for("bound_controller")
    assert client.get(_customer_page("RIKI")).status_code == 200
    assert client.get(_customer_page("SPTE")).status_code == 404
    lines = client.get(reverse("invoicing:statistics") + "?year=2012").context["lines"]
    assert len(lines) == 1
    assert lines[0][2].customer_electronic == 900


def test_it_reads_with_a_fixed_number_of_queries(
    figures, client_for, django_assert_max_num_queries
):
    client = client_for("head")
    with django_assert_max_num_queries(8):
        client.get(reverse("invoicing:statistics") + "?year=2012")
