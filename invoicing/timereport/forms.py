from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from customers.models import Customer, Service
from ekonomi.tabular import values
from invoicing.timereport.models import COMMENT_LENGTH
from invoicing.timereport.tables import hours_text


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class HoursField(forms.DecimalField):
    """Hours as a number (7,5) or as hours and minutes (7:30), as a file may have them."""

    def to_python(self, value):
        if isinstance(value, str) and ":" in value:
            try:
                return values.parse_hours(value, places=self.decimal_places)
            except ValueError as error:
                raise forms.ValidationError(str(error), code="invalid") from None
        return super().to_python(value)


def _hours_field(**kwargs):
    # Validated as a number here; that it is above zero is a rule of the service, whose
    # message the user then reads.
    return HoursField(max_digits=5, decimal_places=2, localize=True, **kwargs)


class TimeEntryForm(forms.Form):
    person = PersonField(label=_("Person"), queryset=None)
    customer = forms.ModelChoiceField(
        label=_("Customer"), queryset=Customer.objects.filter(is_active=True)
    )
    service = forms.ModelChoiceField(
        label=_("Add-on service"), queryset=Service.objects.filter(is_mandatory=False)
    )
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    hours = _hours_field(label=_("Hours"))
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, people, entry=None, **kwargs):
        super().__init__(*args, **kwargs)
        if entry is None:
            self.fields["person"].queryset = people
        else:
            # The person of an entry stays; a wrong person is corrected by deleting the entry.
            del self.fields["person"]
            # An inactive customer's entry must still be shown and correctable.
            self.fields["customer"].queryset = Customer.objects.filter(is_active=True) | (
                Customer.objects.filter(pk=entry.customer_id)
            )


class HoursImportForm(forms.Form):
    file = forms.FileField(
        label=_("File of hours"),
        help_text=_(
            "CSV or Excel (.xlsx) with the columns Person, Förvaltning, Tjänst, Datum, Timmar "
            "and, if you like, Kommentar (or Employee, Customer, Service, Date, Hours, Comment), "
            "in any order."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )


def cell_name(customer, service, index):
    return f"h_{customer.pk}_{service.pk}_{index}"


class WeekGridForm(forms.Form):
    """One number field per customer, add-on service and day of the week."""

    def __init__(self, *args, week, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.week = week
        self.rows = rows
        for customer, service in rows:
            for index, day in enumerate(week.days):
                self.fields[cell_name(customer, service, index)] = _hours_field(
                    required=False,
                    label=f"{customer.code} {service.name} {date_format(day, 'D j/n')}",
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 4}),
                )

    @property
    def row_keys(self):
        return ",".join(f"{customer.pk}:{service.pk}" for customer, service in self.rows)

    def cells(self):
        return {
            (customer, service, day): self.cleaned_data[cell_name(customer, service, index)]
            for customer, service in self.rows
            for index, day in enumerate(self.week.days)
        }

    def _figure(self, customer, service, index):
        bound = self[cell_name(customer, service, index)]
        try:
            return bound.field.clean(bound.value()) or 0
        except forms.ValidationError:
            return 0

    def grid(self):
        """Rows of bound fields with their totals, and the total of each day, for the template."""
        rows, day_totals = [], [0] * len(self.week.days)
        for customer, service in self.rows:
            figures = [self._figure(customer, service, i) for i in range(len(self.week.days))]
            day_totals = [a + b for a, b in zip(day_totals, figures, strict=True)]
            rows.append(
                {
                    "customer": customer,
                    "service": service,
                    "cells": [
                        self[cell_name(customer, service, i)] for i in range(len(self.week.days))
                    ],
                    "total": hours_text(sum(figures)),
                }
            )
        return {
            "rows": rows,
            "day_totals": [hours_text(total) for total in day_totals],
            "total": hours_text(sum(day_totals)),
        }
