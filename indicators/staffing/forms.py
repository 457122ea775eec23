from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from customers.models import Process, Unit
from ekonomi.forms import MonthField
from indicators.staffing.models import Employee, FteAdjustment, ProcessShare
from indicators.staffing.services import check_shares

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EmployeeForm(forms.ModelForm):
    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = None

    class Meta:
        model = Employee
        fields = ["name", "unit", "employment_rate", "start", "end"]
        localized_fields = ["employment_rate"]
        widgets = {"start": DATE_WIDGET, "end": DATE_WIDGET}


class BaseShareFormSet(forms.BaseInlineFormSet):
    def shares(self):
        return [
            (form.cleaned_data["process"], form.cleaned_data["share"])
            for form in self.forms
            if form.cleaned_data.get("process") and not form.cleaned_data.get("DELETE")
        ]

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        try:
            check_shares(self.shares())
        except ValidationError as error:
            raise ValidationError(error.messages) from None


ShareFormSet = forms.inlineformset_factory(
    Employee,
    ProcessShare,
    formset=BaseShareFormSet,
    fields=["process", "share"],
    localized_fields=["share"],
    extra=3,
    can_delete=True,
)


class FteAdjustmentForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), empty_label=None)
    process = forms.ModelChoiceField(label=_("Process"), queryset=Process.objects.all())
    month = MonthField(label=_("Month"), help_text=_("Like 2012-07."))
    kind = forms.ChoiceField(label=_("Kind"), choices=FteAdjustment.Kind.choices)
    fte = forms.DecimalField(
        label=_("FTE (+/-)"),
        max_digits=7,
        decimal_places=2,
        localize=True,
        help_text=_("Negative for absence, positive for extra staff."),
    )
    comment = forms.CharField(label=_("Comment"), max_length=300)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
