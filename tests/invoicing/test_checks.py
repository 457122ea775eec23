import io
import logging

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from invoicing.billing import reconciliation as checks
from invoicing.billing import services as billing_services
from invoicing.billing import tasks as billing_tasks
from invoicing.billing.selectors import billing_check_failures
from invoicing.models import CheckFailure, ErpFile, InvoiceSeries
from tests.invoicing.billing_helpers import (
    JANUARY,
    JANUARY_COUNTS,
    issue,
    price_list,
    unit_manager,
    volumes,
)


@pytest.fixture
def issued(demo):
    price_list()
    volumes(JANUARY, JANUARY_COUNTS)
    invoices = issue(JANUARY)
    billing_services.credit_note_issue(invoice=invoices[1], user=unit_manager(), reason="Fel")
    return invoices


def tamper(sql, params):
    """Change issued rows behind the application's back, as a database user could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The trigger would stop it; a superuser can switch triggers off for the
            # transaction, and the check must still notice.
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)


def test_issued_invoices_credit_notes_and_files_pass_every_check(issued):
    assert checks.check_series() == []
    assert checks.check_invoices() == []
    assert checks.check_erp_files() == []
    output = io.StringIO()
    call_command("billing_checks", stdout=output)
    assert CheckFailure.objects.count() == 0


def test_a_gap_in_the_series_is_caught(issued):
    # A number taken but never used: what a lost invoice would leave behind.
    InvoiceSeries.objects.filter(year=2013).update(last_number=5)
    (failure,) = checks.check_series()
    assert "2013-000004" in failure and "2013-000005" in failure


def test_a_tampered_amount_is_caught_logged_and_shown_to_administrators(issued, caplog, client_for):
    riki = issued[0]
    tamper(
        "UPDATE invoicing_invoiceline SET amount = 12.00 WHERE invoice_id = %s AND code = %s",
        [riki.pk, "KR-MAN"],
    )
    with caplog.at_level(logging.ERROR, logger="invoicing.reconciliation"):
        run = checks.run_checks()
    messages = [f.message for f in run.failures.all()]
    assert len(messages) == 2  # the line, and the total that no longer is its sum
    assert all("2013-000001" in message for message in messages)
    assert len([r for r in caplog.records if r.levelno == logging.ERROR]) == 2
    assert billing_check_failures() == list(run.failures.all())
    admin_start = client_for("admin").get(reverse("home")).text
    head_start = client_for("head").get(reverse("home")).text
    assert "Nattens faktureringskontroller hittade fel" in admin_start
    assert "2013-000001" in admin_start
    assert "Nattens faktureringskontroller hittade fel" not in head_start


def test_billing_more_than_was_counted_is_caught(issued):
    tamper(
        "UPDATE invoicing_invoiceline SET quantity = 300, amount = 18000 "
        "WHERE invoice_id = %s AND code = %s",
        [issued[0].pk, "KR-MAN"],
    )
    failures = checks.check_invoices()
    assert any("RIKI KR-MAN 2013-01" in failure for failure in failures)


def test_a_changed_erp_file_is_caught(issued):
    erp_file = ErpFile.objects.get(batch_id="FAKT-2013-01")
    content = bytes(erp_file.content)
    # Move one krona from the customer's debit to nowhere: the file no longer balances.
    changed = content.replace(b"2205000", b"2204900", 2)
    tamper("UPDATE invoicing_erpfile SET content = %s WHERE id = %s", [changed, erp_file.pk])
    failures = checks.check_erp_files()
    assert len(failures) == 2
    assert all("FAKT-2013-01" in failure for failure in failures)


def test_the_command_fails_when_a_check_fails(issued):
    InvoiceSeries.objects.filter(year=2013).update(last_number=4)
    output = io.StringIO()
    with pytest.raises(CommandError):
        call_command("billing_checks", stdout=output)
    assert "2013-000004" in output.getvalue()


@pytest.mark.celery
def test_the_nightly_task_runs_the_checks(transactional_db, issued):
    billing_tasks.billing_checks_run.delay().get(timeout=60)
    assert CheckFailure.objects.count() == 0
