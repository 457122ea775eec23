# Corrections that close the books (issue 9): what a credit note leaves to happen next,
# reissues, booking periods, the snapshot an issued document carries, ERP-file links as a
# model of their own, and the database triggers that keep all of it unchanged.

from collections import defaultdict
from datetime import date
from decimal import Decimal

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# Everything issued. Rows are never updated or deleted; the parts of an invoice or an ERP file
# are only inserted with it; the number series only steps on by one; and none of the tables
# can be emptied with TRUNCATE, which row triggers do not see.
ROW_TABLES = [
    "invoicing_invoice",
    "invoicing_invoiceline",
    "invoicing_erpfile",
    "invoicing_erpfile_invoices",
    "invoicing_billedmonth",
]
SERIES_TABLE = "invoicing_invoiceseries"
TRUNCATE_TABLES = [*ROW_TABLES, SERIES_TABLE]

FUNCTIONS = """
CREATE OR REPLACE FUNCTION invoicing_refuse_change_of_issued() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% rows are issued and cannot be changed or deleted', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

-- An issued invoice states how many lines it has and the lines are numbered 1, 2, 3 …, unique
-- per invoice: a line beyond them is a line added after issue.
CREATE OR REPLACE FUNCTION invoicing_refuse_line_after_issue() RETURNS trigger AS $$
BEGIN
    IF NEW.position > (SELECT line_count FROM invoicing_invoice WHERE id = NEW.invoice_id) THEN
        RAISE EXCEPTION 'invoice % is issued with all its lines; no line can be added',
            NEW.invoice_id USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- An ERP file states how many invoices it books; a link beyond them is added after writing.
-- Earlier rows of the same INSERT are visible here, so a file's own links count as they go.
CREATE OR REPLACE FUNCTION invoicing_refuse_link_after_issue() RETURNS trigger AS $$
BEGIN
    IF (SELECT count(*) FROM invoicing_erpfile_invoices WHERE erpfile_id = NEW.erpfile_id)
            >= (SELECT invoice_count FROM invoicing_erpfile WHERE id = NEW.erpfile_id) THEN
        RAISE EXCEPTION 'ERP file % is written with all its invoices; no link can be added',
            NEW.erpfile_id USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION invoicing_series_moves_by_one() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' AND NEW.last_number = 0 THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.year = OLD.year
            AND NEW.last_number = OLD.last_number + 1 THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the number series only moves one number at a time, by issuing'
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

-- A superuser can switch any trigger off (session_replication_role), so refusing it guards
-- nothing; it would only stop the test runner, which empties its database with TRUNCATE.
CREATE OR REPLACE FUNCTION invoicing_refuse_truncate() RETURNS trigger AS $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '% holds issued records and cannot be emptied', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
"""

TRIGGERS = [
    *(
        f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION invoicing_refuse_change_of_issued()"
        for table in ROW_TABLES
    ),
    "CREATE TRIGGER invoicing_invoiceline_complete BEFORE INSERT ON invoicing_invoiceline "
    "FOR EACH ROW EXECUTE FUNCTION invoicing_refuse_line_after_issue()",
    "CREATE TRIGGER invoicing_erpfile_invoices_complete BEFORE INSERT "
    "ON invoicing_erpfile_invoices FOR EACH ROW EXECUTE FUNCTION invoicing_refuse_link_after_issue()",
    f"CREATE TRIGGER {SERIES_TABLE}_by_one BEFORE INSERT OR UPDATE OR DELETE ON {SERIES_TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION invoicing_series_moves_by_one()",
    *(
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION invoicing_refuse_truncate()"
        for table in TRUNCATE_TABLES
    ),
]
DROPS = [
    *(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table}" for table in ROW_TABLES),
    "DROP TRIGGER IF EXISTS invoicing_invoiceline_complete ON invoicing_invoiceline",
    "DROP TRIGGER IF EXISTS invoicing_erpfile_invoices_complete ON invoicing_erpfile_invoices",
    f"DROP TRIGGER IF EXISTS {SERIES_TABLE}_by_one ON {SERIES_TABLE}",
    *(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}" for table in TRUNCATE_TABLES),
    "DROP FUNCTION IF EXISTS invoicing_refuse_line_after_issue()",
    "DROP FUNCTION IF EXISTS invoicing_refuse_link_after_issue()",
    "DROP FUNCTION IF EXISTS invoicing_series_moves_by_one()",
    "DROP FUNCTION IF EXISTS invoicing_refuse_truncate()",
]
# What migration 0004 made, for going back.
OLD_TABLES = ["invoicing_invoice", "invoicing_invoiceline", "invoicing_erpfile"]


