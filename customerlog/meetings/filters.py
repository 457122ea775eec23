import django_filters
from django.utils.translation import gettext_lazy as _

from customerlog.filters import scoped_customers
from customerlog.models import Meeting


class MeetingFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="date", lookup_expr="year", label=_("Year"))
    customer = django_filters.ModelChoiceFilter(
        label=_("Customer"), queryset=scoped_customers, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Meeting.Status.choices, empty_label=_("All")
    )

    class Meta:
        model = Meeting
        fields = ["year", "customer", "status"]
