"""Form fields that every app's forms and filters share."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ekonomi.periods import Month


class MonthField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return Month.parse(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class HistoryFilterForm(forms.Form):
    """Who changed, and between which days; `filters()` is what ekonomi.history takes."""

    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.order_by("first_name", "last_name", "username"),
        required=False,
        label=_("Changed by"),
        empty_label=_("Everyone"),
    )
    date_from = forms.DateField(required=False, label=_("From (YYYY-MM-DD)"))
    date_to = forms.DateField(required=False, label=_("To (YYYY-MM-DD)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].label_from_instance = lambda user: user.get_full_name() or user.username

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value is not None}


class RecentChangesFilterForm(HistoryFilterForm):
    model = forms.ChoiceField(required=False, label=_("Kind of record"))

    field_order = ["model", "user", "date_from", "date_to"]

    def __init__(self, *args, models, **kwargs):
        super().__init__(*args, **kwargs)
        self.models = {model._meta.label_lower: model for model in models}
        self.fields["model"].choices = [("", _("All kinds"))] + [
            (label, str(model._meta.verbose_name_plural).capitalize())
            for label, model in self.models.items()
        ]

    def filters(self) -> dict:
        filters = super().filters()
        label = filters.pop("model", "")
        if label:
            filters["model"] = self.models[label]
        return filters
