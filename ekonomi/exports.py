"""The one exporter: every XLSX and CSV file the system writes is made here, formula-safe.

How to use it
- A list page: `lists.table_page(...)` exports its django-tables2 table; a table shown
  elsewhere: `table_response(table, name=..., fmt="xlsx" | "csv")`.
- Headers and rows of plain values: `response(headers, rows, name=..., fmt=...)` for a
  download, or the bytes from `write_xlsx(headers, rows, title)` / `write_csv(headers, rows)`.
- A workbook built by hand (several sheets, number formats, bold totals):
  `workbook = new_workbook()`, `sheet = new_sheet(workbook, title)` for each sheet,
  `append_row(sheet, values, formats={column number: format}, bold=False)` for every row,
  then `workbook_bytes(workbook)`. Never `sheet.append(...)` or `cell.value = ...` with data:
  those skip the escaping below.

The rule (what OWASP calls CSV or formula injection)
- Numbers, dates and booleans are written as they are: a negative amount stays a number.
- Anything else becomes text. Text loses the control characters that XLSX forbids
  (U+0000-U+0008, U+000B, U+000C, U+000E-U+001F), in both formats, so that a stray one in a
  name never turns an export into a server error.
- Text that begins with `=`, `+`, `-`, `@`, tab or carriage return could be taken for a
  formula. In XLSX it is stored as a text cell with Excel's quote prefix: it shows exactly as
  typed and stays text even when someone edits the cell. In CSV it gets a leading apostrophe
  (`'=SUMMA(A1)`), which spreadsheet programs show instead of calculating.
"""

import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Font

from ekonomi import downloads

FORMATS = {"xlsx": downloads.XLSX, "csv": downloads.CSV}

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_ESCAPE = "'"
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# Numbers stay numbers with a format, which Swedish Excel shows with a decimal comma and
# space-grouped thousands.
MONEY_FORMAT = '#,##0.00 "kr"'
QUANTITY_FORMAT = "#,##0.##"
BOLD = Font(bold=True)
# Characters Excel refuses in a sheet title.
_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


def plain(value):
    """A value as a cell holds it: numbers and dates unchanged, everything else clean text."""
    if value is None or isinstance(value, (bool, int, float, Decimal)):
        return value
    if isinstance(value, datetime):
        # Excel has no time zones: the local time the user saw on the page.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, date):
        return value
    return _ILLEGAL.sub("", str(value))


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def cell(sheet, value, *, number_format=None, bold=False) -> Cell:
    """One safe cell for `sheet` (an ordinary or a write-only worksheet)."""
    value = plain(value)
    # Row and column are set when the row is appended (as openpyxl's WriteOnlyCell does).
    result = Cell(sheet, row=1, column=1, value=value)
    if is_formula_like(value):
        result.data_type = "s"
        result.quotePrefix = True
    if number_format:
        result.number_format = number_format
    if bold:
        result.font = BOLD
    return result


def append_row(sheet, values, *, formats=None, bold=False):
    """Append one row of safe cells; `formats` maps column numbers (from 1) to number formats."""
    formats = formats or {}
    sheet.append(
        [
            cell(sheet, value, number_format=formats.get(column), bold=bold)
            for column, value in enumerate(values, start=1)
        ]
    )


def sheet_title(text) -> str:
    title = plain(text).translate(_TITLE_FORBIDDEN).strip("'")[:31]
    return title or "-"


def new_workbook() -> Workbook:
    """A workbook without sheets: add each with `new_sheet`, so every title is safe."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def new_sheet(workbook, title):
    return workbook.create_sheet(title=sheet_title(title))


def workbook_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_xlsx(headers, rows, title) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(title))
    append_row(sheet, headers, bold=True)
    for row in rows:
        append_row(sheet, row)
    return workbook_bytes(workbook)


def csv_value(value) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    if isinstance(value, (datetime, date)):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, bool | int | float):
        return str(value)
    return CSV_ESCAPE + value if is_formula_like(value) else value


def write_csv(headers, rows) -> bytes:
    buffer = io.StringIO()
    # Swedish Excel opens semicolon-separated UTF-8 with a BOM without asking.
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([csv_value(header) for header in headers])
    for row in rows:
        writer.writerow([csv_value(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def response(headers, rows, *, name, fmt):
    content = write_xlsx(headers, rows, name) if fmt == "xlsx" else write_csv(headers, rows)
    return downloads.file_response(content, filename=f"{name}.{fmt}", content_type=FORMATS[fmt])


def table_rows(table):
    """Headers and raw values of the exportable columns, in the table's current order."""
    columns = [c for c in table.columns if c.column.exclude_from_export is False]
    headers = [c.header for c in columns]
    rows = ([row.get_cell_value(c.name) for c in columns] for row in table.rows)
    return headers, rows


def table_response(table, *, name, fmt):
    headers, rows = table_rows(table)
    return response(headers, rows, name=name, fmt=fmt)
