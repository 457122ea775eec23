from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from customers.models import Customer, Process, Unit
from ekonomi import access, periods
from ekonomi.params import year_from
from indicators.dashboard import drilldown, selectors
from indicators.dashboard.charts import chart_title, indicator_chart_svg
from indicators.definitions import DEFINITIONS, PRODUCTIVITY, Indicator
from indicators.exporting import wants_xlsx, xlsx_response
from indicators.productivity.selectors import latest_volume_month
from indicators.staffing.selectors import units


def _period(request):
    text = request.GET.get("period")
    if not text:
        return latest_volume_month()
    try:
        return periods.parse(text)
    except ValueError:
        raise Http404 from None


def _unit(request):
    code = request.GET.get("enhet")
    return get_object_or_404(Unit, code=code) if code else None


def _indicator(key):
    if key not in Indicator.values:
        raise Http404
    return Indicator(key)


@access.allow(access.INDICATORS_READ)
def dashboard(request):
    period, unit = _period(request), _unit(request)
    rows = selectors.dashboard(period=period, unit_id=unit.pk if unit else None)
    return render(
        request,
        "indicators/dashboard.html",
        {
            "period": period,
            "unit": unit,
            "units": units(),
            "rows": rows,
            "year_to_date": selectors.year_to_date(period),
            "choices": drilldown.period_choices(period),
            "query": request.GET.urlencode(),
            "previous": period.previous(),
            "next": period.next(),
        },
    )


@access.allow(access.INDICATORS_READ)
def chart(request, indicator):
    indicator, period, unit = _indicator(indicator), _period(request), _unit(request)
    return HttpResponse(indicator_chart_svg(indicator, period, unit), content_type="image/svg+xml")


@access.allow(access.INDICATORS_READ)
def chart_export(request, indicator):
    indicator, period, unit = _indicator(indicator), _period(request), _unit(request)
    facts = selectors.Facts.load(selectors.trend_window(period))
    points = facts.trend(indicator, period, unit.pk if unit else None)
    first = _("Year") if DEFINITIONS[indicator].yearly else _("Month")
    return xlsx_response(
        f"{indicator.value}-{period}{'-' + unit.code if unit else ''}",
        [first, chart_title(indicator, period, unit), _("Target")],
        [list(point) for point in points],
    )


@access.allow(access.INDICATORS_READ)
def unit_index(request):
    if request.user.unit_id:
        return redirect("indicators:unit", code=request.user.unit.code)
    return render(request, "indicators/unit_index.html", {"units": units()})


@access.allow(access.INDICATORS_READ)
def unit(request, code):
    unit = get_object_or_404(Unit, code=code)
    year = year_from(request, [latest_volume_month().year])
    months = drilldown.unit_months(unit=unit, year=year)
    if wants_xlsx(request):
        headers, rows = drilldown.unit_month_table(months)
        return xlsx_response(f"enhet-{unit.code}-{year}", headers, rows)
    return render(
        request,
        "indicators/unit.html",
        {"unit": unit, "year": year, "months": months, "units": units()},
    )


@access.allow(access.INDICATORS_READ)
def process(request, code):
    process = get_object_or_404(Process, code=code)
    indicator = next((i for i, c in PRODUCTIVITY.items() if c.process == code), None)
    if indicator is None:
        raise Http404
    period, unit = _period(request), _unit(request)
    figures = drilldown.process_figures(
        indicator=indicator, period=period, unit_id=unit.pk if unit else None
    )
    if wants_xlsx(request):
        return xlsx_response(f"{code}-{period}", *drilldown.customer_table(figures))
    return render(
        request,
        "indicators/process.html",
        {
            "process": process,
            "indicator": indicator,
            "definition": DEFINITIONS[indicator],
            "period": period,
            "unit": unit,
            "figures": figures,
        },
    )


@access.allow(access.READ)
def customer(request, code):
    customer = access.get_scoped_or_404(
        Customer.objects.select_related("manager_unit"), request.user, customer_path="pk", code=code
    )
    period = _period(request)
    months = drilldown.customer_months(customer=customer, period=period)
    if wants_xlsx(request):
        headers = [_("Month"), _("Customer invoices handled"), _("Supplier invoices handled")]
        return xlsx_response(f"kund-{customer.code}-{period}", headers, months)
    return render(
        request,
        "indicators/customer.html",
        {"customer": customer, "period": period, "months": months},
    )
