from django import forms

from indicators.fields import PERCENT_VALIDATORS


class SickLeaveForm(forms.Form):
    """One percentage per month of the year; an empty month has no figure."""

    def __init__(self, *args, months, **kwargs):
        super().__init__(*args, **kwargs)
        self.months = months
        for month in months:
            self.fields[str(month)] = forms.DecimalField(
                label=month.label.capitalize(),
                required=False,
                max_digits=5,
                decimal_places=2,
                localize=True,
                validators=PERCENT_VALIDATORS,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
            )

    def values(self):
        return {month: self.cleaned_data[str(month)] for month in self.months}
