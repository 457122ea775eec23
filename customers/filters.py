import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from customers.models import Customer, Unit


class CustomerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search code or name"), method="search")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Customer.Kind.choices, empty_label=_("All")
    )
    manager_unit = django_filters.ModelChoiceFilter(
        label=_("Customer manager unit"), queryset=Unit.objects.all(), empty_label=_("All")
    )
    is_active = django_filters.BooleanFilter(
        label=_("Active"),
        widget=forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))]),
    )

    class Meta:
        model = Customer
        fields = ["q", "kind", "manager_unit", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value))
