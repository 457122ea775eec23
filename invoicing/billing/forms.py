from django import forms
from django.utils.translation import gettext_lazy as _

from invoicing.billing.models import CustomerErpAccount, ErpSettings


class IssueForm(forms.Form):
    # The fingerprint of the preview the user saw; the issue refuses a basis that changed.
    digest = forms.CharField(widget=forms.HiddenInput, max_length=64)


class CreditForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the credit note, for example “wrong volumes for KR-MAN”."),
    )
    reissue = forms.BooleanField(
        label=_("Issue a new invoice for the month from the current volumes and hours"),
        required=False,
        initial=True,
    )


class ErpSettingsForm(forms.ModelForm):
    class Meta:
        model = ErpSettings
        fields = [
            "client",
            "voucher_type",
            "revenue_account",
            "revenue_dimension",
            "default_cost_account",
        ]


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
