from django import forms
from django.utils.translation import gettext_lazy as _

from customers.models import Process, Unit
from ekonomi.forms import MonthField
from indicators.forecast.selectors import PROCESS_INDICATOR


class VolumePlanForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), empty_label=None)
    process = forms.ModelChoiceField(
        label=_("Process"),
        queryset=Process.objects.filter(code__in=list(PROCESS_INDICATOR)),
        empty_label=None,
    )
    month = MonthField(label=_("Month"), help_text=_("Like 2013-03."))
    volume = forms.IntegerField(label=_("Planned invoices"), min_value=0)
    comment = forms.CharField(label=_("Comment"), max_length=300, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
