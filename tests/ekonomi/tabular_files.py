"""Files for the reader's tests, made the way Swedish offices (and attackers) make them.

Workbooks that openpyxl would refuse to write, or would write too slowly, are written as zips
by hand; their big members are streamed, so that a 400 MB cell never exists in this process.
"""

import io
import json
import os
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import Workbook

from ekonomi.tabular import FileProblem, Schema, Shape, open_table
from ekonomi.tabular import fields as f

ROOT = Path(__file__).resolve().parents[2]


def run_in_child(code, *args, **environment):
    """Run `code` in a fresh Python (its peak memory is its own) and return the JSON object its
    last line prints."""
    finished = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **environment},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(finished.stdout.splitlines()[-1])


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    f'<workbook xmlns="{_MAIN}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
_MB = 1024 * 1024

# The volume import's two shapes, as it will declare them.
VOLUMES = Schema(
    "volumes",
    [
        Shape(
            "documents",
            "invoice level",
            (f.CUSTOMER, f.PRICE_ITEM, f.DATE, f.EXTERNAL_ID, replace(f.AMOUNT, required=False)),
            frozenset({"date", "external_id", "amount"}),
        ),
        Shape(
            "counts",
            "monthly counts",
            (f.CUSTOMER, f.PRICE_ITEM, f.MONTH, f.QUANTITY),
            frozenset({"month", "quantity"}),
        ),
    ],
)
DOCUMENT_HEADER = ["Förvaltning", "Prispost", "Datum", "Verifikation", "Belopp"]


def csv_bytes(rows, *, delimiter=";", encoding="utf-8", newline="\r\n"):
    return "".join(delimiter.join(row) + newline for row in rows).encode(encoding)


def xlsx_bytes(rows, *, formats=None, title="Blad1", before=()):
    """A workbook as Excel users make it; `formats` maps a cell ("D2") to a number format, and
    `before` holds (name, rows) of sheets ahead of this one, such as instructions."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, sheet_rows in [*before, (title, rows)]:
        sheet = workbook.create_sheet(name)
        for row in sheet_rows:
            sheet.append(row)
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_workbook(path, sheet_parts, strings_parts=()):
    """A complete, valid workbook whose sheet and shared strings are written from iterables of
    bytes, each streamed into the zip."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        for name, parts in (
            ("xl/sharedStrings.xml", strings_parts),
            ("xl/worksheets/sheet1.xml", sheet_parts),
        ):
            with archive.open(name, "w", force_zip64=True) as member:
                for part in parts:
                    member.write(part)
    return path


def sheet_xml(rows_xml, dimension=None):
    yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'.encode()
    if dimension:
        yield f'<dimension ref="{dimension}"/>'.encode()
    yield b"<sheetData>"
    yield from rows_xml
    yield b"</sheetData></worksheet>"


def strings_xml(strings_xml, count):
    yield (
        f'<?xml version="1.0" encoding="UTF-8"?>'
        f'<sst xmlns="{_MAIN}" count="{count}" uniqueCount="{count}">'
    ).encode()
    yield from strings_xml
    yield b"</sst>"


def _header_row():
    # "Förvaltning" and "Antal" as shared strings 0 and 1.
    return b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'


def _long_text(megabytes):
    for _ in range(megabytes):
        yield b"x" * _MB


def huge_shared_string(path, megabytes=400):
    """Row 2 holds shared string 2, which is `megabytes` MB long."""
    row = b'<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>1</v></c></row>'
    strings = [b"<si><t>F\xc3\xb6rvaltning</t></si><si><t>Antal</t></si><si><t>"]
    strings += [*_long_text(megabytes), b"</t></si>"]
    return write_workbook(path, sheet_xml([_header_row(), row]), strings_xml(strings, 3))


def huge_inline_string(path, megabytes=400):
    """Row 2 holds an inline string `megabytes` MB long."""
    rows = [
        _header_row(),
        b'<row r="2"><c r="A2" t="inlineStr"><is><t>',
        *_long_text(megabytes),
        b'</t></is></c><c r="B2"><v>1</v></c></row>',
    ]
    strings = [b"<si><t>F\xc3\xb6rvaltning</t></si><si><t>Antal</t></si>"]
    return write_workbook(path, sheet_xml(rows), strings_xml(strings, 2))


def empty_rows(path, count, *, dimension=False):
    """A header, one data row and then `count` empty rows, each written as <row r="…"/>."""

    def rows():
        yield _header_row()
        yield b'<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>5</v></c></row>'
        batch = []
        for number in range(3, count + 3):
            batch.append(b'<row r="%d"/>' % number)
            if len(batch) == 100_000:
                yield b"".join(batch)
                batch = []
        yield b"".join(batch)

    strings = [b"<si><t>F\xc3\xb6rvaltning</t></si><si><t>Antal</t></si>"]
    return write_workbook(
        path, sheet_xml(rows(), f"A1:B{count + 2}" if dimension else None), strings_xml(strings, 2)
    )


def many_members(path, count):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        for number in range(count):
            archive.writestr(f"xl/media/part{number}.xml", "<a/>")
    return path


ROWS = [
    ["RIKI", "KR-FS", "2012-03-01", "V1", "1 234,50"],
    ["SPTE", "LR-EL", "20120315", "V2", "99.95"],
]


def write(tmp_path, content, name="file.csv"):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def read(path, schema=VOLUMES, **options):
    options.setdefault("profiles", {})
    with open_table(path, schema, **options) as table:
        rows = list(table)
    return table, rows


def refusal(path, schema=VOLUMES):
    with pytest.raises(FileProblem) as refused:
        read(path, schema)
    return refused.value
