import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.models import Complaint
from customers.models import Process, Unit
from customers.selectors import customer_choices
from ekonomi import periods


class PeriodField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return periods.parse(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class PeriodFilter(django_filters.Filter):
    """A month (2012-03), a tertial (2012-T2) or a year (2012) on one date field."""

    field_class = PeriodField

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(
            **{f"{self.field_name}__gte": value.start, f"{self.field_name}__lt": value.end}
        )


YES_NO = [("", _("All")), ("true", _("Yes")), ("false", _("No"))]


class ComplaintFilter(django_filters.FilterSet):
    period = PeriodFilter(field_name="received_on", label=_("Period (2012-03, 2012-T2 or 2012)"))
    customer = django_filters.ModelChoiceFilter(
        label=_("Customer"), queryset=customer_choices, empty_label=_("All")
    )
    process = django_filters.ModelChoiceFilter(
        label=_("Process"), queryset=Process.objects.all(), empty_label=_("All")
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), queryset=Unit.objects.all(), empty_label=_("All")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Complaint.Kind.choices, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Complaint.Status.choices, empty_label=_("All")
    )
    own_error = django_filters.BooleanFilter(
        label=_("Our own error"), widget=forms.Select(choices=YES_NO)
    )
    overdue = django_filters.BooleanFilter(
        label=_("Answer overdue"), method="filter_overdue", widget=forms.Select(choices=YES_NO)
    )

    class Meta:
        model = Complaint
        fields = ["period", "customer", "process", "unit", "kind", "status", "own_error"]

    def filter_overdue(self, queryset, name, value):
        overdue = Q(answered_on__isnull=True, answer_due__lt=timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)
