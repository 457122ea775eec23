import io
import logging
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from invoicing.billing import reconciliation as checks
from invoicing.billing import services as billing_services
from invoicing.billing import tasks as billing_tasks
from invoicing.billing.selectors import billing_check_failures
from invoicing.models import CheckFailure, CheckNote, ErpFile, Invoice
from tests.invoicing.billing_helpers import (
    FEBRUARY,
    JANUARY,
    JANUARY_COUNTS,
    issue,
    on,
    price_list,
    unit_manager,
    volumes,
)

NBSP = "\u00a0"


@pytest.fixture
def issued(demo):
    """January billed; SPTE's invoice credited and reissued at once."""
    price_list()
    volumes(JANUARY, JANUARY_COUNTS)
    with on(date(2013, 2, 4)):
        invoices = issue(JANUARY)
        billing_services.credit_note_issue(
            invoice=invoices[1],
            user=unit_manager(),
            reason="Fel",
            settlement=Invoice.Settlement.REISSUE,
        )
    return invoices


def tamper(sql, params=()):
    """Change issued rows behind the application's back, as a database user could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The triggers would stop it; a superuser can switch them off for the
            # transaction, and the checks must still notice.
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)


def swedish(messages):
    return [message.replace(NBSP, " ") for message in messages]


def test_issued_invoices_credit_notes_reissues_and_files_pass_every_check(issued):
    for check in (checks.check_series, checks.check_invoices, checks.check_erp_files):
        assert check().failures == []
    assert checks.check_invoices().notes == []
    output = io.StringIO()
    call_command("billing_checks", stdout=output)
    assert "Alla faktureringskontroller gick igenom." in output.getvalue()
    assert CheckFailure.objects.count() == 0


def test_a_gap_in_the_series_is_caught_and_says_what_to_do(issued):
    # A number taken but never used: what a lost invoice would leave behind.
    tamper("UPDATE invoicing_invoiceseries SET last_number = 6 WHERE year = 2013")
    (failure,) = checks.check_series().failures
    assert failure == (
        "Serien 2013 har luckor: 2013-000005, 2013-000006. Ett nummer togs men inget dokument "
        "har det: ta reda på om ett utfärdat dokument har tagits bort."
    )


def test_a_tampered_amount_is_caught_logged_and_shown_to_administrators(issued, caplog, client_for):
    riki = issued[0]
    tamper(
        "UPDATE invoicing_invoiceline SET amount = 12.00 WHERE invoice_id = %s AND code = %s",
        [riki.pk, "KR-MAN"],
    )
    with caplog.at_level(logging.ERROR, logger="invoicing.reconciliation"):
        run = checks.run_checks()
    messages = swedish(f.message for f in run.failures.all())
    restore = (
        "Den har ändrats efter att den utfärdades: ta reda på hur, och återställ den från "
        "databasens säkerhetskopia; dokumentet som kunden fick och dess Agresso-fil visar den "
        "som den utfärdades."
    )
    assert messages[:2] == [
        "Faktura 2013-000001 rad 3 (KR-MAN 2013-01): 200,00 à 60,00 blir 12 000,00 kr, inte "
        f"12,00 kr. {restore}",
        "Faktura 2013-000001: totalen 22 050,00 kr är inte summan av raderna, 10 062,00 kr. "
        f"{restore}",
    ]
    # The ERP file booked what the invoice said when it was issued.
    assert messages[2].startswith(
        "Agresso-filen FAKT-2013-01 bokför -12 000,00 kr på konto 3590 KR-MAN, dess fakturor "
        "-12,00 kr."
    )
    assert len(messages) == 3
    assert len([r for r in caplog.records if r.levelno == logging.ERROR]) == 3
    assert billing_check_failures() == list(run.failures.all())
    admin_start = client_for("admin").get(reverse("home")).text
    head_start = client_for("head").get(reverse("home")).text
    assert "Nattens faktureringskontroller hittade fel" in admin_start
    assert "2013-000001" in admin_start
    assert "Nattens faktureringskontroller hittade fel" not in head_start


def test_billing_less_than_was_counted_is_caught(issued):
    riki = issued[0]
    tamper(
        "UPDATE invoicing_invoiceline SET quantity = 150, amount = 9000 "
        "WHERE invoice_id = %s AND code = %s",
        [riki.pk, "KR-MAN"],
    )
    tamper("UPDATE invoicing_invoice SET total = 19050 WHERE id = %s", [riki.pk])
    failures = swedish(checks.check_invoices().failures)
    assert failures == [
        "RIKI KR-MAN 2013-01 är fakturerad med 50,00 à 60,00 (3 000,00 kr) mindre än vad som "
        "var räknat när Faktura 2013-000001 utfärdades. Jämför månadens fakturor med deras "
        "Agresso-filer och dokumenten som kunderna fick, återställ det som ändrats från "
        "databasens säkerhetskopia och kör kontrollerna igen."
    ]
    erp_failures = swedish(checks.check_erp_files().failures)
    assert erp_failures == [
        "Agresso-filen FAKT-2013-01 bokför -12 000,00 kr på konto 3590 KR-MAN, dess fakturor "
        "-9 000,00 kr. Jämför med det som bokfördes i Agresso och rätta bokföringen där; ta "
        "reda på vem som ändrade filen.",
        "Agresso-filen FAKT-2013-01 bokför 22 050,00 kr på konto 6590 RIKI, dess fakturor "
        "19 050,00 kr. Jämför med det som bokfördes i Agresso och rätta bokföringen där; ta "
        "reda på vem som ändrade filen.",
    ]


def test_billing_more_than_was_counted_is_caught(issued):
    tamper(
        "UPDATE invoicing_invoiceline SET quantity = 300, amount = 18000 "
        "WHERE invoice_id = %s AND code = %s",
        [issued[0].pk, "KR-MAN"],
    )
    failures = swedish(checks.check_invoices().failures)
    assert any(
        failure.startswith(
            "RIKI KR-MAN 2013-01 är fakturerad med 100,00 à 60,00 (6 000,00 kr) mer än"
        )
        for failure in failures
    )


def test_late_volumes_are_explained_until_the_next_invoice_bills_them(issued):
    volumes(JANUARY, {"RIKI": {"KR-MAN": 205}})
    findings = checks.check_invoices()
    assert findings.failures == []
    assert swedish(findings.notes) == [
        "RIKI KR-MAN 2013-01: 5,00 à 60,00 (300,00 kr) räknat efter faktureringen; nästa "
        "faktura justerar det."
    ]
    volumes(FEBRUARY, {"RIKI": {"KR-FS": 1}})
    with on(date(2013, 3, 4)):
        issue(FEBRUARY)
    assert checks.check_invoices().notes == []


def test_a_changed_erp_file_is_caught_though_its_hash_was_refreshed(issued):
    erp_file = ErpFile.objects.get(batch_id="FAKT-2013-01")
    content = bytes(erp_file.content)
    # Move one krona from the customer's debit to nowhere: the file no longer balances.
    changed = content.replace(b"2205000", b"2204900", 2)
    tamper("UPDATE invoicing_erpfile SET content = %s WHERE id = %s", [changed, erp_file.pk])
    failures = checks.check_erp_files().failures
    assert len(failures) == 3  # changed after writing, does not balance, differs from invoices
    assert all("FAKT-2013-01" in failure for failure in failures)


def test_the_command_fails_when_a_check_fails(issued):
    tamper("UPDATE invoicing_invoiceseries SET last_number = 5 WHERE year = 2013")
    output = io.StringIO()
    with pytest.raises(CommandError, match=r"^1 faktureringskontroll misslyckades\.$"):
        call_command("billing_checks", stdout=output)
    assert "2013-000005" in output.getvalue()


def test_the_checks_page_shows_faults_and_explanations_to_administrators(issued, client_for):
    volumes(JANUARY, {"RIKI": {"KR-MAN": 205}})
    checks.run_checks()
    assert CheckNote.objects.count() == 1
    page = client_for("admin").get(reverse("invoicing:billing_checks"))
    content = page.content.decode().replace(NBSP, " ")
    assert "Kontrollerna" in content and "hittade 0 fel." in content
    assert "RIKI KR-MAN 2013-01: 5,00 à 60,00 (300,00 kr) räknat efter faktureringen" in content
    assert client_for("head").get(reverse("invoicing:billing_checks")).status_code == 403


@pytest.mark.celery
def test_the_nightly_task_runs_the_checks(transactional_db, issued):
    billing_tasks.billing_checks_run.delay().get(timeout=60)
    assert CheckFailure.objects.count() == 0
