import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from customers.models import Customer
from ekonomi import access
from ekonomi.forms import MonthField
from invoicing.billing.models import Invoice


class InvoiceMonthFilter(django_filters.Filter):
    field_class = MonthField

    def filter(self, qs, value):
        return qs if not value else qs.filter(month=value.start)


def _customers(request):
    return access.scope(Customer.objects.all(), request.user, "pk")


class InvoiceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search number or customer"), method="search")
    year = django_filters.NumberFilter(label=_("Series"))
    month = InvoiceMonthFilter(label=_("Month (YYYY-MM)"))
    customer = django_filters.ModelChoiceFilter(
        label=_("Customer"), queryset=_customers, empty_label=_("All")
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
