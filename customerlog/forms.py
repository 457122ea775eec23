from django import forms
from django.utils.translation import gettext_lazy as _

from customerlog.models import LogEntry
from customerlog.services import follow_up_owner_for, follow_up_problems
from customers.forms import PersonField, staff_people
from customers.models import Customer

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class LogEntryForm(forms.ModelForm):
    """Only customer and subject must be typed: the date is today, the kind a phone call."""

    follow_up_owner = PersonField(
        label=_("Follow-up owner"),
        queryset=None,
        required=False,
        help_text=_("Leave empty to follow it up yourself."),
    )

    class Meta:
        model = LogEntry
        fields = [
            "customer",
            "kind",
            "subject",
            "text",
            "date",
            "internal",
            "follow_up_on",
            "follow_up_owner",
        ]
        widgets = {
            "date": DATE_INPUT,
            "follow_up_on": DATE_INPUT,
            "text": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["follow_up_owner"].queryset = staff_people()
        customers = Customer.objects.filter(is_active=True)
        if self.instance.pk:
            customers = customers | Customer.objects.filter(pk=self.instance.customer_id)
        self.fields["customer"].queryset = customers

    def clean(self):
        data = super().clean()
        for field, message in follow_up_problems(
            date=data.get("date"), follow_up_on=data.get("follow_up_on")
        ).items():
            self.add_error(field, message)
        if "follow_up_on" in data:
            data["follow_up_owner"] = follow_up_owner_for(
                follow_up_on=data["follow_up_on"],
                owner=data.get("follow_up_owner"),
                actor=self.user,
            )
        return data


def log_initial(*, customer_code, today):
    initial = {"date": today}
    customer = Customer.objects.filter(code=customer_code).first() if customer_code else None
    if customer is not None:
        initial["customer"] = customer.pk
    return initial
