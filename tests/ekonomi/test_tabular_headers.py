"""The header is found under title rows and matched by its headings, whatever their case,
accents, punctuation and unit; every column not read is named."""

import pytest

from ekonomi.tabular import ColumnsNotRecognised
from ekonomi.tabular.schema import money_scale
from tests.ekonomi.tabular_files import (
    DOCUMENT_HEADER,
    ROWS,
    VOLUMES,
    csv_bytes,
    read,
    refusal,
    write,
)


def test_the_header_is_found_under_title_rows_which_are_named(tmp_path):
    content = csv_bytes(
        [
            ["Kundreskontra per förvaltning 2012", "", "", "", ""],
            ["Utskriven 2012-04-02"],
            [],
            DOCUMENT_HEADER,
            ROWS[0],
        ],
        encoding="cp1252",
    )

    table, rows = read(write(tmp_path, content))

    assert table.header.row == 4
    assert [(s.row, s.text) for s in table.header.skipped] == [
        (1, "Kundreskontra per förvaltning 2012"),
        (2, "Utskriven 2012-04-02"),
        (3, ""),
    ]
    assert rows == [(5, ROWS[0])]


def test_a_header_below_the_twentieth_row_is_not_looked_for(tmp_path):
    content = csv_bytes([["Rapport"]] * 20 + [DOCUMENT_HEADER, ROWS[0]])

    refused = refusal(write(tmp_path, content))

    assert isinstance(refused, ColumnsNotRecognised)
    assert refused.message.startswith("Kolumnerna känns inte igen.")


@pytest.mark.parametrize(
    "header",
    [
        ["Kund", "Artikel", "Fakturadatum", "Ver.nr", "Belopp (kr)"],
        ["KUNDNR", "prispost", "Bokföringsdatum", "VERIFIKATION", "Belopp [SEK]"],
        ["customer", "Price item", "Date", "Vernr", "Amount"],
        ["Forvaltning", "Prispost", "Verifikationsdatum", "Löpnr", "Fakturabelopp"],
    ],
)
def test_headings_are_matched_whatever_their_case_punctuation_accents_and_unit(tmp_path, header):
    table, _rows = read(write(tmp_path, csv_bytes([header, ROWS[0]])))

    assert table.header.positions == {
        "customer": 0,
        "price_item": 1,
        "date": 2,
        "external_id": 3,
        "amount": 4,
    }


def test_a_schema_extends_a_field_with_its_own_synonyms(tmp_path):
    from ekonomi.tabular import Schema
    from ekonomi.tabular import fields as f

    schema = Schema.single("mine", [f.CUSTOMER.with_synonyms("Kst"), f.QUANTITY])
    table, rows = read(write(tmp_path, csv_bytes([["Kst", "Antal"], ["RIKI", "3"]])), schema)

    assert table.header.positions == {"customer": 0, "quantity": 1}
    assert rows == [(2, ["RIKI", "3"])]


def test_the_shape_follows_the_marker_columns_present(tmp_path):
    content = csv_bytes(
        [["Kund", "Prispost", "Period", "Volym"], ["RIKI", "KR-MAN", "2012-03", "5"]]
    )

    table, _rows = read(write(tmp_path, content))

    assert table.header.shape.key == "counts"


def test_every_column_not_read_is_listed_with_a_hint_when_it_resembles_a_field(tmp_path):
    header = [
        "Förvaltning",
        "Prispost",
        "Datum",
        "Verifikation",
        "Belopp exkl. moms",
        "Antal",
        "Notering",
    ]
    content = csv_bytes([header, [*ROWS[0][:4], "1 234,50", "3", "ok"]])

    table, _rows = read(write(tmp_path, content))

    assert "amount" not in table.header.positions
    assert [(c.letter, c.header, c.hint) for c in table.header.ignored] == [
        (
            "E",
            "Belopp exkl. moms",
            "Liknar Belopp men rubriken känns inte igen; koppla kolumnerna om det är Belopp.",
        ),
        ("F", "Antal", "Antal läses inte från den här sortens fil."),
        ("G", "Notering", ""),
    ]


