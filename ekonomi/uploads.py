"""Uploads are refused while they stream in, not after they have filled the disk.

LimitedUploadHandler runs first among FILE_UPLOAD_HANDLERS. It stops an upload:
- from someone not logged in, at the first file part, before a byte of it is stored (Django's
  CSRF middleware parses the body before LoginRequiredMiddleware runs; the small fields before
  the file are read, so the CSRF check and then the login redirect happen as usual);
- whose declared Content-Length exceeds the view's limit, at the first file part, without reading
  the rest of the body;
- whose file grows past the limit, at the chunk that crosses it; the temporary file is deleted.

The connection is then reset rather than the rest of the body read, so a 5 GB upload costs
nothing. The view runs with the file missing and `upload_refusal(request)` says why:

    @upload_limit("VOLUME_IMPORT_MAX_BYTES")      # a setting's name, or bytes
    @access.allow(RULE)
    def volume_upload(request):
        form = UploadForm(request.POST or None, request.FILES or None)
        if refusal := upload_refusal(request):
            refuse_file(form, refusal)

A view without @upload_limit gets UPLOAD_MAX_BYTES.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Room for the form's other fields and the multipart boundaries on top of the file.
FORM_OVERHEAD_BYTES = 64 * 1024


def upload_limit(limit):
    """Set a view's upload limit: bytes, or the name of a setting read at each request."""

    def decorator(view):
        view.upload_limit = limit
        return view

    return decorator


def upload_refusal(request):
    """Why the upload of this request was stopped, or None."""
    return getattr(request, "upload_refusal", None)


def refuse_file(form, refusal):
    """Give the form's file field why the upload was stopped as its one error: the file never
    arrived, and "this field is required" beside the reason would only confuse."""
    form.is_valid()
    form.errors["file"] = form.error_class([refusal])


def limit_for(request):
    match = getattr(request, "resolver_match", None)
    view = match.func if match else None
    limit = getattr(view, "upload_limit", None)
    if limit is None:
        # A class-based view may declare it as a class attribute.
        limit = getattr(getattr(view, "view_class", None), "upload_limit", None)
    if isinstance(limit, str):
        limit = getattr(settings, limit)
    return settings.UPLOAD_MAX_BYTES if limit is None else limit


class LimitedUploadHandler(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.limit = limit_for(self.request)
        self.content_length = content_length
        return None

    def new_file(self, *args, **kwargs):
        user = getattr(self.request, "user", None)
        if user is None or not user.is_authenticated:
            self._stop(None)
        if self.content_length > self.limit + FORM_OVERHEAD_BYTES:
            self._stop(self._too_large())
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self._stop(self._too_large())
        return raw_data

    def file_complete(self, file_size):
        return None

    def _too_large(self):
        return _("The file is too large: at most %(limit)s can be uploaded here.") % {
            "limit": filesizeformat(self.limit)
        }

    def _stop(self, refusal):
        self.request.upload_refusal = refusal
        raise StopUpload(connection_reset=True)
