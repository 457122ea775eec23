import django_filters
from django.utils.translation import gettext_lazy as _

from customers.selectors import customer_choices
from ekonomi.filters import MonthFilter
from invoicing.volumes.models import VolumeImport


class _MonthRangeFilter(django_filters.FilterSet):
    """From and to a month (YYYY-MM), both included."""

    month_from = MonthFilter(label=_("From month (YYYY-MM)"), method="since")
    month_to = MonthFilter(label=_("To month (YYYY-MM)"), method="until")

    def since(self, queryset, name, value):
        return queryset.filter(month__gte=value.start)

    def until(self, queryset, name, value):
        return queryset.filter(month__lte=value.start)


class MonthlyVolumeFilter(_MonthRangeFilter):
    customer = django_filters.ModelChoiceFilter(
        label=_("Customer"), queryset=customer_choices, empty_label=_("All")
    )
    price_item = django_filters.CharFilter(
        label=_("Price item code"), field_name="price_item__code", lookup_expr="iexact"
    )


class VolumeDocumentFilter(MonthlyVolumeFilter):
    external_id = django_filters.CharFilter(label=_("Verification"), lookup_expr="iexact")
    volume_import = django_filters.NumberFilter(label=_("Import number"))


class VolumeImportFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=VolumeImport.Status.choices, empty_label=_("All")
    )
    shape = django_filters.ChoiceFilter(
        label=_("File shape"), choices=VolumeImport.Shape.choices, empty_label=_("All")
    )
    file_name = django_filters.CharFilter(label=_("File name contains"), lookup_expr="icontains")
