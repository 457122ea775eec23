from django import forms
from django.utils.translation import gettext_lazy as _

from customers.models import Unit
from ekonomi.forms import MonthField

ANSWERED_OVER = _("There cannot be more answered calls than calls offered.")


class PhoneUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File from the phone system"),
        help_text=_("CSV (separated by semicolon, comma or tab) or Excel (.xlsx)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )


class PhoneMonthForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), empty_label=None)
    month = MonthField(label=_("Month"), help_text=_("Like 2012-03."))
    offered = forms.IntegerField(label=_("Calls offered"), min_value=0)
    answered = forms.IntegerField(label=_("Answered"), min_value=0)
    abandoned = forms.IntegerField(label=_("Abandoned"), min_value=0)
    average_wait = forms.IntegerField(label=_("Average wait (s)"), min_value=0)
    longest_wait = forms.IntegerField(label=_("Longest wait (s)"), min_value=0)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean(self):
        data = super().clean()
        offered = data.get("offered")
        if offered is not None and (data.get("answered") or 0) > offered:
            self.add_error("answered", ANSWERED_OVER)
        if offered is not None and (data.get("abandoned") or 0) > offered:
            self.add_error(
                "abandoned", _("There cannot be more abandoned calls than calls offered.")
            )
        return data


class TestCallForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Group number called"), queryset=Unit.objects.exclude(phone=""), empty_label=None
    )
    called_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    answered = forms.TypedChoiceField(
        label=_("Answered"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    wait_seconds = forms.IntegerField(
        label=_("Answered after (seconds)"), min_value=0, required=False
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].label_from_instance = lambda unit: f"{unit.phone} ({unit.name})"

    def clean(self):
        data = super().clean()
        if data.get("answered") and data.get("wait_seconds") is None:
            self.add_error("wait_seconds", _("Give how many seconds it took to answer."))
        return data
