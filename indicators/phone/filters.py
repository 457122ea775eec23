import django_filters
from django.utils.translation import gettext_lazy as _

from customers.models import Unit
from ekonomi.filters import MonthFilter
from indicators.phone.models import TestCall


class TestCallFilter(django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), queryset=Unit.objects.all(), empty_label=_("All")
    )
    month = MonthFilter(
        field_name="called_at__date", label=_("Month"), help_text=_("Like 2012-03.")
    )
    answered = django_filters.BooleanFilter(label=_("Answered"))

    class Meta:
        model = TestCall
        fields = ["unit", "month", "answered"]
