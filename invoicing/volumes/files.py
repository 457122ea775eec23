"""Reading volume files as they leave Swedish offices: CSV in any of three encodings and three
separators, or an Excel workbook. Rows are streamed, never held in memory together.

This module knows the file formats and the value notations; whether a customer or a price item
exists is for volume_services to decide.
"""

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zipfile import BadZipFile

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ekonomi.periods import Month
from invoicing.volumes.models import VolumeImport

Shape = VolumeImport.Shape

# The column as the Swedish header names it (used in every message) and its English alias.
COLUMNS = {
    "customer": ("Förvaltning", "customer"),
    "price_item": ("Prispost", "price_item"),
    "date": ("Datum", "date"),
    "external_id": ("Verifikation", "external_id"),
    "amount": ("Belopp", "amount"),
    "month": ("Månad", "month"),
    "quantity": ("Antal", "quantity"),
}
REQUIRED = {
    Shape.DOCUMENTS: ("customer", "price_item", "date", "external_id"),
    Shape.COUNTS: ("customer", "price_item", "month", "quantity"),
}
OPTIONAL = {Shape.DOCUMENTS: ("amount",), Shape.COUNTS: ()}
# The columns that only one shape has decide which shape a file is.
MARKERS = {Shape.DOCUMENTS: {"date", "external_id", "amount"}, Shape.COUNTS: {"month", "quantity"}}
_ALIASES = {name.casefold(): key for key, names in COLUMNS.items() for name in names}

DELIMITERS = (";", ",", "\t")
EXTERNAL_ID_MAX = 64
AMOUNT_LIMIT = Decimal(10) ** 12
QUANTITY_MAX = 2**31 - 1

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # the pre-2007 .xls container
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHUNK = 1 << 20

# Thousands are grouped with a space, a no-break space or a narrow no-break space.
_GROUPING = str.maketrans({" ": None, "\u00a0": None, "\u202f": None, "\u2212": "-"})
_AMOUNT = re.compile(r"-?\d+(?:\.\d{1,2})?", re.ASCII)
_WHOLE = re.compile(r"-?\d+(?:\.0*)?", re.ASCII)
_NUMBER = re.compile(r"-?\d+(?:\.\d*)?", re.ASCII)

FORMAT_HELP = gettext_lazy(
    "Upload a CSV file (separated by semicolon, comma or tab) or an Excel file (.xlsx)."
)


class FileProblem(Exception):
    """Something about the whole file; the user gets this one message and nothing else."""


def label(column):
    return COLUMNS[column][0]


def column_help():
    return {
        shape: [label(c) for c in REQUIRED[shape]] + [f"({label(c)})" for c in OPTIONAL[shape]]
        for shape in REQUIRED
    }


@dataclass
class Header:
    shape: str
    row: int
    index: dict = field(default_factory=dict)
    # (row, column, message) for required columns that are missing or doubled.
    problems: list = field(default_factory=list)

    @property
    def width(self):
        return max(self.index.values()) + 1 if self.index else 0


def read_header(cells, row):
    index, doubled = {}, []
    for position, cell in enumerate(cells):
        key = _ALIASES.get(text(cell).casefold())
        if key is None:
            continue
        if key in index:
            doubled.append(key)
        else:
            index[key] = position
    shapes = [shape for shape, markers in MARKERS.items() if markers & index.keys()]
    if len(shapes) != 1:
        raise FileProblem(
            _(
                "The columns were not recognised. An invoice-level file has the columns "
                "%(documents)s; a file of monthly counts has %(counts)s."
            )
            % {
                "documents": ", ".join(column_help()[Shape.DOCUMENTS]),
                "counts": ", ".join(column_help()[Shape.COUNTS]),
            }
        )
    header = Header(shape=shapes[0], row=row)
    allowed = REQUIRED[header.shape] + OPTIONAL[header.shape]
    header.index = {key: position for key, position in index.items() if key in allowed}
    for key in REQUIRED[header.shape]:
        if key not in index:
            header.problems.append((row, label(key), _("The required column is missing.")))
    for key in doubled:
        if key in allowed:
            header.problems.append((row, label(key), _("The column appears more than once.")))
    return header


class Table:
    """Rows of a file as (row number, cells), after its header; `fraction` tells how far."""

    def __init__(self, path):
        self.path = Path(path)
        self.size = self.path.stat().st_size
        if self.size == 0:
            raise FileProblem(_("The file is empty."))
        with self.path.open("rb") as stream:
            start = stream.read(8)
        if start.startswith(_ZIP):
            self._reader = _XlsxReader(self.path)
        elif start.startswith(_OLE):
            raise FileProblem(_("Old Excel files (.xls) cannot be read; save the file as .xlsx."))
        else:
            self._reader = _CsvReader(self.path, self.size)
        self.header = self._reader.header

    def __iter__(self):
        return iter(self._reader)

    @property
    def fraction(self):
        return self._reader.fraction()

    def close(self):
        self._reader.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


def _blank(cells):
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


