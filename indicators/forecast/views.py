from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from customers.models import Unit
from ekonomi import access
from ekonomi.periods import Month
from indicators.exporting import wants_xlsx, xlsx_response
from indicators.forecast import selectors, services
from indicators.forecast.charts import forecast_chart_svg, forecast_figures
from indicators.forecast.forms import VolumePlanForm
from indicators.forecast.models import VolumePlan
from indicators.units import writable_units


def _scope(request):
    try:
        start = Month.parse(request.GET["fran"]) if request.GET.get("fran") else None
    except ValueError:
        raise Http404 from None
    code = request.GET.get("enhet")
    unit = get_object_or_404(Unit, code=code) if code else None
    return start or selectors.default_start(), unit


@access.allow(access.INDICATORS_READ)
def forecast(request):
    start, unit = _scope(request)
    all_units, cells, totals = forecast_figures(start, unit)
    if wants_xlsx(request):
        headers = [
            _("Month"),
            _("Forecast customer invoices"),
            _("Forecast supplier invoices"),
            _("FTE needed"),
            _("FTE available"),
            _("Gap (FTE)"),
            _("Status"),
        ]
        rows = [
            [
                str(t.month),
                t.forecast.get("AR"),
                t.forecast.get("AP"),
                t.needed,
                t.available,
                t.gap,
                str(t.balance or ""),
            ]
            for t in totals
        ]
        return xlsx_response(f"prognos-{start}", headers, rows)
    by_unit = {u.pk: u for u in all_units}
    grid = {}
    for cell in cells:
        grid.setdefault((by_unit[cell.unit_id], cell.process), []).append(cell)
    return render(
        request,
        "indicators/forecast.html",
        {
            "start": start,
            "unit": unit,
            "units": all_units,
            "totals": totals,
            "grid": sorted(grid.items(), key=lambda item: (item[0][0].code, item[0][1])),
            "grid_months": [t.month for t in totals],
            "plans": selectors.plans(start=start),
            "can_plan": access.can(request.user, access.UNIT_FIGURES_WRITE),
            "chart_query": request.GET.urlencode(),
        },
    )


@access.allow(access.INDICATORS_READ)
def forecast_chart(request):
    start, unit = _scope(request)
    return HttpResponse(forecast_chart_svg(start, unit), content_type="image/svg+xml")


@access.allow(access.UNIT_FIGURES_WRITE)
def volume_plan_create(request):
    form = VolumePlanForm(request.POST or None, units=writable_units(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.volume_plan_save(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect(f"{reverse('indicators:forecast')}?enhet={plan.unit.code}")
    return render(request, "indicators/volume_plan_form.html", {"form": form})


@require_POST
@access.allow(access.UNIT_FIGURES_WRITE)
def volume_plan_delete(request, pk):
    plan = get_object_or_404(VolumePlan, pk=pk)
    services.volume_plan_delete(user=request.user, plan=plan)
    messages.success(request, _("The plan was deleted."))
    return redirect("indicators:forecast")
