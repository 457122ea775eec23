"""Volume imports through the services: validation, the no-write guarantee, idempotency,
replacement of counts, undo and the billed-month lock."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from customers.models import Customer, ServiceAgreement, Unit
from ekonomi.access import Role
from ekonomi.periods import Month
from invoicing.models import (
    BilledMonth,
    MonthlyVolume,
    PriceItem,
    PriceList,
    VolumeCount,
    VolumeDocument,
    VolumeImport,
)
from invoicing.volumes import rows as volume_rows
from invoicing.volumes import services as volume_services
from invoicing.volumes.monthly import monthly_volumes_refresh
from tests.conftest import make_user
from tests.invoicing.volume_helpers import (
    COUNT_HEADER,
    agree_2012,
    confirm,
    csv_bytes,
    errors_of,
    import_file,
    row_counts,
    upload,
    volumes,
)

DOCUMENTS = [
    ["RIKI", "KR-FS", "2012-03-01", "V1", "100,00"],
    ["RIKI", "KR-FS", "2012-03-02", "V2", ""],
    ["RIKI", "KR-MAN", "2012-03-30", "V3", "60"],
    ["SPTE", "LR-EL", "2012-04-02", "V4", "1 500,50"],
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def agreements(demo):
    agree_2012()


def test_it_imports_documents_and_keeps_them_per_customer_item_and_month(agreements, tmp_path):
    user = make_user("importer")
    volume_import = import_file(csv_bytes(DOCUMENTS), name="mars.csv", user=user)

    assert volumes() == {
        ("RIKI", "KR-FS", "2012-03"): (2, 0, 0, 2),
        ("RIKI", "KR-MAN", "2012-03"): (1, 0, 0, 1),
        ("SPTE", "LR-EL", "2012-04"): (1, 0, 0, 1),
    }
    document = VolumeDocument.objects.get(external_id="V4")
    assert document.amount == Decimal("1500.50")
    assert document.price_item.price_list.year == 2012
    assert VolumeDocument.objects.get(external_id="V2").amount is None
    volume_import.refresh_from_db()
    assert volume_import.status == VolumeImport.Status.DONE
    assert volume_import.file_name == "mars.csv"
    assert len(volume_import.sha256) == 64
    assert volume_import.created_by == user
    assert volume_import.finished_at is not None
    assert (volume_import.rows_read, volume_import.rows_added, volume_import.rows_skipped) == (
        4,
        4,
        0,
    )
    assert volume_import.month_totals == {
        "2012-03": {"rows": 3, "quantity": 3, "added": 3},
        "2012-04": {"rows": 1, "quantity": 1, "added": 1},
    }
    # The uploaded file is kept with the record; what the preview set aside for it is not.
    assert [path.name for path in tmp_path.rglob("*") if path.is_file()] == ["mars.csv"]


def test_verifications_with_backslashes_and_tabs_are_kept_as_written(agreements):
    rows = [
        ["RIKI", "KR-FS", "2012-03-01", "AB\\12", ""],
        ["RIKI", "KR-FS", "2012-03-01", '"X\tY"', ""],
    ]

    import_file(csv_bytes(rows))
    again = import_file(csv_bytes(rows))

    assert set(VolumeDocument.objects.values_list("external_id", flat=True)) == {
        "AB\\12",
        "X\tY",
    }
    assert (again.rows_added, again.rows_skipped) == (0, 2)


def test_the_preview_tells_new_rows_from_rows_already_imported(agreements):
    import_file(csv_bytes(DOCUMENTS[:2]))

    preview = upload(csv_bytes(DOCUMENTS))

    assert preview.status == VolumeImport.Status.READY
    assert (preview.rows_read, preview.rows_skipped) == (4, 2)
    assert preview.month_totals["2012-03"] == {"rows": 3, "quantity": 3, "new": 1}
    assert VolumeDocument.objects.count() == 2


def test_reimporting_the_same_file_adds_nothing_and_says_how_many_rows_it_skipped(agreements):
    import_file(csv_bytes(DOCUMENTS))
    before = volumes()

    again = import_file(csv_bytes(DOCUMENTS))

    assert (again.rows_read, again.rows_added, again.rows_skipped) == (4, 0, 4)
    assert volumes() == before
    assert VolumeDocument.objects.count() == 4


def test_an_overlapping_file_adds_only_the_new_documents(agreements):
    first = import_file(csv_bytes(DOCUMENTS[:3]))
    overlap = import_file(csv_bytes([*DOCUMENTS[1:], ["SPTE", "LR-EL", "2012-04-03", "V5", ""]]))

    assert (overlap.rows_read, overlap.rows_added, overlap.rows_skipped) == (4, 2, 2)
    assert volumes()[("SPTE", "LR-EL", "2012-04")] == (2, 0, 0, 2)
    # Each document belongs to the import that brought it first.
    assert VolumeDocument.objects.get(external_id="V2").volume_import == first
    assert VolumeDocument.objects.get(external_id="V5").volume_import == overlap


def test_documents_imported_between_preview_and_confirmation_are_skipped(agreements):
    preview = upload(csv_bytes(DOCUMENTS))
    import_file(csv_bytes([DOCUMENTS[2]]))

    result = confirm(preview)

    assert (result.rows_read, result.rows_added, result.rows_skipped) == (4, 3, 1)
    assert result.month_totals["2012-03"]["added"] == 2
    assert VolumeDocument.objects.count() == 4


def test_every_error_is_listed_with_row_column_and_reason_and_nothing_is_written(demo):
    agree_2012()
    riki, spte = Customer.objects.get(code="RIKI"), Customer.objects.get(code="SPTE")
    ServiceAgreement.objects.create(customer=riki, year=2013)
    ServiceAgreement.objects.filter(customer=spte, year=2013).delete()
    PriceItem.objects.create(
        price_list=PriceList.objects.create(year=2013),
        code="KR-FS",
        name="Faktura via försystem",
        unit=PriceItem.Unit.INVOICE,
        price=Decimal("9"),
    )
    import_file(csv_bytes([["RIKI", "KR-FS", "2012-01-02", "OLD-1", ""]]))
    before = row_counts()
    rows = [
        ["RIKI", "KR-FS", "2012-03-01", "A1", "10"],  # row 2 is fine
        ["XXXX", "KR-FS", "2012-03-01", "A2", ""],
        ["RIKI", "XX-YY", "2012-03-01", "A3", ""],
        ["SPTE", "KR-FS", "2013-03-01", "A4", ""],
        ["RIKI", "KR-MAN", "2013-03-01", "A5", ""],
        ["RIKI", "KR-FS", "2014-03-01", "A6", ""],
        ["RIKI", "KR-FS", "2012-02-30", "A7", ""],
        ["RIKI", "KR-FS", "", "A8", ""],
        ["RIKI", "KR-FS", "2012-03-01", "", ""],
        ["RIKI", "KR-FS", "2012-03-01", "A10", "tio kronor"],
        ["RIKI", "KR-FS", "2012-03-01", "A1", ""],
        ["", "", "2012-03-01", "A12", "1,234"],
    ]

    rejected = upload(csv_bytes(rows))

    assert rejected.status == VolumeImport.Status.REJECTED
    assert errors_of(rejected) == [
        (3, "Förvaltning", "Okänd förvaltning ”XXXX”."),
        (4, "Prispost", "Okänd prispost ”XX-YY”."),
        (5, "Förvaltning", "SPTE har inget serviceavtal för 2013."),
        (6, "Prispost", "Prisposten KR-MAN har inget pris i prislistan för 2013."),
        (7, "Förvaltning", "RIKI har inget serviceavtal för 2014."),
        (7, "Prispost", "Det finns ingen prislista för 2014."),
        (8, "Datum", "”2012-02-30” är inget datum; skriv det som 2012-03-31 eller 20120331."),
        (9, "Datum", "Värdet saknas."),
        (10, "Verifikation", "Värdet saknas."),
        (11, "Belopp", "”tio kronor” är inget belopp."),
        (12, "Verifikation", "Verifikationen ”A1” finns redan på rad 2 i filen."),
        # Left to right, as the file has its columns.
        (13, "Förvaltning", "Förvaltning saknas."),
        (13, "Prispost", "Prispost saknas."),
        (13, "Belopp", "”1,234” har fler än två decimaler; ett belopp är kronor och öre."),
    ]
    assert rejected.error_count == 14
    assert row_counts() == before


def test_a_file_too_big_to_remember_its_verifications_is_checked_for_duplicates_in_sql(
    agreements, monkeypatch
):
    monkeypatch.setattr(volume_rows, "PROGRESS_EVERY", 1)
    monkeypatch.setattr(volume_rows, "SEEN_LIMIT", 0)

    rejected = upload(csv_bytes([*DOCUMENTS, DOCUMENTS[0]]))

    assert errors_of(rejected) == [
        (6, "Verifikation", "Verifikationen ”V1” finns redan på rad 2 i filen.")
    ]


def test_count_errors_are_listed_too(agreements):
    rows = [
        ["RIKI", "KR-FS", "2012-03", "-5"],
        ["RIKI", "KR-MAN", "2012-03", "2,5"],
        ["RIKI", "KR-ABO", "mars", "5"],
        ["RIKI", "KR-MAK", "2012-03", ""],
        ["RIKI", "KR-FS", "2012-03", "7"],
    ]
    before = row_counts()

    rejected = upload(csv_bytes(rows, header=COUNT_HEADER))

    assert errors_of(rejected) == [
        (2, "Antal", "Ett antal kan inte vara negativt."),
        (3, "Antal", "Ett antal måste vara ett heltal, inte ”2,5”."),
        (4, "Månad", "”mars” är ingen månad; skriv den som 2012-03 eller mars 2012."),
        (5, "Antal", "Värdet saknas."),
    ]
    assert row_counts() == before


def test_a_duplicate_count_in_one_file_is_an_error(agreements):
    rows = [["RIKI", "KR-FS", "2012-03", "5"], ["riki", "kr-fs", "2012-03", "6"]]

    rejected = upload(csv_bytes(rows, header=COUNT_HEADER))

    assert errors_of(rejected) == [
        (3, "Antal", "Rad 2 i filen har redan ett antal för denna förvaltning, prispost och månad.")
    ]


def test_a_missing_required_column_is_reported_by_name(agreements):
    content = csv_bytes(
        [["RIKI", "2012-03-01", "V1"]], header=["Förvaltning", "Datum", "Verifikation"]
    )

    waiting = upload(content)

    # Not refused: the user maps the columns (or fixes the file), told what is missing.
    assert waiting.status == VolumeImport.Status.MAPPING
    assert [(p["row"], p["column"], p["message"]) for p in waiting.layout["problems"]] == [
        (1, "Prispost", "Den obligatoriska kolumnen saknas.")
    ]
    assert waiting.layout["sample"]["headers"] == ["Förvaltning", "Datum", "Verifikation"]
    assert row_counts() == (0, 0, 0)


def test_nothing_is_written_when_the_data_changed_between_preview_and_import(agreements):
    preview = upload(csv_bytes(DOCUMENTS))
    ServiceAgreement.objects.filter(customer__code="SPTE", year=2012).delete()

    result = confirm(preview)

    assert result.status == VolumeImport.Status.REJECTED
    assert errors_of(result) == [(5, "Förvaltning", "SPTE har inget serviceavtal för 2012.")]
    assert row_counts() == (0, 0, 0)


def test_a_later_count_file_replaces_the_count_and_undoing_it_restores_the_earlier(agreements):
    march = [["RIKI", "KR-MAN", "2012-03", "40"], ["SPTE", "KR-MAN", "2012-03", "1 200"]]
    first = import_file(csv_bytes(march, header=COUNT_HEADER))
    corrected = [["RIKI", "KR-MAN", "2012-03", "45"], ["SPTE", "KR-MAN", "2012-03", "1200"]]

    second = import_file(csv_bytes(corrected, header=COUNT_HEADER))

    assert (second.rows_read, second.rows_added, second.rows_skipped) == (2, 1, 1)
    assert volumes() == {
        ("RIKI", "KR-MAN", "2012-03"): (0, 45, 0, 45),
        ("SPTE", "KR-MAN", "2012-03"): (0, 1200, 0, 1200),
    }
    admin = make_user("admin2", role=Role.ADMIN)
    volume_services.volume_import_undo(volume_import_id=second.pk, user=admin)
    assert volumes()[("RIKI", "KR-MAN", "2012-03")] == (0, 40, 0, 40)
    volume_services.volume_import_undo(volume_import_id=first.pk, user=admin)
    assert volumes() == {}
    assert VolumeCount.objects.count() == 0


def test_documents_counts_and_manual_entries_add_up_to_the_quantity(agreements):
    import_file(csv_bytes(DOCUMENTS[:2]))
    import_file(csv_bytes([["RIKI", "KR-FS", "2012-03", "10"]], header=COUNT_HEADER))
    manual = VolumeImport.objects.create(
        source=VolumeImport.Source.MANUAL,
        shape=VolumeImport.Shape.COUNTS,
        status=VolumeImport.Status.DONE,
        month_totals={"2012-03": {}},
    )
    VolumeCount.objects.create(
        volume_import=manual,
        customer=Customer.objects.get(code="RIKI"),
        price_item=PriceItem.objects.get(price_list__year=2012, code="KR-FS"),
        month=Month(2012, 3).start,
        quantity=3,
    )

    monthly_volumes_refresh(months=[Month(2012, 3)])

    assert volumes() == {("RIKI", "KR-FS", "2012-03"): (2, 10, 3, 15)}


def test_undo_removes_the_imports_documents_and_recomputes_the_months(agreements):
    officer = make_user("officer2", unit=Unit.objects.get(code="E1"))
    first = import_file(csv_bytes(DOCUMENTS[:3]), user=officer)
    second = import_file(csv_bytes(DOCUMENTS))

    undone = volume_services.volume_import_undo(volume_import_id=first.pk, user=officer)

    assert undone.status == VolumeImport.Status.UNDONE
    assert (undone.undone_by, undone.undone_at is not None) == (officer, True)
    assert volumes() == {("SPTE", "LR-EL", "2012-04"): (1, 0, 0, 1)}
    assert list(VolumeDocument.objects.values_list("external_id", flat=True)) == ["V4"]
    assert second.rows_added == 1
    with pytest.raises(ValidationError):
        volume_services.volume_import_undo(volume_import_id=first.pk, user=officer)


def test_an_import_with_a_billed_month_cannot_be_undone(agreements):
    volume_import = import_file(csv_bytes(DOCUMENTS))
    BilledMonth.objects.create(month=Month(2012, 4).start)

    with pytest.raises(ValidationError) as refused:
        volume_services.volume_import_undo(
            volume_import_id=volume_import.pk, user=make_user("admin2", role=Role.ADMIN)
        )

    assert refused.value.messages == ["Importen kan inte ångras: april 2012 är redan fakturerad."]
    assert VolumeDocument.objects.count() == 4
    assert MonthlyVolume.objects.count() == 3


def test_a_draft_agreement_is_enough_to_import(demo):
    ServiceAgreement.objects.get_or_create(
        customer=Customer.objects.get(code="RIKI"),
        year=2012,
        defaults={"status": ServiceAgreement.Status.DRAFT},
    )

    volume_import = import_file(csv_bytes(DOCUMENTS[:1]))

    assert volume_import.rows_added == 1


def test_a_rejected_or_unconfirmed_file_can_be_removed(agreements):
    preview = upload(csv_bytes(DOCUMENTS))

    volume_services.volume_import_discard(volume_import_id=preview.pk, busy=False)

    assert not VolumeImport.objects.filter(pk=preview.pk).exists()


@pytest.fixture
def swedish_collation(db):
    """On PostgreSQL, the verifications sorted as Swedish users expect ("a1" before "B2"),
    which is not Python's order; SQLite compares by code point."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ALTER TABLE invoicing_volumedocument ALTER COLUMN external_id TYPE varchar(64) "
                'COLLATE "sv-SE-x-icu"'
            )


def test_the_preview_counts_new_rows_as_the_import_adds_them_whatever_the_collation(
    agreements, swedish_collation
):
    import_file(csv_bytes([["RIKI", "KR-FS", "2012-03-01", "a1", ""]]))
    # By code point "B2" < "a1" < "c3"; in Swedish "a1" lies outside "B2"..."c3".
    rows = [
        ["RIKI", "KR-FS", "2012-03-02", "B2", ""],
        ["RIKI", "KR-FS", "2012-03-03", "a1", ""],
        ["RIKI", "KR-FS", "2012-03-04", "c3", ""],
    ]

    checked = upload(csv_bytes(rows))

    assert (checked.rows_read, checked.rows_skipped) == (3, 1)
    assert checked.month_totals["2012-03"]["new"] == 2
    done = confirm(checked)
    assert (done.rows_added, done.rows_skipped) == (2, 1)
