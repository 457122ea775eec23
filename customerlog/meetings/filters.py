import django_filters
from django.utils.translation import gettext_lazy as _

from customerlog.models import Meeting
from customers.selectors import customer_choices


class MeetingFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="date", lookup_expr="year", label=_("Year"))
    customer = django_filters.ModelChoiceFilter(
        label=_("Customer"), queryset=customer_choices, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Meeting.Status.choices, empty_label=_("All")
    )

    class Meta:
        model = Meeting
        fields = ["year", "customer", "status"]
