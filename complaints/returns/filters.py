import django_filters
from django.utils.translation import gettext_lazy as _

from complaints.filters import PeriodFilter
from complaints.models import ReturnedDocument, ReturnReason
from customers.models import Process, Unit
from customers.selectors import customer_choices


class ReturnedDocumentFilter(django_filters.FilterSet):
    period = PeriodFilter(field_name="returned_on", label=_("Period (2012-03, 2012-T2 or 2012)"))
    customer = django_filters.ModelChoiceFilter(
        label=_("Customer"), queryset=customer_choices, empty_label=_("All")
    )
    process = django_filters.ModelChoiceFilter(
        label=_("Process"), queryset=Process.objects.all(), empty_label=_("All")
    )
    reason = django_filters.ModelChoiceFilter(
        label=_("Reason"), queryset=ReturnReason.objects.all(), empty_label=_("All")
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), queryset=Unit.objects.all(), empty_label=_("All")
    )

    class Meta:
        model = ReturnedDocument
        fields = ["period", "customer", "process", "reason", "unit"]
