import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from customers.selectors import customer_choices
from ekonomi.filters import MonthFilter
from invoicing.billing.models import Invoice


class InvoiceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search number or customer"), method="search")
    year = django_filters.NumberFilter(label=_("Series"))
    month = MonthFilter(field_name="month", label=_("Month (YYYY-MM)"))
    customer = django_filters.ModelChoiceFilter(
        label=_("Customer"), queryset=customer_choices, empty_label=_("All")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Invoice.Kind.choices, empty_label=_("All")
    )

    class Meta:
        model = Invoice
        fields = ["q", "year", "month", "customer", "kind"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(number__icontains=value)
            | Q(customer_code__icontains=value)
            | Q(customer_name__icontains=value)
            | Q(customer__name__icontains=value)
        )
