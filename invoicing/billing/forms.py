from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ekonomi.forms import MonthField
from invoicing.billing.erp import CustomerErpAccount, ErpSettings
from invoicing.billing.models import Invoice


class IssueForm(forms.Form):
    # The fingerprint of the preview the user saw; the issue refuses a basis that changed.
    digest = forms.CharField(widget=forms.HiddenInput, max_length=64)


class CreditForm(forms.Form):
    """What to credit of an invoice and what happens next; one quantity field per line that
    still has something left to credit (used when chosen lines are credited)."""

    settlement = forms.ChoiceField(
        label=_("What happens next"),
        choices=Invoice.Settlement.choices,
        widget=forms.RadioSelect,
    )
    # Required by the service, which says why for a waiver.
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the credit note, for example “200 invoices counted twice”."),
    )

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for line, left in rows:
            name = f"line_{line.position}"
            if line.quantity > 0 and left > 0:
                label = _("Credit of line %(position)s (%(code)s)") % {
                    "position": line.position,
                    "code": line.code,
                }
                self.fields[name] = forms.DecimalField(
                    label=label,
                    required=False,
                    min_value=Decimal("0.01"),
                    max_digits=12,
                    decimal_places=2,
                    localize=True,
                    # The table's column header names the cell; the screen reader reads this.
                    widget=forms.TextInput(attrs={"aria-label": label, "inputmode": "decimal"}),
                )
                self.rows.append((line, left, self[name]))
            else:
                self.rows.append((line, left, None))

    def quantity_fields(self):
        return [name for name in self.fields if name.startswith("line_")]

    def clean(self):
        cleaned = super().clean()
        chosen = {
            int(name.removeprefix("line_")): cleaned[name]
            for name in self.quantity_fields()
            if cleaned.get(name)
        }
        if chosen and cleaned.get("settlement") != Invoice.Settlement.PARTIAL:
            raise forms.ValidationError(
                _("Quantities are for crediting chosen lines: choose that, or empty them.")
            )
        cleaned["quantities"] = chosen
        return cleaned


class ErpSettingsForm(forms.ModelForm):
    first_open_period = MonthField(
        label=_("First open ERP period (YYYY-MM)"),
        required=False,
        help_text=ErpSettings._meta.get_field("first_open_period").help_text,
    )

    class Meta:
        model = ErpSettings
        fields = [
            "client",
            "voucher_type",
            "revenue_account",
            "revenue_dimension",
            "default_cost_account",
            "first_open_period",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.first_open is not None:
            self.initial["first_open_period"] = str(self.instance.first_open)

    def clean_first_open_period(self):
        month = self.cleaned_data["first_open_period"]
        return None if month is None else month.start


class CustomerErpAccountForm(forms.ModelForm):
    class Meta:
        model = CustomerErpAccount
        fields = ["cost_account", "dimension"]


def customer_account_forms(customers, data=None):
    """One small form per customer, prefixed by its code, for the grid on the settings page."""
    accounts = {a.customer_id: a for a in CustomerErpAccount.objects.all()}
    result = []
    for customer in customers:
        instance = accounts.get(customer.pk) or CustomerErpAccount(customer=customer)
        form = CustomerErpAccountForm(data, instance=instance, prefix=customer.code)
        labels = {
            "cost_account": _("Cost account for %(code)s") % {"code": customer.code},
            "dimension": _("Dimension for %(code)s") % {"code": customer.code},
        }
        for name, label in labels.items():
            # The grid has no label element per cell; the screen reader reads this one.
            form.fields[name].label = label
            form.fields[name].widget.attrs["aria-label"] = label
        result.append((customer, form))
    return result
