from django import forms
from django.utils.translation import gettext_lazy as _

from invoicing.volumes.files import FORMAT_HELP


class VolumeUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File from the ERP"),
        help_text=FORMAT_HELP,
        error_messages={"empty": _("The file is empty.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )


class ManualVolumeForm(forms.Form):
    """One text cell per customer and price item; the service checks the values."""

    def __init__(self, *args, grid, **kwargs):
        super().__init__(*args, **kwargs)
        self.grid = grid
        for customer in grid.customers:
            for item in grid.items:
                quantity = grid.manual.get((customer.pk, item.pk))
                self.fields[self.name(customer.pk, item.pk)] = forms.CharField(
                    label=f"{customer.code} {item.code}",
                    required=False,
                    initial=quantity or None,
                    disabled=grid.billed,
                    widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 6}),
                )

    @staticmethod
    def name(customer_id, item_id):
        return f"c{customer_id}_{item_id}"

    def values(self):
        return {
            (customer.pk, item.pk): self.cleaned_data[self.name(customer.pk, item.pk)]
            for customer in self.grid.customers
            for item in self.grid.items
        }

    def rows(self):
        """[(customer, [bound field per price item])] for the template."""
        return [
            (customer, [self[self.name(customer.pk, item.pk)] for item in self.grid.items])
            for customer in self.grid.customers
        ]
