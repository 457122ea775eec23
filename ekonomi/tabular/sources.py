"""The rows of a file as (Excel row number, cells), streamed: CSV or one sheet of an XLSX.

CSV: the encoding is a BOM's (UTF-8, UTF-16) or else found by one strict UTF-8 pass over the
whole file at disk speed (a Windows-1252 file, what Swedish Excel saves as "CSV
(semikolonavgränsad)", is almost never valid UTF-8, and its first "ö" may be on the last row);
the same pass refuses NUL bytes (not text) and lines longer than TABULAR_MAX_LINE_BYTES, so
that no row can take more memory than that. The separator is the one of ; , tab that splits the
first rows into the most recognised headings, then the most cells. CSV cells come straight from
csv.reader: no Python code runs per cell.

XLSX: xlsx_guard checks the zip first, then openpyxl reads one sheet in read-only mode with its
recorded dimension ignored (a wrong <dimension> would pad every row to it). The sheet is the
first whose top rows hold the most recognised headings (an "Instruktioner" or "Info" sheet before
the data is passed over), else the one with the widest top row. A cell formatted
as a percentage becomes the text "4,5 %", which is how the user sees it.
"""

import codecs
import csv
import io
import zlib
from decimal import Decimal
from pathlib import Path
from xml.etree.ElementTree import ParseError
from zipfile import BadZipFile

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from ekonomi.tabular.errors import FileProblem
from ekonomi.tabular.xlsx_guard import check_workbook, not_a_workbook

DELIMITERS = (";", ",", "\t")
# Rows looked at for the separator (and, by the table, for the header).
HEAD_ROWS = 20
# Sheets of a workbook looked at for the one with the data.
MAX_SHEETS_LOOKED_AT = 20

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # the pre-2007 .xls container
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def empty_file():
    return FileProblem(_("The file is empty."))


def not_text():
    return FileProblem(_("The file is not a text file."))


def open_source(path, *, recognise=None):
    """The source for the file at `path`; `recognise(heading)` helps to pick a separator."""
    path = Path(path)
    size = path.stat().st_size
    if size == 0:
        raise empty_file()
    with path.open("rb") as stream:
        start = stream.read(8)
    if start.startswith(_ZIP):
        return XlsxSource(path, size, recognise=recognise)
    if start.startswith(_OLE):
        raise FileProblem(_("Old Excel files (.xls) cannot be read; save the file as .xlsx."))
    return CsvSource(path, size, recognise=recognise)


class CsvSource:
    fill = ""
    sheet = ""

    def __init__(self, path, size, *, recognise=None):
        self.size = size
        self._raw = path.open("rb")
        try:
            encoding = _inspect(self._raw, size)
            self._text = io.TextIOWrapper(self._raw, encoding=encoding, newline="")
            delimiter = self._delimiter(recognise)
        except UnicodeDecodeError as error:
            self._raw.close()
            raise not_text() from error
        except BaseException:
            self._raw.close()
            raise
        self._reader = csv.reader(self._text, delimiter=delimiter)
        self.rows = enumerate(self._reader, start=1)

    def _delimiter(self, recognise):
        lines = []
        for line in self._text:
            lines.append(line)
            if len(lines) == HEAD_ROWS:
                break
        self._text.seek(0)

        def score(delimiter):
            try:
                rows = list(csv.reader(lines, delimiter=delimiter))
            except csv.Error:
                return (-1, -1)  # reading the rows reports it, with the row
            known = recognise and max((sum(map(bool, map(recognise, r))) for r in rows), default=0)
            return (known or 0, max(map(len, rows), default=0))

        return max(DELIMITERS, key=score)

    def unreadable(self, error):
        row = number_format(self._reader.line_num, force_grouping=True)
        if isinstance(error, UnicodeDecodeError):
            return not_text()
        if "field larger than field limit" in str(error):
            reason = _("a cell is too long, or a quotation mark is not closed")
        else:
            reason = str(error)
        return FileProblem(
            _("Row %(row)s cannot be read as CSV: %(reason)s") % {"row": row, "reason": reason}
        )

    def extra_cells(self, cells, width):
        return _(
            "The row has %(found)s fields but the header has %(expected)s; put quotes around "
            "values that contain the separator."
        ) % {"found": len(cells), "expected": width}

    def fraction(self):
        return 1.0 if self._raw.closed else min(self._raw.tell() / self.size, 1.0)

    def close(self):
        self._text.close()


