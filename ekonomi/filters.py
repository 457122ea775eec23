"""Filters that lists of several apps share (django-filter)."""

import django_filters

from ekonomi.forms import MonthField


class MonthFilter(django_filters.Filter):
    """One month (YYYY-MM) of a date field, as the half-open range of its days; with `method`,
    the filter set decides what the month means."""

    field_class = MonthField

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(
            **{f"{self.field_name}__gte": value.start, f"{self.field_name}__lt": value.end}
        )
