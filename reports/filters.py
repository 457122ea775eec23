import django_filters
from django.utils.translation import gettext_lazy as _

from customers.selectors import customer_choices
from reports.models import Kind, Report


class ReportFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Report"), choices=Kind.choices)
    period = django_filters.CharFilter(
        label=_("Period (2012, 2012-03 or 2012-T2)"), lookup_expr="startswith"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Report.Status.choices)
    customer = django_filters.ModelChoiceFilter(
        label=_("Customer"), queryset=customer_choices, null_label=_("Whole report")
    )

    class Meta:
        model = Report
        fields = ["kind", "period", "status", "customer"]
