"""The compilations as PDF and workbook, through the shared PDF helper and exporter."""

from django.conf import settings

from complaints.compilation.sections import sheet_rows
from ekonomi import exports
from ekonomi.pdf import render_pdf


def compilation_pdf(*, title, subtitle, sections) -> bytes:
    return render_pdf(
        "complaints/compilation_pdf.html",
        {
            "title": title,
            "subtitle": subtitle,
            "sections": sections,
            "organisation_name": settings.ORGANISATION_NAME,
        },
    )


def compilation_xlsx(*, title, sections) -> bytes:
    headers, rows = sheet_rows(title, sections)
    return exports.write_xlsx(headers, rows, title)