def _postgresql(schema_editor):
    return schema_editor.connection.vendor == "postgresql"


def drop_old_triggers(apps, schema_editor):
    # The backfill below writes issued rows once; the old triggers would refuse it.
    if _postgresql(schema_editor):
        for table in OLD_TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table}")


def create_old_triggers(apps, schema_editor):
    if _postgresql(schema_editor):
        for table in OLD_TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION invoicing_refuse_change_of_issued()"
            )


def create_triggers(apps, schema_editor):
    if _postgresql(schema_editor):
        schema_editor.execute(FUNCTIONS, params=None)
        for statement in TRIGGERS:
            schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    if _postgresql(schema_editor):
        for statement in DROPS:
            schema_editor.execute(statement)


# The backfill --------------------------------------------------------------------------------

# GL07 positions (1-based, inclusive) of the fields the files already written carry.
FIELDS = {
    "voucher_type": (51, 75),
    "client": (78, 102),
    "account": (103, 127),
    "dim_1": (128, 152),
    "dim_2": (153, 177),
    "voucher_date": (754, 761),
    "voucher_no": (762, 776),
}


def _gl07_records(content):
    for raw in bytes(content).split(b"\r\n"):
        if raw:
            line = raw.decode("iso-8859-1")
            yield {name: line[a - 1 : b].strip() for name, (a, b) in FIELDS.items()}


def _backfill_erp_files(apps):
    ErpFile = apps.get_model("invoicing", "ErpFile")
    Link = apps.get_model("invoicing", "ErpFileInvoice")
    counts = defaultdict(int)
    for erpfile_id in Link.objects.values_list("erpfile_id", flat=True):
        counts[erpfile_id] += 1
    for erp_file in ErpFile.objects.all():
        records = list(_gl07_records(erp_file.content))
        first = records[0] if records else {}
        # Revenue lines carry the price item code as their second dimension.
        revenue = next((r for r in records if r["dim_2"]), {})
        stamp = first.get("voucher_date")
        erp_file.voucher_date = (
            date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:]))
            if stamp
            else erp_file.created_at.date()
        )
        erp_file.voucher_no = first.get("voucher_no", "")
        erp_file.client = first.get("client", "")
        erp_file.voucher_type = first.get("voucher_type", "")
        erp_file.revenue_account = revenue.get("account", "")
        erp_file.revenue_dimension = revenue.get("dim_1", "")
        erp_file.invoice_count = counts[erp_file.pk]
        erp_file.save()


def _snapshot(invoice, accounts, default_cost_account):
    customer = invoice.customer
    account = accounts.get(customer.pk)
    contact = customer.contact_person
    invoice.customer_code = customer.code
    invoice.customer_name = customer.name
    invoice.customer_reference = (
        f"{contact.first_name} {contact.last_name}".strip() or contact.username if contact else ""
    )
    invoice.cost_account = (account and account.cost_account) or default_cost_account
    invoice.dimension = (account and account.dimension) or customer.code


