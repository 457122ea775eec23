"""A report document as PDF (WeasyPrint, through ekonomi/pdf.py) and as a workbook (through
ekonomi/exports): the same chapters, tables and figures in both."""

import hashlib
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils import numberformat, timezone
from django.utils.translation import gettext as _

from ekonomi import exports
from ekonomi.pdf import render_pdf_pages
from reports.document import Chart, Document, Table, Text, is_number, places

NBSP = "\u00a0"
EMPTY = "\u2013"
MINUS = "\u2212"


def swedish(value) -> str:
    """Swedish notation whatever the active language (the reports are Swedish documents, and a
    worker has no request to take the language from): decimal comma, no-break space
    thousands, a true minus sign."""
    if value is None or value == "":
        return EMPTY if value is None else ""
    if isinstance(value, date):
        return value.isoformat()
    if is_number(value):
        decimals = places(value) if isinstance(value, Decimal) else 0
        text = numberformat.format(
            abs(value),
            ",",
            decimal_pos=decimals,
            grouping=3,
            thousand_sep=NBSP,
            force_grouping=True,
        )
        return f"{MINUS}{text}" if value < 0 else text
    return str(value)


def pdf(document: Document) -> tuple[bytes, int]:
    return render_pdf_pages(
        "reports/report_pdf.html",
        {
            "document": document,
            "organisation_name": settings.ORGANISATION_NAME,
            "produced_at": timezone.localtime(document.produced_at),
            "chapters": [
                {"chapter": chapter, "number": number, "blocks": _blocks(chapter)}
                for number, chapter in enumerate(document.chapters, start=1)
            ],
        },
    )


def _blocks(chapter):
    for block in chapter.blocks:
        if isinstance(block, Table):
            yield {"table": block}
        elif isinstance(block, Chart):
            yield {"chart": block}
        elif isinstance(block, Text):
            yield {"text": block}


def _formats(row):
    formats = {}
    for column, value in enumerate(row, start=1):
        if isinstance(value, Decimal):
            decimals = places(value)
            formats[column] = "#,##0" + ("." + "0" * decimals if decimals else "")
        elif isinstance(value, int) and not isinstance(value, bool):
            formats[column] = "#,##0"
    return formats


def _write_table(sheet, table: Table):
    exports.append_row(sheet, [table.title], bold=True)
    exports.append_row(sheet, table.headers, bold=True)
    for row in table.rows:
        exports.append_row(sheet, row, formats=_formats(row))
    if table.total:
        exports.append_row(sheet, table.total, formats=_formats(table.total), bold=True)
    if not table.rows and table.empty:
        exports.append_row(sheet, [table.empty])
    for note in table.notes:
        exports.append_row(sheet, [note])
    exports.append_row(sheet, [])


def xlsx(document: Document) -> bytes:
    """One sheet per chapter, its tables one below the other; numbers stay numbers."""
    workbook = exports.new_workbook()
    cover = exports.new_sheet(workbook, _("Report"))
    exports.append_row(cover, [document.title], bold=True)
    exports.append_row(cover, [document.subtitle])
    exports.append_row(
        cover,
        [_("Produced"), timezone.localtime(document.produced_at).strftime("%Y-%m-%d %H:%M")],
    )
    exports.append_row(cover, [_("Status"), _("Draft") if document.draft else _("Final")])
    if document.missing:
        exports.append_row(cover, [])
        exports.append_row(cover, [_("Missing data")], bold=True)
        for text in document.missing:
            exports.append_row(cover, [text])
    used = set()
    for number, chapter in enumerate(document.chapters, start=1):
        title = exports.sheet_title(f"{number} {chapter.title}")
        while title in used:
            title = exports.sheet_title(f"{title[:28]}-{number}")
        used.add(title)
        sheet = exports.new_sheet(workbook, title)
        exports.append_row(sheet, [chapter.title], bold=True)
        for text in chapter.missing:
            exports.append_row(sheet, [_("Missing: %(text)s") % {"text": text}])
        exports.append_row(sheet, [])
        for block in chapter.blocks:
            if isinstance(block, Table):
                _write_table(sheet, block)
            elif isinstance(block, Chart):
                _write_table(sheet, block.table)
            elif isinstance(block, Text):
                exports.append_row(sheet, [block.title], bold=True)
                exports.append_row(sheet, [block.body or block.empty])
                exports.append_row(sheet, [])
    return exports.workbook_bytes(workbook)


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
