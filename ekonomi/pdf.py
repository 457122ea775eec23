"""Every PDF the system produces is a Django template rendered by WeasyPrint."""

from django.template.loader import render_to_string


def render_pdf(template_name, context) -> bytes:
    # Imported here: WeasyPrint parses its own stylesheets on import, half a second that every
    # web process and worker would otherwise spend at start-up.
    from weasyprint import HTML

    return HTML(string=render_to_string(template_name, context)).write_pdf()


def render_pdf_pages(template_name, context) -> tuple[bytes, int]:
    """The PDF and its number of pages, from one layout (a report records its page count)."""
    from weasyprint import HTML

    document = HTML(string=render_to_string(template_name, context)).render()
    return document.write_pdf(), len(document.pages)
