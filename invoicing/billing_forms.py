from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ekonomi.money import MONEY
from ekonomi.periods import Month
from invoicing.models import BudgetMonth, CostOutcome, CustomerErpAccount, ErpSettings


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


def _money_field(label):
    return forms.DecimalField(
        label=label,
        max_digits=MONEY["max_digits"],
        decimal_places=MONEY["decimal_places"],
        min_value=Decimal("0"),
        required=False,
        localize=True,
        # The grid shows no label per cell; the screen reader reads this one.
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 14, "aria-label": label}),
    )


class MonthGridForm(forms.Form):
    """Twelve months by a few amounts; fields are named like revenue_3."""

    model = None
    columns: list[str] = []

    def __init__(self, *args, year, **kwargs):
        self.year = year
        initial = {}
        for record in self.model.objects.filter(year=year):
            for name in self.columns:
                initial[f"{name}_{record.month}"] = getattr(record, name)
        super().__init__(*args, initial=initial, **kwargs)
        for number in range(1, 13):
            label = Month(year, number).label
            for name in self.columns:
                verbose = self.model._meta.get_field(name).verbose_name
                self.fields[f"{name}_{number}"] = _money_field(f"{verbose}, {label}")

    def headers(self):
        return [self.model._meta.get_field(name).verbose_name for name in self.columns]

    def grid(self):
        return [
            (Month(self.year, number), [self[f"{name}_{number}"] for name in self.columns])
            for number in range(1, 13)
        ]

    def month_rows(self) -> dict[int, dict]:
        return {
            number: {
                name: self.cleaned_data[f"{name}_{number}"] or Decimal("0.00")
                for name in self.columns
            }
            for number in range(1, 13)
        }


class BudgetForm(MonthGridForm):
    model = BudgetMonth
    columns = ["revenue", "staff_costs", "other_costs"]


class CostOutcomeForm(MonthGridForm):
    model = CostOutcome
    columns = ["staff_costs", "other_costs"]


class BudgetImportForm(forms.Form):
    file = forms.FileField(
        label=_("Budget workbook (.xlsx)"),
        help_text=_("The layout of the exported budget: one row per month, 2012-01 to 2012-12."),
    )
