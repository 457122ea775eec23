import django_filters
from django.utils.translation import gettext_lazy as _

from customers.models import Service, User
from customers.selectors import customer_choices
from ekonomi.access import Role
from ekonomi.filters import MonthFilter
from invoicing.timereport.models import TimeEntry


class PersonChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class PersonFilter(django_filters.ModelChoiceFilter):
    field_class = PersonChoiceField


class TimeEntryFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="date", lookup_expr="year", label=_("Year"))
    month = MonthFilter(field_name="date", label=_("Month (YYYY-MM)"))
    customer = django_filters.ModelChoiceFilter(
        label=_("Customer"), queryset=customer_choices, empty_label=_("All")
    )
    person = PersonFilter(
        label=_("Person"),
        queryset=User.objects.filter(role__in=Role.unit_roles()).order_by(
            "first_name", "last_name", "username"
        ),
        empty_label=_("All"),
    )
    service = django_filters.ModelChoiceFilter(
        label=_("Service"),
        queryset=Service.objects.filter(is_mandatory=False),
        empty_label=_("All"),
    )

    class Meta:
        model = TimeEntry
        fields = ["year", "month", "customer", "person", "service"]


class TimeListFilter(TimeEntryFilter):
    source = django_filters.ChoiceFilter(
        label=_("Source"), choices=TimeEntry.Source.choices, empty_label=_("All")
    )

    class Meta(TimeEntryFilter.Meta):
        fields = [*TimeEntryFilter.Meta.fields, "source"]


class Grouping:
    """How the summary groups its months; the value is read by the view, not filtered on."""

    CHOICES = [
        ("customer", _("Customer and month")),
        ("person", _("Person and month")),
        ("service", _("Customer, service and month")),
        ("month", _("Month")),
    ]
    GROUPS = {
        "customer": ["customer"],
        "person": ["person"],
        "service": ["customer", "service"],
        "month": [],
    }
    DEFAULT = "customer"

    @classmethod
    def of(cls, request):
        value = request.GET.get("group")
        return value if value in cls.GROUPS else cls.DEFAULT


class TimeSummaryFilter(TimeEntryFilter):
    group = django_filters.ChoiceFilter(
        label=_("Group by"), choices=Grouping.CHOICES, empty_label=None, method="keep"
    )

    class Meta(TimeEntryFilter.Meta):
        fields = ["group", *TimeEntryFilter.Meta.fields]

    def keep(self, queryset, name, value):
        return queryset


class TimeCustomerFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="date", lookup_expr="year", label=_("Year"))
    service = django_filters.ModelChoiceFilter(
        label=_("Service"),
        queryset=Service.objects.filter(is_mandatory=False),
        empty_label=_("All"),
    )

    class Meta:
        model = TimeEntry
        fields = ["year", "service"]
