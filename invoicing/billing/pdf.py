"""The invoice specification as PDF, the document a customer administration receives."""

from django.conf import settings
from django.utils.translation import gettext as _

from ekonomi.pdf import render_pdf
from invoicing.billing import selectors
from invoicing.billing.models import Invoice


def _sections(lines):
    regular = [line for line in lines if not line.is_adjustment]
    adjustments = [line for line in lines if line.is_adjustment]
    sections = [(_("Lines"), regular)] if regular else []
    if adjustments:
        sections.append((_("Adjustments for earlier months: late volumes"), adjustments))
    return sections


def invoice_pdf(*, invoice: Invoice) -> bytes:
    lines = list(selectors.invoice_lines(invoice=invoice))
    return render_pdf(
        "invoicing/invoice_pdf.html",
        {
            "invoice": invoice,
            "organisation_name": settings.ORGANISATION_NAME,
            "sections": _sections(lines),
        },
    )


def file_name(invoice: Invoice) -> str:
    return f"specifikation-{invoice.number}-{invoice.customer.code}.pdf"
