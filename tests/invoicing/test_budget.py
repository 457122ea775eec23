import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from invoicing.billing import demo as demo_billing
from invoicing.billing import services as billing_services
from invoicing.budget import demo as demo_budget
from invoicing.budget import services as budget_services
from invoicing.budget.selectors import budget_followup
from invoicing.models import BudgetMonth, CostOutcome, Invoice
from tests.ekonomi.import_pages import confirm
from tests.invoicing.billing_helpers import (
    FEBRUARY,
    JANUARY,
    JANUARY_COUNTS,
    issue,
    on,
    price_list,
    volumes,
)

NBSP = "\u00a0"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def url(name, **kwargs):
    return reverse(f"invoicing:{name}", kwargs=kwargs)


def grid(year=2013, **overrides):
    data = {}
    for month in range(1, 13):
        data[f"revenue_{month}"] = "100000,00"
        data[f"staff_costs_{month}"] = "70000,00"
        data[f"other_costs_{month}"] = "20000,00"
    data.update(overrides)
    return data


@pytest.fixture
def budget_2013(demo):
    budget_services.budget_save(
        year=2013,
        rows={
            m: {
                "revenue": Decimal("20000.00"),
                "staff_costs": Decimal("15000.00"),
                "other_costs": Decimal("4000.00"),
            }
            for m in range(1, 13)
        },
    )


def test_the_head_enters_the_budget_in_a_grid_with_swedish_decimals(demo, client_for):
    client = client_for("head")
    response = client.post(url("budget_edit", year=2013), grid(revenue_3="123456,78"))
    assert response.status_code == 302
    march = BudgetMonth.objects.get(year=2013, month=3)
    assert march.revenue == Decimal("123456.78")
    assert BudgetMonth.objects.filter(year=2013).count() == 12


