import django_filters
from django.utils.translation import gettext_lazy as _

from customers.agreements.selectors import agreement_years
from customers.models import Customer, ServiceAgreement, Unit


def _year_choices():
    return [(year, year) for year in agreement_years()]


class AgreementFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(label=_("Year"), choices=_year_choices, empty_label=_("All"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ServiceAgreement.Status.choices, empty_label=_("All")
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Customer manager unit"),
        field_name="customer__manager_unit",
        queryset=Unit.objects.all(),
        empty_label=_("All"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        field_name="customer__kind",
        choices=Customer.Kind.choices,
        empty_label=_("All"),
    )

    class Meta:
        model = ServiceAgreement
        fields = ["year", "status", "unit", "kind"]
