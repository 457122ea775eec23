"""A file may name a customer by its code, its ERP value or its full name; the volume and time
imports read each the same."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from customers.models import Customer
from invoicing.billing.erp import CustomerErpAccount
from invoicing.customer_names import customer_keys
from invoicing.models import TimeEntry, VolumeDocument, VolumeImport
from tests.ekonomi.import_pages import through_preview
from tests.ekonomi.tabular_files import csv_bytes
from tests.invoicing.time_helpers import new_customer, sign_agreement
from tests.invoicing.volume_helpers import agree_2012, upload


@pytest.fixture
def riki(demo):
    riki = Customer.objects.get(code="RIKI")
    CustomerErpAccount.objects.create(customer=riki, cost_account="6591", dimension="1450")
    return riki


def test_a_customer_is_known_by_code_erp_value_and_full_name(riki):
    keys = customer_keys()

    assert keys["RIKI"] == keys["1450"] == (riki.pk, "RIKI")
    assert keys[" ".join(riki.name.upper().split())] == (riki.pk, "RIKI")


def test_a_code_is_never_shadowed_and_a_shared_name_names_nobody(riki):
    spte = Customer.objects.get(code="SPTE")
    CustomerErpAccount.objects.create(customer=spte, cost_account="6591", dimension="RIKI")
    Customer.objects.filter(code__in=["HAVA", "BROM"]).update(name="Samma namn")

    keys = customer_keys()

    assert keys["RIKI"] == (riki.pk, "RIKI")
    assert "SAMMA NAMN" not in keys


def test_a_volume_file_naming_customers_by_name_and_erp_value_imports(riki):
    agree_2012()
    rows = [
        ["Rinkeby-Kista  stadsdelsförvaltning", "KR-FS", "2012-03-01", "N1", ""],
        ["1450", "KR-FS", "2012-03-02", "N2", ""],
    ]
    header = ["Förvaltning", "Prispost", "Datum", "Verifikation", "Belopp"]

    checked = upload(csv_bytes([header, *rows]))

    assert checked.status == VolumeImport.Status.READY, checked.errors
    assert checked.rows_read == 2
    assert not VolumeDocument.objects.exclude(customer=riki).exists()


def test_a_time_file_naming_the_customer_by_name_imports(demo, client_for):
    customer = new_customer("TIDA")
    sign_agreement(customer, services=("R2R",))
    officer = client_for("officer")
    rows = [
        ["Person", "Förvaltning", "Tjänst", "Datum", "Timmar"],
        ["handlaggare", "Tida Förvaltning", "R2R", "2012-03-05", "2"],
    ]
    upload_page = officer.post(
        reverse("invoicing:time_import"),
        {"file": SimpleUploadedFile("tid.csv", csv_bytes(rows))},
    )

    through_preview(officer, upload_page)

    entry = TimeEntry.objects.get()
    assert (entry.customer, entry.date, entry.hours) == (
        customer,
        date(2012, 3, 5),
        Decimal("2.00"),
    )
