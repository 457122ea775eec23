from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ekonomi import access
from ekonomi.params import year_from
from ekonomi.periods import Month, Year
from indicators.definitions import Indicator
from indicators.exporting import wants_xlsx, xlsx_response
from indicators.sickleave import selectors, services
from indicators.sickleave.forms import SickLeaveForm
from indicators.staffing.selectors import staffing_load, units
from indicators.targets.models import Target
from indicators.units import ensure_writable, unit_or_404, writable_units


@access.allow(access.INDICATORS_READ)
def sick_leave(request):
    year = year_from(request, [])
    months = Year(year).months()
    rows, total, year_figure = selectors.sick_leave_year(
        year=year, units=units(), staffing=staffing_load(months=months)
    )
    target = Target.objects.filter(indicator=Indicator.SICK_LEAVE, year=year).first()
    if wants_xlsx(request):
        headers = [_("Unit"), *[str(m) for m in months], _("Year")]
        lines = [[unit.code, *values, figure.value] for unit, values, figure in rows]
        lines.append([_("Total"), *[f.value for f in total], year_figure.value])
        return xlsx_response(f"sjukfranvaro-{year}", headers, lines)
    return render(
        request,
        "indicators/sick_leave.html",
        {
            "year": year,
            "months": months,
            "rows": rows,
            "total": total,
            "year_figure": year_figure,
            "target": target,
            "writable": list(writable_units(request.user))
            if access.can(request.user, access.UNIT_FIGURES_WRITE)
            else [],
        },
    )


@access.allow(access.UNIT_FIGURES_WRITE)
def sick_leave_edit(request, code, year):
    unit = unit_or_404(code)
    ensure_writable(request.user, unit)
    months = Year(year).months()
    current = selectors.sick_leave_load(months=months)
    initial = {str(m): current.get((unit.pk, m)) for m in months}
    form = SickLeaveForm(request.POST or None, months=months, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.sick_leave_save(user=request.user, unit=unit, values=form.values())
        messages.success(
            request, _("Sick leave for %(unit)s %(year)s was saved.") % {"unit": unit, "year": year}
        )
        return redirect(f"{reverse('indicators:sick_leave')}?ar={year}")
    return render(
        request,
        "indicators/sick_leave_form.html",
        {"form": form, "unit": unit, "year": year, "first": Month(year, 1)},
    )