def test_a_missing_or_doubled_required_column_is_named(tmp_path):
    content = csv_bytes(
        [["Förvaltning", "Datum", "Verifikation", "Kund"], ["RIKI", "2012-03-01", "V1", "RIKI"]]
    )

    refused = refusal(write(tmp_path, content))

    assert refused.message == "Några kolumner saknas eller finns två gånger."
    assert refused.errors == [
        (1, "Förvaltning", "Kolumnen finns mer än en gång."),
        (1, "Prispost", "Den obligatoriska kolumnen saknas."),
    ]
    assert refused.sample.headers == ["Förvaltning", "Datum", "Verifikation", "Kund"]


def test_unrecognised_columns_are_refused_with_the_columns_each_shape_needs(tmp_path):
    refused = refusal(write(tmp_path, b"Namn;Telefon\r\nAnna;08-123\r\n"))

    assert isinstance(refused, ColumnsNotRecognised)
    assert refused.message == (
        "Kolumnerna känns inte igen. Filen behöver kolumnerna för en av sorterna: "
        "invoice level: Förvaltning, Prispost, Datum, Verifikation, (Belopp); "
        "monthly counts: Förvaltning, Prispost, Månad, Antal."
    )
    assert refused.sample.headers == ["Namn", "Telefon"]
    assert refused.sample.rows == [(2, ["Anna", "08-123"])]


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        *[(h, "customer") for h in ["Förvaltning", "Kund", "Kundnr", "Kundkod", "Customer"]],
        ("Förvaltningskod", "customer"),
        *[(h, "date") for h in ["Datum", "Fakturadatum", "Bokföringsdatum", "Date"]],
        ("Verifikationsdatum", "date"),
        *[(h, "external_id") for h in ["Verifikation", "Ver.nr", "Vernr", "VERIFIKATION"]],
        *[(h, "external_id") for h in ["Verifikationsnummer", "Fakturanr", "Fakturanummer"]],
        ("Löpnr", "external_id"),
        *[(h, "amount") for h in ["Belopp", "Belopp (kr)", "Belopp [SEK]", "Summa", "Amount"]],
        ("Fakturabelopp", "amount"),
        *[(h, "quantity") for h in ["Antal", "Volym", "Quantity"]],
        *[(h, "month") for h in ["Månad", "Period", "Month"]],
        *[(h, "price_item") for h in ["Prispost", "Artikel", "Tjänst", "Tjänstekod"]],
    ],
)
def test_the_common_swedish_and_english_headings_are_recognised(heading, key):
    assert VOLUMES.recognise(heading).key == key


def test_a_block_of_report_details_above_the_header_is_not_taken_for_it(tmp_path):
    content = csv_bytes(
        [
            ["Datum", "2012-04-02", "Kund", "Alla"],
            ["Period", "2012-03"],
            DOCUMENT_HEADER,
            ROWS[0],
        ]
    )

    table, rows = read(write(tmp_path, content))

    assert table.header.row == 3
    assert [s.row for s in table.header.skipped] == [1, 2]
    assert rows == [(4, ROWS[0])]


@pytest.mark.parametrize(
    ("heading", "scale"),
    [
        ("Intäkter (tkr)", 1000),
        ("Intäkter [Tkr]", 1000),
        ("Belopp tkr", 1000),
        ("Belopp, tkr.", 1000),
        ("Belopp (tSEK)", 1000),
        ("Budget (tusental kronor)", 1000),
        ("Belopp (MSEK)", 1_000_000),
        ("Belopp, mnkr", 1_000_000),
        ("Belopp (kr)", 1),
        ("Belopp", 1),
        ("Antal (st)", 1),
    ],
)
def test_a_money_headings_stated_unit_is_how_many_kronor_one_written_unit_is(heading, scale):
    assert money_scale(heading) == scale
