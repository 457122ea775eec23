import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from customerlog.models import LogEntry
from customers.models import Customer
from ekonomi import access
from ekonomi.forms import MonthField


class MonthFilter(django_filters.Filter):
    field_class = MonthField

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(date__gte=value.start, date__lt=value.end)


def scoped_customers(request):
    return access.scope(Customer.objects.all(), request.user, "pk")


class LogEntryFilter(django_filters.FilterSet):
    month = MonthFilter(label=_("Month (YYYY-MM)"))
    customer = django_filters.ModelChoiceFilter(
        label=_("Customer"), queryset=scoped_customers, empty_label=_("All")
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
