"""Every file the system hands out leaves through `file_response`.

The Content-Disposition header comes from Django's `content_disposition_header`, which writes
the RFC 6266 `filename*` form for names with å, ä and ö; a hand-built header gets them wrong
in some browsers. The files are made in memory, so a plain response serves them.
"""

from django.http import HttpResponse
from django.utils.http import content_disposition_header

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"


def file_response(
    content: bytes, *, filename: str, content_type: str, inline: bool = False
) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=not inline, filename=filename
    )
    return response
