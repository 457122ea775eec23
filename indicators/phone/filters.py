import django_filters
from django.utils.translation import gettext_lazy as _

from customers.models import Unit
from ekonomi.forms import MonthField
from indicators.phone.models import TestCall


class MonthFilter(django_filters.Filter):
    field_class = MonthField

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(called_at__date__gte=value.start, called_at__date__lt=value.end)


class TestCallFilter(django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), queryset=Unit.objects.all(), empty_label=_("All")
    )
    month = MonthFilter(label=_("Month"), help_text=_("Like 2012-03."))
    answered = django_filters.BooleanFilter(label=_("Answered"))

    class Meta:
        model = TestCall
        fields = ["unit", "month", "answered"]
