"""Every file variant that leaves a Swedish office imports the same volumes; a file that is
not a volume file at all is refused with one message."""

import codecs
from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError

from invoicing.models import VolumeDocument, VolumeImport
from tests.invoicing.volume_helpers import (
    COUNT_HEADER,
    agree_2012,
    csv_bytes,
    import_file,
    upload,
    volumes,
    xlsx_bytes,
)

ROWS = [
    ["RIKI", "KR-FS", "2012-03-01", "V1", "1 234,50"],
    ["RIKI", "KR-FS", "20120315", "V2", "1\u00a0000"],
    ["SPTE", "LR-EL", "2012-04-02", "V3", "99.95"],
]
EXPECTED = {
    ("RIKI", "KR-FS", "2012-03"): (2, 0, 0, 2),
    ("SPTE", "LR-EL", "2012-04"): (1, 0, 0, 1),
}
AMOUNTS = {"V1": "1234.50", "V2": "1000.00", "V3": "99.95"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def agreements(demo):
    agree_2012()


def quoted(rows, delimiter):
    return [[f'"{cell}"' if delimiter in cell or " " in cell else cell for cell in r] for r in rows]


def imported_amounts():
    return {d.external_id: str(d.amount) for d in VolumeDocument.objects.all()}


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(csv_bytes(ROWS), id="utf-8-semicolon"),
        pytest.param(codecs.BOM_UTF8 + csv_bytes(ROWS), id="utf-8-bom"),
        pytest.param(csv_bytes(ROWS, encoding="cp1252"), id="windows-1252"),
        pytest.param(csv_bytes(quoted(ROWS, ","), delimiter=","), id="comma-quoted"),
        pytest.param(csv_bytes(ROWS, delimiter="\t", newline="\n"), id="tab-lf"),
        pytest.param(csv_bytes(ROWS) + b"\r\n\r\n;;;;\r\n  \r\n", id="blank-trailing-lines"),
        pytest.param(
            csv_bytes(
                [[r[3], r[2], r[1], r[0], r[4]] for r in ROWS],
                header=["EXTERNAL_ID", "date", "Price_Item", "CUSTOMER", "Amount"],
            ),
            id="english-headers-any-order-and-case",
        ),
    ],
)
def test_every_csv_variant_imports_the_same_volumes(agreements, content):
    import_file(content)

    assert volumes() == EXPECTED
    assert imported_amounts() == AMOUNTS


def test_the_first_sheet_of_an_excel_file_is_imported_with_its_dates_and_numbers(agreements):
    rows = [
        ["RIKI", "KR-FS", datetime(2012, 3, 1), "V1", 1234.5],
        ["RIKI", "KR-FS", 20120315, "V2", 1000],
        ["SPTE", "LR-EL", date(2012, 4, 2), "V3", "99,95"],
        [None, None, None, None, None],
    ]

    volume_import = import_file(xlsx_bytes(rows), name="volymer.xlsx")

    assert volume_import.rows_read == 3
    assert volumes() == EXPECTED
    assert imported_amounts() == AMOUNTS


def test_an_excel_file_reports_errors_with_its_sheet_row_numbers(agreements):
    rows = [["RIKI", "KR-FS", "2012-03-01", "V1", None], ["RIKI", "KR-FS", "igår", "V2", None]]

    rejected = upload(xlsx_bytes(rows), name="volymer.xlsx")

    assert [(e["row"], e["column"]) for e in rejected.errors] == [(3, "Datum")]


def test_a_file_of_monthly_counts_is_recognised_by_its_headers(agreements):
    rows = [["RIKI", "KR-MAN", "2012-03", "1 250"], ["SPTE", "KR-MAN", "2012-03", "7"]]

    volume_import = import_file(csv_bytes(rows, header=COUNT_HEADER))

    assert volume_import.shape == VolumeImport.Shape.COUNTS
    assert volumes() == {
        ("RIKI", "KR-MAN", "2012-03"): (0, 1250, 0, 1250),
        ("SPTE", "KR-MAN", "2012-03"): (0, 7, 0, 7),
    }


def test_an_excel_file_of_counts_may_hold_the_month_as_a_date(agreements):
    rows = [["RIKI", "KR-MAN", datetime(2012, 3, 1), 12]]

    import_file(xlsx_bytes(rows, header=["Förvaltning", "Prispost", "Månad", "Antal"]), "a.xlsx")

    assert volumes() == {("RIKI", "KR-MAN", "2012-03"): (0, 12, 0, 12)}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"", "Filen är tom.", id="empty"),
        pytest.param(b"\r\n\r\n", "Filen är tom.", id="only-blank-lines"),
        pytest.param(b"%PDF-1.4\x00\x01\x02binary", "Filen är ingen textfil.", id="pdf"),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old excel",
            "Gamla Excelfiler (.xls) kan inte läsas; spara filen som .xlsx.",
            id="xls",
        ),
        pytest.param(
            b"PK\x03\x04not really a workbook",
            "Filen är varken en CSV-fil eller en Excelfil.",
            id="broken-zip",
        ),
    ],
)
def test_a_file_that_is_not_a_volume_file_gets_one_message_and_nothing_is_stored(
    agreements, content, message
):
    with pytest.raises(ValidationError) as refused:
        upload(content)

    assert refused.value.messages == [message]
    assert VolumeImport.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(agreements, settings):
    settings.VOLUME_IMPORT_MAX_BYTES = 100

    with pytest.raises(ValidationError) as refused:
        upload(csv_bytes(ROWS * 3))

    assert refused.value.messages == [
        "Filen är 343\u00a0byte; den största fil som kan importeras är 100\u00a0byte."
    ]
    assert VolumeImport.objects.count() == 0