def _backfill_invoices(apps):
    """Copy each document's customer as it is now (the best record there is of it), book it in
    its month as before, and replay the documents in order for what each line counted."""
    Invoice = apps.get_model("invoicing", "Invoice")
    Line = apps.get_model("invoicing", "InvoiceLine")
    ErpSettings = apps.get_model("invoicing", "ErpSettings")
    Account = apps.get_model("invoicing", "CustomerErpAccount")
    erp_settings = ErpSettings.objects.filter(pk=1).first()
    default_cost_account = erp_settings.default_cost_account if erp_settings else "6590"
    accounts = {a.customer_id: a for a in Account.objects.all()}
    documents = list(
        Invoice.objects.select_related("customer__contact_person").order_by("issued_at", "pk")
    )
    lines = defaultdict(list)
    for line in Line.objects.order_by("invoice_id", "position"):
        lines[line.invoice_id].append(line)
    settled = defaultdict(Decimal)
    counted = {}
    by_pk = {}
    for document in documents:
        by_pk[document.pk] = document
        document.booking_period = document.month
        document.line_count = len(lines[document.pk])
        original = by_pk.get(document.credits_id)
        if original is None:
            _snapshot(document, accounts, default_cost_account)
        else:
            for name in ("customer_code", "customer_name", "customer_reference"):
                setattr(document, name, getattr(original, name))
            document.cost_account, document.dimension = original.cost_account, original.dimension
        for line in lines[document.pk]:
            key = (document.customer_id, line.price_item_id, line.service_month)
            if original is None:
                line.counted = line.quantity + settled[key]
                counted[(document.pk, *key[1:])] = line.counted
            else:
                line.counted = counted.get((original.pk, *key[1:]), -line.quantity)
            settled[key] += line.quantity
    _settle_credit_notes(documents, lines)
    Invoice.objects.bulk_update(
        documents,
        [
            "booking_period",
            "line_count",
            "customer_code",
            "customer_name",
            "customer_reference",
            "cost_account",
            "dimension",
            "settlement",
            "reissue_of",
        ],
        batch_size=500,
    )
    Line.objects.bulk_update(
        [line for rows in lines.values() for line in rows], ["counted"], batch_size=1000
    )


def _settle_credit_notes(documents, lines):
    """Before this migration a credit note either came with a new invoice for the month, or the
    next month's run billed the month's basis again: both count as reissued."""
    for index, document in enumerate(documents):
        if document.kind != "credit":
            continue
        later = documents[index + 1 :]
        reissue = next(
            (
                d
                for d in later
                if d.kind == "invoice"
                and d.customer_id == document.customer_id
                and d.month == document.month
                and d.reissue_of_id is None
            ),
            None,
        )
        billed_again = any(
            d.customer_id == document.customer_id
            and any(line.service_month == document.month for line in lines[d.pk])
            for d in later
        )
        document.settlement = "reissue" if reissue or billed_again else "later"
        if reissue is not None:
            reissue.reissue_of = document
            reissue.reissue_of_id = document.pk


def backfill(apps, schema_editor):
    if _postgresql(schema_editor):
        # Checked now rather than at commit, so that the tables can be altered after.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    _backfill_invoices(apps)
    _backfill_erp_files(apps)


def _nullable(field):
    field.null = True
    return field


