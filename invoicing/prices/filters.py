import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from customers.models import Service
from invoicing.prices.models import PriceItem, PriceList


class PriceListFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Year"))

    class Meta:
        model = PriceList
        fields = ["year"]


class PriceItemFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search code or name"), method="search")
    service = django_filters.ModelChoiceFilter(
        label=_("Service"), queryset=Service.objects.all(), empty_label=_("All")
    )
    unit = django_filters.ChoiceFilter(
        label=_("Unit"), choices=PriceItem.Unit.choices, empty_label=_("All")
    )

    class Meta:
        model = PriceItem
        fields = ["q", "service", "unit"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value))
