from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from invoicing.prices.models import PriceItem, PriceList
from invoicing.prices.selectors import Rounding


class PriceItemForm(forms.ModelForm):
    class Meta:
        model = PriceItem
        fields = ["code", "name", "service", "unit", "price"]
        localized_fields = ["price"]

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        # The list is not a form field, so the model's unique constraint is not checked here.
        taken = PriceItem.objects.filter(price_list=self.instance.price_list, code=code)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("The price list already has an item with this code."))
        return code


class PriceListCopyForm(forms.Form):
    source = forms.ModelChoiceField(
        label=gettext_lazy("Copy from the price list of"),
        queryset=PriceList.objects.all(),
        to_field_name="year",
        empty_label=None,
    )
    percent = forms.DecimalField(
        label=gettext_lazy("Change (%)"),
        help_text=gettext_lazy("A negative figure lowers the prices."),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("-99.99"),
        max_value=Decimal("999.99"),
        localize=True,
    )
    rounding = forms.ChoiceField(
        label=gettext_lazy("Rounding"),
        choices=Rounding.choices,
        initial=Rounding.KRONA,
        widget=forms.RadioSelect,
    )

    def clean_source(self):
        source = self.cleaned_data["source"]
        year = source.year + 1
        if PriceList.objects.filter(year=year).exists():
            raise forms.ValidationError(
                _("A price list for %(year)s already exists.") % {"year": year}
            )
        return source
