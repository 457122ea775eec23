"""Every list page works the same way: filter, sort, page, and export what is shown."""

import django_tables2 as tables
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_tables2 import RequestConfig

from ekonomi import access, exports, history

PER_PAGE = 25
# Attributes of a column of numbers: right-aligned in its header, cells and footer.
NUMERIC = {"td": {"class": "num"}, "th": {"class": "num"}, "tf": {"class": "num"}}


class HistoryColumn(tables.Column):
    """A link to each row's audit trail; `table_page` hides it from those who may not read it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", _("History"))
        super().__init__(empty_values=(), orderable=False, exclude_from_export=True, **kwargs)

    def render(self, record):
        return format_html(
            '<a href="{}">{}<span class="visually-hidden"> {}</span></a>',
            history.history_url(record),
            _("History"),
            record,
        )


def table_page(
    request, *, queryset, filterset_class, table_class, template, export_name, **context
):
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request)
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    table = table_class(rows)
    if "history" in table.columns and not access.HISTORY.permits(request.user):
        table.columns.hide("history")
    fmt = request.GET.get("export")
    if fmt in exports.FORMATS:
        # The export follows the filter and the sort order, but not the paging.
        RequestConfig(request, paginate=False).configure(table)
        return exports.table_response(table, name=export_name, fmt=fmt)
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    return render(request, template, {"filter": filterset, "table": table, **context})
