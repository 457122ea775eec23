"""Every list page works the same way: filter, sort, page, and export what is shown."""

from django.shortcuts import render
from django_tables2 import RequestConfig

from ekonomi import exports

PER_PAGE = 25
# Attributes of a column of numbers: right-aligned in its header, cells and footer.
NUMERIC = {"td": {"class": "num"}, "th": {"class": "num"}, "tf": {"class": "num"}}


def table_page(
    request, *, queryset, filterset_class, table_class, template, export_name, **context
):
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request)
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    table = table_class(rows)
    fmt = request.GET.get("export")
    if fmt in exports.FORMATS:
        # The export follows the filter and the sort order, but not the paging.
        RequestConfig(request, paginate=False).configure(table)
        return exports.table_response(table, name=export_name, fmt=fmt)
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    return render(request, template, {"filter": filterset, "table": table, **context})
