from django import forms

from customers.models import Customer, User


class CustomerForm(forms.ModelForm):
    class Meta:
        model = Customer
        fields = ["code", "name", "kind", "manager_unit", "contact_person", "mailbox"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_person"].queryset = User.objects.filter(
            is_active=True, customer__isnull=True
        ).order_by("first_name", "last_name")
        self.fields["contact_person"].label_from_instance = lambda u: u.get_full_name() or u.username

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()
