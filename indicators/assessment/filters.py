import django_filters
from django.utils.translation import gettext_lazy as _

from indicators.assessment.models import PrioritisedAction, QualityArea


class ActionFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Year"))
    number = django_filters.ChoiceFilter(
        label=_("Tertial"), choices=[(n, f"T{n}") for n in (1, 2, 3)], empty_label=_("All")
    )
    area = django_filters.ChoiceFilter(
        label=_("Quality area"), choices=QualityArea.choices, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=PrioritisedAction.Status.choices, empty_label=_("All")
    )

    class Meta:
        model = PrioritisedAction
        fields = ["year", "number", "area", "status"]
