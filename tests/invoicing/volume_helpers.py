"""Set-up shared by the volume tests: files made the way Swedish offices make them, and
agreements of the tests' own so that the demo's agreements do not matter."""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from customers.models import Customer, ServiceAgreement
from invoicing.models import MonthlyVolume, PriceItem, VolumeCount, VolumeDocument, VolumeImport
from invoicing.volumes import services as volume_services

DOCUMENT_HEADER = ["Förvaltning", "Prispost", "Datum", "Verifikation", "Belopp"]
COUNT_HEADER = ["Förvaltning", "Prispost", "Månad", "Antal"]


def agree_2012():
    """Every demo customer has an agreement for 2012 (a draft counts), none for 2013."""
    for customer in Customer.objects.all():
        ServiceAgreement.objects.get_or_create(customer=customer, year=2012)


def csv_bytes(rows, *, header=DOCUMENT_HEADER, delimiter=";", encoding="utf-8", newline="\r\n"):
    lines = [delimiter.join(header), *(delimiter.join(row) for row in rows)]
    return (newline.join(lines) + newline).encode(encoding)


def xlsx_bytes(rows, *, header=DOCUMENT_HEADER, extra_sheet=True):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    if extra_sheet:
        workbook.create_sheet("Annat").append(["Förvaltning", "Prispost"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content, name="volymer.csv", user=None):
    volume_import = volume_services.volume_import_upload(
        file=SimpleUploadedFile(name, content), user=user
    )
    return volume_services.volume_import_check(volume_import_id=volume_import.pk)


def confirm(volume_import):
    volume_services.volume_import_confirm(volume_import_id=volume_import.pk)
    return volume_services.volume_import_run(volume_import_id=volume_import.pk)


def import_file(content, name="volymer.csv", user=None):
    volume_import = upload(content, name, user)
    assert volume_import.status == VolumeImport.Status.READY, volume_import.errors
    return confirm(volume_import)


def errors_of(volume_import):
    return [(e["row"], e["column"], e["message"]) for e in volume_import.errors]


def volumes():
    """{(customer, price item, "YYYY-MM"): (documents, counted, manual, quantity)}"""
    return {
        (v.customer.code, v.price_item.code, f"{v.month:%Y-%m}"): (
            v.documents,
            v.counted,
            v.manual,
            v.quantity,
        )
        for v in MonthlyVolume.objects.select_related("customer", "price_item")
    }


def row_counts():
    return (
        VolumeDocument.objects.count(),
        VolumeCount.objects.count(),
        MonthlyVolume.objects.count(),
    )


def counted_import(customer, creator):
    """A completed manual import of 7 manual invoices for `customer` in May 2012."""
    volume_import = VolumeImport.objects.create(
        source=VolumeImport.Source.MANUAL,
        shape=VolumeImport.Shape.COUNTS,
        status=VolumeImport.Status.DONE,
        month_totals={"2012-05": {}},
        created_by=creator,
    )
    VolumeCount.objects.create(
        volume_import=volume_import,
        customer=customer,
        price_item=PriceItem.objects.get(price_list__year=2012, code="KR-MAN"),
        month=date(2012, 5, 1),
        quantity=7,
    )
    return volume_import
