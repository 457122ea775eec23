import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from customers.models import Process, Unit
from indicators.staffing.models import Employee


class EmployeeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search name"), field_name="name", lookup_expr="icontains"
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), queryset=Unit.objects.all(), empty_label=_("All")
    )
    process = django_filters.ModelChoiceFilter(
        label=_("Process"),
        queryset=Process.objects.all(),
        empty_label=_("All"),
        field_name="shares__process",
        distinct=True,
    )
    employed_on = django_filters.DateFilter(
        label=_("Employed on"), method="employed", widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Employee
        fields = ["q", "unit", "process", "employed_on"]

    def employed(self, queryset, name, value):
        return queryset.filter(Q(start__lte=value) & (Q(end__isnull=True) | Q(end__gte=value)))
