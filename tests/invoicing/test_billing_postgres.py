"""Issued records on PostgreSQL: the triggers, the least-privilege role, parallel reissues, and
a tamper test that the nightly checks must see through.

The application's role is `ekonomi_app`, as README.md and .ci/run set it up; a test switches
its own connection to it (SET LOCAL ROLE, undone with the test's transaction) after granting
it what deploy/least_privilege.sql grants.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, ProgrammingError, connection, transaction

from invoicing import checks as system_checks
from invoicing.billing import gl07
from invoicing.billing import reconciliation as checks
from invoicing.billing import services as billing_services
from invoicing.models import ErpFile, Invoice
from tests.invoicing.billing_helpers import (
    FEBRUARY,
    JANUARY,
    JANUARY_COUNTS,
    MARCH,
    in_parallel,
    issue,
    on,
    postgres_only,
    price_list,
    unit_manager,
    volumes,
)

pytestmark = [pytest.mark.postgres, postgres_only]

APP_ROLE = "ekonomi_app"
NBSP = "\u00a0"
ISSUED_TABLES = [
    "invoicing_invoice",
    "invoicing_invoiceline",
    "invoicing_erpfile",
    "invoicing_erpfile_invoices",
    "invoicing_billedmonth",
    "invoicing_invoiceseries",
]


def sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else None


def refused(statement, params=(), match="cannot|no line|no link|only moves|emptied"):
    # A savepoint, so that the refused statement leaves the test's transaction usable.
    with pytest.raises((IntegrityError, ProgrammingError), match=match), transaction.atomic():
        sql(statement, params)


def settle_constraints():
    # Foreign keys are checked at commit; PostgreSQL will not alter or empty a table while
    # such checks of this transaction are pending.
    sql("SET CONSTRAINTS ALL IMMEDIATE")


def as_app_role():
    """From here on this test's connection is the application's role, with the rights that
    deploy/least_privilege.sql gives it. The role is made for the test if CI has not."""
    if not sql("SELECT 1 FROM pg_roles WHERE rolname = %s", [APP_ROLE]):
        sql(f"CREATE ROLE {APP_ROLE} NOLOGIN")
    sql(f"GRANT USAGE ON SCHEMA public TO {APP_ROLE}")
    sql(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {APP_ROLE}")
    sql(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {APP_ROLE}")
    sql(f"SET LOCAL ROLE {APP_ROLE}")


@pytest.fixture
def january(demo):
    price_list()
    volumes(JANUARY, JANUARY_COUNTS)
    with on(date(2013, 2, 4)):
        return issue(JANUARY)


# The triggers ---------------------------------------------------------------------------------


def test_no_line_can_be_added_to_an_issued_invoice(january):
    riki = january[0]
    columns = (
        "invoice_id, position, kind, price_item_id, code, name, unit, service_month, quantity, "
        "counted, unit_price, amount"
    )
    line = sql(
        f"SELECT {columns} FROM invoicing_invoiceline WHERE invoice_id = %s AND position = 1",
        [riki.pk],
    )[0]
    insert = f"INSERT INTO invoicing_invoiceline ({columns}) VALUES ({', '.join(['%s'] * 12)})"
    refused(insert, [line[0], 5, *line[2:]], match="no line can be added")
    refused(insert, line, match="invoice_line_once")
    assert sql("SELECT count(*) FROM invoicing_invoiceline WHERE invoice_id = %s", [riki.pk]) == [
        (4,)
    ]


def test_links_billed_months_and_the_series_cannot_be_bent(january):
    riki, spte = january
    erp_file = ErpFile.objects.get()
    for statement, params in [
        ("DELETE FROM invoicing_erpfile_invoices WHERE invoice_id = %s", [riki.pk]),
        ("UPDATE invoicing_erpfile_invoices SET invoice_id = %s", [spte.pk]),
        (
            "INSERT INTO invoicing_erpfile_invoices (erpfile_id, invoice_id) VALUES (%s, %s)",
            [erp_file.pk, riki.pk],
        ),
        ("UPDATE invoicing_billedmonth SET month = '2013-02-01'", []),
        ("DELETE FROM invoicing_billedmonth", []),
        ("UPDATE invoicing_invoiceseries SET last_number = last_number + 2", []),
        ("UPDATE invoicing_invoiceseries SET last_number = last_number - 1", []),
        ("UPDATE invoicing_invoiceseries SET year = 2014", []),
        ("DELETE FROM invoicing_invoiceseries", []),
        ("INSERT INTO invoicing_invoiceseries (year, last_number) VALUES (2014, 7)", []),
    ]:
        refused(statement, params)
    # Issuing steps the series on by one; that is all it may do.
    sql("UPDATE invoicing_invoiceseries SET last_number = last_number + 1 WHERE year = 2013")
    assert sql("SELECT count(*) FROM invoicing_erpfile_invoices") == [(2,)]
    assert sql("SELECT month FROM invoicing_billedmonth") == [(JANUARY.start,)]


def test_no_role_but_a_superuser_can_empty_the_tables(january):
    as_app_role()
    # Even granted TRUNCATE, the application's role is stopped by the statement trigger.
    sql("RESET ROLE")
    sql(f"GRANT TRUNCATE ON ALL TABLES IN SCHEMA public TO {APP_ROLE}")
    sql(f"SET LOCAL ROLE {APP_ROLE}")
    settle_constraints()
    for table in ISSUED_TABLES:
        refused(f"TRUNCATE {table} CASCADE", match="cannot be emptied")
    assert Invoice.objects.count() == 2


# Least privilege ------------------------------------------------------------------------------


def test_the_application_role_works_but_cannot_switch_the_triggers_off(january):
    as_app_role()
    with on(date(2013, 2, 10)):
        credit_note = billing_services.credit_note_issue(
            invoice=january[0],
            user=unit_manager(),
            reason="Fel antal",
            settlement=Invoice.Settlement.REISSUE,
        )
    assert credit_note.reissue.total == Decimal("22050.00")
    settle_constraints()
    refused(
        "ALTER TABLE invoicing_invoiceline DISABLE TRIGGER USER", match="must be owner of table"
    )
    refused("SET session_replication_role = replica", match="permission denied")
    refused("UPDATE invoicing_invoice SET total = 1", match="cannot be changed")
    assert checks.check_invoices().failures == []


def test_the_system_check_warns_when_the_application_role_could_bend_the_records(db):
    (warning,) = system_checks.check_application_role(None, databases=["default"])
    assert warning.id == "invoicing.W001"
    assert "is a superuser" in warning.msg
    # A role that owns a billing table is warned about too.
    sql("CREATE ROLE ekonomi_test_owner NOLOGIN")
    sql("ALTER TABLE invoicing_billedmonth OWNER TO ekonomi_test_owner")
    sql("SET LOCAL ROLE ekonomi_test_owner")
    (warning,) = system_checks.check_application_role(None, databases=["default"])
    assert "owns invoicing_billedmonth" in warning.msg
    sql("RESET ROLE")
    as_app_role()
    assert system_checks.check_application_role(None, databases=["default"]) == []


# The tamper test ------------------------------------------------------------------------------


def swap_debits(content: bytes, first: str, second: str) -> bytes:
    """The file with two customers' debit amounts exchanged, fields as wide as before."""
    lines = content.split(gl07.NEWLINE)
    debits = {}
    for index, raw in enumerate(lines):
        text = raw.decode(gl07.ENCODING)
        if text[127:152].strip() in (first, second):
            debits[text[127:152].strip()] = (index, text[379:419])
    (a, amounts_a), (b, amounts_b) = debits[first], debits[second]
    for index, amounts in ((a, amounts_b), (b, amounts_a)):
        text = lines[index].decode(gl07.ENCODING)
        lines[index] = (text[:379] + amounts + text[419:]).encode(gl07.ENCODING)
    return gl07.NEWLINE.join(lines)


