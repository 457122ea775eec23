"""Hostile and broken files are refused within seconds and without taking the server's memory;
a real million-row file stays accepted.

The bombs are read in a child process, which reports its time and its own peak memory: VmHWM,
the high-water mark of its address space (ru_maxrss would include the parent's, which Linux
carries across fork and exec);
the bounds are generous on purpose (under 300 MB, under 30 s) so that a busy machine does not
fail them, while an unguarded read takes over a gigabyte or a minute.
"""

import json
import zipfile
from collections import deque

import pytest
from django.conf import settings as django_settings

from ekonomi.tabular import FileProblem, Schema, open_table
from ekonomi.tabular import fields as f
from tests.ekonomi import tabular_files
from tests.ekonomi.tabular_files import DOCUMENT_HEADER, VOLUMES, csv_bytes, xlsx_bytes

SCHEMA = Schema.single("bomb", [f.CUSTOMER, f.QUANTITY])
CHILD = """
import json, sys, time
import django
django.setup()
from django.conf import settings
from ekonomi.tabular import FileProblem, Schema, open_table
from ekonomi.tabular import fields
for name, value in json.loads(sys.argv[2]).items():
    setattr(settings, name, value)
start = time.monotonic()
try:
    schema = Schema.single("bomb", [fields.CUSTOMER, fields.QUANTITY])
    with open_table(sys.argv[1], schema, profiles={}) as table:
        for _row in table:
            pass
    message = ""
except FileProblem as problem:
    message = problem.message
seconds = time.monotonic() - start
with open("/proc/self/status") as status:
    peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(json.dumps({"message": message, "seconds": seconds, "peak_mb": peak_kb / 1024}))
"""
MAX_MB = 300
MAX_SECONDS = 30


def read_in_child(path, **overrides):
    return tabular_files.run_in_child(
        CHILD, path, json.dumps(overrides), DJANGO_SETTINGS_MODULE="ekonomi.settings"
    )


@pytest.fixture(scope="module")
def bombs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bombs")
    return {
        "shared": tabular_files.huge_shared_string(folder / "shared.xlsx"),
        "inline": tabular_files.huge_inline_string(folder / "inline.xlsx"),
        "rows": tabular_files.empty_rows(folder / "rows.xlsx", 5_000_000),
        "members": tabular_files.many_members(folder / "members.xlsx", 5_000),
    }


RATIO = (
    "Excelfilen är packad 1\u00a0028 gånger tätare än ett kalkylblad kan vara (högst 100); "
    "det är inget vanligt kalkylblad."
)


@pytest.mark.parametrize(
    ("bomb", "overrides", "message"),
    [
        pytest.param("shared", {}, RATIO, id="400-mb-shared-string"),
        pytest.param("inline", {}, RATIO, id="400-mb-inline-string"),
        pytest.param(
            "shared",
            {"XLSX_MAX_RATIO": 10**9},
            "Excelfilen innehåller en text med mer än 32\u00a0767 tecken.",
            id="400-mb-shared-string-past-the-ratio-check",
        ),
        pytest.param(
            "inline",
            {"XLSX_MAX_RATIO": 10**9},
            "Rad 2 innehåller en cell med mer än 32\u00a0767 tecken.",
            id="400-mb-inline-string-past-the-ratio-check",
        ),
        pytest.param(
            "rows",
            {},
            "Ett blad i Excelfilen har fler än 1\u00a0048\u00a0576 rader, fler än Excel tillåter.",
            id="5-million-empty-rows",
        ),
        pytest.param(
            "members",
            {},
            "Excelfilen har fler än 1\u00a0000 delar; det är inget vanligt kalkylblad.",
            id="5000-members",
        ),
    ],
)
def test_a_workbook_bomb_is_refused_quickly_in_little_memory(bombs, bomb, overrides, message):
    result = read_in_child(bombs[bomb], **overrides)

    assert result["message"] == message
    assert result["peak_mb"] < MAX_MB
    assert result["seconds"] < MAX_SECONDS


def test_a_run_of_empty_rows_under_the_row_cap_is_refused_at_the_blank_run(tmp_path):
    path = tabular_files.empty_rows(tmp_path / "rows.xlsx", 1_000_000)

    result = read_in_child(path)

    assert result["message"] == (
        "Fler än 10\u00a0000 tomma rader i följd slutar på rad 10\u00a0003; ta bort de tomma "
        "raderna under uppgifterna och försök igen."
    )
    assert result["peak_mb"] < MAX_MB
    assert result["seconds"] < MAX_SECONDS


def refusal(path, schema=SCHEMA):
    with pytest.raises(FileProblem) as refused, open_table(path, schema, profiles={}) as table:
        for _row in table:
            pass
    return refused.value.message


