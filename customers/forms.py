import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from customers.models import Customer, CustomerContact, RoutineDeviation, User
from ekonomi.access import STAFF

# The code is a path segment in our URLs and a key in import and ERP files.
CODE_PATTERN = re.compile(r"[A-ZÅÄÖ0-9_-]+")


class CustomerForm(forms.ModelForm):
    class Meta:
        model = Customer
        fields = ["code", "name", "kind", "manager_unit", "contact_person", "mailbox"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_person"].queryset = User.objects.filter(
            is_active=True, customer__isnull=True
        ).order_by("first_name", "last_name")
        self.fields["contact_person"].label_from_instance = lambda user: (
            user.get_full_name() or user.username
        )

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        if not CODE_PATTERN.fullmatch(code):
            raise ValidationError(
                _("Use only letters, digits, hyphens and underscores."), code="code_characters"
            )
        return code


class ContactForm(forms.ModelForm):
    class Meta:
        model = CustomerContact
        fields = ["name", "role", "email", "phone"]


class DeviationForm(forms.ModelForm):
    class Meta:
        model = RoutineDeviation
        fields = ["description", "approved_on", "approved_by"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "approved_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean_approved_on(self):
        approved_on = self.cleaned_data["approved_on"]
        if approved_on > timezone.localdate():
            raise ValidationError(
                _("The approval date cannot be in the future."), code="approved_in_future"
            )
        return approved_on


class PersonField(forms.ModelChoiceField):
    """A choice of user shown by full name, for owners and responsibles."""

    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


def staff_people():
    """The active staff who can own a follow-up, an action or a complaint."""
    return User.objects.filter(is_active=True, role__in=STAFF).order_by(
        "first_name", "last_name", "username"
    )
