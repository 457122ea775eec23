"""Form fields that every app's forms and filters share."""

from django import forms

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
