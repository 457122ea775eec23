from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.definitions import Direction


class TargetForm(forms.Form):
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    value = forms.DecimalField(
        label=_("Target"),
        max_digits=9,
        decimal_places=1,
        required=False,
        localize=True,
        help_text=_("Leave empty for “above last year”."),
    )

    def clean(self):
        data = super().clean()
        if data.get("direction") != Direction.RISE and data.get("value") is None:
            self.add_error("value", _("Give the target value."))
        return data
