from django import forms
from django.utils.translation import gettext_lazy as _

from customerlog.forms import DATE_INPUT
from customerlog.models import Meeting, MeetingAction
from customers.forms import PersonField, staff_people
from customers.models import Customer


class MeetingForm(forms.ModelForm):
    agenda = forms.MultipleChoiceField(
        label=_("Agenda"),
        choices=Meeting.Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Meeting
        fields = [
            "customer",
            "date",
            "status",
            "place",
            "participants",
            "agenda",
            "other_agenda",
            "minutes",
        ]
        widgets = {
            "date": DATE_INPUT,
            "participants": forms.Textarea(attrs={"rows": 2}),
            "minutes": forms.Textarea(attrs={"rows": 10}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        customers = Customer.objects.filter(is_active=True)
        if self.instance.pk:
            customers = customers | Customer.objects.filter(pk=self.instance.customer_id)
        self.fields["customer"].queryset = customers


class ActionForm(forms.ModelForm):
    owner = PersonField(
        label=_("Owner"),
        queryset=None,
        error_messages={"required": _("Name an owner for the action.")},
    )
    due_on = forms.DateField(
        label=_("Due date"),
        widget=DATE_INPUT,
        error_messages={"required": _("Give the action a due date.")},
    )

    class Meta:
        model = MeetingAction
        fields = ["description", "owner", "due_on", "closed_on"]
        widgets = {"closed_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_people()


ActionFormSet = forms.inlineformset_factory(
    Meeting, MeetingAction, form=ActionForm, extra=2, can_delete=True
)
