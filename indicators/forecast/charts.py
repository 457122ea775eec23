"""The forecast's chart for (start month, scope): the page serves it at its own URL, and the PDF
reports call `forecast_chart_svg` for the same SVG."""

from django.utils.translation import gettext as _

from indicators import charts
from indicators.forecast import selectors
from indicators.staffing.selectors import units


def forecast_figures(start, unit):
    all_units = units()
    cells = selectors.forecast(start=start, units=all_units)
    return all_units, cells, selectors.by_month(cells, unit_id=unit.pk if unit else None)


def forecast_chart_svg(start, unit):
    """Needed against available FTE per month; also for the PDF reports."""
    _units, _cells, totals = forecast_figures(start, unit)
    needed, available = _("FTE needed"), _("FTE available")
    rows = [(str(t.month), {needed: t.needed, available: t.available}) for t in totals]
    scope = unit.name if unit else _("all units")
    return charts.render_svg(
        charts.bars_spec(
            rows, category_label=_("Month"), value_label=_("FTE"), series_labels=[needed, available]
        ),
        title=_("Staffing forecast from %(start)s, %(scope)s") % {"start": start, "scope": scope},
        description=_(
            "FTE needed for the forecast customer and supplier invoices against the FTE "
            "available per month."
        ),
    )
