from decimal import Decimal

import pytest
from django.contrib import admin
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.urls import reverse

from invoicing.models import (
    BilledMonth,
    ErpFile,
    ErpFileInvoice,
    ImmutableRecord,
    Invoice,
    InvoiceLine,
    InvoiceSeries,
)
from tests.invoicing.billing_helpers import (
    JANUARY,
    JANUARY_COUNTS,
    issue,
    postgres_only,
    price_list,
    volumes,
)


@pytest.fixture
def invoice(demo):
    price_list()
    volumes(JANUARY, JANUARY_COUNTS)
    return issue(JANUARY)[0]


def unchanged(invoice):
    fresh = Invoice.objects.get(pk=invoice.pk)
    assert fresh.total == Decimal("22050.00")
    assert InvoiceLine.objects.filter(invoice=invoice).count() == 4
    assert sum(line.amount for line in fresh.lines.all()) == Decimal("22050.00")


def test_an_issued_invoice_refuses_save_and_delete(invoice):
    invoice.total = Decimal("1.00")
    with pytest.raises(ImmutableRecord):
        invoice.save()
    with pytest.raises(ImmutableRecord):
        invoice.delete()
    unchanged(invoice)


def test_issued_invoices_refuse_bulk_update_and_delete(invoice):
    with pytest.raises(ImmutableRecord):
        Invoice.objects.filter(pk=invoice.pk).update(total=Decimal("1.00"))
    with pytest.raises(ImmutableRecord):
        Invoice.objects.all().delete()
    with pytest.raises(ImmutableRecord):
        Invoice.objects.bulk_update([invoice], ["total"])
    unchanged(invoice)


def test_issued_lines_refuse_every_change(invoice):
    line = invoice.lines.first()
    line.amount = Decimal("0.00")
    with pytest.raises(ImmutableRecord):
        line.save()
    with pytest.raises(ImmutableRecord):
        line.delete()
    with pytest.raises(ImmutableRecord):
        invoice.lines.update(amount=Decimal("0.00"))
    with pytest.raises(ImmutableRecord):
        InvoiceLine.objects.filter(invoice=invoice).delete()
    unchanged(invoice)


def test_the_customer_of_an_issued_invoice_cannot_be_deleted(invoice):
    with pytest.raises(ProtectedError):
        invoice.customer.delete()
    unchanged(invoice)


def test_a_written_erp_file_cannot_be_changed(invoice):
    erp_file = ErpFile.objects.get()
    erp_file.content = b""
    with pytest.raises(ImmutableRecord):
        erp_file.save()
    with pytest.raises(ImmutableRecord):
        ErpFile.objects.update(content=b"")


def test_the_ui_offers_no_way_to_change_an_issued_invoice(invoice, client_for):
    client = client_for("admin")
    detail = reverse("invoicing:invoice_detail", kwargs={"number": invoice.number})
    assert client.post(detail, {"total": "1"}).status_code == 405
    assert not admin.site.is_registered(Invoice)
    assert not admin.site.is_registered(InvoiceLine)
    unchanged(invoice)


def test_no_line_can_be_added_to_an_issued_invoice(invoice):
    line = invoice.lines.first()
    extra = InvoiceLine(
        invoice=invoice,
        position=5,
        kind=line.kind,
        price_item=line.price_item,
        code=line.code,
        name=line.name,
        unit=line.unit,
        service_month=line.service_month,
        quantity=Decimal("1"),
        counted=Decimal("1"),
        unit_price=line.unit_price,
        amount=line.unit_price,
    )
    with pytest.raises(ImmutableRecord, match="no more can be added"):
        extra.save()
    with pytest.raises(ImmutableRecord):
        InvoiceLine.objects.bulk_create([extra])
    extra.pk = None
    with pytest.raises(ImmutableRecord):
        invoice.lines.create(
            position=6,
            kind=line.kind,
            price_item=line.price_item,
            code=line.code,
            name=line.name,
            unit=line.unit,
            service_month=line.service_month,
            quantity=Decimal("1"),
            counted=Decimal("1"),
            unit_price=line.unit_price,
            amount=line.unit_price,
        )
    unchanged(invoice)


def test_the_links_between_erp_files_and_invoices_cannot_be_changed(invoice):
    erp_file = ErpFile.objects.get()
    other = Invoice.objects.exclude(pk=invoice.pk).get()
    for change in (
        lambda: erp_file.invoices.clear(),
        lambda: erp_file.invoices.remove(invoice),
        lambda: erp_file.invoices.set([invoice]),
        lambda: ErpFileInvoice.objects.filter(invoice=invoice).delete(),
        lambda: ErpFileInvoice.objects.filter(invoice=invoice).update(invoice=other),
    ):
        # A savepoint each: Django's related managers write in a transaction of their own.
        with pytest.raises(ImmutableRecord), transaction.atomic():
            change()
    assert set(erp_file.invoices.all()) == {invoice, other}
    written = ErpFile.objects.create(
        batch_id="EXTRA",
        month=JANUARY.start,
        client="SF",
        voucher_type="ID",
        voucher_no="1",
        voucher_date=JANUARY.start,
        revenue_account="3590",
        content=b"",
        sha256="",
        line_count=0,
        invoice_count=0,
    )
    with pytest.raises(ImmutableRecord), transaction.atomic():
        written.invoices.add(invoice)
    assert not written.invoices.exists()


def test_a_billed_month_stays_billed(invoice):
    billed = BilledMonth.objects.get()
    with pytest.raises(ImmutableRecord):
        billed.delete()
    with pytest.raises(ImmutableRecord):
        BilledMonth.objects.all().delete()
    with pytest.raises(ImmutableRecord):
        BilledMonth.objects.update(month=JANUARY.next().start)
    assert BilledMonth.objects.get().month == JANUARY.start


def test_the_number_series_only_moves_one_number_at_a_time(invoice):
    series = InvoiceSeries.objects.get(year=2013)
    series.last_number = 1
    with pytest.raises(ImmutableRecord):
        series.save()
    series.last_number = 4
    with pytest.raises(ImmutableRecord):
        series.save()
    with pytest.raises(ImmutableRecord):
        InvoiceSeries.objects.update(last_number=0)
    with pytest.raises(ImmutableRecord):
        series.delete()
    series.refresh_from_db()
    assert series.last_number == 2


def _raw(sql, params):
    # A savepoint, so that the refused statement leaves the test's transaction usable.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@postgres_only
def test_on_postgresql_raw_sql_cannot_change_or_delete_an_issued_invoice(invoice):
    statements = [
        ("UPDATE invoicing_invoice SET total = 1 WHERE id = %s", [invoice.pk]),
        ("DELETE FROM invoicing_invoice WHERE id = %s", [invoice.pk]),
        ("UPDATE invoicing_invoiceline SET amount = 0 WHERE invoice_id = %s", [invoice.pk]),
        ("DELETE FROM invoicing_invoiceline WHERE invoice_id = %s", [invoice.pk]),
        ("UPDATE invoicing_erpfile SET content = ''::bytea", []),
    ]
    for sql, params in statements:
        with pytest.raises(IntegrityError, match="cannot be changed or deleted"):
            _raw(sql, params)
    unchanged(invoice)
