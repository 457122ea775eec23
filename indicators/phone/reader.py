"""ADAPTER — stands in for the shared tabular reader (ekonomi/tabular/) until it lands on main.

The phone import calls only `read_rows`; switching to ekonomi.tabular means rewriting this one
function (declare the columns as a tabular Schema, open_table, loop over its rows) and deleting
the rest of this module. Until then it reads what the phone system exports: CSV (UTF-8 or
Windows-1252; semicolon, comma or tab) or an Excel workbook's first sheet, header on row 1.
"""

import csv
import io
from collections.abc import Iterator
from zipfile import BadZipFile

from django.utils.translation import gettext as _
from openpyxl import load_workbook

MAX_ROWS = 100_000


class FileProblem(Exception):
    """The whole file is unreadable; its one message is all the user gets."""


def _text(cell) -> str:
    if cell is None:
        return ""
    return cell.isoformat() if hasattr(cell, "isoformat") else str(cell).strip()


def _csv_rows(content: bytes):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if "\x00" in text:
        raise FileProblem(_("The file is not a text file."))
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _xlsx_rows(content: bytes):
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as error:
        raise FileProblem(_("The Excel file cannot be read.")) from error
    return workbook.worksheets[0].iter_rows(values_only=True)


def read_rows(content: bytes, columns: dict) -> Iterator[tuple[int, dict]]:
    """(row number, {key: text}) for each non-blank row after the header.

    `columns` maps a key to (its names, the Swedish label first; whether it is required):
    {"offered": (("Erbjudna", "Inkommande"), True)}.
    """
    if not content:
        raise FileProblem(_("The file is empty."))
    rows = _xlsx_rows(content) if content.startswith(b"PK\x03\x04") else _csv_rows(content)
    header = next(iter(rows), None)
    if header is None:
        raise FileProblem(_("The file is empty."))
    keys = {name.casefold(): key for key, (names, _required) in columns.items() for name in names}
    index = {}
    for position, cell in enumerate(header):
        key = keys.get(_text(cell).casefold())
        if key is not None and key not in index:
            index[key] = position
    missing = [
        names[0] for key, (names, required) in columns.items() if required and key not in index
    ]
    if missing:
        raise FileProblem(
            _("The file lacks the columns %(columns)s.") % {"columns": ", ".join(missing)}
        )
    for number, cells in enumerate(rows, start=2):
        if number > MAX_ROWS:
            raise FileProblem(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
        cells = list(cells)
        values = {key: _text(cells[i]) if i < len(cells) else "" for key, i in index.items()}
        if any(values.values()):
            yield number, values
