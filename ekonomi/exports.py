"""One engine for every list export: a django-tables2 table becomes XLSX or CSV."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from ekonomi import downloads

FORMATS = {"xlsx": downloads.XLSX, "csv": downloads.CSV}


def _cell(value):
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if value is None or isinstance(value, (int, Decimal, date, str)):
        return value
    return str(value)


def write_xlsx(headers, rows, title):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([_header_cell(sheet, header) for header in headers])
    for row in rows:
        sheet.append([_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header_cell(sheet, text):
    cell = WriteOnlyCell(sheet, value=str(text))
    cell.font = Font(bold=True)
    return cell


def write_csv(headers, rows):
    buffer = io.StringIO()
    # Swedish Excel opens semicolon-separated UTF-8 with a BOM without asking.
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([str(h) for h in headers])
    for row in rows:
        writer.writerow(["" if v is None else _csv_value(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def _csv_value(value):
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    return str(value)


# Workbooks built cell by cell (billing basis, budget): numbers stay numbers with a format,
# which Swedish Excel shows with a decimal comma and space-grouped thousands.
MONEY_FORMAT = '#,##0.00 "kr"'
QUANTITY_FORMAT = "#,##0.##"
BOLD = Font(bold=True)
# Characters Excel refuses in a sheet title.
TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


def workbook_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def header_row(sheet, titles):
    sheet.append([str(title) for title in titles])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD


def number_formats(sheet, row, formats):
    """Set {column number: number format} on one row."""
    for column, number_format in formats.items():
        sheet.cell(row=row, column=column).number_format = number_format


def table_rows(table):
    """Headers and raw values of the exportable columns, in the table's current order."""
    columns = [c for c in table.columns if c.column.exclude_from_export is False]
    headers = [c.header for c in columns]
    rows = ([row.get_cell_value(c.name) for c in columns] for row in table.rows)
    return headers, rows


def table_response(table, *, name, fmt):
    headers, rows = table_rows(table)
    content = write_xlsx(headers, rows, name) if fmt == "xlsx" else write_csv(headers, rows)
    return downloads.file_response(content, filename=f"{name}.{fmt}", content_type=FORMATS[fmt])
