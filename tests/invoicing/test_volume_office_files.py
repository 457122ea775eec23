"""Files as Swedish finance offices export them, through the volume import: title rows, their
own headings, totals at the end, amounts written "1 234,50 kr", Excel's float noise."""

import codecs
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import Workbook

from ekonomi.tabular.models import ColumnProfile
from invoicing.models import VolumeDocument, VolumeImport
from invoicing.volumes import mapping as volume_mapping
from invoicing.volumes import services as volume_services
from tests.ekonomi.tabular_files import xlsx_bytes
from tests.invoicing.volume_helpers import agree_2012, confirm, errors_of, upload, volumes

NBSP = "\u00a0"
MINUS = "\u2212"
# An extract from the accounts receivable, as the office sends it.
OFFICE_HEADER = ["Kund", "Artikel", "Fakturadatum", "Ver.nr", "Belopp (kr)", "Kommentar"]
OFFICE_ROWS = [
    ["RIKI", "KR-FS", "2012-03-01", "1001", f"1{NBSP}234,50 kr", "Första"],
    ["RIKI", "KR-FS", "2012-03-15", "1002", f"{MINUS}50,00", ""],
    ["SPTE", "LR-EL", "2012-04-02", "1003", "2 000 SEK", "Kreditering följer"],
]


@pytest.fixture
def agreements(demo):
    agree_2012()


def office_csv(*, encoding="cp1252", bom=b"", total=True, rows=OFFICE_ROWS, header=OFFICE_HEADER):
    lines = [
        "Kundreskontra - Agresso;;;;;",
        "Utdrag 2012-04-30 för Stadsledningskontoret;;;;;",
        ";;;;;",
        ";".join(header),
        *(";".join(row) for row in rows),
    ]
    if total:
        lines.append(f";;;;3{NBSP}184,50 kr;")
        lines[-1] = "Summa" + lines[-1]
    text = "\r\n".join(lines) + "\r\n"
    if encoding == "cp1252":
        # Windows-1252 has no minus sign; Excel writes a hyphen.
        text = text.replace(MINUS, "-")
    return bom + text.encode(encoding)


def workbook(rows, *, header=OFFICE_HEADER, title=True):
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append(["Kundreskontra - Agresso"])
        sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def amounts():
    return {d.external_id: d.amount for d in VolumeDocument.objects.all()}


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(office_csv(), id="windows-1252"),
        pytest.param(office_csv(encoding="utf-8", bom=codecs.BOM_UTF8), id="utf-8-bom"),
    ],
)
def test_an_office_extract_with_title_rows_and_a_total_imports_its_rows(agreements, content):
    checked = upload(content)

    assert checked.status == VolumeImport.Status.READY, checked.errors
    assert checked.rows_read == 3
    assert checked.layout["header_row"] == 4
    assert checked.layout["skipped"] == [
        [1, "Kundreskontra - Agresso"],
        [2, "Utdrag 2012-04-30 för Stadsledningskontoret"],
        [3, ""],
    ]
    assert checked.layout["totals"] == [[8, "Summa"]]
    assert checked.layout["ignored"] == [["F", "Kommentar", ""]]
    confirm(checked)
    assert amounts() == {
        "1001": Decimal("1234.50"),
        "1002": Decimal("-50.00"),
        "1003": Decimal("2000.00"),
    }
    assert volumes() == {
        ("RIKI", "KR-FS", "2012-03"): (2, 0, 0, 2),
        ("SPTE", "LR-EL", "2012-04"): (1, 0, 0, 1),
    }


def test_an_amount_column_headed_otherwise_is_listed_as_not_read(agreements):
    header = ["Förvaltning", "Prispost", "Datum", "Verifikation", "Belopp i kronor"]

    checked = upload(office_csv(header=header, total=False, rows=[r[:5] for r in OFFICE_ROWS]))

    assert checked.status == VolumeImport.Status.READY
    assert checked.layout["ignored"] == [
        [
            "E",
            "Belopp i kronor",
            "Liknar Belopp men rubriken känns inte igen; koppla kolumnerna om det är Belopp.",
        ]
    ]


def test_a_file_with_headings_and_no_rows_is_refused_and_nothing_is_kept(agreements, settings):
    for content, name in (
        (office_csv(rows=[], total=False), "tom.csv"),
        (workbook([]), "tom.xlsx"),
    ):
        with pytest.raises(ValidationError) as refused:
            upload(content, name=name)

        assert refused.value.messages == ["Filen har rubriker men inga datarader."]
    assert VolumeImport.objects.count() == 0
    assert not [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]


def test_a_header_below_the_first_20_rows_is_not_looked_for(agreements):
    lines = [f"Rad {n};;;;" for n in range(1, 22)]
    content = "\r\n".join([*lines, "Förvaltning;Prispost;Datum;Verifikation;Belopp"]) + "\r\n"
    content += "RIKI;KR-FS;2012-03-01;V1;10\r\n"

    waiting = upload(content.encode())

    assert waiting.status == VolumeImport.Status.MAPPING


