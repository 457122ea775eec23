"""Every variant of a file that leaves a Swedish office is read the same; a file that is not a
table gets one message; no row or column disappears without being named."""

import codecs
from datetime import datetime

import pytest

from ekonomi.tabular import open_table
from tests.ekonomi.tabular_files import (
    DOCUMENT_HEADER,
    ROWS,
    VOLUMES,
    csv_bytes,
    read,
    refusal,
    write,
    xlsx_bytes,
)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(csv_bytes([DOCUMENT_HEADER, *ROWS]), id="utf-8-semicolon"),
        pytest.param(codecs.BOM_UTF8 + csv_bytes([DOCUMENT_HEADER, *ROWS]), id="utf-8-bom"),
        pytest.param(
            csv_bytes([DOCUMENT_HEADER, *ROWS], delimiter="\t", encoding="utf-16"),
            id="utf-16-bom-tab",
        ),
        pytest.param(csv_bytes([DOCUMENT_HEADER, *ROWS], encoding="cp1252"), id="windows-1252"),
        pytest.param(
            b"F\xf6rvaltning,Prispost,Datum,Verifikation,Belopp\r\n"
            b'RIKI,KR-FS,2012-03-01,V1,"1 234,50"\r\nSPTE,LR-EL,20120315,V2,99.95\r\n',
            id="windows-1252-comma-quoted",
        ),
        pytest.param(
            csv_bytes([DOCUMENT_HEADER, *ROWS], newline="\n") + b"\n\n;;;;\n  \n",
            id="lf-blank-trailing-lines",
        ),
    ],
)
def test_every_csv_variant_gives_the_same_rows(tmp_path, content):
    table, rows = read(write(tmp_path, content))

    assert table.header.shape.key == "documents"
    assert rows == [(2, ROWS[0]), (3, ROWS[1])]


def test_the_first_sheet_of_a_workbook_gives_its_values_with_excel_row_numbers(tmp_path):
    content = xlsx_bytes(
        [
            DOCUMENT_HEADER,
            ["RIKI", "KR-FS", datetime(2012, 3, 1), "V1", 1234.5],
            [None, None, None, None, None],
            ["SPTE", "LR-EL", 20120315, 2, 63398.11],
        ]
    )

    _table, rows = read(write(tmp_path, content, "volymer.xlsx"))

    assert rows == [
        (2, ["RIKI", "KR-FS", datetime(2012, 3, 1), "V1", 1234.5]),
        (4, ["SPTE", "LR-EL", 20120315, 2, 63398.11]),
    ]


INSTRUCTIONS = ("Instruktioner", [["Så fyller du i bladet Data"], ["Belopp i kronor"]])


def test_the_sheet_with_the_headings_is_read_when_instructions_come_first(tmp_path):
    content = xlsx_bytes([DOCUMENT_HEADER, ROWS[0]], title="Data", before=[INSTRUCTIONS])

    table, rows = read(write(tmp_path, content, "volymer.xlsx"))

    assert table.sheet == "Data"
    assert rows == [(2, ROWS[0])]


def test_without_known_headings_the_widest_sheet_is_sampled_and_named(tmp_path):
    content = xlsx_bytes(
        [["Kund-ID", "Art", "Dag", "Nr"], ["RIKI", "KR-FS", "1/3", "V1"]],
        title="Export",
        before=[INSTRUCTIONS],
    )

    refused = refusal(write(tmp_path, content, "volymer.xlsx"))

    assert refused.sample.sheet == "Export"
    assert refused.sample.headers == ["Kund-ID", "Art", "Dag", "Nr"]


def test_a_workbook_of_one_sheet_does_not_name_it(tmp_path):
    table, _rows = read(write(tmp_path, xlsx_bytes([DOCUMENT_HEADER, ROWS[0]]), "a.xlsx"))

    assert table.sheet == ""