class Migration(migrations.Migration):
    dependencies = [
        ("customers", "0002_agreement_constraints"),
        ("invoicing", "0007_history_erp_settings_and_budget"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CheckNote",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "check_name",
                    models.CharField(
                        choices=[
                            ("series", "Number series"),
                            ("invoice", "Invoices against volumes, hours and prices"),
                            ("erp_file", "ERP files"),
                        ],
                        max_length=10,
                        verbose_name="check",
                    ),
                ),
                ("message", models.TextField(verbose_name="message")),
                (
                    "run",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notes",
                        to="invoicing.checkrun",
                        verbose_name="check run",
                    ),
                ),
            ],
            options={
                "verbose_name": "billing check note",
                "verbose_name_plural": "billing check notes",
                "ordering": ["run", "pk"],
            },
        ),
        migrations.AlterField(
            model_name="checkfailure",
            name="check_name",
            field=models.CharField(
                choices=[
                    ("series", "Number series"),
                    ("invoice", "Invoices against volumes, hours and prices"),
                    ("erp_file", "ERP files"),
                ],
                max_length=10,
                verbose_name="check",
            ),
        ),
        # The links between files and invoices become a model of their own on the table
        # Django made for them, so that they refuse changes like the rest.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ErpFileInvoice",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "erpfile",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                to="invoicing.erpfile",
                                verbose_name="ERP file",
                            ),
                        ),
                        (
                            "invoice",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                to="invoicing.invoice",
                                verbose_name="invoice",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "invoice in an ERP file",
                        "verbose_name_plural": "invoices in ERP files",
                        "db_table": "invoicing_erpfile_invoices",
                        "base_manager_name": "objects",
                    },
                ),
                migrations.AlterField(
                    model_name="erpfile",
                    name="invoices",
                    field=models.ManyToManyField(
                        related_name="erp_files",
                        through="invoicing.ErpFileInvoice",
                        to="invoicing.invoice",
                        verbose_name="invoices",
                    ),
                ),
            ],
        ),
        migrations.AddConstraint(
            model_name="erpfileinvoice",
            constraint=models.UniqueConstraint(fields=("invoice",), name="erp_file_invoice_once"),
        ),
        migrations.AlterModelOptions(
            name="billedmonth",
            options={
                "base_manager_name": "objects",
                "ordering": ["-month"],
                "verbose_name": "billed month",
                "verbose_name_plural": "billed months",
            },
        ),
        migrations.AlterModelOptions(
            name="invoiceseries",
            options={
                "base_manager_name": "objects",
                "ordering": ["-year"],
                "verbose_name": "invoice number series",
                "verbose_name_plural": "invoice number series",
            },
        ),
        migrations.AddField(
            model_name="erpsettings",
            name="first_open_period",
            field=models.DateField(
                blank=True,
                help_text=(
                    "Periods before it are closed in the ERP and nothing is booked into them "
                    "any more. Empty: every period is open."
                ),
                null=True,
                verbose_name="first open ERP period",
            ),
        ),
        migrations.AddField(
            model_name="historicalerpsettings",
            name="first_open_period",
            field=models.DateField(
                blank=True,
                help_text=(
                    "Periods before it are closed in the ERP and nothing is booked into them "
                    "any more. Empty: every period is open."
                ),
                null=True,
                verbose_name="first open ERP period",
            ),
        ),
        migrations.AddConstraint(
            model_name="erpsettings",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("first_open_period__day", 1),
                    ("first_open_period__isnull", True),
                    _connector="OR",
                ),
                name="erp_settings_open_first_of_month",
            ),
        ),
        migrations.RemoveConstraint(model_name="invoice", name="invoice_credit_refers_to_original"),
        migrations.AlterField(
            model_name="invoice",
            name="credits",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="credit_notes",
                to="invoicing.invoice",
                verbose_name="credits invoice",
            ),
        ),
        migrations.AddField(
            model_name="invoice",
            name="settlement",
            field=models.CharField(
                blank=True,
                choices=[
                    ("reissue", "Credit and reissue now"),
                    ("later", "Credit and reissue later"),
                    ("waive", "Credit and waive"),
                    ("partial", "Credit chosen lines or quantities"),
                ],
                max_length=10,
                verbose_name="what happens next",
            ),
        ),
        migrations.AddField(
            model_name="invoice",
            name="reissue_of",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reissue",
                to="invoicing.invoice",
                verbose_name="reissues after credit note",
            ),
        ),
        migrations.AddField(
            model_name="invoice",
            name="line_count",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="lines"),
        ),
        migrations.AddField(
            model_name="invoice",
            name="customer_reference",
            field=models.CharField(blank=True, max_length=150, verbose_name="reference"),
        ),
        migrations.AddField(
            model_name="erpfile",
            name="invoice_count",
            field=models.PositiveIntegerField(default=0, verbose_name="invoices"),
        ),
        migrations.AddField(
            model_name="erpfile",
            name="revenue_dimension",
            field=models.CharField(
                blank=True, max_length=25, verbose_name="our dimension on revenue lines"
            ),
        ),
        # Added empty, filled in by the backfill, then required.
        *(
            migrations.AddField(model_name=model, name=name, field=_nullable(field))
            for model, name, field in [
                ("invoice", "booking_period", models.DateField(verbose_name="booked in period")),
                (
                    "invoice",
                    "customer_code",
                    models.CharField(max_length=10, verbose_name="customer code"),
                ),
                (
                    "invoice",
                    "customer_name",
                    models.CharField(max_length=150, verbose_name="customer name"),
                ),
                ("invoice", "cost_account", models.CharField(max_length=25, verbose_name="cost account")),
                ("invoice", "dimension", models.CharField(max_length=25, verbose_name="dimension")),
                (
                    "invoiceline",
                    "counted",
                    models.DecimalField(
                        decimal_places=2, max_digits=12, verbose_name="counted when issued"
                    ),
                ),
                ("erpfile", "client", models.CharField(max_length=25, verbose_name="client")),
                (
                    "erpfile",
                    "voucher_type",
                    models.CharField(max_length=25, verbose_name="voucher type"),
                ),
                (
                    "erpfile",
                    "voucher_no",
                    models.CharField(max_length=15, verbose_name="voucher number"),
                ),
                ("erpfile", "voucher_date", models.DateField(verbose_name="voucher date")),
                (
                    "erpfile",
                    "revenue_account",
                    models.CharField(max_length=25, verbose_name="revenue account"),
                ),
            ]
        ),
        migrations.RunPython(drop_old_triggers, create_old_triggers),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="invoice",
            name="booking_period",
            field=models.DateField(verbose_name="booked in period"),
        ),
        migrations.AlterField(
            model_name="invoice",
            name="customer_code",
            field=models.CharField(max_length=10, verbose_name="customer code"),
        ),
        migrations.AlterField(
            model_name="invoice",
            name="customer_name",
            field=models.CharField(max_length=150, verbose_name="customer name"),
        ),
        migrations.AlterField(
            model_name="invoice",
            name="cost_account",
            field=models.CharField(max_length=25, verbose_name="cost account"),
        ),
        migrations.AlterField(
            model_name="invoice",
            name="dimension",
            field=models.CharField(max_length=25, verbose_name="dimension"),
        ),
        migrations.AlterField(
            model_name="invoiceline",
            name="counted",
            field=models.DecimalField(
                decimal_places=2, max_digits=12, verbose_name="counted when issued"
            ),
        ),
        migrations.AlterField(
            model_name="erpfile",
            name="client",
            field=models.CharField(max_length=25, verbose_name="client"),
        ),
        migrations.AlterField(
            model_name="erpfile",
            name="voucher_type",
            field=models.CharField(max_length=25, verbose_name="voucher type"),
        ),
        migrations.AlterField(
            model_name="erpfile",
            name="voucher_no",
            field=models.CharField(max_length=15, verbose_name="voucher number"),
        ),
        migrations.AlterField(
            model_name="erpfile",
            name="voucher_date",
            field=models.DateField(verbose_name="voucher date"),
        ),
        migrations.AlterField(
            model_name="erpfile",
            name="revenue_account",
            field=models.CharField(max_length=25, verbose_name="revenue account"),
        ),
        migrations.AddIndex(
            model_name="invoice",
            index=models.Index(fields=["booking_period"], name="invoice_booking_period"),
        ),
        migrations.AddConstraint(
            model_name="invoice",
            constraint=models.CheckConstraint(
                condition=models.Q(("booking_period__day", 1)),
                name="invoice_booking_first_of_month",
            ),
        ),
        migrations.AddConstraint(
            model_name="invoice",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("credits__isnull", False),
                        ("kind", "credit"),
                        models.Q(("settlement", ""), _negated=True),
                    ),
                    models.Q(("credits__isnull", True), ("kind", "invoice"), ("settlement", "")),
                    _connector="OR",
                ),
                name="invoice_credit_refers_to_original",
            ),
        ),
        migrations.AddConstraint(
            model_name="invoice",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("reissue_of__isnull", True), ("kind", "invoice"), _connector="OR"
                ),
                name="invoice_reissue_is_an_invoice",
            ),
        ),
        migrations.AddConstraint(
            model_name="invoiceline",
            constraint=models.CheckConstraint(
                condition=models.Q(("position__gte", 1)), name="invoice_line_position"
            ),
        ),
        migrations.AddConstraint(
            model_name="erpfile",
            constraint=models.CheckConstraint(
                condition=models.Q(("month__day", 1)), name="erp_file_period_first_of_month"
            ),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