def test_a_workbook_larger_than_the_cap_when_unpacked_is_refused_before_unpacking(
    tmp_path, settings
):
    settings.XLSX_MAX_UNCOMPRESSED_BYTES = 4096
    path = tmp_path / "a.xlsx"
    path.write_bytes(xlsx_bytes([["Förvaltning", "Antal"], ["RIKI", 1]]))

    assert refusal(path).startswith("Uppackad skulle Excelfilen vara ")


def test_a_workbook_with_a_doctype_is_refused(tmp_path):
    path = tmp_path / "a.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "xl/sharedStrings.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><sst/>'
        )

    assert refusal(path) == (
        "Excelfilen innehåller XML som kalkylprogram inte skriver (en DOCTYPE, kommentar, "
        "CDATA-sektion eller bearbetningsinstruktion); spara den på nytt från Excel."
    )


def test_a_workbook_with_too_many_different_texts_is_refused(tmp_path, settings):
    settings.XLSX_MAX_SHARED_STRINGS = 2
    strings = [b"<si><t>%d</t></si>" % n for n in range(3)]
    path = tabular_files.write_workbook(
        tmp_path / "a.xlsx", tabular_files.sheet_xml([]), tabular_files.strings_xml(strings, 3)
    )

    assert refusal(path) == "Excelfilen har fler än 2 olika texter; den kan inte läsas."


def test_a_workbook_cell_longer_than_the_cap_names_its_row_and_column(tmp_path, settings):
    settings.TABULAR_MAX_CELL_CHARS = 12
    path = tmp_path / "a.xlsx"
    path.write_bytes(xlsx_bytes([["Förvaltning", "Antal"], ["RIKI", "x" * 13]]))

    assert refusal(path) == "Rad 2, kolumn B: cellen innehåller mer än 12 tecken."


def test_a_csv_line_longer_than_the_cap_is_refused_before_reading(tmp_path, settings):
    settings.TABULAR_MAX_LINE_BYTES = 100
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes([["Förvaltning", "Antal"], ["RIKI", "1"], ["RIKI", "9" * 200]]))

    assert refusal(path) == "Rad 3 är längre än 100\u00a0byte; det är ingen rad i en CSV-fil."


def test_a_row_with_more_columns_than_the_cap_is_refused(tmp_path, settings):
    settings.TABULAR_MAX_COLUMNS = 5
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes([["Förvaltning", "Antal"], ["RIKI", "1"], ["RIKI", *"123456"]]))

    assert refusal(path) == "Rad 3 har fler än 5 kolumner; som mest kan 5 läsas."


def test_a_file_with_more_rows_than_the_cap_is_refused(tmp_path, settings):
    settings.TABULAR_MAX_ROWS = 25
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes([["Förvaltning", "Antal"], *[["RIKI", "1"]] * 30]))

    assert refusal(path) == "Filen har fler än 25 rader; rad 26 och nedåt lästes inte."


def test_a_million_row_csv_is_read_whole_under_the_default_limits(tmp_path):
    path = tmp_path / "volumes.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(";".join(DOCUMENT_HEADER) + "\r\n")
        for number in range(1_000_000):
            out.write(
                f"RIKI;KR-FS;2012-03-{1 + number % 28:02d};V{number:08d};{number % 997},50\r\n"
            )

    with open_table(path, VOLUMES, profiles={}) as table:
        last = deque(table, maxlen=1).pop()

    assert last == (1_000_001, ["RIKI", "KR-FS", "2012-03-08", "V00999999", "8,50"])


def test_a_million_row_workbook_passes_the_checks_made_before_opening(tmp_path):
    # As Excel writes it: text in shared strings, a verification per row, ratio about 9.
    from ekonomi.tabular.xlsx_guard import check_workbook

    def rows():
        yield b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        for start in range(2, 1_048_577, 50_000):
            yield b"".join(
                b'<row r="%d" spans="1:5"><c r="A%d" t="s"><v>2</v></c><c r="B%d" t="s"><v>3</v>'
                b'</c><c r="C%d" s="1"><v>%d</v></c><c r="D%d" t="s"><v>%d</v></c><c r="E%d">'
                b"<v>%d.%02d</v></c></row>"
                % (n, n, n, n, 40969 + n % 28, n, n + 2, n, n * 7 % 99991, n % 100)
                for n in range(start, min(start + 50_000, 1_048_577))
            )

    strings = [b"<si><t>V%08d</t></si>" % n for n in range(1_048_578)]
    path = tabular_files.write_workbook(
        tmp_path / "big.xlsx",
        tabular_files.sheet_xml(rows()),
        tabular_files.strings_xml(strings, 0),
    )
    sheet = zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml")

    with path.open("rb") as stream:
        check_workbook(stream, path.stat().st_size)

    assert sheet.file_size / sheet.compress_size < django_settings.XLSX_MAX_RATIO