def _inspect(stream, size):
    """The encoding of the text in `stream`, after checking that it is text with short lines."""
    head = stream.read(4)
    encoding = next((name for bom, name in _BOMS if head.startswith(bom)), None)
    stream.seek(0)
    limit = settings.TABULAR_MAX_LINE_BYTES
    # A line that lies inside one block is shorter than the limit; only lines that cross a
    # block boundary need measuring.
    decoder = codecs.getincrementaldecoder("utf-8")("strict") if encoding is None else None
    offset, last_newline, lines = 0, -1, 0
    while block := stream.read(limit):
        if encoding != "utf-16" and b"\x00" in block:
            raise not_text()
        if decoder is not None:
            try:
                decoder.decode(block)
            except UnicodeDecodeError:
                decoder = None
                encoding = "cp1252"
        first = block.find(b"\n")
        end = offset + (first if first >= 0 else len(block))
        if end - last_newline > limit:
            raise FileProblem(
                _("Row %(row)s is longer than %(max)s; it is not a line of a CSV file.")
                % {
                    "row": number_format(lines + 1, force_grouping=True),
                    "max": filesizeformat(limit),
                }
            )
        if first >= 0:
            lines += block.count(b"\n")
            last_newline = offset + block.rfind(b"\n")
        offset += len(block)
    stream.seek(0)
    if encoding is None:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
        return "utf-8"
    return encoding


class XlsxSource:
    fill = None

    def __init__(self, path, size, *, recognise=None):
        self.size = size
        self._stream = path.open("rb")
        try:
            check_workbook(self._stream, size)
            self._stream.seek(0)
            # Opened as a stream: given a path, openpyxl would also insist on an .xlsx name.
            self._book = load_workbook(self._stream, read_only=True, data_only=True)
            sheets = self._book.worksheets
            sheet = _data_sheet(sheets, recognise) if recognise and len(sheets) > 1 else sheets[0]
        except FileProblem:
            self._stream.close()
            raise
        except (
            BadZipFile,
            InvalidFileException,
            ParseError,
            KeyError,
            IndexError,
            OSError,
            TypeError,
            ValueError,
            zlib.error,
        ) as error:
            self._stream.close()
            raise not_a_workbook() from error
        # The sheet's name is told with the row numbers only when there is a choice of sheets.
        self.sheet = sheet.title if len(sheets) > 1 else ""
        sheet.reset_dimensions()
        self.rows = self._values(sheet)

    def _values(self, sheet):
        longest = settings.TABULAR_MAX_CELL_CHARS
        number = 0
        try:
            for number, row in enumerate(sheet.iter_rows(), start=1):
                cells = [cell.value for cell in row]
                for position, value in enumerate(cells):
                    kind = value.__class__
                    if kind is str:
                        if len(value) > longest:
                            raise _too_long(number, position)
                    elif (kind is float or kind is int) and "%" in row[position].number_format:
                        cells[position] = _percent(value)
                yield number, cells
        except (ParseError, BadZipFile, KeyError, ValueError, zlib.error) as error:
            raise FileProblem(
                _("The workbook cannot be read after row %(row)s.")
                % {"row": number_format(number, force_grouping=True)}
            ) from error

    def unreadable(self, error):
        return not_a_workbook()

    def extra_cells(self, cells, width):
        beyond = next(at for at in range(width, len(cells)) if cells[at] not in (None, ""))
        return _("The row has a value in column %(letter)s, which has no heading.") % {
            "letter": get_column_letter(beyond + 1)
        }

    def fraction(self):
        return 1.0 if self._stream.closed else min(self._stream.tell() / self.size, 1.0)

    def close(self):
        self._book.close()
        self._stream.close()


def _data_sheet(sheets, recognise):
    """The first of the sheets whose top rows have the most headings `recognise` knows; when
    none has any, the one with the widest top row (a table, not a sheet of instructions)."""

    def score(sheet):
        sheet.reset_dimensions()
        known = filled = 0
        for row in sheet.iter_rows(max_row=HEAD_ROWS, values_only=True):
            texts = [cell for cell in row if isinstance(cell, str) and cell.strip()]
            known = max(known, sum(recognise(cell) is not None for cell in texts))
            filled = max(filled, sum(cell is not None and cell != "" for cell in row))
        return known, filled

    scores = [score(sheet) for sheet in sheets[:MAX_SHEETS_LOOKED_AT]]
    return sheets[scores.index(max(scores))]


def _too_long(number, position):
    return FileProblem(
        _("Row %(row)s, column %(letter)s: the cell holds more than %(max)s characters.")
        % {
            "row": number_format(number, force_grouping=True),
            "letter": get_column_letter(position + 1),
            "max": number_format(settings.TABULAR_MAX_CELL_CHARS, force_grouping=True),
        }
    )


def _percent(value):
    # The cell holds the fraction (0.045); the user typed and sees "4,5 %".
    points = (Decimal(repr(value)) * 100).normalize()
    return f"{points:f}".replace(".", ",") + " %"
