from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.fields import PERCENT_VALIDATORS
from indicators.surveys.services import COUNT_MISSING


def _percent(label):
    return forms.DecimalField(
        label=label, max_digits=5, decimal_places=2, localize=True, validators=PERCENT_VALIDATORS
    )


class SurveyResultForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    question = forms.CharField(label=_("Question"), max_length=200)
    position = forms.IntegerField(label=_("Order"), min_value=0, initial=0)
    satisfied = _percent(_("Satisfied (%)"))
    # Not required here, so that a missing count gets its own message rather than the generic one.
    answers = forms.IntegerField(label=_("Number of answers"), min_value=1, required=False)
    is_overall = forms.BooleanField(
        label=_("Overall question"),
        required=False,
        help_text=_("Its share is the indicator “satisfied customers”."),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("satisfied") is not None
            and not data.get("answers")
            and not self.has_error("answers")
        ):
            self.add_error("answers", COUNT_MISSING)
        return data


class EmployeeSurveyForm(forms.Form):
    nmi = _percent(_("NMI (0-100)"))
    answers = forms.IntegerField(label=_("Number of answers"), min_value=1, required=False)