def test_the_nightly_checks_find_each_of_five_changes_made_with_the_triggers_off(demo):
    price_list()
    for month, day in ((JANUARY, 4), (FEBRUARY, 5), (MARCH, 6)):
        volumes(month, JANUARY_COUNTS)
        with on(date(2013, month.month + 1, day)):
            issue(month)
    assert checks.run_checks().failures.count() == 0
    january_riki, january_spte, _feb_riki, _feb_spte, _mar_riki, march_spte = (
        Invoice.objects.order_by("sequence")
    )
    february_file = ErpFile.objects.get(batch_id="FAKT-2013-02")

    # As the owner of the tables, with the triggers switched off.
    settle_constraints()
    for table in ISSUED_TABLES:
        sql(f"ALTER TABLE {table} DISABLE TRIGGER USER")
    # 1. A line amount.
    sql(
        "UPDATE invoicing_invoiceline SET amount = 3000 WHERE invoice_id = %s AND code = 'KR-MAK'",
        [january_riki.pk],
    )
    # 2. A line added.
    sql(
        "INSERT INTO invoicing_invoiceline (invoice_id, position, kind, price_item_id, code, "
        "name, unit, service_month, quantity, counted, unit_price, amount) "
        "SELECT invoice_id, 5, kind, price_item_id, code, name, unit, service_month, 1, 1, "
        "unit_price, unit_price FROM invoicing_invoiceline WHERE invoice_id = %s AND position = 1",
        [january_riki.pk],
    )
    # 3. An invoice under-billed, its total with it.
    sql(
        "UPDATE invoicing_invoiceline SET quantity = 5, amount = 250 "
        "WHERE invoice_id = %s AND code = 'LR-MAN'",
        [january_spte.pk],
    )
    sql("UPDATE invoicing_invoice SET total = 500 WHERE id = %s", [january_spte.pk])
    # 4. Two customers' amounts swapped in an ERP file, its stored hash refreshed.
    swapped = swap_debits(bytes(february_file.content), "RIKI", "SPTE")
    sql(
        "UPDATE invoicing_erpfile SET content = %s, sha256 = encode(sha256(%s), 'hex') "
        "WHERE id = %s",
        [swapped, swapped, february_file.pk],
    )
    # 5. A link between an ERP file and an invoice removed.
    sql("DELETE FROM invoicing_erpfile_invoices WHERE invoice_id = %s", [march_spte.pk])
    settle_constraints()
    for table in ISSUED_TABLES:
        sql(f"ALTER TABLE {table} ENABLE TRIGGER USER")

    failures = [f.message.replace(NBSP, " ") for f in checks.run_checks().failures.all()]

    def found(text):
        return [failure for failure in failures if text in failure]

    assert found(
        "Faktura 2013-000001 rad 2 (KR-MAK 2013-01): 3,00 à 100,00 blir 300,00 kr, "
        "inte 3 000,00 kr."
    )
    assert found("Faktura 2013-000001 har 5 rader men utfärdades med 4.")
    assert found(
        "SPTE LR-MAN 2013-01 är fakturerad med 5,00 à 50,00 (250,00 kr) mindre än vad som var "
        "räknat när Faktura 2013-000002 utfärdades."
    )
    assert found(
        "Agresso-filen FAKT-2013-02 bokför 750,00 kr på konto 6590 RIKI, dess fakturor "
        "22 050,00 kr."
    )
    assert found(
        "Agresso-filen FAKT-2013-02 bokför 22 050,00 kr på konto 6590 SPTE, dess fakturor "
        "750,00 kr."
    )
    assert found("2013-000006 (750,00 kr) är inte bokförd i någon Agresso-fil.")
    assert found("Agresso-filen FAKT-2013-03 skrevs för 2 dokument men är kopplad till 1.")


# Twenty at once -------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_reissues_of_one_customer_month_give_one_invoice(transactional_db):
    from django.core.management import call_command

    call_command("load_demo", "--organisation-only", verbosity=0)
    price_list()
    volumes(JANUARY, JANUARY_COUNTS)
    riki, _spte = issue(JANUARY)
    credit_note = billing_services.credit_note_issue(
        invoice=riki, user=unit_manager(), reason="Fel", settlement=Invoice.Settlement.LATER
    )
    user = unit_manager()
    results = in_parallel(
        [lambda: billing_services.invoice_reissue(credit_note=credit_note, user=user)] * 20
    )
    reissued = [r for r in results if isinstance(r, Invoice)]
    refusals = [r for r in results if not isinstance(r, Invoice)]
    assert len(reissued) == 1
    assert {getattr(error, "code", error) for error in refusals} == {"reissued"}
    assert Invoice.objects.filter(reissue_of=credit_note).count() == 1
    assert Invoice.objects.count() == 4
    assert checks.check_series().failures == []