def test_a_wrong_amount_is_shown_in_swedish_and_nothing_is_lost(demo, client_for):
    response = client_for("admin").post(
        url("budget_edit", year=2013), grid(staff_costs_5="mycket", revenue_6="55,5")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Fyll i ett tal." in page
    assert 'value="mycket"' in page and 'value="55,5"' in page
    assert not BudgetMonth.objects.exists()


def test_revenue_is_what_is_booked_in_each_period_with_result_and_forecast(budget_2013):
    price_list()
    volumes(JANUARY, JANUARY_COUNTS)
    with on(date(2013, 2, 4)):
        _riki, spte = issue(JANUARY)
    january_as_closed = budget_followup(year=2013).rows[0].revenue
    # SPTE's January is waived in February: the credit note is booked in February.
    with on(date(2013, 2, 20)):
        billing_services.credit_note_issue(
            invoice=spte, user=spte.issued_by, reason="Fel", settlement=Invoice.Settlement.WAIVE
        )
    volumes(FEBRUARY, {"RIKI": {"KR-FS": 1000}})
    with on(date(2013, 3, 4)):
        issue(FEBRUARY)
    budget_services.cost_outcome_save(
        year=2013, rows={1: {"staff_costs": Decimal("16000.00"), "other_costs": Decimal("4000.00")}}
    )
    followup = budget_followup(year=2013)
    january, february = followup.rows[:2]
    # A closed month's actuals never change afterwards.
    assert january.revenue == january_as_closed == Decimal("22800.00")
    assert january.revenue_deviation == Decimal("2800.00")
    assert january.costs == Decimal("20000.00")
    assert january.result == Decimal("2800.00")
    assert february.revenue == Decimal("8250.00")  # 9,000 billed less the 750 credited
    assert followup.rows[2].revenue is None
    assert followup.year_to_date.revenue == Decimal("31050.00")
    assert followup.year_to_date.budget_result == Decimal("2000.00")
    assert followup.full_year.budget_revenue == Decimal("240000.00")
    # January and February as they turned out, March to December as budgeted.
    assert followup.forecast.revenue == Decimal("231050.00")
    assert followup.forecast.costs == Decimal("229000.00")
    assert followup.forecast.result == Decimal("2050.00")


def test_the_budget_page_shows_month_and_year_to_date(budget_2013, client_for):
    page = client_for("controller").get(url("budget"), {"ar": "2013"})
    content = page.content.decode().replace(NBSP, " ")
    assert page.status_code == 200
    assert "20 000,00 kr" in content and "240 000,00 kr" in content


def test_the_budget_is_not_for_a_customers_controller_or_a_case_officer(budget_2013, client_for):
    assert client_for("bound_controller").get(url("budget")).status_code == 403
    assert client_for("bound_controller").get(url("budget_export", year=2013)).status_code == 403
    assert client_for("officer").get(url("budget")).status_code == 403
    assert client_for("unit_manager").post(url("budget_edit", year=2013), grid()).status_code == 403


def upload(rows, name="budget.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(["Månad", "Intäkter", "Personal", "Övrigt"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


def test_the_budget_is_imported_from_excel(demo, client_for):
    rows = [[f"2013-{m:02d}", 4500000.5, 3500000, "1 000 000,25"] for m in range(1, 13)]
    client = client_for("head")
    response = client.post(url("budget_import", year=2013), {"file": upload(rows)})
    assert confirm(client, response).status_code == 302
    june = BudgetMonth.objects.get(year=2013, month=6)
    assert (june.revenue, june.staff_costs, june.other_costs) == (
        Decimal("4500000.50"),
        Decimal("3500000.00"),
        Decimal("1000000.25"),
    )


def test_a_budget_file_with_errors_imports_nothing_and_says_where(demo, client_for):
    rows = [["2013-01", 1, 2, 3], ["2012-02", 1, 2, 3], ["2013-03", "många", 2, 3]]
    response = client_for("head").post(url("budget_import", year=2013), {"file": upload(rows)})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<td class="num">3</td><td>Månad</td><td>2012-02 ligger inte i 2013.</td>' in page
    assert '<td class="num">4</td><td>Intäkter</td><td>”många” är inget belopp.</td>' in page
    assert not BudgetMonth.objects.exists()
    not_excel = SimpleUploadedFile("budget.xlsx", b"inte en arbetsbok", content_type=XLSX)
    response = client_for("head").post(url("budget_import", year=2013), {"file": not_excel})
    assert response.status_code == 200
    assert not BudgetMonth.objects.exists()


def test_the_exported_budget_reads_back_as_numbers_and_imports_again(budget_2013, client_for):
    client = client_for("head")
    response = client.get(url("budget_export", year=2013))
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.active.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 12
    assert rows[0] == ("2013-01", 20000, 15000, 4000)
    file = SimpleUploadedFile("budget.xlsx", response.content, content_type=XLSX)
    response = client.post(url("budget_import", year=2013), {"file": file})
    assert confirm(client, response).status_code == 302
    assert BudgetMonth.objects.get(year=2013, month=12).revenue == Decimal("20000.00")


def test_the_demo_has_the_plans_2012_budget_and_a_rerun_changes_nothing(demo):
    lines = demo_budget.load({})
    budget = BudgetMonth.objects.filter(year=2012)
    assert sum(b.revenue for b in budget) == Decimal("54100000.00")
    assert sum(b.staff_costs for b in budget) == Decimal("42100000.00")
    assert sum(b.other_costs for b in budget) == Decimal("12100000.00")
    assert "54,1" in lines[0] and "42,1" in lines[0] and "12,1" in lines[0]
    assert len(lines) >= 13
    demo_budget.load({})
    assert BudgetMonth.objects.filter(year=2012).count() == 12


def test_the_demo_bills_january_to_october_once(demo):
    counts = {"RIKI": {"KR-FS": 10}, "SPTE": {"LR-EL": 5}}
    for month in (1, 2, 10, 11):
        volumes(JANUARY.__class__(2012, month), counts)
    demo_billing.load({})
    demo_budget.load({})
    billed = sorted({i.period.month for i in Invoice.objects.filter(year=2012)})
    assert billed == [1, 2, 10]
    assert CostOutcome.objects.filter(year=2012).count() == 3
    count = Invoice.objects.count()
    demo_billing.load({})
    assert Invoice.objects.count() == count
