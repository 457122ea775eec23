"""Periods read from a URL or a query string, the same way on every page."""

from django.http import Http404
from django.utils import timezone

from ekonomi.periods import Month, Tertial


def month_or_404(text: str) -> Month:
    try:
        month = Month.parse(text)
        # Pages link to the months on either side; both must exist.
        month.previous(), month.next()
    except ValueError:
        raise Http404 from None
    return month


def tertial_or_404(text: str) -> Tertial:
    try:
        return Tertial.parse(text)
    except ValueError:
        raise Http404 from None


def year_from(request, years: list[int], *, param: str = "ar") -> int:
    """The year asked for in `?ar=`, else the newest of `years`, else this year."""
    try:
        return int(request.GET.get(param) or (years[0] if years else timezone.localdate().year))
    except ValueError:
        raise Http404 from None