def test_excel_float_noise_within_a_millionth_of_an_ore_is_that_ore(agreements):
    rows = [
        ["RIKI", "KR-FS", "2012-03-01", "V1", 0.30000000000000004],
        ["RIKI", "KR-FS", "2012-03-02", "V2", 63398.110000000001],
        ["RIKI", "KR-FS", "2012-03-03", "V3", 1234.5],
    ]

    confirm(upload(workbook(rows), name="noise.xlsx"))

    assert amounts() == {
        "V1": Decimal("0.30"),
        "V2": Decimal("63398.11"),
        "V3": Decimal("1234.50"),
    }


def test_three_real_decimals_are_refused_the_same_way_in_csv_and_in_excel(agreements):
    message = "”0,125” har fler än två decimaler; ett belopp är kronor och öre."
    in_excel = upload(workbook([["RIKI", "KR-FS", "2012-03-01", "V1", 0.125]]), name="a.xlsx")
    in_csv = upload(
        office_csv(rows=[["RIKI", "KR-FS", "2012-03-01", "V1", "0,125", ""]], total=False)
    )

    assert errors_of(in_csv) == [(5, "Belopp", message)]
    assert errors_of(in_excel) == [(4, "Belopp", message.replace("0,125", "0.125"))]


def test_a_refused_check_deletes_the_file_and_keeps_the_errors(agreements, settings):
    rejected = upload(office_csv(rows=[["XXXX", "KR-FS", "2012-03-01", "1", "1", ""]]))

    assert rejected.status == VolumeImport.Status.REJECTED
    assert errors_of(rejected) == [(5, "Förvaltning", "Okänd förvaltning ”XXXX”.")]
    assert not rejected.file
    assert not [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]


UNKNOWN_HEADER = ["Bolag", "Tjänsteslag", "Bokf.dag", "Löpnummer-ID", "Kronor"]
UNKNOWN_ROWS = [["RIKI", "KR-FS", "2012-03-01", "L1", "10"]]
MAPPING = ["customer", "price_item", "date", "external_id", "amount"]


def test_unknown_headings_are_mapped_once_and_the_profile_reads_the_next_file(agreements, users):
    content = office_csv(header=UNKNOWN_HEADER, rows=UNKNOWN_ROWS, total=False, encoding="utf-8")

    waiting = upload(content)

    assert waiting.status == VolumeImport.Status.MAPPING
    sample = waiting.layout["sample"]
    assert sample["header_row"] == 4
    assert sample["headers"][:5] == UNKNOWN_HEADER
    assert sample["rows"][0] == [5, ["RIKI", "KR-FS", "2012-03-01", "L1", "10", ""]]
    mapped = volume_mapping.volume_import_map(
        volume_import_id=waiting.pk,
        user=users["officer"],
        name="Agresso kundreskontra",
        mapping=[*MAPPING, ""],
    )
    assert mapped.status == VolumeImport.Status.PENDING
    checked = volume_services.volume_import_check(volume_import_id=mapped.pk)
    assert checked.status == VolumeImport.Status.READY
    assert checked.layout["profile"] == "Agresso kundreskontra"

    second = office_csv(
        header=UNKNOWN_HEADER,
        rows=[["SPTE", "LR-EL", "2012-04-01", "L2", "5"]],
        total=False,
        encoding="utf-8",
    )
    next_file = upload(second)

    assert next_file.status == VolumeImport.Status.READY
    assert next_file.layout["profile"] == "Agresso kundreskontra"
    assert ColumnProfile.objects.get().mapping == [*MAPPING, ""]


def test_a_workbook_with_instructions_first_is_read_from_its_data_sheet_and_says_so(
    agreements, users, client_for
):
    content = xlsx_bytes(
        [OFFICE_HEADER, *OFFICE_ROWS],
        title="Data",
        before=[("Instruktioner", [["Klistra in utdraget på bladet Data"]])],
    )

    checked = upload(content, "volymer.xlsx")

    assert checked.status == VolumeImport.Status.READY, checked.errors
    assert checked.rows_read == 3
    assert checked.layout["sheet"] == "Data"
    page = client_for("admin").get(reverse("invoicing:volume_import", args=[checked.pk]))
    assert "Rubrikerna står på rad 1 på bladet ”Data”." in page.content.decode()


def test_amounts_in_thousands_of_kronor_are_stored_in_kronor_and_the_page_says_so(
    agreements, users, client_for
):
    rows = [
        ["RIKI", "KR-FS", "2012-03-01", "1001", "1,5"],
        ["RIKI", "KR-FS", "2012-03-02", "1002", "2"],
    ]
    header = ["Kund", "Artikel", "Fakturadatum", "Ver.nr", "Belopp (tkr)"]

    done = confirm(upload(office_csv(rows=rows, header=header, total=False)))

    assert done.status == VolumeImport.Status.DONE
    assert amounts() == {"1001": Decimal("1500.00"), "1002": Decimal("2000.00")}
    assert done.layout["scaled"] == [["E", "Belopp (tkr)", 1000]]
    page = client_for("admin").get(reverse("invoicing:volume_import", args=[done.pk]))
    assert "Kolumn E (Belopp (tkr)) är i tusental kronor; beloppen räknades om till kronor." in (
        page.content.decode()
    )
