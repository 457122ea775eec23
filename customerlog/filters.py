import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from customerlog.models import LogEntry
from customers.selectors import customer_choices
from ekonomi.filters import MonthFilter


class LogEntryFilter(django_filters.FilterSet):
    month = MonthFilter(field_name="date", label=_("Month (YYYY-MM)"))
    customer = django_filters.ModelChoiceFilter(
        label=_("Customer"), queryset=customer_choices, empty_label=_("All")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=LogEntry.Kind.choices, empty_label=_("All")
    )
    follow_up = django_filters.BooleanFilter(
        label=_("Open follow-up"),
        method="filter_follow_up",
        widget=forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))]),
    )

    class Meta:
        model = LogEntry
        fields = ["month", "customer", "kind"]

    def filter_follow_up(self, queryset, name, value):
        open_ = {"follow_up_on__isnull": False, "follow_up_done_on__isnull": True}
        return queryset.filter(**open_) if value else queryset.exclude(**open_)
