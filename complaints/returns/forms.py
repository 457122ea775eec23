from django import forms

from complaints.forms import DATE_INPUT
from complaints.models import ReturnedDocument, ReturnReason
from complaints.returns.selectors import active_reasons
from customers.models import Customer, Process


class ReturnedDocumentForm(forms.ModelForm):
    class Meta:
        model = ReturnedDocument
        fields = ["customer", "process", "reason", "document", "note", "returned_on", "unit"]
        widgets = {"returned_on": DATE_INPUT, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["customer"].queryset = Customer.objects.filter(is_active=True)
        self.fields["process"].queryset = Process.objects.all()
        self.fields["reason"].queryset = active_reasons()


class ReturnReasonForm(forms.ModelForm):
    class Meta:
        model = ReturnReason
        fields = ["name", "code", "template", "is_active", "sort_order"]
        widgets = {"template": forms.Textarea(attrs={"rows": 10})}
