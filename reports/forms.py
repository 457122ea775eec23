from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from customers.models import Customer
from ekonomi.periods import Month, Tertial
from reports.models import Commentary, Kind
from reports.services import DRAFT, FINAL


class MakeForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Report"), choices=Kind.choices)
    period = forms.CharField(
        label=gettext_lazy("Period (2012-03 or 2012-T2)"),
        max_length=7,
    )
    customer = forms.ModelChoiceField(
        label=gettext_lazy("Customer (empty: the whole report)"),
        queryset=Customer.objects.order_by("code"),
        required=False,
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("Version"),
        choices=[(DRAFT, gettext_lazy("Draft")), (FINAL, gettext_lazy("Final (a new version)"))],
        initial=DRAFT,
    )

    def clean(self):
        data = super().clean()
        kind, text = data.get("kind"), (data.get("period") or "").strip()
        if kind and text:
            parse = Month.parse if kind == Kind.MONTHLY else Tertial.parse
            try:
                data["period"] = parse(text)
            except ValueError:
                example = "2012-03" if kind == Kind.MONTHLY else "2012-T2"
                self.add_error(
                    "period",
                    _("Write the period like %(example)s for this report.") % {"example": example},
                )
        return data


class CommentaryForm(forms.ModelForm):
    finish = forms.BooleanField(
        label=gettext_lazy("The commentary is finished: make the final report"),
        required=False,
    )

    class Meta:
        model = Commentary
        fields = [key for key, _label in Commentary.SECTIONS]
        widgets = {key: forms.Textarea(attrs={"rows": 5}) for key, _label in Commentary.SECTIONS}
