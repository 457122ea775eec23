from decimal import Decimal

import django_tables2 as tables
from django.db.models import Sum
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ekonomi.lists import NUMERIC, HistoryColumn
from ekonomi.periods import Month
from invoicing.timereport.models import TimeEntry


def hours_text(value):
    return number_format(value, decimal_pos=2, force_grouping=True)


def _person_name(first, last, username):
    return f"{first} {last}".strip() or username


def _entries_total(table):
    return hours_text(table.data.data.aggregate(total=Sum("hours"))["total"] or Decimal(0))


class TimeEntryTable(tables.Table):
    caption = _("Reported hours")
    date = tables.Column(order_by=("date", "person__username"))
    person = tables.Column(order_by=("person__first_name", "person__last_name", "date"))
    customer = tables.Column(
        accessor="customer__code", verbose_name=_("Customer"), order_by=("customer__code", "date")
    )
    service = tables.Column(order_by=("service__code", "date"))
    hours = tables.Column(attrs=NUMERIC, footer=_entries_total, order_by=("hours", "date"))
    comment = tables.Column(orderable=False)
    source = tables.Column(order_by=("source", "date"))
    edit = tables.Column(
        verbose_name=_("Edit"), orderable=False, exclude_from_export=True, empty_values=()
    )
    history = HistoryColumn()

    class Meta:
        model = TimeEntry
        fields = ["date", "person", "customer", "service", "hours", "comment", "source"]
        order_by = "-date"
        empty_text = _("No hours match the filter.")

    def __init__(self, *args, may_edit=None, **kwargs):
        # may_edit(entry) -> bool; without it the edit column is left out.
        self.may_edit = may_edit
        if may_edit is None:
            kwargs["exclude"] = ("edit",)
        super().__init__(*args, **kwargs)

    def render_person(self, value):
        return value.get_full_name() or value.username

    def render_hours(self, value):
        return hours_text(value)

    def value_hours(self, value):
        return value

    def render_edit(self, record):
        if not self.may_edit(record):
            return ""
        url = reverse("invoicing:time_edit", args=[record.pk])
        return format_html('<a href="{}">{}</a>', url, _("Edit"))


def _summary_total(table):
    return hours_text(sum((row["hours"] for row in table.data), Decimal(0)))


class TimeSummaryTable(tables.Table):
    """Hours per month; the grouping columns that the summary does not use are excluded."""

    caption = _("Hours per month")

    month = tables.Column(verbose_name=_("Month"))
    customer = tables.Column(accessor="customer__code", verbose_name=_("Customer"))
    customer_name = tables.Column(accessor="customer__name", verbose_name=_("Name"))
    person = tables.Column(
        accessor="person__username",
        verbose_name=_("Person"),
        order_by=("person__first_name", "person__last_name"),
    )
    service = tables.Column(accessor="service__code", verbose_name=_("Service"))
    service_name = tables.Column(accessor="service__name", verbose_name=_("Service name"))
    hours = tables.Column(verbose_name=_("Hours"), attrs=NUMERIC, footer=_summary_total)

    class Meta:
        empty_text = _("No hours match the filter.")

    def render_month(self, value):
        return str(Month.from_date(value))

    def value_month(self, value):
        return str(Month.from_date(value))

    def render_person(self, record):
        return _person_name(
            record["person__first_name"], record["person__last_name"], record["person__username"]
        )

    def value_person(self, record):
        return self.render_person(record)

    def render_hours(self, value):
        return hours_text(value)

    def value_hours(self, value):
        return value
