import pytest
from django.urls import reverse

from ekonomi import jobs
from ekonomi.jobs.models import Job
from invoicing.billing import tasks
from invoicing.billing.basis import billing_basis
from invoicing.models import CustomerErpAccount, ErpSettings, Invoice
from tests.ekonomi.worker_process import finished
from tests.invoicing.billing_helpers import (
    JANUARY,
    JANUARY_COUNTS,
    customer,
    issue,
    price_list,
    volumes,
)

NBSP = "\u00a0"


@pytest.fixture
def january(demo):
    price_list()
    volumes(JANUARY, JANUARY_COUNTS)
    return JANUARY


def url(name, **kwargs):
    return reverse(f"invoicing:{name}", kwargs=kwargs)


def text(response):
    assert response.status_code == 200
    return response.content.decode().replace(NBSP, " ")


def test_a_unit_manager_previews_and_issues_a_month(january, client_for):
    client = client_for("unit_manager")
    page = text(client.get(url("billing_month", month="2013-01")))
    assert "22 050,00 kr" in page and "750,00 kr" in page and "22 800,00 kr" in page
    digest = billing_basis(month=january).digest
    response = client.post(url("billing_issue", month="2013-01"), {"digest": digest})
    job = Job.objects.get(kind="invoicing.billing_issue")
    assert response.status_code == 302
    assert response.url == reverse("jobs:job", args=[job.pk])
    # Issued at the request's commit (no broker): the job's page leads on to the month.
    assert job.state == Job.State.DONE
    assert url("billing_month", month="2013-01") in text(client.get(response.url))
    assert job.result == {"invoices": 2, "total": "22800.00"}
    assert job.message == f"Januari 2013 är utfärdad: 2 fakturor, 22{NBSP}800,00{NBSP}kr."
    issued = text(client.get(url("billing_month", month="2013-01")))
    assert "2013-000001" in issued and "2013-000002" in issued


def test_a_run_on_a_changed_basis_fails_and_issues_nothing(january, client_for):
    client = client_for("unit_manager")
    digest = billing_basis(month=january).digest
    volumes(january, {"RIKI": {"KR-FS": 999}})
    client.post(url("billing_issue", month="2013-01"), {"digest": digest})
    job = Job.objects.get(kind="invoicing.billing_issue")
    assert job.state == Job.State.FAILED
    assert job.message == (
        "Volymerna eller timmarna ändrades efter att förhandsgranskningen visades. "
        "Granska den igen."
    )
    assert not Invoice.objects.exists()
    page = text(client.get(url("billing_month", month="2013-01")))
    assert job.message in page
    assert "Försök igen" in page


def test_a_case_officer_sees_the_preview_but_cannot_issue(january, client_for):
    client = client_for("officer")
    page = text(client.get(url("billing_month", month="2013-01")))
    assert url("billing_issue", month="2013-01") not in page
    digest = billing_basis(month=january).digest
    assert client.post(url("billing_issue", month="2013-01"), {"digest": digest}).status_code == 403
    assert not Invoice.objects.exists()


def test_a_bound_controller_previews_only_their_own_customer(january, client_for):
    page = text(client_for("bound_controller").get(url("billing_month", month="2013-01")))
    assert "22 050,00 kr" in page
    assert "Spånga-Tensta" not in page


def test_a_month_that_is_not_a_month_is_not_found(january, client_for):
    assert client_for("admin").get(url("billing_month", month="2013-13")).status_code == 404


def test_the_credit_form_keeps_the_input_and_says_what_is_missing(january, client_for):
    issue(january)
    client = client_for("unit_manager")
    credit_url = url("invoice_credit", number="2013-000001")
    page = text(client.post(credit_url, {"reason": "Fel antal"}))
    assert "Detta fält måste fyllas i." in page
    assert "Fel antal" in page
    page = text(client.post(credit_url, {"settlement": "waive", "reason": " "}))
    assert "En eftergift behöver en orsak: skriv varför kunden inte faktureras." in page
    assert 'value="waive" id="id_settlement_2" required checked' in page
    partial = {"settlement": "partial", "reason": "Dubbelräknat", "line_1": "1200"}
    page = text(client.post(credit_url, partial))
    assert (
        "Rad 1 (KR-FS): 1 200,00 kan inte krediteras; det som finns kvar av raden är "
        "1 000,00 à 9,00."
    ) in page
    assert 'value="1200"' in page
    assert Invoice.objects.count() == 2
    response = client.post(credit_url, {"settlement": "reissue", "reason": "Fel antal"})
    assert response.status_code == 302
    assert response.url == url("invoice_detail", number="2013-000004")
    credit = Invoice.objects.get(number="2013-000003")
    assert (credit.credits.number, credit.reissue.number) == ("2013-000001", "2013-000004")


def test_the_erp_settings_page_keeps_a_wrong_code_and_saves_a_right_one(demo, client_for):
    client = client_for("admin")
    data = {
        "client": "SF",
        "voucher_type": "id x",
        "revenue_account": "3591",
        "revenue_dimension": "",
        "default_cost_account": "6590",
        "RIKI-cost_account": "6591",
        "RIKI-dimension": "RK100",
    }
    page = text(client.post(url("erp_settings"), data))
    assert 'value="id x"' in page
    assert 'value="RK100"' in page
    assert ErpSettings.current().revenue_account == "3590"
    response = client.post(url("erp_settings"), {**data, "voucher_type": "IX"})
    assert response.status_code == 302
    settings = ErpSettings.current()
    assert (settings.voucher_type, settings.revenue_account) == ("IX", "3591")
    account = CustomerErpAccount.objects.get(customer=customer("RIKI"))
    assert (account.cost_account, account.dimension) == ("6591", "RK100")
    # Emptied fields fall back to the defaults.
    client.post(
        url("erp_settings"),
        {**data, "voucher_type": "IX", "RIKI-cost_account": "", "RIKI-dimension": ""},
    )
    assert not CustomerErpAccount.objects.exists()


def test_the_billing_overview_shows_each_month_of_the_year(january, client_for):
    issue(january)
    page = text(client_for("head").get(url("billing_months"), {"ar": "2013"}))
    assert "Januari 2013" in page
    assert "22 800,00 kr" in page


@pytest.mark.celery
def test_issuing_runs_as_a_job_and_its_page_follows_it(transactional_db, january, client_for):
    client = client_for("unit_manager")
    digest = billing_basis(month=january).digest
    client.post(url("billing_issue", month="2013-01"), {"digest": digest})
    job = finished(Job.objects.get(kind="invoicing.billing_issue"))
    assert job.state == Job.State.DONE
    page = text(client.get(reverse("jobs:job", args=[job.pk])))
    assert "22 800,00 kr" in page
    assert 'http-equiv="refresh"' not in page


def test_a_second_issue_of_a_month_while_the_first_is_queued_is_the_same_job(
    january, client_for, users
):
    client = client_for("unit_manager")
    digest = billing_basis(month=january).digest
    first = jobs.start(
        tasks.billing_issue,
        user=users["unit_manager"],
        params={"month": "2013-01", "digest": digest},
        unique_key="billing-issue-2013-01",
    )
    response = client.post(url("billing_issue", month="2013-01"), {"digest": digest})
    assert response.url == reverse("jobs:job", args=[first.pk])
    assert Job.objects.filter(kind="invoicing.billing_issue").count() == 1