def test_a_cell_formatted_as_a_percentage_reads_as_the_user_sees_it(tmp_path):
    content = xlsx_bytes(
        [["Förvaltning", "Prispost", "Månad", "Antal"], ["RIKI", "KR-FS", "2012-03", 0.045]],
        formats={"D2": "0.0%"},
    )

    _table, rows = read(write(tmp_path, content, "a.xlsx"))

    assert rows == [(2, ["RIKI", "KR-FS", "2012-03", "4,5 %"])]


def test_a_total_row_at_the_end_is_left_out_and_named(tmp_path):
    content = xlsx_bytes(
        [
            ["Förvaltning", "Prispost", "Månad", "Antal"],
            ["RIKI", "KR-MAN", "2012-03", 1250],
            ["SPTE", "KR-MAN", "2012-03", 7],
            [" "],
            ["Summa totalt", None, None, 1257],
        ]
    )

    table, rows = read(write(tmp_path, content, "a.xlsx"))

    assert [row for row, _cells in rows] == [2, 3]
    assert [(s.row, s.text) for s in table.summary_rows] == [(5, "Summa totalt")]


@pytest.mark.parametrize("label", ["Summa", "Totalt:", "TOTAL", "Delsumma RIKI", "Grand total"])
def test_every_usual_total_label_is_recognised(tmp_path, label):
    content = csv_bytes([DOCUMENT_HEADER, ROWS[0], ["", label, "", "", "1 234,50"]])

    table, rows = read(write(tmp_path, content))

    assert len(rows) == 1
    assert [s.text for s in table.summary_rows] == [label]


def test_a_row_with_its_key_columns_filled_is_data_even_if_it_says_summa(tmp_path):
    content = csv_bytes([DOCUMENT_HEADER, ["Summa", "KR-FS", "2012-03-01", "V9", "1"]])

    table, rows = read(write(tmp_path, content))

    assert rows == [(2, ["Summa", "KR-FS", "2012-03-01", "V9", "1"])]
    assert table.summary_rows == []


def test_a_file_with_headings_but_no_data_rows_is_refused(tmp_path):
    content = csv_bytes([["Rapport 2012"], DOCUMENT_HEADER, [], ["Summa", "", "", "", "0"]])

    assert refusal(write(tmp_path, content)).message == "Filen har rubriker men inga datarader."


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "a.csv", "Filen är tom."),
        (b"\r\n;;;\r\n\r\n", "a.csv", "Filen är tom."),
        (b"%PDF-1.4\x00\x01\x02binary", "a.pdf", "Filen är ingen textfil."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a.png", "Filen är ingen textfil."),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old excel",
            "a.xls",
            "Gamla Excelfiler (.xls) kan inte läsas; spara filen som .xlsx.",
        ),
        (b"PK\x03\x04not really a zip", "a.xlsx", "Filen är varken en CSV-fil eller en Excelfil."),
        (
            b"\xff\xfe" + "Förvaltning".encode("utf-16-le") + b"\x00\xd8",
            "a.csv",
            "Filen är ingen textfil.",
        ),
    ],
)
def test_a_file_that_is_not_a_table_gets_one_message(tmp_path, content, name, message):
    assert refusal(write(tmp_path, content, name)).message == message


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("bilder/a.txt", "hej")

    refused = refusal(write(tmp_path, buffer.getvalue(), "a.xlsx"))

    assert refused.message == "Filen är varken en CSV-fil eller en Excelfil."


def test_a_row_with_more_fields_than_the_header_is_an_error_not_shifted_data(tmp_path):
    content = csv_bytes(
        [DOCUMENT_HEADER, ["RIKI", "KR-FS", "2012-03-01", "V1", "1", "234"], ROWS[1]],
        delimiter=";",
    )

    table, rows = read(write(tmp_path, content))

    assert rows == [(3, ROWS[1])]
    assert table.errors.sorted() == [
        (
            2,
            "",
            "Raden har 6 fält men rubrikraden har 5; sätt citattecken runt värden som "
            "innehåller avgränsaren.",
        )
    ]


