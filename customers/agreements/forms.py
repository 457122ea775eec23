from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from customers.agreements.services import ServiceTerms
from customers.models import AgreementAddendum, Service, ServiceAgreement
from ekonomi.periods import MAX_YEAR, MIN_YEAR, Year

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LEAD_TIME_LABEL = _("Lead time (working days)")


class ServiceErrorsMixin:
    def add_service_error(self, error: ValidationError):
        """Show a service's ValidationError: on its field when the form has it, else on top."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            self.add_error(name if name in self.fields else None, errors)


class ServiceTermsForm(forms.Form):
    """One catalogue service on the agreement form; its fields are prefixed by the code."""

    included = forms.BooleanField(label=_("Included"), required=False)
    lead_time_days = forms.IntegerField(label=LEAD_TIME_LABEL, min_value=1, required=False)
    interface_text = forms.CharField(
        label=_("Interface (who does what)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Left empty, the service catalogue's text applies."),
    )
    estimated_hours = forms.DecimalField(
        label=_("Estimated hours"), min_value=0, max_digits=8, decimal_places=1, required=False
    )
    scope_note = forms.CharField(
        label=_("Scope"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, service: Service, **kwargs):
        super().__init__(*args, prefix=service.code, **kwargs)
        self.service = service
        if service.is_mandatory:
            # A disabled field ignores what is posted and keeps its initial value, so a
            # mandatory service stays in however the request is made.
            self.fields["included"].disabled = True
            self.fields["included"].initial = True
            del self.fields["estimated_hours"]
            del self.fields["scope_note"]

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("included")
            and cleaned.get("lead_time_days") is None
            and "lead_time_days" not in self.errors
        ):
            field = self.fields["lead_time_days"]
            self.add_error("lead_time_days", field.error_messages["required"])
        return cleaned

    def terms(self) -> ServiceTerms | None:
        data = self.cleaned_data
        if not data["included"]:
            return None
        return ServiceTerms(
            service=self.service,
            lead_time_days=data["lead_time_days"],
            interface_text=data["interface_text"] or None,
            estimated_hours=data.get("estimated_hours"),
            scope_note=data.get("scope_note", ""),
        )


def _row_initial(service, row):
    if row is None:
        return {
            "included": service.is_mandatory,
            "lead_time_days": service.default_lead_time_days,
            "interface_text": service.interface_text,
        }
    return {
        "included": True,
        "lead_time_days": row.lead_time_days,
        "interface_text": row.interface_text,
        "estimated_hours": row.estimated_hours,
        "scope_note": row.scope_note,
    }


class AgreementForm(ServiceErrorsMixin, forms.Form):
    """The agreement and one row per catalogue service; `year` only when creating."""

    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, data=None, *, agreement: ServiceAgreement | None = None, year=None):
        current = {}
        if agreement is None:
            initial = {"year": year}
        else:
            initial = {"note": agreement.note}
            current = {row.service_id: row for row in agreement.services.all()}
        super().__init__(data, initial=initial)
        if agreement is not None:
            del self.fields["year"]
        self.rows = [
            ServiceTermsForm(
                data, service=service, initial=_row_initial(service, current.get(service.pk))
            )
            for service in Service.objects.all()
        ]

    def is_valid(self):
        # Every row is validated, so that all errors show at once.
        results = [super().is_valid(), *(row.is_valid() for row in self.rows)]
        return all(results)

    def terms(self) -> list[ServiceTerms]:
        return [terms for row in self.rows if (terms := row.terms()) is not None]


class SignForm(ServiceErrorsMixin, forms.ModelForm):
    class Meta:
        model = ServiceAgreement
        fields = ["signed_on", "customer_signatory", "our_signatory"]
        widgets = {"signed_on": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True


class AddendumForm(ServiceErrorsMixin, forms.ModelForm):
    lead_time_days = forms.IntegerField(
        label=LEAD_TIME_LABEL,
        min_value=1,
        required=False,
        help_text=_("Left empty, the service catalogue's lead time applies."),
    )

    class Meta:
        model = AgreementAddendum
        fields = [
            "action",
            "service",
            "effective_date",
            "lead_time_days",
            "interface_text",
            "estimated_hours",
            "scope_note",
            "signed_on",
        ]
        widgets = {
            "action": forms.RadioSelect,
            "effective_date": DATE_WIDGET,
            "signed_on": DATE_WIDGET,
            "interface_text": forms.Textarea(attrs={"rows": 3}),
            "scope_note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "service": _(
                "Mandatory services are always part of the agreement; an addendum adds or "
                "ends an add-on service."
            ),
            "interface_text": _("Left empty, the service catalogue's text applies."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radio buttons need no blank choice: adding is what an addendum usually does.
        self.fields["action"].choices = AgreementAddendum.Action.choices
        self.fields["action"].initial = AgreementAddendum.Action.ADD
        self.fields["service"].queryset = Service.objects.filter(is_mandatory=False)


class OnDateForm(forms.Form):
    datum = forms.DateField(label=_("Show what applied on"), widget=DATE_WIDGET)

    def __init__(self, data, *, agreement: ServiceAgreement, **kwargs):
        super().__init__(data, **kwargs)
        self.agreement = agreement

    def clean_datum(self):
        value = self.cleaned_data["datum"]
        if value not in Year(self.agreement.year):
            raise ValidationError(
                _("Choose a date in %(year)s."), params={"year": self.agreement.year}
            )
        return value


class NextYearForm(forms.Form):
    year = forms.IntegerField(
        label=_("Copy the signed agreements of"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR - 1,
        help_text=_("Each active customer's signed agreement becomes a draft for the next year."),
    )
