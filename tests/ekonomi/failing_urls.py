"""The project's URLs plus one view that fails, for the server-error page test."""

from django.urls import path

from ekonomi import access
from ekonomi.urls import handler400, handler403, handler404, handler500, urlpatterns


@access.public
def failing(request):
    raise RuntimeError("a bug")


urlpatterns = [*urlpatterns, path("fel/", failing)]
__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
