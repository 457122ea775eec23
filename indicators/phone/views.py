from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from customers.models import Unit
from ekonomi import access, lists
from ekonomi.importing import import_page
from ekonomi.params import year_from
from ekonomi.periods import Year
from ekonomi.uploads import upload_limit
from indicators.exporting import wants_xlsx, xlsx_response
from indicators.phone import imports, selectors, services
from indicators.phone.filters import TestCallFilter
from indicators.phone.forms import PhoneMonthForm, PhoneUploadForm, TestCallForm
from indicators.phone.tables import TestCallTable
from indicators.staffing.selectors import units
from indicators.units import writable_units

# A year of one unit's hourly rows is about 2,300 lines; this leaves room for every unit.
PHONE_FILE_MAX_BYTES = 20 * 1024 * 1024


def _hours(busiest):
    return ", ".join(f"{hour:02d}\u2013{hour + 1:02d}" for hour, _n in busiest)


@access.allow(access.INDICATORS_READ)
def phone(request):
    year = year_from(request, [])
    code = request.GET.get("enhet")
    unit = get_object_or_404(Unit, code=code) if code else None
    months = Year(year).months()
    figures = selectors.phone_year(months=months, units=units(), unit_id=unit.pk if unit else None)
    if wants_xlsx(request):
        headers = [
            _("Month"),
            _("Calls offered"),
            _("Answered"),
            _("Abandoned"),
            _("Answer rate (%)"),
            _("Average wait (s)"),
            _("Longest wait (s)"),
            _("Busiest hours"),
        ]
        rows = [
            [
                str(m),
                c.offered,
                c.answered,
                c.abandoned,
                c.answer_rate,
                c.average_wait,
                c.longest_wait,
                _hours(b),
            ]
            for m, c, b in figures.months
        ]
        return xlsx_response(f"telefoni-{year}{'-' + unit.code if unit else ''}", headers, rows)
    return render(
        request,
        "indicators/phone.html",
        {
            "year": year,
            "unit": unit,
            "units": units(),
            "figures": figures,
            "months": [(m, c, _hours(b)) for m, c, b in figures.months],
            "test_calls": selectors.test_calls(months=months, unit_id=unit.pk if unit else None)[
                :20
            ],
            "can_import": access.can(request.user, access.PHONE_IMPORT),
            "can_enter": access.can(request.user, access.UNIT_FIGURES_WRITE),
            "can_test": access.can(request.user, access.TEST_CALL_WRITE),
        },
    )


@upload_limit(PHONE_FILE_MAX_BYTES)
@access.allow(access.PHONE_IMPORT)
def phone_import(request):
    def done(result):
        record = result.record
        messages.success(
            request,
            _("%(rows)s rows of calls from %(first)s to %(last)s were imported.")
            % {"rows": record.rows, "first": record.first_day, "last": record.last_day},
        )
        return redirect(f"{reverse('indicators:phone')}?ar={record.last_day.year}")

    return import_page(
        request,
        schema=imports.SCHEMA,
        upload_form=PhoneUploadForm,
        run=partial(imports.phone_import, user=request.user),
        done=done,
        template="indicators/phone_import.html",
        context={
            "columns": [str(f.label) for f in imports.SCHEMA.fields],
            "imports": selectors.phone_imports()[:10],
            "cancel_url": reverse("indicators:phone"),
        },
    )


@access.allow(access.UNIT_FIGURES_WRITE)
def phone_month(request):
    form = PhoneMonthForm(request.POST or None, units=writable_units(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            row = services.phone_month_save(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The month was saved."))
            return redirect(
                f"{reverse('indicators:phone')}?ar={row.month.year}&enhet={row.unit.code}"
            )
    return render(request, "indicators/phone_month_form.html", {"form": form})


@access.allow(access.INDICATORS_READ)
def test_calls(request):
    return lists.table_page(
        request,
        queryset=selectors.test_calls(),
        filterset_class=TestCallFilter,
        table_class=TestCallTable,
        template="indicators/test_calls.html",
        export_name="provsamtal",
        can_write=access.can(request.user, access.TEST_CALL_WRITE),
    )


@access.allow(access.TEST_CALL_WRITE)
def test_call_create(request):
    form = TestCallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.test_call_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The test call was recorded."))
            return redirect("indicators:test_calls")
    return render(request, "indicators/test_call_form.html", {"form": form})
