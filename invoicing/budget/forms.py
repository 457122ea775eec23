from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ekonomi.money import MONEY
from ekonomi.periods import Month
from invoicing.budget.models import BudgetMonth, CostOutcome


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
        label=_("Budget file"),
        help_text=_(
            "Excel (.xlsx) or CSV with the columns Month, Revenue, Staff costs and Premises, "
            "administration, IT etc.: the layout of the exported budget, one row per month."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,.txt"}),
    )
