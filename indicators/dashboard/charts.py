"""The trend chart of one indicator for (indicator, period, scope): the pages serve it at its own
URL, and the PDF reports call `indicator_chart_svg` for the same SVG."""

from django.utils.translation import gettext as _

from indicators import charts
from indicators.dashboard.selectors import Facts, trend_window
from indicators.definitions import DEFINITIONS


def chart_title(indicator, period, unit=None):
    scope = unit.name if unit else _("the whole centre")
    return _("%(indicator)s, %(scope)s, up to %(period)s") % {
        "indicator": indicator.label,
        "scope": scope,
        "period": period.label,
    }


def chart_description(indicator, points):
    definition = DEFINITIONS[indicator]
    if not points:
        return charts.no_data_description()
    kind = _("per year") if definition.yearly else _("per month")
    return _("%(indicator)s %(kind)s against the target (dashed line). %(definition)s") % {
        "indicator": indicator.label,
        "kind": kind,
        "definition": definition.text,
    }


def indicator_chart_svg(indicator, period, unit=None, *, facts=None, id_suffix="") -> str:
    facts = facts or Facts.load(trend_window(period))
    points = facts.trend(indicator, period, unit.pk if unit else None)
    spec = charts.trend_spec(
        points,
        value_label=_("Outcome"),
        target_label=_("Target"),
        axis_title=str(DEFINITIONS[indicator].unit),
    )
    return charts.render_svg(
        spec,
        title=chart_title(indicator, period, unit),
        description=chart_description(indicator, points),
        id_suffix=id_suffix,
    )
