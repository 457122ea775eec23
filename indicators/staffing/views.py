from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from customers.models import Unit
from ekonomi import access, lists
from ekonomi.params import year_from
from indicators.exporting import wants_xlsx, xlsx_response
from indicators.staffing import selectors, services
from indicators.staffing.filters import EmployeeFilter
from indicators.staffing.forms import EmployeeForm, FteAdjustmentForm, ShareFormSet
from indicators.staffing.models import Employee, FteAdjustment
from indicators.staffing.tables import EmployeeTable
from indicators.units import writable_units


def _unit_filter(request):
    code = request.GET.get("enhet")
    return get_object_or_404(Unit, code=code) if code else None


@access.allow(access.INDICATORS_READ)
def staffing(request):
    year = year_from(request, [])
    unit = _unit_filter(request)
    rows = selectors.fte_grid(year=year, unit_id=unit.pk if unit else None)
    if wants_xlsx(request):
        headers = [_("Unit"), _("Process"), *[str(m) for m in range(1, 13)], _("Average")]
        lines = [[r.unit.code, r.process.code, *r.months, r.average] for r in rows]
        return xlsx_response(f"arsarbetare-{year}", headers, lines)
    return render(
        request,
        "indicators/staffing.html",
        {
            "year": year,
            "unit": unit,
            "units": selectors.units(),
            "rows": rows,
            "adjustments": selectors.adjustments(year=year),
            "can_adjust": access.can(request.user, access.UNIT_FIGURES_WRITE),
            "can_see_people": access.can(request.user, access.STAFFING_PEOPLE),
        },
    )


@access.allow(access.STAFFING_PEOPLE)
def employees(request):
    return lists.table_page(
        request,
        queryset=selectors.employees(user=request.user),
        filterset_class=EmployeeFilter,
        table_class=EmployeeTable,
        template="indicators/employees.html",
        export_name="medarbetare",
    )


def _employee_page(request, employee):
    units = writable_units(request.user)
    form = EmployeeForm(request.POST or None, instance=employee, units=units)
    shares = ShareFormSet(request.POST or None, instance=employee or Employee())
    if request.method == "POST" and form.is_valid() and shares.is_valid():
        try:
            saved = services.employee_save(
                user=request.user,
                employee=employee,
                shares=shares.shares(),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s was saved.") % {"name": saved.name})
            return redirect("indicators:employees")
    return render(
        request,
        "indicators/employee_form.html",
        {"form": form, "shares": shares, "employee": employee},
    )


@access.allow(access.STAFFING_PEOPLE)
def employee_create(request):
    return _employee_page(request, None)


@access.allow(access.STAFFING_PEOPLE)
def employee_edit(request, pk):
    return _employee_page(request, selectors.employee_get(user=request.user, pk=pk))


@access.allow(access.UNIT_FIGURES_WRITE)
def fte_adjustment_create(request):
    form = FteAdjustmentForm(request.POST or None, units=writable_units(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            adjustment = services.fte_adjustment_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The adjustment was saved."))
            return redirect(f"{reverse('indicators:staffing')}?ar={adjustment.month.year}")
    return render(request, "indicators/fte_adjustment_form.html", {"form": form})


@require_POST
@access.allow(access.UNIT_FIGURES_WRITE)
def fte_adjustment_delete(request, pk):
    adjustment = get_object_or_404(FteAdjustment, pk=pk)
    services.fte_adjustment_delete(user=request.user, adjustment=adjustment)
    messages.success(request, _("The adjustment was deleted."))
    return redirect(f"{reverse('indicators:staffing')}?ar={adjustment.month.year}")
