from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.models import Complaint
from customers.forms import PersonField, staff_people
from customers.models import Customer, Process

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class ComplaintForm(forms.ModelForm):
    """Registration asks only for customer, process and description; the rest has defaults."""

    responsible = PersonField(label=_("Responsible"), queryset=None)

    class Meta:
        model = Complaint
        fields = [
            "customer",
            "process",
            "kind",
            "description",
            "own_error",
            "received_on",
            "channel",
            "unit",
            "responsible",
            "cause",
            "action",
        ]
        widgets = {
            "received_on": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 4}),
            "cause": forms.Textarea(attrs={"rows": 3}),
            "action": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = staff_people()
        customers = Customer.objects.filter(is_active=True)
        if self.instance.pk:
            # An inactive customer's complaint must still be shown and correctable.
            customers = customers | Customer.objects.filter(pk=self.instance.customer_id)
        self.fields["customer"].queryset = customers
        self.fields["process"].queryset = Process.objects.all()


class ComplaintEditForm(ComplaintForm):
    class Meta(ComplaintForm.Meta):
        fields = [*ComplaintForm.Meta.fields, "status", "answered_on"]
        widgets = {**ComplaintForm.Meta.widgets, "answered_on": DATE_INPUT}


def register_initial(*, user, customer_code, today):
    """Today, the officer's own unit and the process it leads, and the customer of the link."""
    initial = {"received_on": today, "unit": user.unit_id, "responsible": user.pk}
    if user.unit_id:
        process = Process.objects.filter(unit_id=user.unit_id).first()
        if process is not None:
            initial["process"] = process.pk
    customer = Customer.objects.filter(code=customer_code).first() if customer_code else None
    if customer is not None:
        initial["customer"] = customer.pk
    return initial
