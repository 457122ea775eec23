"""Views for the upload-handler tests: each reports what it received."""

from django.http import HttpResponse
from django.urls import path

from ekonomi.uploads import upload_limit, upload_refusal


def _report(request):
    if refusal := upload_refusal(request):
        return HttpResponse(f"refused: {refusal}", status=400)
    upload = request.FILES.get("file")
    if upload is None:
        return HttpResponse("no file", status=400)
    return HttpResponse(f"stored {upload.size} bytes")


@upload_limit(100)
def small(request):
    return _report(request)


@upload_limit("VOLUME_IMPORT_MAX_BYTES")
def by_setting(request):
    return _report(request)


def by_default(request):
    return _report(request)


urlpatterns = [
    path("small/", small),
    path("by-setting/", by_setting),
    path("by-default/", by_default),
    path("login/", by_default, name="login"),
]