def test_a_value_in_a_workbook_column_without_heading_is_an_error(tmp_path):
    content = xlsx_bytes(
        [
            DOCUMENT_HEADER,
            ["RIKI", "KR-FS", "2012-03-01", "V1", 5, None, "x"],
            ["RIKI", "KR-FS", "2012-03-01", "V2", 5],
        ]
    )

    table, rows = read(write(tmp_path, content, "a.xlsx"))

    assert [row for row, _cells in rows] == [3]
    assert table.errors.sorted() == [(2, "", "Raden har ett värde i kolumn G, som saknar rubrik.")]


def test_short_rows_are_padded_to_the_header(tmp_path):
    content = (
        b"F\xc3\xb6rvaltning;Prispost;Datum;Verifikation;Belopp\r\nRIKI;KR-FS;2012-03-01;V1\r\n"
    )

    _table, rows = read(write(tmp_path, content))

    assert rows == [(2, ["RIKI", "KR-FS", "2012-03-01", "V1", ""])]


def test_an_unclosed_quotation_mark_names_the_row(tmp_path):
    content = csv_bytes([DOCUMENT_HEADER, ROWS[0]]) + b'RIKI;"KR-FS;' + b"x" * 140_000

    refused = refusal(write(tmp_path, content))

    assert refused.message == (
        "Rad 3 kan inte läsas som CSV: en cell är för lång, eller ett citattecken är inte avslutat"
    )


def test_records_parse_every_field_and_collect_every_fault_by_row_and_column(tmp_path):
    content = csv_bytes(
        [
            DOCUMENT_HEADER,
            ["riki", "kr-fs", "2012-03-31", "V1", "1 234,50 kr"],
            ["RIKI", "", "igår", "V2", "12.345"],
        ]
    )

    with open_table(write(tmp_path, content), VOLUMES, profiles={}) as table:
        records = list(table.records())

    assert records == [
        (
            2,
            {
                "customer": "RIKI",
                "price_item": "KR-FS",
                "date": datetime(2012, 3, 31).date(),
                "external_id": "V1",
                "amount": __import__("decimal").Decimal("1234.50"),
            },
        )
    ]
    assert table.errors.sorted() == [
        (3, "Prispost", "Värdet saknas."),
        (3, "Datum", "”igår” är inget datum; skriv det som 2012-03-31 eller 20120331."),
        (3, "Belopp", "”12.345” har fler än två decimaler; ett belopp är kronor och öre."),
    ]


def test_the_error_list_keeps_the_first_errors_and_counts_them_all(tmp_path, settings):
    settings.TABULAR_MAX_ERRORS = 2
    content = csv_bytes([DOCUMENT_HEADER, *[["RIKI", "KR-FS", "x", f"V{n}", ""] for n in range(5)]])

    with open_table(write(tmp_path, content), VOLUMES, profiles={}) as table:
        list(table.records())

    assert table.errors.count == 5
    assert table.errors.truncated
    assert [e.row for e in table.errors.sorted()] == [2, 3]


def test_a_sample_shows_the_widest_row_near_the_top_as_headings(tmp_path):
    content = csv_bytes(
        [["Kundreskontra 2012"], ["Kund-ID", "Art", "Dag", "Nr"], ["RIKI", "KR-FS", "1/3", "V1"]]
    )

    start = refusal(write(tmp_path, content)).sample

    assert start.header_row == 2
    assert start.headers == ["Kund-ID", "Art", "Dag", "Nr"]
    assert start.rows == [(3, ["RIKI", "KR-FS", "1/3", "V1"])]
    assert [(s.row, s.text) for s in start.skipped] == [(1, "Kundreskontra 2012")]


def test_errors_sort_by_row_then_the_files_column_order(tmp_path):
    header = ["Belopp", "Verifikation", "Datum", "Prispost", "Förvaltning"]
    content = csv_bytes(
        [header, ["1,234", "V1", "igår", "KR-FS", "RIKI"], ["x", "V2", "", "", "X"]]
    )

    with open_table(write(tmp_path, content), VOLUMES, profiles={}) as table:
        list(table.records())

    assert [(e.row, e.column) for e in table.errors.sorted()] == [
        (2, "Belopp"),
        (2, "Datum"),
        (3, "Belopp"),
        (3, "Datum"),
        (3, "Prispost"),
    ]
