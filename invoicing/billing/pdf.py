"""The invoice specification as PDF, the document a customer administration receives.

Everything on it comes from the issued document itself (its copy of the customer and of the
price items' names), so the PDF of an issued invoice never changes.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from ekonomi.pdf import render_pdf
from invoicing.billing import selectors
from invoicing.billing.models import Invoice

# What the customer reads on a credit note about the month it credits.
SETTLEMENT_TEXT = {
    Invoice.Settlement.REISSUE: lambda: _("The month is billed again on a new invoice."),
    Invoice.Settlement.LATER: lambda: _("The month will be billed again on a new invoice."),
    Invoice.Settlement.WAIVE: lambda: _("The month is not billed again."),
    Invoice.Settlement.PARTIAL: lambda: _("The credited quantities are not billed again."),
}


def _sections(lines):
    regular = [line for line in lines if not line.is_adjustment]
    adjustments = [line for line in lines if line.is_adjustment]
    sections = [(_("Lines"), regular)] if regular else []
    if adjustments:
        sections.append((_("Adjustments for earlier months: late volumes and hours"), adjustments))
    return sections


def invoice_pdf(*, invoice: Invoice) -> bytes:
    lines = list(selectors.invoice_lines(invoice=invoice))
    text = SETTLEMENT_TEXT.get(invoice.settlement)
    return render_pdf(
        "invoicing/invoice_pdf.html",
        {
            "invoice": invoice,
            "organisation_name": settings.ORGANISATION_NAME,
            "sections": _sections(lines),
            "settlement_text": text() if text else "",
        },
    )


def file_name(invoice: Invoice) -> str:
    return f"specifikation-{invoice.number}-{invoice.customer_code}.pdf"