class _CsvReader:
    def __init__(self, path, size):
        self.size = size
        encoding = _encoding(path)
        if encoding != "utf-16":
            with path.open("rb") as stream:
                # Text has no NUL bytes (UTF-16 aside); images, PDFs and archives do.
                if b"\x00" in stream.read(_CHUNK):
                    raise FileProblem(_("The file is not a text file."))
        self._raw = path.open("rb")
        self._text = io.TextIOWrapper(self._raw, encoding=encoding, errors="strict", newline="")
        try:
            self._header_line, first = self._first_line()
            delimiter = _delimiter(first)
            self.header = read_header(
                next(csv.reader([first], delimiter=delimiter)), self._header_line
            )
        except UnicodeDecodeError as error:
            self.close()
            raise FileProblem(_("The file is not a text file.")) from error
        except Exception:
            self.close()
            raise
        self._rows = csv.reader(self._text, delimiter=delimiter)

    def _first_line(self):
        for number, line in enumerate(self._text, start=1):
            if line.strip():
                return number, line
        raise FileProblem(_("The file is empty."))

    def __iter__(self):
        offset = self._header_line
        try:
            for cells in self._rows:
                if "".join(cells).strip():
                    yield offset + self._rows.line_num, cells
        except UnicodeDecodeError as error:
            raise FileProblem(_("The file is not a text file.")) from error
        except csv.Error as error:
            raise FileProblem(
                _("Row %(row)s cannot be read as CSV: %(reason)s")
                % {"row": offset + self._rows.line_num, "reason": error}
            ) from error

    def fraction(self):
        return min(self._raw.tell() / self.size, 1.0) if not self._raw.closed else 1.0

    def close(self):
        self._text.close()


def _encoding(path):
    with path.open("rb") as stream:
        head = stream.read(4)
        for bom, encoding in _BOMS:
            if head.startswith(bom):
                return encoding
        # A Windows-1252 file is almost never valid UTF-8, so a strict pass over the whole
        # file (at disk speed) tells the two apart; an "ö" may first appear on the last row.
        stream.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")("strict")
        try:
            while chunk := stream.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
        return "utf-8"


def _delimiter(line):
    # The header decides: the separator that splits it into the most known column names.
    def known(delimiter):
        cells = next(csv.reader([line], delimiter=delimiter))
        return sum(text(cell).casefold() in _ALIASES for cell in cells), len(cells)

    return max(DELIMITERS, key=known)


class _XlsxReader:
    def __init__(self, path):
        # Opened as a stream: given a path, openpyxl would also insist on an .xlsx name.
        self._stream = path.open("rb")
        try:
            self._book = load_workbook(self._stream, read_only=True, data_only=True)
        except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
            self._stream.close()
            raise FileProblem(_("The file is neither CSV nor an Excel workbook.")) from error
        sheet = self._book.worksheets[0]
        self._total = sheet.max_row or 0
        self._row = 0
        self._rows = enumerate(sheet.iter_rows(values_only=True), start=1)
        for number, cells in self._rows:
            if not _blank(cells):
                self.header = read_header(cells, number)
                break
        else:
            self.close()
            raise FileProblem(_("The file is empty."))

    def __iter__(self):
        for number, cells in self._rows:
            self._row = number
            if not _blank(cells):
                yield number, list(cells)

    def fraction(self):
        return min(self._row / self._total, 1.0) if self._total else 0.0

    def close(self):
        self._book.close()
        self._stream.close()


# Values. Each parser takes a CSV string or an Excel cell value and returns the value or
# raises ValueError with the reason the user reads; blank cells are the caller's business.


def text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def parse_code(value):
    return text(value).upper()


def external_id_too_long():
    return _("A verification can have at most %(max)s characters.") % {"max": EXTERNAL_ID_MAX}


def parse_date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    written = text(value)
    if written.isascii() and (
        (len(written) == 10 and written[4] == written[7] == "-")
        or (len(written) == 8 and written.isdigit())
    ):
        try:
            return date.fromisoformat(written)
        except ValueError:
            pass
    raise ValueError(
        _("“%(value)s” is not a date; write it as 2012-03-31 or 20120331.") % {"value": written}
    )


def parse_month(value):
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return Month.from_date(value)
    return Month.parse(text(value))


def _number_text(value):
    return text(value).translate(_GROUPING).replace(",", ".")


def parse_amount(value):
    if isinstance(value, bool):
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": value})
    if isinstance(value, int | float):
        value = repr(value)
    number = _number_text(value)
    if not _AMOUNT.fullmatch(number):
        raise ValueError(
            _("“%(value)s” is not an amount in kronor with at most two decimals.")
            % {"value": text(value)}
        )
    amount = Decimal(number)
    if abs(amount) >= AMOUNT_LIMIT:
        raise ValueError(_("“%(value)s” is too large an amount.") % {"value": text(value)})
    return amount


def parse_quantity(value):
    if isinstance(value, bool):
        raise ValueError(_("“%(value)s” is not a number.") % {"value": value})
    number = _number_text(value)
    if _WHOLE.fullmatch(number):
        quantity = int(Decimal(number))
        if quantity < 0:
            raise ValueError(_("A count cannot be negative."))
        if quantity > QUANTITY_MAX:
            raise ValueError(_("“%(value)s” is too large a count.") % {"value": text(value)})
        return quantity
    if _NUMBER.fullmatch(number):
        raise ValueError(
            _("A count must be a whole number, not “%(value)s”.") % {"value": text(value)}
        )
    raise ValueError(_("“%(value)s” is not a number.") % {"value": text(value)})
